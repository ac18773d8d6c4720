// A cut list says so. The generated lists return one page (@limit's default, 20 for most types)
// without a word: `sources { mentions { id } }` gave 20 of 37. Each list field that has a
// generated ...Connection beside it is counted: before execution a hidden sibling
// `<field>Connection(where: <the list's where>)` counting its nodes is added to the operation, and
// after it every list that holds fewer items than its total is reported in the response's
// extensions.cutLists ({ path, returned, offset, total }), the hidden fields removed from data.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

const HIDDEN_PREFIX = "_cutListTotal_";

export interface CutList {
  /** Where the list is in data, e.g. "sources.0.mentions". */
  path: string;
  returned: number;
  /** Items skipped before the page (the list's offset argument). */
  offset: number;
  total: number;
}

interface Rewrite {
  /** Hidden alias → the response key of the list it counts, and its offset (a number or a variable). */
  counted: Map<string, { key: string; offset: number | { variable: string } }>;
}

const argument = (field: FieldNode, name: string) => field.arguments?.find((a) => a.name.value === name);

/** The connection's where for a list's where: the same filter, wrapped in { node } for a nested one. */
function connectionWhere(list: GraphQLField<unknown, unknown>, connection: GraphQLField<unknown, unknown>, where: ValueNode): ValueNode {
  const listWhere = list.args.find((a) => a.name === "where");
  const connWhere = connection.args.find((a) => a.name === "where");
  const connType = connWhere ? getNamedType(connWhere.type) : null;
  if (!listWhere || !connType || getNamedType(listWhere.type) === connType) return where;
  if (isInputObjectType(connType) && connType.getFields().node) {
    return { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: "node" }, value: where }] };
  }
  return where;
}

const field = (name: string, selections?: SelectionNode[]): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});

/**
 * How to count a connection's distinct nodes: aggregate { count { nodes } } where the connection
 * has it, since totalCount counts relationships (two sources stating one listing's exchange are two
 * edges to one node, and the list holds it once); else totalCount (a root connection, whose
 * nodes are distinct).
 */
function countSelection(connection: GraphQLNamedType): SelectionSetNode | null {
  if (!isObjectType(connection)) return null;
  const aggregate = connection.getFields().aggregate;
  const aggregateType = aggregate ? getNamedType(aggregate.type) : null;
  const count = aggregateType && isObjectType(aggregateType) ? aggregateType.getFields().count : undefined;
  const countType = count ? getNamedType(count.type) : null;
  if (countType && isObjectType(countType) && countType.getFields().nodes) {
    return { kind: Kind.SELECTION_SET, selections: [field("aggregate", [field("count", [field("nodes")])])] };
  }
  if (connection.getFields().totalCount) return { kind: Kind.SELECTION_SET, selections: [field("totalCount")] };
  return null;
}

/** The operation with a hidden total beside every countable list; the map to read them back. */
export function addListTotals(schema: GraphQLSchema, document: DocumentNode): { document: DocumentNode; rewrite: Rewrite } {
  const rewrite: Rewrite = { counted: new Map() };
  const typeInfo = new TypeInfo(schema);
  let next = 0;
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        enter(node: SelectionSetNode) {
          const parent = typeInfo.getParentType();
          if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
          const fields = parent.getFields();
          const added: SelectionNode[] = [];
          for (const selection of node.selections) {
            if (selection.kind !== Kind.FIELD || selection.name.value.startsWith("__")) continue;
            if (selection.alias?.value.startsWith(HIDDEN_PREFIX)) return undefined; // already rewritten
            const list = fields[selection.name.value];
            const connection = fields[`${selection.name.value}Connection`];
            if (!list || !connection || !isListType(getNullableType(list.type))) continue;
            const counted = countSelection(getNamedType(connection.type));
            if (!counted) continue;
            const alias = `${HIDDEN_PREFIX}${next++}`;
            const where = argument(selection, "where");
            const offset = argument(selection, "offset");
            rewrite.counted.set(alias, {
              key: selection.alias?.value ?? selection.name.value,
              offset:
                offset?.value.kind === Kind.INT ? Number(offset.value.value) : offset?.value.kind === Kind.VARIABLE ? { variable: offset.value.name.value } : 0,
            });
            const args: ArgumentNode[] = where
              ? [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "where" }, value: connectionWhere(list, connection, where.value) }]
              : [];
            added.push({
              kind: Kind.FIELD,
              alias: { kind: Kind.NAME, value: alias },
              name: { kind: Kind.NAME, value: connection.name },
              arguments: args,
              selectionSet: counted,
            });
          }
          return added.length > 0 ? { ...node, selections: [...node.selections, ...added] } : undefined;
        },
      },
    }),
  );
  return { document: rewritten, rewrite };
}

/** Removes the hidden totals from data and lists the cut lists, in document order. */
export function collectCutLists(data: unknown, rewrite: Rewrite, variables: Record<string, unknown> = {}): CutList[] {
  const cut: CutList[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)]));
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const object = value as Record<string, unknown>;
    for (const [alias, { key, offset: given }] of rewrite.counted) {
      if (!(alias in object)) continue;
      const fromVariable = typeof given === "number" ? given : variables[given.variable];
      const offset = typeof fromVariable === "number" ? fromVariable : 0;
      const hidden = object[alias] as { totalCount?: number; aggregate?: { count?: { nodes?: number } } } | null;
      const total = hidden?.aggregate?.count?.nodes ?? hidden?.totalCount;
      delete object[alias];
      const list = object[key];
      if (Array.isArray(list) && typeof total === "number" && offset + list.length < total) {
        cut.push({ path: [...path, key].join("."), returned: list.length, offset, total });
      }
    }
    for (const [key, child] of Object.entries(object)) walk(child, [...path, key]);
  };
  walk(data, []);
  return cut;
}

/** Requests whose response has a cut list: never cached, since a cached answer keeps only data. */
export function hasCutLists<Context extends BaseContext>(requestContext: GraphQLRequestContext<Context>): boolean {
  const body = requestContext.response.body;
  return body?.kind === "single" && Boolean(body.singleResult.extensions?.cutLists);
}

export function cutLists<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let rewrite: Rewrite | null = null;
      return {
        async didResolveOperation(requestContext) {
          if (requestContext.operation?.operation !== "query") return;
          const result = addListTotals(requestContext.schema, requestContext.document);
          if (result.rewrite.counted.size === 0) return;
          rewrite = result.rewrite;
          // Apollo executes requestContext.document; the parsed original stays in its store.
          (requestContext as { document: DocumentNode }).document = result.document;
        },
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          if (!rewrite || body.kind !== "single" || !body.singleResult.data) return;
          const cut = collectCutLists(body.singleResult.data, rewrite, requestContext.request.variables ?? {});
          if (cut.length > 0) body.singleResult.extensions = { ...body.singleResult.extensions, cutLists: cut };
        },
      };
    },
  };
}
