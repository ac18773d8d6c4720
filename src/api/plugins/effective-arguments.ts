// The arguments a request's fields will actually run with: variables coerced by graphql's own
// getVariableValues (defaults of the operation's variables applied, types coerced), then each
// argument's value taken from the document with valueFromAST. Every check of an argument reads
// these effective values, so a variable's default (`query Q($l: Int! = 100000)`) is checked like a
// literal. The checks refuse what @neo4j/graphql or Neo4j would answer with an internal error.
import { cursorToOffset, offsetToCursor } from "graphql-relay";
import {
  GraphQLError,
  Kind,
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
  type FieldNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { ErrorCode, refusal } from "../errors.ts";

export interface ArgumentLimits {
  maxPageSize: number;
  maxListLength: number;
  /** Relationships a filter may traverse one inside another (metrics: { some: { forecastBy: … } }). */
  maxFilterDepth: number;
}

export interface EffectiveArgument {
  /** Field and argument, e.g. `companies.limit`. */
  path: string;
  name: string;
  value: unknown;
  type: GraphQLInputType;
  /** The field's selection asks for its `aggregate` (a connection's). */
  aggregated: boolean;
}

/** Page sizes: bounded by maxPageSize. */
const PAGE_ARGUMENTS = new Set(["limit", "first"]);
/** Counts of rows: a negative one is a Cypher error (SKIP/LIMIT must be non-negative). */
const COUNT_ARGUMENTS = new Set(["limit", "first", "offset"]);
/** Filters and sorts: @neo4j/graphql fails on a null inside them (Object.entries(null)). */
const NULL_FREE_ARGUMENTS = new Set(["where", "sort"]);

const badInput = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) => refusal(message, code);

const isFieldNode = (node: unknown): node is FieldNode => typeof node === "object" && node !== null && (node as FieldNode).kind === Kind.FIELD;

/** True when a selection set asks for a field of this name, directly or through fragments. */
function selects(selectionSet: SelectionSetNode | undefined, name: string, document: DocumentNode): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet, name, document);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && selects(fragment.selectionSet, name, document);
  });
}

/** The variables the operation runs with, as graphql's execute() sees them: coerced, each missing
 *  one given its default; null if they do not coerce (execution then refuses them). */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  return coerced.errors ? null : coerced.coerced;
}

/** The same, empty if they do not coerce: a page size from a default (`query ($l: Int = 3)`) is a
 *  page like any other (cut-lists.ts counts full pages by it). */
export const effectiveVariables = (schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> =>
  coercedVariables(schema, operation, variables) ?? {};

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
  const coerced = coercedVariables(schema, operation, variables);
  if (!coerced) return [];
  const found: EffectiveArgument[] = [];
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === "FragmentDefinition");
  for (const definition of [operation, ...fragments]) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(node, _key, _parent, _path, ancestors) {
          const argument = typeInfo.getArgument();
          const field = typeInfo.getFieldDef();
          if (!argument || !field || typeInfo.getDirective()) return;
          const value = valueFromAST(node.value, argument.type, coerced);
          const fieldNode = ancestors[ancestors.length - 1];
          const aggregated = isFieldNode(fieldNode) && selects(fieldNode.selectionSet, "aggregate", document);
          if (value !== undefined) found.push({ path: `${field.name}.${argument.name}`, name: argument.name, value, type: argument.type, aggregated });
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

const LOGICAL = new Set(["AND", "OR", "NOT"]);

/**
 * True when a filter value holds at least one comparison: a scalar, an enum, a null, or a list of
 * them (`in: []` compares, and matches nothing). An empty list of filters (AND: []) compares nothing,
 * nor does a null logical filter (NOT: null), which @neo4j/graphql reads as absent.
 */
function comparesSomething(value: unknown, type: GraphQLInputType): boolean {
  if (value === null || typeof value !== "object") return true;
  const nullable = getNullableType(type);
  if (Array.isArray(value)) {
    if (!isInputObjectType(getNamedType(nullable))) return true;
    return value.some((item) => comparesSomething(item, isListType(nullable) ? nullable.ofType : nullable));
  }
  if (!isInputObjectType(nullable)) return true;
  const fields = nullable.getFields();
  return Object.entries(value).some(
    ([key, item]) => fields[key] !== undefined && !(item === null && LOGICAL.has(key)) && comparesSomething(item, fields[key].type),
  );
}

/** Where a value sits inside a filter: in a relationship filter, under AND/OR/NOT, and whether
 *  its field selects an aggregate. */
interface FilterContext {
  inRelationshipFilter: boolean;
  underLogical: boolean;
  aggregated: boolean;
}

const CONNECTION_WHERE = "ConnectionWhere";

/**
 * Where inside a filter or sort a null sits that @neo4j/graphql cannot read (it reads every
 * input object as an object: `where: { id: null }` fails in Object.entries), e.g. `where.id`;
 * null when there is none. A null comparison value (`eq: null`) is read and matches nothing.
 */
function unreadableNull(value: unknown, type: GraphQLInputType, at: string, schema: GraphQLSchema, context: FilterContext): string | null {
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unreadableNull(item, nullable.ofType, `${at}[${i}]`, schema, context);
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
      if (nullMeansNone(nullable, field.type, schema) && !comparesSomething(item, field.type)) return `${at}.${key} (an empty filter)`;
      // A connection filter's node or edge with no comparison: in a relationship filter
      // (metricsConnection: { some: { node: {} } }) @neo4j/graphql drops it and matches every
      // company, with figures or not; on a connection field it means no filter, except under
      // AND/OR/NOT beside an aggregate, where it fails ("Attribute undefined not found").
      if (
        nullable.name.endsWith(CONNECTION_WHERE) &&
        (key === "node" || key === "edge") &&
        (context.inRelationshipFilter || (context.underLogical && context.aggregated)) &&
        !comparesSomething(item, field.type)
      ) {
        return `${at}.${key} (${context.inRelationshipFilter ? "an empty relationship filter" : "an empty filter"})`;
      }
      const inner = getNamedType(field.type);
      const found = unreadableNull(item, field.type, `${at}.${key}`, schema, {
        ...context,
        inRelationshipFilter: context.inRelationshipFilter || (inner.name.endsWith(CONNECTION_WHERE) && !nullable.name.endsWith(CONNECTION_WHERE)),
        underLogical: context.underLogical || LOGICAL.has(key),
      });
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

const NOT_A_HOP = new Set(["AND", "OR", "NOT", "node", "edge"]);

/** Whether a filter field steps to related nodes: a relationship or connection filter
 *  (metrics: { some }, metricsConnection: { all }), a filter on a related node's fields (Metric's
 *  company: CompanyWhere, a deprecated metricsConnection_ALL) or an aggregate over related nodes. */
function isHop(parent: GraphQLInputObjectType, field: string, type: GraphQLInputType): boolean {
  if (NOT_A_HOP.has(field)) return false;
  const name = getNamedType(type).name;
  if (/(RelationshipFilters|ConnectionFilters)$/.test(name)) return true;
  return parent.name.endsWith("Where") && /(Where|AggregateInput)$/.test(name);
}

/** The most relationships a filter value traverses one inside another, and where the deepest ends. */
export function filterDepth(value: unknown, type: GraphQLInputType, at: string): { depth: number; at: string } {
  const named = getNamedType(type);
  let deepest = { depth: 0, at };
  const consider = (candidate: { depth: number; at: string }) => {
    if (candidate.depth > deepest.depth) deepest = candidate;
  };
  if (Array.isArray(value)) {
    value.forEach((item, i) => consider(filterDepth(item, type, `${at}[${i}]`)));
  } else if (typeof value === "object" && value !== null && isInputObjectType(named)) {
    const fields = named.getFields();
    for (const [key, item] of Object.entries(value)) {
      const field = fields[key];
      if (!field) continue;
      const below = filterDepth(item, field.type, `${at}.${key}`);
      consider(isHop(named, key, field.type) ? { depth: below.depth + 1, at: below.at } : below);
    }
  }
  return deepest;
}

/** True for a cursor that @neo4j/graphql (through graphql-relay) reads as the offset it encodes. */
export function isValidCursor(cursor: string): boolean {
  const offset = cursorToOffset(cursor);
  return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
}

/** The first problem with an effective argument, as a coded client error; null if none. */
export function argumentProblem({ path, name, value, type, aggregated }: EffectiveArgument, limits: ArgumentLimits, schema: GraphQLSchema): GraphQLError | null {
  if (COUNT_ARGUMENTS.has(name) && typeof value === "number" && value < 0) {
    return badInput(`Argument '${path}' is ${value}; it cannot be negative`);
  }
  if (PAGE_ARGUMENTS.has(name) && typeof value === "number" && value > limits.maxPageSize) {
    return badInput(`Argument '${path}' is ${value}; the largest page is ${limits.maxPageSize}`, ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED);
  }
  if (name === "after" && typeof value === "string" && !isValidCursor(value)) {
    return badInput(`Argument '${path}' is not a cursor this API gave out (use pageInfo.endCursor)`);
  }
  if (NULL_FREE_ARGUMENTS.has(name) && value !== null) {
    const at = unreadableNull(value, type, name, schema, { inRelationshipFilter: false, underLogical: false, aggregated });
    if (at?.endsWith("(an empty relationship filter)")) {
      const place = at.replace(" (an empty relationship filter)", "");
      return badInput(
        `Argument '${path}' has a filter with no comparison at ${place}, which would match every item, related or not; give it a condition, or to ask for items that have any, filter by the count: { aggregate: { count: { nodes: { gt: 0 } } } }`,
      );
    }
    if (at?.endsWith("(an empty filter)")) {
      return badInput(`Argument '${path}' has a filter with no comparison at ${at.replace(" (an empty filter)", "")}; give it a condition or leave it out`);
    }
    if (at) return badInput(`Argument '${path}' has null at ${at}; leave a field out instead of setting it to null`);
  }
  // Neo4j plans a filter nested through several relationships for minutes (all of figures of
  // forecasters of figures …) before the transaction timeout can stop it: refused at once instead.
  if (name === "where" && value !== null) {
    const nested = filterDepth(value, type, name);
    if (nested.depth > limits.maxFilterDepth) {
      return badInput(
        `Argument '${path}' filters through ${nested.depth} relationships one inside another (to ${nested.at}); at most ${limits.maxFilterDepth} are allowed`,
        ErrorCode.FILTER_DEPTH_LIMIT_EXCEEDED,
      );
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
