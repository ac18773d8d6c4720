// A cut list says so. The generated lists return one page (their limit, or @limit's default: 20
// for most types) without a word: `sources { mentions { id } }` gave 20 of 37. Each list is asked
// for one item more than its page; a list that brings the extra item back goes on past its page:
// the item is dropped and the list is named in the response's extensions.cutLists
// ({ path, returned, offset }). So a page costs the one query it always cost.
//
// How: before execution each countable list (one with a generated ...Connection beside it) gets
// its page plus one as its limit (@limit's max is the largest page plus one for this), and each
// selection set holding such lists a hidden `id` under an alias of its own, so that its objects
// can be found in the answer. After execution (executionDidEnd, before any willSendResponse, so the
// response cache stores the final answer with its cut lists) the extra items are dropped. A client
// that wants the totals too (the explorer: "20 of 37") sends extensions: { cutListTotals: true },
// and the cut lists (only those) are counted in one more generated query: per list field, the
// parents' ...Connection(where: the list's where) { aggregate { count { nodes } } } (distinct
// nodes: two sources stating one fact are two edges to one node, which the list holds once).
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
import { REMEMBERED_KEY_CHARS } from "./request-rules.ts";
import { defaultPages } from "./query-cost.ts";

/** The alias prefix of the hidden ids that mark a selection set's objects in the answer. */
const HIDDEN_PREFIX = "_cutListSet_";

export interface CutList {
  /** Where the list is in data, e.g. "sources.0.mentions". */
  path: string;
  returned: number;
  /** Items skipped before the page (the list's offset argument). */
  offset: number;
  /** How many match, when the request asked for totals (extensions.cutListTotals). */
  total?: number;
}

/** The request extension that asks for each cut list's total (one more query when a list is cut). */
export const TOTALS_EXTENSION = "cutListTotals";

/** A list field in one selection set. */
interface ListSite {
  /** The response key (alias or name). */
  key: string;
  field: string;
  parentType: string;
  /** The list's item type, whose @limit default is its page when no limit is given. */
  itemType: string;
  where?: ValueNode;
  /** The page the client asked for (its limit, or the item type's default). */
  page: number;
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

const valueOf = (node: ValueNode | undefined, variables: Record<string, unknown>): unknown =>
  node?.kind === Kind.INT ? Number(node.value) : node?.kind === Kind.VARIABLE ? variables[node.name.value] : undefined;

const intValue = (value: number): ValueNode => ({ kind: Kind.INT, value: String(value) });

/** The operation with each countable list asked for one item past its page, and a hidden id in
 *  every selection set that holds one. `variables` are the effective ones (defaults applied). */
export function markLists(
  schema: GraphQLSchema,
  document: DocumentNode,
  pages: Map<string, number>,
  variables: Record<string, unknown>,
): { document: DocumentNode; marks: ListMarks } {
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
          const selections = node.selections.map((selection) => {
            if (selection.kind !== Kind.FIELD || selection.name.value.startsWith("__")) return selection;
            const list = fields[selection.name.value];
            const connection = fields[`${selection.name.value}Connection`];
            if (!list || !connection || !isListType(getNullableType(list.type))) return selection;
            const counts = countKind(getNamedType(connection.type));
            const itemType = getNamedType(list.type).name;
            const limit = valueOf(argument(selection, "limit"), variables);
            const page = typeof limit === "number" ? limit : pages.get(itemType);
            if (!counts || page === undefined) return selection;
            const [where, offset] = ["where", "offset"].map((a) => argument(selection, a));
            sites.push({
              key: selection.alias?.value ?? selection.name.value,
              field: selection.name.value,
              parentType: parent.name,
              itemType,
              ...(where ? { where } : {}),
              page,
              ...(offset ? { offset } : {}),
              wrapWhere: wrapsWhere(list, connection),
              countsNodes: counts === "nodes",
            });
            const others = (selection.arguments ?? []).filter((a) => a.name.value !== "limit");
            return { ...selection, arguments: [...others, { kind: Kind.ARGUMENT, name: name("limit"), value: intValue(page + 1) }] };
          });
          if (sites.length === 0) return undefined;
          if (root) {
            marks.sets.set("", [...(marks.sets.get("") ?? []), ...sites]);
            return { ...node, selections };
          }
          const alias = `${HIDDEN_PREFIX}${next++}`;
          marks.sets.set(alias, sites);
          return { ...node, selections: [...selections, field("id", undefined, alias)] };
        },
      },
    }),
  );
  return { document: marked, marks };
}


/** A cut list, found in the answer. */
interface FoundCut {
  site: ListSite;
  parentId: string | null;
  cut: CutList;
}

/** Drops each list's extra item and the hidden ids from data; returns the lists that were cut. */
export function trimCutLists(data: Record<string, unknown>, marks: ListMarks, variables: Record<string, unknown>): FoundCut[] {
  const found: FoundCut[] = [];
  const consider = (object: Record<string, unknown>, sites: ListSite[], parentId: string | null, path: string[]) => {
    for (const site of sites) {
      const list = object[site.key];
      if (!Array.isArray(list) || list.length <= site.page) continue;
      list.length = site.page;
      const offsetValue = valueOf(site.offset, variables);
      const offset = typeof offsetValue === "number" ? offsetValue : 0;
      found.push({ site, parentId, cut: { path: [...path, site.key].join("."), returned: site.page, offset } });
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
  return found;
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

/** Counts the cut lists in one generated query; the totals in the order of `full`. */
async function countCutLists(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  full: FoundCut[],
  variables: Record<string, unknown>,
  contextValue: unknown,
): Promise<Array<number | null>> {
  const bySite = new Map<ListSite, FoundCut[]>();
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

/** Marked documents remembered per parsed document and page sizes: a repeated request is marked
 *  once (the marked document and its marks are never changed after marking). */
const MARKED_PER_DOCUMENT = 64;
type MarkedDocuments = WeakMap<DocumentNode, Map<string, ReturnType<typeof markLists>>>;

function memoMarks(markedDocuments: MarkedDocuments, schema: GraphQLSchema, document: DocumentNode, pages: Map<string, number>, variables: Record<string, unknown>) {
  let byVariables = markedDocuments.get(document);
  if (!byVariables) markedDocuments.set(document, (byVariables = new Map()));
  const key = JSON.stringify(variables);
  if (key.length > REMEMBERED_KEY_CHARS) return markLists(schema, document, pages, variables);
  let result = byVariables.get(key);
  if (!result) {
    if (byVariables.size >= MARKED_PER_DOCUMENT) byVariables.clear();
    byVariables.set(key, (result = markLists(schema, document, pages, variables)));
  }
  return result;
}

export function cutLists<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  const pages = defaultPages(readTypeDefs());
  const markedDocuments: MarkedDocuments = new WeakMap();
  return {
    async requestDidStart() {
      let marks: ListMarks | null = null;
      return {
        async didResolveOperation(requestContext) {
          const { operation, schema, request } = requestContext;
          if (operation?.operation !== "query") return;
          const result = memoMarks(markedDocuments, schema, requestContext.document, pages, effectiveVariables(schema, operation, request.variables));
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
              const { operation, schema, request } = requestContext;
              if (!marks || body?.kind !== "single" || !body.singleResult.data || !operation) return;
              const variables = request.variables ?? {};
              const found = trimCutLists(body.singleResult.data, marks, effectiveVariables(schema, operation, variables));
              if (found.length === 0) return;
              if (request.extensions?.[TOTALS_EXTENSION] === true) {
                const totals = await countCutLists(schema, operation, found, variables, requestContext.contextValue);
                found.forEach(({ cut }, i) => {
                  if (typeof totals[i] === "number") cut.total = totals[i];
                });
              }
              body.singleResult.extensions = { ...body.singleResult.extensions, cutLists: found.map(({ cut }) => cut) };
            },
          };
        },
      };
    },
  };
}
