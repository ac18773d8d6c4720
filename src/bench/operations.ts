// The representative operations, each as the GraphQL request a dashboard sends and the
// hand-written Cypher that fetches the same answer.
import { searchEntities } from "../graph/search.ts";
import { metricSeries, metricSummary, shortestConnection, type QueryContext } from "../api/relational.ts";

export interface Sample {
  companyId: string;
  otherCompanyId: string;
  searchText: string;
  namePrefix: string;
  /** A lab with several releases, a model with ancestors and descendants, a licence many models are under. */
  labId: string;
  modelId: string;
  licenseId: string;
}

/** Lineage one hop each way, as Model's fields name it: each field with its type and direction. A
 *  model merged from this one has no field of its own, so MERGED_FROM is asked for outward only. */
const ANCESTORS = [
  ["fineTunedFrom", "FINE_TUNED_FROM"],
  ["distilledFrom", "DISTILLED_FROM"],
  ["quantizedFrom", "QUANTIZED_FROM"],
  ["mergedFrom", "MERGED_FROM"],
  ["successorOf", "SUCCESSOR_OF"],
  ["basedOn", "BASED_ON"],
] as const;
const DESCENDANTS = [
  ["fineTunes", "FINE_TUNED_FROM"],
  ["distillations", "DISTILLED_FROM"],
  ["quantizations", "QUANTIZED_FROM"],
  ["successors", "SUCCESSOR_OF"],
  ["builtOnThis", "BASED_ON"],
] as const;
/** The page a nested list or connection returns when the request names none (@limit's default on Model). */
const NESTED_PAGE = 20;

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
    {
      // A lab's page: its releases in date order, each with what the release edge states (a
      // connection without `first` gets @limit's default page, so the Cypher takes the same).
      name: "release timeline of a lab",
      dashboard: true,
      graphql: {
        query: `query ($id: ID!) { companies(where: { id: { eq: $id } }) { id name
          releasedConnection(sort: [{ edge: { validFrom: ASC } }, { node: { name: ASC } }]) {
            edges { properties { validFrom datePrecision stage access sourceId } node { id name } } } } }`,
        variables: { id: sample.labId },
      },
      ...statement(
        `MATCH (c:Company {id: $id})
         RETURN c.id AS id, c.name AS name, COLLECT {
           MATCH (c)-[r:RELEASED]->(m:Model) WITH r, m ORDER BY r.validFrom, m.name LIMIT ${NESTED_PAGE}
           RETURN {validFrom: r.validFrom, datePrecision: r.datePrecision, stage: r.stage, access: r.access, sourceId: r.sourceId, id: m.id, name: m.name}
         } AS releases`,
        { id: sample.labId },
      ),
    },
    {
      // A model's page: what it was made from and what was made from it, by every lineage relation.
      name: "model lineage",
      dashboard: false,
      graphql: {
        query: `query ($id: ID!) { models(where: { id: { eq: $id } }) { id name releasedBy { id name }
          ${ANCESTORS.map(([field]) => `${field} { id name }`).join(" ")}
          ${DESCENDANTS.map(([field]) => `${field}(sort: [{ name: ASC }]) { id name }`).join(" ")} } }`,
        variables: { id: sample.modelId },
      },
      ...statement(
        `MATCH (m:Model {id: $id})
         RETURN m.id AS id, m.name AS name, [(l:Company)-[:RELEASED]->(m) | l { .id, .name }] AS releasedBy,
           ${ANCESTORS.map(([field, type]) => `[(m)-[:${type}]->(a:Model) | a { .id, .name }] AS ${field}`).join(",\n           ")},
           ${DESCENDANTS.map(([field, type]) => `COLLECT { MATCH (d:Model)-[:${type}]->(m) WITH d ORDER BY d.name LIMIT ${NESTED_PAGE} RETURN d { .id, .name } } AS ${field}`).join(",\n           ")}`,
        { id: sample.modelId },
      ),
    },
    {
      name: "models under a licence, sorted page",
      dashboard: true,
      graphql: {
        query: `query ($id: ID!) { models(where: { licenses: { some: { id: { eq: $id } } } }, sort: [{ name: ASC }], limit: 20) {
          id name releaseDate openWeights } }`,
        variables: { id: sample.licenseId },
      },
      ...statement(
        `MATCH (:License {id: $id})<-[:LICENSED_UNDER]-(m:Model)
         WITH DISTINCT m ORDER BY m.name LIMIT 20
         RETURN m { .id, .name, .releaseDate, .openWeights } AS m`,
        { id: sample.licenseId },
      ),
    },
  ];
}
