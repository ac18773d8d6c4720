// Every guard the API keeps against a defect of @neo4j/graphql, run with the guard off: the shape
// goes straight to the library's own schema (no request rules), built from the type definitions
// with the guarding directive taken out where the guard is one, against the real Neo4j and the
// loaded graph. Each test passes while the library still fails on its shape; when an upgrade fixes
// one, its test fails and names the guard that can go (docs/api.md, "Shapes the API refuses").
import { graphql, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema, readTypeDefs } from "../src/api/schema.ts";
import { loadGraph } from "../src/graph/load.ts";
import { testDatabase, testDriver } from "./support/db.ts";

/** What the library does with a shape: the first error's message, or the data it answered. */
type Defect = { fails: RegExp } | { wrongAnswer: (result: ExecutionResult) => boolean; says: string };

interface Workaround {
  shape: string;
  guard: string;
  /** A directive of the type definitions that is the guard, taken out for this test. */
  directive?: string;
  defect: Defect;
}

const data = (result: ExecutionResult) => result.data as Record<string, any>;

const WORKAROUNDS: Workaround[] = [
  {
    shape: `{ entities(sort: [{ type: DESC }], limit: 3) { id } }`,
    guard: "Entity.type @sortable(byValue: false)",
    directive: " @sortable(byValue: false)",
    defect: { fails: /Variable `this1` not defined/ },
  },
  {
    shape: `{ entitiesConnection(where: { mentionedIn: { some: { kind: { eq: "article" } } } }) { aggregate { count { nodes } } } }`,
    guard: "Entity.mentionedIn @filterable(byValue: false, byAggregate: false)",
    directive: " @filterable(byValue: false, byAggregate: false)",
    defect: { fails: /Attribute mentionedIn not found/ },
  },
  {
    shape: `{ sources(limit: 1) { mentionsConnection { aggregate { count { edges } } } } }`,
    guard: "Source.mentions @relationship(aggregate: false)",
    directive: ", aggregate: false",
    defect: { fails: /Edge variable not defined in Count field/ },
  },
  {
    shape: `{ sources(where: { mentions: { some: { typename: [Company] } } }) { id } }`,
    guard: "unsupported-shapes.ts, interfaceArgumentProblem",
    defect: { fails: /Attribute typename not found/ },
  },
  {
    shape: `{ companies(limit: 1) { metricsConnection { pageInfo { a: hasNextPage b: hasNextPage } } } }`,
    guard: "unsupported-shapes.ts, repeatedConnectionField",
    defect: { fails: /Cannot return null for non-nullable field PageInfo\.hasNextPage/ },
  },
  {
    shape: `{ sourcesConnection { aggregate { node { title { a: shortest b: shortest } } } } }`,
    guard: "unsupported-shapes.ts, repeatedConnectionField",
    defect: { wrongAnswer: (r) => data(r).sourcesConnection.aggregate.node.title.a !== data(r).sourcesConnection.aggregate.node.title.b, says: "two names of one aggregate differ" },
  },
  {
    shape: `{ sourcesConnection { aggregate { node { __typename } } } }`,
    guard: "request-rules.ts, emptyAggregateSelection",
    defect: { fails: /Cannot return null for non-nullable field SourceAggregate\.node/ },
  },
  {
    shape: `{ companies(where: { id: null }) { id } }`,
    guard: "effective-arguments.ts, unreadableNull",
    defect: { fails: /Cannot convert undefined or null to object/ },
  },
  {
    shape: `{ metrics(where: { listing: { cornerstoneInvestors: { none: {} } } }) { id } }`,
    guard: "effective-arguments.ts, unreadableNull (an empty filter on a single related entity)",
    defect: { fails: /missing predicate/ },
  },
  {
    shape: `{ businessModels { companiesShiftingConnection(where: { AND: [{ node: {}, edge: {} }] }) { aggregate { count { nodes } } } } }`,
    guard: "effective-arguments.ts, unreadableNull (an empty node or edge beside an aggregate)",
    defect: { fails: /Attribute undefined not found/ },
  },
  {
    // Every company, with figures or not: the empty node filter is dropped.
    shape: `{ with: companiesConnection(where: { metricsConnection: { some: { node: {} } } }) { totalCount } all: companiesConnection { totalCount } none: companiesConnection(where: { metricsConnection: { none: {} } }) { totalCount } }`,
    guard: "effective-arguments.ts, unreadableNull (an empty relationship filter)",
    defect: { wrongAnswer: (r) => data(r).with.totalCount === data(r).all.totalCount && data(r).none.totalCount > 0, says: "companies with no figure match 'some figure'" },
  },
  {
    shape: `{ companies(limit: -1) { id } }`,
    guard: "effective-arguments.ts, argumentProblem (negative counts)",
    defect: { fails: /LIMIT: Invalid input/ },
  },
  {
    shape: `{ a: companiesConnection(first: 2, after: "garbage", sort: [{ id: ASC }]) { edges { node { id } } } b: companiesConnection(first: 2, sort: [{ id: ASC }]) { edges { node { id } } } }`,
    guard: "effective-arguments.ts, isValidCursor",
    defect: { wrongAnswer: (r) => JSON.stringify(data(r).a) === JSON.stringify(data(r).b), says: "a cursor that is not one reads as the first page" },
  },
];

let driver: Driver;
const schemas = new Map<string, GraphQLSchema>();

beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
  const typeDefs = readTypeDefs();
  for (const { directive } of WORKAROUNDS) {
    const key = directive ?? "";
    if (schemas.has(key)) continue;
    if (directive && !typeDefs.includes(directive)) throw new Error(`the type definitions no longer hold '${directive}'`);
    schemas.set(key, await buildSchema(driver, directive ? typeDefs.replace(directive, "") : typeDefs));
  }
}, 120_000);
afterAll(() => driver?.close());

describe("@neo4j/graphql 7.6 still fails on every shape the API guards against", () => {
  it.each(WORKAROUNDS.map((w) => [w.guard, w] as const))("%s", async (guard, { shape, directive, defect }) => {
    const result = await graphql({ schema: schemas.get(directive ?? "")!, source: shape, contextValue: { sessionConfig: { database: testDatabase() } } });
    const fixed = `@neo4j/graphql now answers ${shape}: the guard ${guard} can go`;
    if ("fails" in defect) {
      expect(result.errors?.[0]?.message ?? `answered ${JSON.stringify(result.data)}`, fixed).toMatch(defect.fails);
    } else {
      expect(result.errors, fixed).toBeUndefined();
      expect(defect.wrongAnswer(result), `${fixed} (no longer: ${defect.says})`).toBe(true);
    }
  });
});
