// Schema-valid shapes that @neo4j/graphql 7.6 translates into failing Cypher or fails on itself,
// found by the API's fuzz test (test/api-fuzz.test.ts). Each is refused before execution with
// BAD_USER_INPUT naming the part and what to ask instead, rather than answered with an internal
// error. They concern interfaces (Entity) and are read from the type definitions, so a new
// interface or @cypher field is covered without a change here:
//  - sorting an interface's list by a field that its types compute with @cypher (entities sorted
//    by type: "Variable `this1` not defined");
//  - filtering an interface by a relationship it declares with @declareRelationship (entities
//    where mentionedIn: "Attribute mentionedIn not found" in aggregates and counts), or by its
//    typename inside a relationship filter (sources where mentions some typename);
//  - counting the edges of a connection to an interface (sources { mentionsConnection { aggregate
//    { count { edges } } } }: "Edge variable not defined in Count field").
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isAbstractType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { ErrorCode } from "../errors.ts";
import type { EffectiveArgument } from "./effective-arguments.ts";

export interface InterfaceQuirks {
  /** Per interface, the fields its types compute with @cypher: not sortable on the interface. */
  computedFields: Map<string, Set<string>>;
  /** Per interface, the relationships it declares (@declareRelationship): not filterable on it. */
  declaredRelationships: Map<string, Set<string>>;
}

const hasDirective = (node: { directives?: readonly { name: { value: string } }[] }, name: string) =>
  (node.directives ?? []).some((d) => d.name.value === name);

/** What the type definitions say about each interface. */
export function interfaceQuirks(typeDefs: string): InterfaceQuirks {
  const document = parse(typeDefs);
  const computedByType = new Map<string, Set<string>>();
  const interfacesOf = new Map<string, string[]>();
  const quirks: InterfaceQuirks = { computedFields: new Map(), declaredRelationships: new Map() };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
      computedByType.set(definition.name.value, new Set((definition.fields ?? []).filter((f) => hasDirective(f, "cypher")).map((f) => f.name.value)));
      interfacesOf.set(definition.name.value, (definition.interfaces ?? []).map((i) => i.name.value));
    } else if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      const declared = (definition.fields ?? []).filter((f) => hasDirective(f, "declareRelationship")).map((f) => f.name.value);
      quirks.declaredRelationships.set(definition.name.value, new Set(declared));
      const computed = (definition.fields ?? []).filter((f) => hasDirective(f, "cypher")).map((f) => f.name.value);
      quirks.computedFields.set(definition.name.value, new Set(computed));
    }
  }
  for (const [type, interfaces] of interfacesOf) {
    for (const name of interfaces) {
      const set = quirks.computedFields.get(name) ?? new Set<string>();
      for (const field of computedByType.get(type) ?? []) set.add(field);
      quirks.computedFields.set(name, set);
    }
  }
  return quirks;
}

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

/** The interface an input type sorts or filters (EntitySort, EntityWhere → Entity), if any. */
function interfaceOf(inputName: string, suffix: "Sort" | "Where", schema: GraphQLSchema): string | null {
  if (!inputName.endsWith(suffix)) return null;
  const type = schema.getType(inputName.slice(0, -suffix.length));
  return type && isInterfaceType(type) ? type.name : null;
}

/** Relationship filter keys of a declared relationship: mentionedIn, mentionedInConnection, mentionedInAggregate. */
const FILTER_SUFFIXES = ["", "Connection", "Aggregate"];

/**
 * Where a filter uses what @neo4j/graphql cannot filter an interface by: a relationship the
 * interface declares (at any depth), or its typename below a relationship filter (sources where
 * mentions some typename: "Attribute typename not found"; at the top it works).
 */
function findInterfaceFilter(value: unknown, type: GraphQLInputType, at: string, nested: boolean, quirks: InterfaceQuirks, schema: GraphQLSchema): string | null {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (!Array.isArray(value)) return null;
    for (const [i, item] of value.entries()) {
      const found = findInterfaceFilter(item, inner.ofType, `${at}[${i}]`, nested, quirks, schema);
      if (found) return found;
    }
    return null;
  }
  if (!isInputObjectType(inner) || value === null || typeof value !== "object") return null;
  const owner = interfaceOf(inner.name, "Where", schema);
  const declared = owner ? quirks.declaredRelationships.get(owner) : undefined;
  const fields = inner.getFields();
  for (const [key, item] of Object.entries(value)) {
    if (declared && [...declared].some((name) => FILTER_SUFFIXES.some((suffix) => key === `${name}${suffix}`))) return `${at}.${key}`;
    if (owner && nested && key === "typename") return `${at}.${key}`;
    const field = fields[key];
    if (!field) continue;
    const logical = key === "AND" || key === "OR" || key === "NOT";
    const found = findInterfaceFilter(item, field.type, `${at}.${key}`, nested || !logical, quirks, schema);
    if (found) return found;
  }
  return null;
}

/** A problem with an effective sort or filter argument on an interface; null if none. */
export function interfaceArgumentProblem(argument: EffectiveArgument, quirks: InterfaceQuirks, schema: GraphQLSchema): GraphQLError | null {
  const inputName = getNamedType(argument.type).name;
  if (argument.name === "sort" && Array.isArray(argument.value)) {
    const owner = interfaceOf(inputName, "Sort", schema);
    const computed = owner ? quirks.computedFields.get(owner) : undefined;
    for (const item of argument.value) {
      const key = Object.keys((item ?? {}) as object).find((k) => computed?.has(k));
      if (key) return refuse(`Argument '${argument.path}' sorts ${owner} by '${key}', which is computed per type and cannot be sorted on; sort by another field or query one type`);
    }
  }
  if (argument.name === "where") {
    const at = findInterfaceFilter(argument.value, argument.type, "where", false, quirks, schema);
    if (at) {
      return refuse(
        at.endsWith(".typename")
          ? `Argument '${argument.path}' filters on ${at}: an interface's typename cannot be filtered on inside a relationship filter; filter on the related entities' fields instead`
          : `Argument '${argument.path}' filters on ${at}, a relationship declared on an interface, which cannot be filtered on; query the related type and filter it (e.g. sources(where: { mentions: ... }))`,
      );
    }
  }
  return null;
}

/** `count { edges }` in an aggregate over a connection to an interface or union. */
export function interfaceEdgeCount(schema: GraphQLSchema, document: DocumentNode): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  const connections: (GraphQLNamedType | null)[] = [];
  let problem: GraphQLError | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : null;
          // The node type of a connection (…Connection { edges { node } }), to know what its aggregate counts.
          let paged: GraphQLNamedType | null = null;
          if (named && isObjectType(named) && named.getFields().edges) {
            const edge = getNamedType(named.getFields().edges!.type);
            if (isObjectType(edge) && edge.getFields().node) paged = getNamedType(edge.getFields().node!.type);
          }
          connections.push(paged);
          const parent = typeInfo.getParentType();
          if (!problem && node.name.value === "edges" && (parent?.name === "Count" || parent?.name === "CountConnection")) {
            const connection = [...connections].reverse().find((c) => c !== null);
            if (connection && isAbstractType(connection)) {
              problem = refuse(`Selection 'count { edges }' counts the edges of a connection to ${connection.name}, which cannot be counted; select count { nodes }`);
            }
          }
        },
        leave() {
          connections.pop();
        },
      },
    }),
  );
  return problem;
}
