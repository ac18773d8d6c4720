// The representative operations, each as the GraphQL request a dashboard sends and the
// hand-written Cypher that fetches the same answer.
import { searchEntities } from "../graph/search.ts";
import { metricSeries, metricSummary, shortestConnection, type QueryContext } from "../api/relational.ts";

export interface Sample {
  companyId: string;
  otherCompanyId: string;
  searchText: string;
  namePrefix: string;
}

export interface Operation {
  name: string;
  /** Dashboard operations are also measured for throughput. */
  dashboard: boolean;
  graphql: { query: string; variables: Record<string, unknown> };
  cypher: (ctx: QueryContext) => Promise<unknown>;
  /** The hand-written Cypher as one statement, where it is one (the cost breakdown runs it both ways). */
  statement?: { query: string; params: Record<string, unknown> };
}

/** An operation's hand-written side that is a single statement. */
function statement(query: string, params: Record<string, unknown>): Pick<Operation, "cypher" | "statement"> {
  return {
    statement: { query, params },
    cypher: async (ctx) => (await ctx.driver.executeQuery(query, params, { database: ctx.database, routing: "READ" })).records,
  };
}

export function operations(sample: Sample): Operation[] {
  return [
    {
      name: "entity by id",
      dashboard: false,
      graphql: { query: "query ($id: ID!) { companies(where: { id: { eq: $id } }) { id name nameZhHans } }", variables: { id: sample.companyId } },
      ...statement("MATCH (c:Company {id: $id}) RETURN c { .id, .name, .nameZhHans } AS c", { id: sample.companyId }),
    },
    {
      name: "filtered, sorted page",
      dashboard: true,
      graphql: {
        query: "query ($p: String!) { companies(where: { name: { startsWith: $p } }, sort: [{ name: ASC }], limit: 20, offset: 20) { id name } }",
        variables: { p: sample.namePrefix },
      },
      // Ordered before projecting, so the name index serves the order (as the generated query does).
      ...statement("MATCH (c:Company) WHERE c.name STARTS WITH $p WITH c ORDER BY c.name SKIP 20 LIMIT 20 RETURN c { .id, .name } AS c", { p: sample.namePrefix }),
    },
    {
      name: "company with relationships and evidence",
      dashboard: false,
      graphql: {
        query: `query ($id: ID!) { companies(where: { id: { eq: $id } }) { name
          foundersConnection { edges { properties { sourceId evidence } node { name } } }
          developsConnection { edges { properties { sourceId evidence } node { name } } }
          competesWithConnection { edges { properties { sourceId evidence } node { name } } } } }`,
        variables: { id: sample.companyId },
      },
      ...statement(
        `MATCH (c:Company {id: $id})
         RETURN c.name AS name,
           [(p:Person)-[r:FOUNDED]->(c) | {sourceId: r.sourceId, evidence: r.evidence, name: p.name}] AS founders,
           [(c)-[r:DEVELOPS]->(p:Product) | {sourceId: r.sourceId, evidence: r.evidence, name: p.name}] AS develops,
           [(c)-[r:COMPETES_WITH]-(o:Company) | {sourceId: r.sourceId, evidence: r.evidence, name: o.name}] AS competesWith`,
        { id: sample.companyId },
      ),
    },
    {
      name: "search",
      dashboard: false,
      graphql: { query: "query ($t: String!) { search(text: $t, limit: 10) { score entity { id name type } } }", variables: { t: sample.searchText } },
      cypher: (ctx) => searchEntities(ctx.driver, sample.searchText, 10, ctx.database),
    },
    {
      name: "shortest connection",
      dashboard: false,
      graphql: {
        query: "query ($a: ID!, $b: ID!) { shortestConnection(fromId: $a, toId: $b) { length hops { relationship direction sourceId evidence from { id } to { id } } } }",
        variables: { a: "tsinghua-university", b: "alibaba-cloud" },
      },
      cypher: (ctx) => shortestConnection(ctx, "tsinghua-university", "alibaba-cloud", 6),
    },
    {
      name: "metric time series",
      dashboard: true,
      graphql: {
        query: "query ($id: ID!) { metricSeries(companyId: $id, metric: revenue) { points { periodEnd value unit comparator } } }",
        variables: { id: sample.companyId },
      },
      cypher: (ctx) => metricSeries(ctx, [sample.companyId], "revenue", "actual"),
    },
    {
      name: "aggregate",
      dashboard: true,
      graphql: {
        // The generated aggregates no longer offer value (they mixed kinds and period lengths).
        query: `{ metricSummary(metric: revenue, unit: USD) { kind periodMonths count min max sum } }`,
        variables: {},
      },
      cypher: (ctx) => metricSummary(ctx, { subjectId: null, metric: "revenue", kind: null, unit: "USD" }),
    },
  ];
}
