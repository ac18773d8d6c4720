// The cost limit: an upper bound on how many values a response can hold, computed by
// graphql-query-complexity on the effective arguments (variables and their defaults applied).
// A field costs 1 plus what it contains; a list multiplies what each item contains by the most
// items it can return: its page argument (limit, first), or else its type's default page (@limit in
// schema/*.graphql). So nested lists multiply: four nested lists of 100 cost over 100 million,
// where a selection-counting cost (graphql-armor's) saw a few dozen fields.
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLNamedType,
} from "graphql";
import { ErrorCode, markLimitRejection } from "../errors.ts";

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
export function responseSizeEstimator(pages: Map<string, number>): ComplexityEstimator {
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
    return 1 + items * childComplexity;
  };
}

// The lists inside a paged object (a connection's edges, a neighbourhood's facts): the page itself.
const PAGE_LISTS = new Set(["edges", "facts", "paths"]);
const isPageList = (name: string) => PAGE_LISTS.has(name);

export interface CostCheck {
  maxCost: number;
  pages: Map<string, number>;
}

/** The operation's cost on its effective arguments; throws COST_LIMIT_EXCEEDED above maxCost. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  { maxCost, pages }: CostCheck,
): number {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      ...(operationName ? { operationName } : {}),
      estimators: [responseSizeEstimator(pages)],
    });
  } catch {
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT, before any Cypher.
    return 0;
  }
  if (cost > maxCost) {
    const error = new GraphQLError(
      `Query cost ${cost} is above the limit of ${maxCost}: a response could hold that many values (nested lists multiply their pages); ask for smaller pages or fewer nested lists`,
      { extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED, http: { status: 400 } } },
    );
    markLimitRejection(error, ErrorCode.COST_LIMIT_EXCEEDED);
    throw error;
  }
  return cost;
}
