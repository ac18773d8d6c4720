// The cost limit: an upper bound on how many values a response can hold, computed by
// graphql-query-complexity on the effective arguments (variables and their defaults applied).
// A field costs 1 plus what it contains; a list multiplies what each item contains by the most
// items it can return: its page argument (limit, first), or else its type's default page (@limit in
// schema/*.graphql). So nested lists multiply: four nested lists of 100 cost over 100 million,
// where a selection-counting cost (graphql-armor's) saw a few dozen fields.
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLNamedType,
} from "graphql";
import { ErrorCode, markLimitRejection, refusal } from "../errors.ts";

/** Lists whose size the schema does not state (custom results: hops, points, facts) count this many. */
export const UNSTATED_LIST_SIZE = 20;

/** The default page of each type and interface with @limit(default: n) in the type definitions. */
export function defaultPages(typeDefs: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const match of typeDefs.matchAll(/^(?:type|interface)\s+(\w+)[^{\n]*@limit\(\s*default:\s*(\d+)/gm)) {
    pages.set(match[1]!, Number(match[2]));
  }
  return pages;
}

/** Each relationship field of the type definitions ("Company.founders") with the degree keys that
 *  bound it: its type and direction as recorded at load ("FOUNDED<"), both for an undirected one. */
export function relationshipFields(typeDefs: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  // A block ends at the brace that starts a line (a comment inside may hold braces).
  for (const block of typeDefs.matchAll(/^(?:type|interface)\s+(\w+)[^{]*\{([\s\S]*?)^\}/gm)) {
    for (const field of block[2]!.matchAll(/^\s*(\w+)\s*:\s*[[\]\w!]+\s*@relationship\(([^)]*)\)/gm)) {
      const args = field[2]!;
      const type = /type:\s*"(\w+)"/.exec(args)?.[1];
      const direction = /direction:\s*(IN|OUT)/.exec(args)?.[1];
      if (!type || !direction) continue;
      const keys = /queryDirection:\s*UNDIRECTED/.test(args) ? [`${type}>`, `${type}<`] : [`${type}${direction === "OUT" ? ">" : "<"}`];
      fields.set(`${block[1]}.${field[1]}`, keys);
    }
  }
  return fields;
}

/** What the loaded graph says bounds a relationship list: its largest degree (summed both ways for an undirected one). */
function degreeBound(relationships: Map<string, string[]>, degrees: ReadonlyMap<string, number> | null, parent: string, field: string): number | null {
  if (!degrees) return null;
  const keys = relationships.get(`${parent}.${field}`) ?? relationships.get(`${parent}.${field.replace(/Connection$/, "")}`);
  if (!keys) return null;
  return keys.reduce((sum, key) => sum + (degrees.get(key) ?? 0), 0);
}

/** A root list filtered by its unique key answers one item per id: where: { id: { eq } } one, { in: [...] } as many. */
function idsFiltered(args: Record<string, unknown>): number | null {
  const id = (args.where as { id?: { eq?: unknown; in?: unknown } } | undefined)?.id;
  if (id && typeof id.eq === "string") return 1;
  if (id && Array.isArray(id.in)) return id.in.length;
  return null;
}

const pageOf = (args: Record<string, unknown>): number | null => {
  const page = args.limit ?? args.first;
  return typeof page === "number" && page >= 0 ? page : null;
};

/** A list answering one item per id asked (compareCompanies(companyIds)): as many as the ids. */
const idsAsked = (args: Record<string, unknown>): number | null => {
  const ids = Object.entries(args).find(([name, value]) => name.endsWith("Ids") && Array.isArray(value));
  return ids ? (ids[1] as unknown[]).length : null;
};

/** The node type a connection type pages over (CompaniesConnection → Company), through edges.node. */
function pagedType(type: GraphQLNamedType): GraphQLNamedType | null {
  if (!isObjectType(type)) return null;
  const edges = type.getFields().edges;
  if (!edges) return null;
  const node = (() => {
    const edge = getNamedType(edges.type);
    return isObjectType(edge) ? edge.getFields().node : undefined;
  })();
  return node ? getNamedType(node.type) : null;
}

/**
 * The estimator: a page argument multiplies what the field contains, whether the field is a list
 * (companies(limit)) or an object holding one (companiesConnection(first) { edges }, neighbourhood(limit)
 * { facts }); a list inside such an object is that page, not a second multiplication.
 */
export function responseSizeEstimator(
  pages: Map<string, number>,
  bounds: { relationships: Map<string, string[]>; degrees: ReadonlyMap<string, number> | null } = { relationships: new Map(), degrees: null },
): ComplexityEstimator {
  return ({ type: parent, field, args, childComplexity }) => {
    // Introspection (__schema, __type and their types) is answered from the schema, not Neo4j.
    if (field.name.startsWith("__") || parent.name.startsWith("__")) return 0;
    const returned = getNamedType(field.type);
    const isList = isListType(getNullableType(field.type));
    const page = pageOf(args);
    const paged = pagedType(returned);
    const takesPage = "limit" in args || "first" in args;
    let items = 1;
    if (takesPage) {
      items = page ?? pages.get((paged ?? returned).name) ?? UNSTATED_LIST_SIZE;
    } else if (isList && idsAsked(args) !== null) {
      items = idsAsked(args)!;
    } else if (isList && !isPageList(field.name)) {
      items = pages.get(returned.name) ?? (isObjectType(returned) || childComplexity > 0 ? UNSTATED_LIST_SIZE : 1);
    }
    // What the data allows: a unique key's ids at the root, a relationship's largest degree below.
    const byIds = parent.name === "Query" ? idsFiltered(args) : null;
    if (byIds !== null) items = Math.min(items, byIds);
    const degree = degreeBound(bounds.relationships, bounds.degrees, parent.name, field.name);
    if (degree !== null) items = Math.min(items, degree);
    return 1 + items * childComplexity;
  };
}

// The lists inside a paged object (a connection's edges, a neighbourhood's facts, the change items
// of changes(limit), at most limit in all): the page itself.
const PAGE_LISTS = new Set(["edges", "facts", "paths", "items"]);
const isPageList = (name: string) => PAGE_LISTS.has(name);

export interface CostCheck {
  maxCost: number;
  pages: Map<string, number>;
  /** Relationship fields and the degree keys bounding them (relationshipFields). */
  relationships?: Map<string, string[]>;
  /** The loaded graph's largest degrees (GraphVersion.degrees), read per request. */
  degrees?: () => ReadonlyMap<string, number> | null;
}

/** The operation's cost on its effective arguments; throws COST_LIMIT_EXCEEDED above maxCost. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  { maxCost, pages, relationships = new Map(), degrees = () => null }: CostCheck,
): number {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [responseSizeEstimator(pages, { relationships, degrees: degrees() })],
    });
  } catch {
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT, before any Cypher.
    return 0;
  }
  if (cost > maxCost) {
    const error = refusal(
      `Query cost ${cost} is above the limit of ${maxCost}: a response could hold that many values (nested lists multiply their pages); ask for smaller pages or fewer nested lists`,
      ErrorCode.COST_LIMIT_EXCEEDED,
    );
    markLimitRejection(error, ErrorCode.COST_LIMIT_EXCEEDED);
    throw error;
  }
  return cost;
}
