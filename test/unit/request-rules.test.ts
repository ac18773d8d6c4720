// The request rules on effective arguments and the cost estimator, on the API's own schema (the
// committed SDL) and type definitions, without a database: each refuses before any Cypher runs.
import { readFileSync } from "node:fs";
import type { BaseContext, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { buildSchema, getOperationAST, parse, type DocumentNode, type GraphQLError, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { GENERATED_SDL_FILE, readTypeDefs } from "../../src/api/schema.ts";
import { argumentProblem, effectiveArguments, isValidCursor } from "../../src/api/plugins/effective-arguments.ts";
import { checkCost, defaultPages, relationshipFields } from "../../src/api/plugins/query-cost.ts";
import { graphRows, largestDegrees } from "../../src/graph/load.ts";
import { readSourceFiles, sourceFilesIn } from "../../src/graph/source-file.ts";
import { emptyAggregateSelection, requestRules } from "../../src/api/plugins/request-rules.ts";
import { connectionShapeTypes, interfaceArgumentProblem, repeatedConnectionField } from "../../src/api/plugins/unsupported-shapes.ts";

const schema = buildSchema(readFileSync(GENERATED_SDL_FILE, "utf8"));
const pages = defaultPages(readTypeDefs());
const limits = { maxPageSize: 100, maxListLength: 100, maxFilterDepth: 3 };

/** The first problem of the operation's effective arguments, as its code and message. */
function problem(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
  for (const argument of effectiveArguments(schema, document, operation, variables)) {
    const error = argumentProblem(argument, limits, schema);
    if (error) return { code: error.extensions.code, message: error.message };
  }
  return null;
}

describe("filter depth", () => {
  // Companies → their figures → those figures' forecasters → their figures …
  const three = `metrics: { some: { forecastBy: { all: { metrics: { some: { metric: { eq: revenue } } } } } } }`;
  const four = `metrics: { some: { forecastBy: { all: { metrics: { some: { forecastBy: { all: { name: { eq: "x" } } } } } } } } }`;

  it("counts relationships a filter steps through, one inside another, whatever the way it is written", () => {
    expect(problem(`{ companies(where: { metrics: { some: { metric: { eq: revenue } } } }) { id } }`)).toBeNull();
    expect(problem(`{ companies(where: { ${three} }) { id } }`)).toBeNull();
    const refused = problem(`{ companies(where: { ${four} }) { id } }`);
    expect(refused).toMatchObject({ code: "FILTER_DEPTH_LIMIT_EXCEEDED" });
    expect(refused!.message).toMatch(/through 4 relationships .*at most 3/);
    // A connection filter's node, a related node's own fields (Metric.company) and AND/OR/NOT.
    const connection = `metricsConnection: { some: { node: { forecastBy: { some: { metricsConnection: { all: { node: { company: { id: { eq: "x" } } } } } } } } } }`;
    expect(problem(`{ companies(where: { AND: [{ ${connection} }] }) { id } }`)).toMatchObject({ code: "FILTER_DEPTH_LIMIT_EXCEEDED" });
    expect(problem(`{ companies(where: { OR: [{ name: { eq: "a" } }, { NOT: { ${four} } }] }) { id } }`)).toMatchObject({ code: "FILTER_DEPTH_LIMIT_EXCEEDED" });
    expect(problem(`{ companies(where: { OR: [{ name: { eq: "a" } }, { NOT: { ${three} } }] }) { id } }`)).toBeNull();
  });

  it("reads a filter given by a variable or a variable's default", () => {
    const query = `query Q($w: CompanyWhere = { ${four} }) { companies(where: $w) { id } }`;
    expect(problem(query)).toMatchObject({ code: "FILTER_DEPTH_LIMIT_EXCEEDED" });
    expect(problem(query, { w: { name: { eq: "x" } } })).toBeNull();
  });
});

describe("effective arguments", () => {
  it("applies a variable's default before checking a page size", () => {
    expect(problem(`query Q($l: Int! = 100000) { search(text: "a", limit: $l) { score } }`)).toMatchObject({ code: "PAGE_SIZE_LIMIT_EXCEEDED" });
    expect(problem(`query Q($l: Int! = 100000) { search(text: "a", limit: $l) { score } }`, { l: 5 })).toBeNull();
    expect(problem(`query Q($l: Int = 100) { companies(limit: $l) { id } }`)).toBeNull();
  });

  it("reads arguments inside fragments", () => {
    expect(problem(`query { ...F } fragment F on Query { companies(offset: -1) { id } }`)).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("ignores directive arguments and gives up on variables that do not coerce (execution reports them)", () => {
    expect(problem(`query Q($b: Boolean!) { companies(limit: 1) @include(if: $b) { id } }`, { b: true })).toBeNull();
    expect(problem(`query Q($l: Int!) { companies(limit: $l) { id } }`, { l: "many" })).toBeNull();
  });

  it("refuses a null @neo4j/graphql cannot read, and allows the nulls it reads", () => {
    expect(problem(`{ companies(where: { name: null }) { id } }`)?.message).toMatch(/null at where\.name/);
    expect(problem(`{ companies(where: { OR: [{ id: { eq: "a" } }, { memberOf: null }] }) { id } }`)?.message).toMatch(/null at where\.OR\[1\]\.memberOf/);
    expect(problem(`{ metrics(where: { company: null }) { id } }`)).toBeNull();
    expect(problem(`{ companies(where: { name: { eq: null } }) { id } }`)).toBeNull();
    expect(problem(`{ companies(where: null) { id } }`)).toBeNull();
  });

  it("counts the longest list anywhere in an argument", () => {
    const ids = Array.from({ length: 101 }, (_, i) => `"c${i}"`).join(",");
    expect(problem(`{ companies(where: { AND: [{ id: { in: [${ids}] } }] }) { id } }`)).toMatchObject({ code: "LIST_LENGTH_LIMIT_EXCEEDED" });
  });
});

describe("cursors", () => {
  it("accepts the cursors @neo4j/graphql gives out and nothing else", () => {
    expect(isValidCursor(Buffer.from("arrayconnection:19").toString("base64"))).toBe(true);
    for (const bad of ["garbage", "", Buffer.from("arrayconnection:-1").toString("base64"), Buffer.from("arrayconnection:5x").toString("base64")]) {
      expect(isValidCursor(bad)).toBe(false);
    }
  });
});

describe("aggregate selections", () => {
  it("refuses an aggregate node with only __typename, even through a fragment", () => {
    expect(emptyAggregateSelection(schema, parse(`{ sourcesConnection { aggregate { node { __typename } } } }`))?.message).toMatch(/SourceAggregate\.node/);
    expect(emptyAggregateSelection(schema, parse(`{ sourcesConnection { aggregate { node { ... on SourceAggregateNode { __typename } } } } }`))).not.toBeNull();
    expect(emptyAggregateSelection(schema, parse(`{ sourcesConnection { aggregate { node { title { shortest } } } } }`))).toBeNull();
    expect(emptyAggregateSelection(schema, parse(`{ companies { formerStaffConnection { aggregate { __typename } } } }`))?.message).toMatch(/FormerStaffConnection\.aggregate/);
    expect(emptyAggregateSelection(schema, parse(`{ companies { formerStaffConnection { aggregate { count { nodes } } } } }`))).toBeNull();
  });
});

describe("cost", () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    checkCost(schema, parse(query), undefined, variables, { maxCost: Number.MAX_SAFE_INTEGER, pages });

  it("reads default pages from @limit", () => {
    expect(pages.get("Company")).toBe(20);
    expect(pages.get("Metric")).toBe(50);
  });

  it("multiplies nested lists by their pages, from literals, variables or defaults", () => {
    expect(cost(`{ companies(limit: 100) { id } }`)).toBe(1 + 100 * 1);
    expect(cost(`{ companies(limit: 100) { competesWith(limit: 100) { id name } } }`)).toBe(1 + 100 * (1 + 100 * 2));
    expect(cost(`{ companies { id } }`)).toBe(1 + 20);
    expect(cost(`{ companies(limit: 1) { metrics { id } } }`)).toBe(1 + 1 * (1 + 50));
    expect(cost(`query Q($n: Int = 7) { companies(limit: $n) { id } }`)).toBe(8);
    expect(cost(`query Q($n: Int) { companies(limit: $n) { id } }`, { n: 3 })).toBe(4);
  });

  it("counts a connection's page once, at the connection", () => {
    expect(cost(`{ companiesConnection(first: 10) { edges { node { id name } } } }`)).toBe(1 + 10 * (1 + 1 + 2));
  });

  it("sizes a list answering one item per id asked by the ids, not an unstated twenty", () => {
    const query = `query Q($ids: [ID!]!) { compareCompanies(companyIds: $ids, metric: revenue) { company { id } } }`;
    expect(cost(query, { ids: ["a", "b"] })).toBe(1 + 2 * (1 + 1));
    expect(cost(query, { ids: ["a", "b", "c"] })).toBe(1 + 3 * (1 + 1));
  });

  it("refuses above the limit with COST_LIMIT_EXCEEDED", () => {
    const query = parse(`{ companies(limit: 100) { competesWith(limit: 100) { competesWith(limit: 100) { competesWith(limit: 100) { id } } } } }`);
    expect(() => checkCost(schema, query, undefined, {}, { maxCost: 20000, pages })).toThrow(/above the limit of 20000/);
  });
});

describe("cost on the loaded graph's degrees", () => {
  const relationships = relationshipFields(readTypeDefs());
  // The degrees a load of data/sources records (src/graph/load.ts), without its texts.
  const degrees = new Map(Object.entries(largestDegrees(graphRows(readSourceFiles(sourceFilesIn(), "/nonexistent-texts")))));
  const cost = (query: string, table: ReadonlyMap<string, number> | null = degrees) =>
    checkCost(schema, parse(query), undefined, {}, { maxCost: Number.MAX_SAFE_INTEGER, pages, relationships, degrees: () => table });

  it("knows every relationship field of the type definitions and the degree keys that bound it", () => {
    expect(relationships.size).toBe([...readTypeDefs().matchAll(/@relationship\(/g)].length);
    expect(relationships.get("Company.founders")).toEqual(["FOUNDED<"]);
    expect(relationships.get("Company.competesWith")).toEqual(["COMPETES_WITH>", "COMPETES_WITH<"]);
  });

  it("bounds a relationship list by the largest degree of its type, not by its page", () => {
    const table = new Map([["FOUNDED<", 3], ["COMPETES_WITH>", 2], ["COMPETES_WITH<", 4]]);
    expect(cost(`{ companies(limit: 1) { founders { id } } }`, table)).toBe(1 + 1 * (1 + 3 * 1));
    expect(cost(`{ companies(limit: 1) { foundersConnection(first: 50) { edges { node { id } } } } }`, table)).toBe(1 + 1 * (1 + 3 * (1 + 1 + 1)));
    // Stated in either direction: both ways count.
    expect(cost(`{ companies(limit: 1) { competesWith(limit: 100) { id } } }`, table)).toBe(1 + 1 * (1 + 6 * 1));
    // A page smaller than the degree is the page; no degrees recorded: the page.
    expect(cost(`{ companies(limit: 1) { competesWith(limit: 1) { id } } }`, table)).toBe(1 + 1 * (1 + 1 * 1));
    expect(cost(`{ companies(limit: 1) { founders { id } } }`, null)).toBe(1 + 1 * (1 + 20 * 1));
  });

  it("counts a root filtered by its unique key as the ids it names", () => {
    expect(cost(`{ companies(where: { id: { eq: "minimax" } }) { id } }`)).toBe(1 + 1 * 1);
    expect(cost(`{ companies(where: { id: { in: ["minimax", "zhipu-ai"] } }, limit: 50) { id } }`)).toBe(1 + 2 * 1);
  });

  it("lets a dashboard ask every one-hop list of a company, and still refuses what could really be large", () => {
    const lists = [...relationships.keys()].filter((key) => key.startsWith("Company.")).map((key) => key.slice("Company.".length)).map((f) => `${f} { id ${f === "metrics" || f === "forecasts" ? "metric" : f === "mentionedIn" ? "title" : "name"} }`);
    expect(lists.length).toBeGreaterThanOrEqual(28);
    const everyList = `{ companies(where: { name: { eq: "MiniMax" } }) { id ${lists.join(" ")} } }`;
    expect(cost(everyList, null)).toBeGreaterThan(20000);
    expect(cost(everyList)).toBeLessThan(20000);
    // Sources, the entities they name, the sources naming those, and theirs: large at the real degrees too.
    expect(cost(`{ sources(limit: 100) { mentions(limit: 100) { mentionedIn(limit: 100) { mentions(limit: 100) { id } } } } }`)).toBeGreaterThan(20000);
  });
});

describe("cost of introspection", () => {
  it("is nothing: the schema answers it, not Neo4j, and clients and GraphiQL need it whole", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    expect(checkCost(schema, parse(getIntrospectionQuery()), undefined, {}, { maxCost: 20000, pages })).toBe(0);
  });
});

describe("a null filter", () => {
  it("is no filter, on a root field and on a nested one (@neo4j/graphql 7.6.3 reads both)", () => {
    expect(problem(`query ($w: CompanyWhere) { companies(where: $w) { id } }`, { w: null })).toBeNull();
    expect(problem(`{ products { rebrandedAs(where: null) { id } } }`)).toBeNull();
  });
});

describe("shapes @neo4j/graphql answers wrongly and the schema cannot switch off", () => {
  const shapes = connectionShapeTypes(schema);
  const shapeProblem = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
    for (const argument of effectiveArguments(schema, document, operation, {})) {
      const error = interfaceArgumentProblem(argument, schema);
      if (error) return error.message;
    }
    return repeatedConnectionField(schema, document, shapes)?.message ?? null;
  };

  it("finds the generated connection, edge, pageInfo and aggregate types, and no node type", () => {
    for (const name of ["CompanyMetricsConnection", "CompanyMetricsRelationship", "PageInfo", "StringAggregateSelection", "CountConnection"]) expect(shapes).toContain(name);
    for (const name of ["Company", "Metric", "Source", "Query"]) expect(shapes).not.toContain(name);
  });

  it("refuses an interface's typename inside a relationship filter, not at the top", () => {
    expect(shapeProblem(`{ sources(where: { mentions: { some: { typename: [Company] } } }) { id } }`)).toMatch(/where\.mentions\.some\.typename/);
    expect(shapeProblem(`{ sources { mentions(where: { OR: [{ typename: [Company] }] }) { id } } }`)).toBeNull();
  });

  it("refuses a connection's field asked for under two names, through fragments too", () => {
    expect(shapeProblem(`{ companies(limit: 1) { metricsConnection { pageInfo { a: hasNextPage b: hasNextPage } } } }`)).toMatch(/'PageInfo\.hasNextPage' is asked for under 2 names \(a, b\)/);
    expect(shapeProblem(`{ companies { metricsConnection { totalCount ...T } } } fragment T on CompanyMetricsConnection { n: totalCount }`)).toMatch(/totalCount/);
    expect(shapeProblem(`{ sourcesConnection { aggregate { node { title { a: shortest b: shortest } } } } }`)).toMatch(/StringAggregateSelection\.shortest/);
    expect(shapeProblem(`{ companies { metricsConnection { pageInfo { hasNextPage } p: pageInfo { hasNextPage } } } }`)).toMatch(/pageInfo/);
  });

  it("lets a field asked for once, and node fields under several names, through", () => {
    expect(shapeProblem(`{ companies { metricsConnection { totalCount totalCount pageInfo { hasNextPage } } } }`)).toBeNull();
    expect(shapeProblem(`{ companies { a: name b: name a1: metrics(limit: 1) { value } b1: metrics(limit: 2) { value } } }`)).toBeNull();
    expect(shapeProblem(`{ companies { metricsConnection { edges { node { a: value b: value } } } } }`)).toBeNull();
  });
});

describe("filters @neo4j/graphql reads wrongly", () => {
  it("refuses a null list of filters and an empty filter on a single related entity", () => {
    expect(problem(`{ companies(where: { OR: null }) { id } }`)?.message).toMatch(/null at where\.OR/);
    expect(problem(`{ metrics(where: { listing: { cornerstoneInvestors: { none: {} } } }) { id } }`)?.message).toMatch(/no comparison at where\.listing/);
    expect(problem(`{ metrics(where: { listing: { id: { eq: "x" } } }) { id } }`)).toBeNull();
    expect(problem(`{ businessModels { companiesShiftingConnection(where: { node: { id: { eq: "x" } } }) { totalCount } } }`)).toBeNull();
    expect(problem(`{ metrics(where: { company: { AND: [] } }) { id } }`)?.message).toMatch(/no comparison at where\.company/);
    // NOT: null is read as absent, so it compares nothing either (fuzz seed 4242 found it).
    expect(problem(`{ metrics(where: { model: { NOT: null } }) { id } }`)?.message).toMatch(/no comparison at where\.model/);
    expect(problem(`{ metrics(where: { model: { NOT: null, name: { eq: "GLM-4" } } }) { id } }`)).toBeNull();
  });

  it("refuses an empty node or edge filter under AND/OR/NOT only beside an aggregate, where @neo4j/graphql fails on it", () => {
    const shifting = (where: string, selection: string) => `{ businessModels { companiesShiftingConnection(where: ${where}) { ${selection} } } }`;
    expect(problem(shifting(`{ AND: [{ node: {}, edge: {} }] }`, "aggregate { count { nodes } }"))?.message).toMatch(/no comparison at where\.AND\[0\]\.(edge|node)/);
    expect(problem(`{ companies { metricsConnection(where: { NOT: { node: {} } }) { ...A } } } fragment A on CompanyMetricsConnection { aggregate { count { nodes } } }`)?.message).toMatch(/no comparison at where\.NOT\.node/);
    // Answered by @neo4j/graphql: without an aggregate, or not under AND/OR/NOT.
    expect(problem(shifting(`{ AND: [{ node: {}, edge: {} }] }`, "totalCount"))).toBeNull();
    expect(problem(shifting(`{ node: {} }`, "aggregate { count { nodes } }"))).toBeNull();
  });

  it("lets an empty 'in' list through: it compares, and matches nothing", () => {
    expect(problem(`query ($ids: [ID!]) { metrics(where: { company: { id: { in: $ids } } }) { id } }`, { ids: [] })).toBeNull();
    expect(problem(`{ companies { metricsConnection(where: { node: { id: { in: [] } } }) { totalCount } } }`)).toBeNull();
    expect(problem(`{ companies(where: { metricsConnection: { some: { node: { id: { in: [] } } } } }) { id } }`)).toBeNull();
  });

  it("refuses an empty node or edge in a relationship filter (it would match every company), pointing to the count", () => {
    for (const where of [`{ metricsConnection: { some: { node: {} } } }`, `{ metricsConnection: { none: { edge: {} } } }`, `{ metricsConnection: { some: { AND: [{ node: {} }] } } }`]) {
      expect(problem(`{ companies(where: ${where}) { id } }`)?.message).toMatch(/no comparison at where\.metricsConnection.*\.(node|edge).*count: \{ nodes: \{ gt: 0/);
    }
    expect(problem(`{ companies(where: { metricsConnection: { aggregate: { count: { nodes: { gt: 0 } } } } }) { id } }`)).toBeNull();
    // The deprecated form (metricsConnection_SOME) is no longer generated (excludeDeprecatedFields).
    expect(readFileSync(GENERATED_SDL_FILE, "utf8")).not.toContain("metricsConnection_SOME");
  });
});

describe("the rules' verdicts, remembered per parsed document (requestRules)", () => {
  const degreesNow: { table: ReadonlyMap<string, number> | null } = { table: null };
  const plugin = requestRules({ ...limits, maxCost: 20_000, pages, relationships: relationshipFields(readTypeDefs()), degrees: () => degreesNow.table });
  /** The plugin's hook on one request, as Apollo calls it: the refusal's code, or null when it passes. */
  async function verdict(document: DocumentNode, variables: Record<string, unknown>) {
    const listener = await plugin.requestDidStart!({} as never);
    const operation = getOperationAST(document)!;
    const context = { document, operation, schema, operationName: null, request: { query: "", variables } };
    try {
      await listener!.didResolveOperation!(context as unknown as GraphQLRequestContextDidResolveOperation<BaseContext>);
      return null;
    } catch (error) {
      return (error as GraphQLError).extensions.code;
    }
  }

  it("refuses a repeated document with other variables after a pass, and refuses a refused request every time", async () => {
    const document = parse("query Q($l: Int!) { companies(limit: $l) { id founders(limit: $l) { id workedAt(limit: $l) { id } } } }");
    expect(await verdict(document, { l: 5 })).toBeNull();
    expect(await verdict(document, { l: 5 })).toBeNull();
    expect(await verdict(document, { l: 1000 })).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect(await verdict(document, { l: 1000 })).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect(await verdict(document, { l: 100 })).toBe("COST_LIMIT_EXCEEDED");
    expect(await verdict(document, { l: 5 })).toBeNull();
  });

  it("checks a remembered pass again when the graph's degrees change (the cost depends on them)", async () => {
    const document = parse("query Q($l: Int!) { companies(limit: $l) { id founders(limit: $l) { id workedAt(limit: $l) { id } } } }");
    // A graph where every company has one founder and every person one employer: 100 × 1 × 1.
    degreesNow.table = new Map(Object.entries({ "FOUNDED<": 1, "WORKED_AT>": 1 }));
    expect(await verdict(document, { l: 100 })).toBeNull();
    // No degrees recorded (a graph from an older loader): the pages bound the cost, 100 × 100 × 100.
    degreesNow.table = null;
    expect(await verdict(document, { l: 100 })).toBe("COST_LIMIT_EXCEEDED");
  });

  it("refuses a shape of the document alone on every request, however often it comes", async () => {
    const document = parse("{ companiesConnection { a: totalCount b: totalCount } }");
    expect(await verdict(document, {})).toBe("BAD_USER_INPUT");
    expect(await verdict(document, {})).toBe("BAD_USER_INPUT");
  });
});
