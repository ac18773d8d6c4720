// A cut list says so. The generated lists return one page (their limit, or @limit's default: 20
// for most types) without a word: `sources { mentions { id } }` gave 20 of 37. Each list that
// comes back full (as many items as its page) may be cut, so after execution it is counted, and
// every list holding fewer items than match is named in the response's extensions.cutLists
// ({ path, returned, offset, total }).
//
// How: before execution each selection set holding a countable list (one with a generated
// ...Connection beside it) gets a hidden `id` under an alias of its own, so that its objects can
// be found in the answer. After execution (executionDidEnd, before any willSendResponse, so the
// response cache stores the final answer with its cut lists) the full lists are counted in one more generated query:
// per list field, the parents' ...Connection(where: the list's where) { aggregate { count { nodes } } }
// (distinct nodes: two sources stating one fact are two edges to one node, which the list holds
// once). Only full lists cost a count; counting every list inside the main query doubled its time.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  execute,
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
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from "graphql";
import { readTypeDefs } from "../schema.ts";
import { effectiveVariables } from "./effective-arguments.ts";
import { defaultPages } from "./query-cost.ts";

/** The alias prefix of the hidden ids that mark a selection set's objects in the answer. */
const HIDDEN_PREFIX = "_cutListSet_";

export interface CutList {
  /** Where the list is in data, e.g. "sources.0.mentions". */
  path: string;
  returned: number;
  /** Items skipped before the page (the list's offset argument). */
  offset: number;
  total: number;
}

/** A list field in one selection set. */
interface ListSite {
  /** The response key (alias or name). */
  key: string;
  field: string;
  parentType: string;
  /** The list's item type, whose @limit default is its page when no limit is given. */
  itemType: string;
  where?: ValueNode;
  limit?: ValueNode;
  offset?: ValueNode;
  /** The connection field's filter wraps the list's in { node } (a nested relationship). */
  wrapWhere: boolean;
  /** aggregate { count { nodes } }, or totalCount where the connection has no aggregate. */
  countsNodes: boolean;
}

export interface ListMarks {
  /** Hidden alias → the lists of that selection set; "" for the operation's root. */
  sets: Map<string, ListSite[]>;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const field = (fieldName: string, selections?: SelectionNode[], alias?: string): FieldNode => ({
  kind: Kind.FIELD,
  ...(alias ? { alias: name(alias) } : {}),
  name: name(fieldName),
  ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
});
const argument = (node: FieldNode, argName: string) => node.arguments?.find((a) => a.name.value === argName)?.value;

/** How a connection counts its nodes, or null if it cannot. */
function countKind(connection: GraphQLNamedType): "nodes" | "totalCount" | null {
  if (!isObjectType(connection)) return null;
  const aggregate = connection.getFields().aggregate;
  const aggregateType = aggregate ? getNamedType(aggregate.type) : null;
  const count = aggregateType && isObjectType(aggregateType) ? aggregateType.getFields().count : undefined;
  const countType = count ? getNamedType(count.type) : null;
  if (countType && isObjectType(countType) && countType.getFields().nodes) return "nodes";
  return connection.getFields().totalCount ? "totalCount" : null;
}

function wrapsWhere(list: GraphQLField<unknown, unknown>, connection: GraphQLField<unknown, unknown>): boolean {
  const listWhere = list.args.find((a) => a.name === "where");
  const connWhere = connection.args.find((a) => a.name === "where");
  const connType = connWhere ? getNamedType(connWhere.type) : null;
  return Boolean(listWhere && connType && getNamedType(listWhere.type) !== connType && isInputObjectType(connType) && connType.getFields().node);
}

/** The operation with a hidden id in every selection set that holds a countable list. */
export function markLists(schema: GraphQLSchema, document: DocumentNode): { document: DocumentNode; marks: ListMarks } {
  const marks: ListMarks = { sets: new Map() };
  const typeInfo = new TypeInfo(schema);
  const queryType = schema.getQueryType();
  let next = 0;
  const marked = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        enter(node: SelectionSetNode) {
          const parent = typeInfo.getParentType();
          if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
          if (node.selections.some((s) => s.kind === Kind.FIELD && s.alias?.value.startsWith(HIDDEN_PREFIX))) return undefined;
          const fields = parent.getFields();
          const root = parent === queryType;
          if (!root && !fields.id) return undefined;
          const sites: ListSite[] = [];
          for (const selection of node.selections) {
            if (selection.kind !== Kind.FIELD || selection.name.value.startsWith("__")) continue;
            const list = fields[selection.name.value];
            const connection = fields[`${selection.name.value}Connection`];
            if (!list || !connection || !isListType(getNullableType(list.type))) continue;
            const counts = countKind(getNamedType(connection.type));
            if (!counts) continue;
            const [where, limit, offset] = ["where", "limit", "offset"].map((a) => argument(selection, a));
            sites.push({
              key: selection.alias?.value ?? selection.name.value,
              field: selection.name.value,
              parentType: parent.name,
              itemType: getNamedType(list.type).name,
              ...(where ? { where } : {}),
              ...(limit ? { limit } : {}),
              ...(offset ? { offset } : {}),
              wrapWhere: wrapsWhere(list, connection),
              countsNodes: counts === "nodes",
            });
          }
          if (sites.length === 0) return undefined;
          if (root) {
            marks.sets.set("", [...(marks.sets.get("") ?? []), ...sites]);
            return undefined;
          }
          const alias = `${HIDDEN_PREFIX}${next++}`;
          marks.sets.set(alias, sites);
          return { ...node, selections: [...node.selections, field("id", undefined, alias)] };
        },
      },
    }),
  );
  return { document: marked, marks };
}

const valueOf = (node: ValueNode | undefined, variables: Record<string, unknown>): unknown =>
  node?.kind === Kind.INT ? Number(node.value) : node?.kind === Kind.VARIABLE ? variables[node.name.value] : undefined;

/** A full list, found in the answer: the one to count. */
interface FullList {
  site: ListSite;
  parentId: string | null;
  path: string;
  returned: number;
  offset: number;
}

/** Removes the hidden ids from data and returns the lists that came back full. */
export function findFullLists(data: Record<string, unknown>, marks: ListMarks, pages: Map<string, number>, variables: Record<string, unknown>): FullList[] {
  const full: FullList[] = [];
  const consider = (object: Record<string, unknown>, sites: ListSite[], parentId: string | null, path: string[]) => {
    for (const site of sites) {
      const list = object[site.key];
      if (!Array.isArray(list)) continue;
      const limit = valueOf(site.limit, variables);
      const page = typeof limit === "number" ? limit : pages.get(site.itemType);
      const offsetValue = valueOf(site.offset, variables);
      const offset = typeof offsetValue === "number" ? offsetValue : 0;
      // A list shorter than its page holds everything after its offset; only a full one may be cut.
      if (page !== undefined && list.length > 0 && list.length >= page) {
        full.push({ site, parentId, path: [...path, site.key].join("."), returned: list.length, offset });
      }
    }
  };
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)]));
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (!key.startsWith(HIDDEN_PREFIX)) continue;
      const id = object[key] as string;
      delete object[key];
      consider(object, marks.sets.get(key) ?? [], id, path);
    }
    for (const [key, child] of Object.entries(object)) walk(child, [...path, key]);
  };
  consider(data, marks.sets.get("") ?? [], null, []);
  walk(data, []);
  return full;
}

/** The root list field that returns `typeName` by filter (Company → companies, Entity → entities). */
function rootListFor(schema: GraphQLSchema, typeName: string): string | null {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const candidate of Object.values(fields)) {
    if (isListType(getNullableType(candidate.type)) && getNamedType(candidate.type).name === typeName && candidate.args.some((a) => a.name === "where")) {
      return candidate.name;
    }
  }
  return null;
}

const objectValue = (entries: Array<[string, ValueNode]>): ValueNode => ({
  kind: Kind.OBJECT,
  fields: entries.map(([key, value]) => ({ kind: Kind.OBJECT_FIELD, name: name(key), value })),
});

/** Counts the full lists in one generated query; the totals in the order of `full`. */
async function countFullLists(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  full: FullList[],
  variables: Record<string, unknown>,
  contextValue: unknown,
): Promise<Array<number | null>> {
  const bySite = new Map<ListSite, FullList[]>();
  for (const list of full) bySite.set(list.site, [...(bySite.get(list.site) ?? []), list]);
  const selections: FieldNode[] = [];
  const idVariables: VariableDefinitionNode[] = [];
  const idValues: Record<string, string[]> = {};
  const sites = [...bySite.keys()];
  sites.forEach((site, i) => {
    const countField = site.countsNodes ? field("aggregate", [field("count", [field("nodes")])]) : field("totalCount");
    const where = site.where ? (site.wrapWhere ? objectValue([["node", site.where]]) : site.where) : undefined;
    const connection: FieldNode = {
      ...field(`${site.field}Connection`, [countField], `c${i}`),
      arguments: where ? [{ kind: Kind.ARGUMENT, name: name("where"), value: where }] : [],
    };
    const parents = bySite.get(site)!.filter((l) => l.parentId !== null);
    if (parents.length === 0) {
      selections.push(connection);
      return;
    }
    const root = rootListFor(schema, site.parentType);
    if (!root) return;
    const variable = `cutListIds${i}`;
    idValues[variable] = [...new Set(parents.map((l) => l.parentId!))];
    idVariables.push({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(variable) },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name("ID") } } } },
    });
    selections.push({
      ...field(root, [field("id"), connection], `p${i}`),
      arguments: [
        { kind: Kind.ARGUMENT, name: name("where"), value: objectValue([["id", objectValue([["in", { kind: Kind.VARIABLE, name: name(variable) }]])]]) },
        { kind: Kind.ARGUMENT, name: name("limit"), value: { kind: Kind.INT, value: String(idValues[variable]!.length) } },
      ],
    });
  });
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: operation.operation,
        // The client's variables, for the lists' filters; execute() does not validate, so unused ones are harmless.
        variableDefinitions: [...(operation.variableDefinitions ?? []), ...idVariables],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      },
    ],
  };
  const result = await execute({ schema, document, variableValues: { ...variables, ...idValues }, contextValue });
  if (result.errors?.length || !result.data) return full.map(() => null);
  type Count = { totalCount?: number; aggregate?: { count?: { nodes?: number } } } | null | undefined;
  const totalOf = (count: Count) => count?.aggregate?.count?.nodes ?? count?.totalCount ?? null;
  return full.map((list) => {
    const i = sites.indexOf(list.site);
    if (list.parentId === null) return totalOf(result.data![`c${i}`] as Count);
    const parents = (result.data![`p${i}`] ?? []) as Array<Record<string, unknown>>;
    const parent = parents.find((p) => p.id === list.parentId);
    return parent ? totalOf(parent[`c${i}`] as Count) : null;
  });
}

export function cutLists<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  const pages = defaultPages(readTypeDefs());
  return {
    async requestDidStart() {
      let marks: ListMarks | null = null;
      return {
        async didResolveOperation(requestContext) {
          if (requestContext.operation?.operation !== "query") return;
          const result = markLists(requestContext.schema, requestContext.document);
          if (result.marks.sets.size === 0) return;
          marks = result.marks;
          // Apollo executes requestContext.document; the parsed original stays in its store.
          (requestContext as { document: DocumentNode }).document = result.document;
        },
        async executionDidStart(requestContext) {
          return {
            // Awaited before willSendResponse: the response cache sees the final answer.
            async executionDidEnd() {
              const body = requestContext.response.body;
              if (!marks || body?.kind !== "single" || !body.singleResult.data || !requestContext.operation) return;
              const variables = requestContext.request.variables ?? {};
              const effective = effectiveVariables(requestContext.schema, requestContext.operation, variables);
              const full = findFullLists(body.singleResult.data, marks, pages, effective);
              if (full.length === 0) return;
              const totals = await countFullLists(requestContext.schema, requestContext.operation, full, variables, requestContext.contextValue);
              const cut: CutList[] = [];
              full.forEach(({ path, returned, offset }, i) => {
                const total = totals[i];
                if (typeof total === "number" && offset + returned < total) cut.push({ path, returned, offset, total });
              });
              if (cut.length > 0) body.singleResult.extensions = { ...body.singleResult.extensions, cutLists: cut };
            },
          };
        },
      };
    },
  };
}
