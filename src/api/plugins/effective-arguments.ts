// The arguments a request's fields will actually run with: variables coerced by graphql's own
// getVariableValues (defaults of the operation's variables applied, types coerced), then each
// argument's value taken from the document with valueFromAST. Every check of an argument reads
// these effective values, so a variable's default (`query Q($l: Int! = 100000)`) is checked like a
// literal. The checks refuse what @neo4j/graphql or Neo4j would answer with an internal error.
import { cursorToOffset, offsetToCursor } from "graphql-relay";
import {
  GraphQLError,
  TypeInfo,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { ErrorCode } from "../errors.ts";

export interface ArgumentLimits {
  maxPageSize: number;
  maxListLength: number;
}

export interface EffectiveArgument {
  /** Field and argument, e.g. `companies.limit`. */
  path: string;
  name: string;
  value: unknown;
  type: GraphQLInputType;
  /** An argument of a root field (Query.companies), not of a nested one (Company.metrics). */
  root: boolean;
}

/** Page sizes: bounded by maxPageSize. */
const PAGE_ARGUMENTS = new Set(["limit", "first"]);
/** Counts of rows: a negative one is a Cypher error (SKIP/LIMIT must be non-negative). */
const COUNT_ARGUMENTS = new Set(["limit", "first", "offset"]);
/** Filters and sorts: @neo4j/graphql fails on a null inside them (Object.entries(null)). */
const NULL_FREE_ARGUMENTS = new Set(["where", "sort"]);

const badInput = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * The effective value of every field argument written in the operation (and the fragments it
 * uses); empty when the variables do not coerce, which execution then reports as BAD_USER_INPUT.
 */
export function effectiveArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): EffectiveArgument[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return [];
  const found: EffectiveArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === "FragmentDefinition");
  for (const definition of [operation, ...fragments]) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          const field = typeInfo.getFieldDef();
          if (!argument || !field || typeInfo.getDirective()) return;
          const value = valueFromAST(node.value, argument.type, coerced.coerced);
          const root = typeInfo.getParentType() === schema.getQueryType();
          if (value !== undefined) found.push({ path: `${field.name}.${argument.name}`, name: argument.name, value, type: argument.type, root });
        },
      }),
    );
  }
  return found;
}

/**
 * A filter on a single related entity (MetricWhere.company: CompanyWhere, a @cypher field), where
 * null has a meaning: "has none". Connection filters (…ConnectionWhere.node) have no such meaning.
 */
function nullMeansNone(parent: GraphQLInputObjectType, fieldType: GraphQLInputType, schema: GraphQLSchema): boolean {
  const entityOf = (name: string) => {
    const type = name.endsWith("Where") ? schema.getType(name.slice(0, -"Where".length)) : undefined;
    return type && (isObjectType(type) || isInterfaceType(type)) && !("edges" in type.getFields()) ? type : undefined;
  };
  const named = getNullableType(fieldType);
  return isInputObjectType(named) && entityOf(parent.name) !== undefined && entityOf(named.name) !== undefined;
}

/** True when a filter value holds at least one comparison (a scalar, an enum or a null). */
function comparesSomething(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  return (Array.isArray(value) ? value : Object.values(value)).some(comparesSomething);
}

/**
 * Where inside a filter or sort a null sits that @neo4j/graphql cannot read (it reads every
 * input object as an object: `where: { id: null }` fails in Object.entries), e.g. `where.id`;
 * null when there is none. A null comparison value (`eq: null`) is read and matches nothing.
 */
function unreadableNull(value: unknown, type: GraphQLInputType, at: string, schema: GraphQLSchema): string | null {
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unreadableNull(item, nullable.ofType, `${at}[${i}]`, schema);
      if (found) return found;
    }
  } else if (isInputObjectType(nullable) && value !== null && typeof value === "object") {
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value as object)) {
      const field = fields[key];
      if (!field) continue;
      if (item === null) {
        // Input objects and lists of them (AND: null, OR: null) alike.
        if (isInputObjectType(getNamedType(field.type)) && !nullMeansNone(nullable, field.type, schema)) return `${at}.${key}`;
        continue;
      }
      // A filter on a single related entity must compare something: one with no comparison in it
      // (listing: { cornerstoneInvestors: { none: {} } }) fails ("missing predicate").
      if (nullMeansNone(nullable, field.type, schema) && !comparesSomething(item)) return `${at}.${key} (an empty filter)`;
      // Likewise a connection filter's node or edge with no comparison, which fails beside an
      // aggregate ("Attribute undefined not found").
      if (nullable.name.endsWith("ConnectionWhere") && (key === "node" || key === "edge") && !comparesSomething(item)) {
        return `${at}.${key} (an empty filter)`;
      }
      const found = unreadableNull(item, field.type, `${at}.${key}`, schema);
      if (found) return found;
    }
  }
  return null;
}

/** The length and place of the longest list inside a value. */
function longestList(value: unknown, at: string): { length: number; at: string } | null {
  let longest: { length: number; at: string } | null = null;
  const consider = (candidate: { length: number; at: string } | null) => {
    if (candidate && (!longest || candidate.length > longest.length)) longest = candidate;
  };
  if (Array.isArray(value)) {
    consider({ length: value.length, at });
    value.forEach((item, i) => consider(longestList(item, `${at}[${i}]`)));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) consider(longestList(item, `${at}.${key}`));
  }
  return longest;
}

/** True for a cursor that @neo4j/graphql (through graphql-relay) reads as the offset it encodes. */
export function isValidCursor(cursor: string): boolean {
  const offset = cursorToOffset(cursor);
  return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
}

/** The first problem with an effective argument, as a coded client error; null if none. */
export function argumentProblem({ path, name, value, type, root }: EffectiveArgument, limits: ArgumentLimits, schema: GraphQLSchema): GraphQLError | null {
  if (COUNT_ARGUMENTS.has(name) && typeof value === "number" && value < 0) {
    return badInput(`Argument '${path}' is ${value}; it cannot be negative`);
  }
  if (PAGE_ARGUMENTS.has(name) && typeof value === "number" && value > limits.maxPageSize) {
    return badInput(`Argument '${path}' is ${value}; the largest page is ${limits.maxPageSize}`, ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED);
  }
  if (name === "after" && typeof value === "string" && !isValidCursor(value)) {
    return badInput(`Argument '${path}' is not a cursor this API gave out (use pageInfo.endCursor)`);
  }
  // A null filter is read as "no filter" on a root field, but fails on a nested one (Object.entries(null)).
  if (name === "where" && value === null && !root) {
    return badInput(`Argument '${path}' is null; leave it out instead of setting it to null`);
  }
  if (NULL_FREE_ARGUMENTS.has(name) && value !== null) {
    const at = unreadableNull(value, type, name, schema);
    if (at) {
      return at.endsWith("(an empty filter)")
        ? badInput(`Argument '${path}' has a filter with no comparison at ${at.replace(" (an empty filter)", "")}; give it a condition or leave it out`)
        : badInput(`Argument '${path}' has null at ${at}; leave a field out instead of setting it to null`);
    }
  }
  const list = longestList(value, name);
  if (list && list.length > limits.maxListLength) {
    return badInput(
      `Argument '${path}' has a list of ${list.length} items at ${list.at}; the longest allowed is ${limits.maxListLength}`,
      ErrorCode.LIST_LENGTH_LIMIT_EXCEEDED,
    );
  }
  return null;
}
