// Schema-valid shapes that @neo4j/graphql 7.6 answers wrongly or fails on, and that the type
// definitions cannot switch off (the ones they can are off there: Entity.type is not sortable,
// Entity.mentionedIn not filterable, Source.mentions has no aggregate). Found by the API's fuzz
// test; each is refused before execution with BAD_USER_INPUT naming the part and what to ask
// instead. test/library-workarounds.test.ts runs each shape with its guard off, so an upgrade of
// the library shows which guards can go (docs/api.md, "Shapes the API refuses").
//  - an interface's typename inside a relationship filter (sources where mentions some typename:
//    "Attribute typename not found"; at the top it works);
//  - a field of a nested connection, its edges or pageInfo, or of an aggregate, selected under two
//    names (metricsConnection { a: totalCount b: totalCount }): one is answered, the others are
//    null, an internal error for a non-null field and a wrong answer for a nullable one.
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { refusal } from "../errors.ts";
import type { EffectiveArgument } from "./effective-arguments.ts";

const refuse = (message: string) => refusal(message);

/** True for a filter input of an interface (EntityWhere). */
function isInterfaceWhere(inputName: string, schema: GraphQLSchema): boolean {
  if (!inputName.endsWith("Where")) return false;
  const type = schema.getType(inputName.slice(0, -"Where".length));
  return type !== undefined && isInterfaceType(type);
}

/** Where a filter names an interface's typename below a relationship filter; null if nowhere. */
function findNestedTypename(value: unknown, type: GraphQLInputType, at: string, nested: boolean, schema: GraphQLSchema): string | null {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (!Array.isArray(value)) return null;
    for (const [i, item] of value.entries()) {
      const found = findNestedTypename(item, inner.ofType, `${at}[${i}]`, nested, schema);
      if (found) return found;
    }
    return null;
  }
  if (!isInputObjectType(inner) || value === null || typeof value !== "object") return null;
  const ofInterface = isInterfaceWhere(inner.name, schema);
  const fields = inner.getFields();
  for (const [key, item] of Object.entries(value)) {
    if (ofInterface && nested && key === "typename") return `${at}.${key}`;
    const field = fields[key];
    if (!field) continue;
    const logical = key === "AND" || key === "OR" || key === "NOT";
    const found = findNestedTypename(item, field.type, `${at}.${key}`, nested || !logical, schema);
    if (found) return found;
  }
  return null;
}

/** A filter argument that names an interface's typename inside a relationship filter; null if none. */
export function interfaceArgumentProblem(argument: EffectiveArgument, schema: GraphQLSchema): GraphQLError | null {
  if (argument.name !== "where") return null;
  const at = findNestedTypename(argument.value, argument.type, "where", false, schema);
  return at
    ? refuse(
        `Argument '${argument.path}' filters on ${at}: an interface's typename cannot be filtered on inside a relationship filter; filter on the related entities' fields instead`,
      )
    : null;
}

/** The types @neo4j/graphql generates around related nodes: connections, their edges, PageInfo,
 *  and every type below an aggregate. */
export function connectionShapeTypes(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  const below = (type: GraphQLNamedType) => {
    if (!isObjectType(type) || found.has(type.name)) return;
    found.add(type.name);
    for (const field of Object.values(type.getFields())) below(getNamedType(field.type));
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const fields = type.getFields();
    if (fields.edges && fields.pageInfo) {
      found.add(type.name);
      found.add(getNamedType(fields.pageInfo.type).name);
      const edge = getNamedType(fields.edges.type);
      if (isObjectType(edge)) found.add(edge.name);
      if (fields.aggregate) below(getNamedType(fields.aggregate.type));
    }
  }
  return found;
}

/** Per field name, the response keys a selection set gives it, through its fragments. */
function responseKeys(selectionSet: SelectionSetNode, document: DocumentNode, keys = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name !== "__typename") keys.set(name, (keys.get(name) ?? new Set()).add(selection.alias?.value ?? name));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      responseKeys(selection.selectionSet, document, keys);
    } else {
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) responseKeys(fragment.selectionSet, document, keys);
    }
  }
  return keys;
}

/** The walk that finds a field of a connection, edge, pageInfo or aggregate selected under two or
 *  more names; `found` hears of the first. One walk of the document runs it beside the other rules. */
export function repeatedConnectionFieldVisitor(typeInfo: TypeInfo, document: DocumentNode, shapes: Set<string>, found: (problem: GraphQLError) => void): ASTVisitor {
  let done = false;
  return {
    SelectionSet(node) {
      const parent = typeInfo.getParentType();
      if (done || !parent || !shapes.has(parent.name)) return;
      for (const [name, keys] of responseKeys(node, document)) {
        if (keys.size < 2) continue;
        done = true;
        found(
          refuse(
            `Selection '${parent.name}.${name}' is asked for under ${keys.size} names (${[...keys].join(", ")}); a field of a connection, its edges, pageInfo or an aggregate can be selected once: ask for it under one name`,
          ),
        );
        return;
      }
    },
  };
}

/** A field of a connection, edge, pageInfo or aggregate selected under two or more names. */
export function repeatedConnectionField(schema: GraphQLSchema, document: DocumentNode, shapes: Set<string>): GraphQLError | null {
  const typeInfo = new TypeInfo(schema);
  let problem: GraphQLError | null = null;
  visit(document, visitWithTypeInfo(typeInfo, repeatedConnectionFieldVisitor(typeInfo, document, shapes, (found) => (problem = found))));
  return problem;
}
