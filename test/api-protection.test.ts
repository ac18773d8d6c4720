// A public endpoint: abusive queries are refused with a code naming the limit, a query that runs too
// long is stopped, the server keeps serving, user text never becomes Cypher, nothing can be
// written, and production hides internals. The service runs in-process (support/api.ts).
import type { Driver } from "neo4j-driver";
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type Api } from "./support/api.ts";
import { waitForOutput } from "./support/service.ts";
import { snapshotGraph, testDriver } from "./support/db.ts";

let api: Api;
let driver: Driver;
let graphBefore: string[];

beforeAll(async () => {
  api = await startApi({ CORS_ORIGINS: "https://dashboards.example.org", MAX_BODY_BYTES: "20000" });
  driver = testDriver();
  graphBefore = await snapshotGraph(driver);
});
afterAll(async () => {
  await api.stop();
  await driver.close();
});

async function stillServes() {
  const response = await api.gql(`{ companies(where: { id: { eq: "zhipu-ai" } }) { name } }`);
  expect(response.body.data?.companies).toEqual([{ name: "Zhipu AI" }]);
}

describe("limits", () => {
  it("refuses deep nesting with DEPTH_LIMIT_EXCEEDED", async () => {
    let inner = "name";
    for (let i = 0; i < 12; i++) inner = `competesWith { ${inner} }`;
    const response = await api.gql(`{ companies { ${inner} } }`);
    expect(api.errorCode(response)).toBe("DEPTH_LIMIT_EXCEEDED");
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    await stillServes();
  });

  it("refuses an alias flood with ALIAS_LIMIT_EXCEEDED", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: companies { name }`).join("\n");
    const response = await api.gql(`{ ${aliases} }`);
    expect(api.errorCode(response)).toBe("ALIAS_LIMIT_EXCEEDED");
    await stillServes();
  });

  it("refuses an oversized page, by literal or by variable, with PAGE_SIZE_LIMIT_EXCEEDED", async () => {
    const literal = await api.gql(`{ companies(limit: 5000) { name } }`);
    expect(api.errorCode(literal)).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect(literal.status).toBe(400);
    const variable = await api.gql(`query ($n: Int) { companiesConnection(first: $n) { edges { node { name } } } }`, { n: 1000 });
    expect(api.errorCode(variable)).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    // Without a limit the type's default page applies, so a list is never unbounded.
    const defaulted = await api.gql(`{ metrics { id } }`);
    expect(defaulted.body.data!.metrics.length).toBeLessThanOrEqual(50);
    // Listing through the interface too: the article alone names more than one default page.
    const everyEntity = await api.gql(`{ entities { id } }`);
    expect(everyEntity.body.data!.entities).toHaveLength(20);
    await stillServes();
  });

  it("refuses a query with too many tokens with TOKEN_LIMIT_EXCEEDED", async () => {
    const fields = Array.from({ length: 2500 }, () => "name").join(" ");
    const response = await api.gql(`{ companies { ${fields} } }`);
    expect(api.errorCode(response)).toBe("TOKEN_LIMIT_EXCEEDED");
    expect(response.status).toBe(400);
    await stillServes();
  });

  it("refuses a huge body with 413 and REQUEST_TOO_LARGE", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ companies { name } }", variables: { padding: "x".repeat(50_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("REQUEST_TOO_LARGE");
    await stillServes();
  });

  it("refuses a search text longer than 200 characters", async () => {
    const response = await api.gql(`query ($t: String!) { search(text: $t) { score } }`, { t: "x".repeat(201) });
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
  });
});

// Issue 14: schema-valid requests that were answered with a bare INTERNAL_SERVER_ERROR (or were
// silently misread) now get a coded client error naming the problem, before any Cypher runs.
describe("hostile variables", () => {
  // The default body limit (64 KiB), which a 6,000-deep where fits in; this file's other service has 20,000 bytes.
  let api: Api;
  beforeAll(async () => {
    api = await startApi({});
  });
  afterAll(() => api?.stop());
  const stillServes = async () => {
    const response = await api.gql(`{ companies(where: { id: { eq: "zhipu-ai" } }) { name } }`);
    expect(response.body.data?.companies).toEqual([{ name: "Zhipu AI" }]);
  };
  // Written as text: JSON.stringify itself overflows on values this deep.
  const nested = (depth: number, open: string, close: string, leaf: string) => open.repeat(depth) + leaf + close.repeat(depth);
  const leaf = `{"name":{"eq":"x"}}`;
  const send = (variablesJson: string) =>
    fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":"query ($w: CompanyWhere) { companies(where: $w) { id } }","variables":{"w":${variablesJson}}}`,
    });

  it.each([
    ["a where nested 6,000 deep through AND", nested(6000, `{"AND":[`, `]}`, leaf)],
    ["a where nested 7,000 deep through NOT", nested(7000, `{"NOT":`, `}`, leaf)],
    ["a 20,000-deep array", nested(20000, `[`, `]`, "1")],
  ])("%s is refused with VARIABLES_DEPTH_LIMIT_EXCEEDED, not an internal error", async (_what, w) => {
    const response = await send(w);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("VARIABLES_DEPTH_LIMIT_EXCEEDED");
    expect(body.errors[0]!.message).toMatch(/at most 32/);
    await stillServes();
  });

  it("refuses them in a GET's query string too, and lets a filter nested within the limit run", async () => {
    const query = `query ($w: CompanyWhere) { companies(where: $w) { id } }`;
    const variables = `{"w":${nested(100, `{"NOT":`, `}`, leaf)}}`;
    const get = await fetch(`${api.url}/graphql?${new URLSearchParams({ query, variables })}`, { headers: { "apollo-require-preflight": "true" } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("VARIABLES_DEPTH_LIMIT_EXCEEDED");
    // Ten NOTs cancel out, within the limit: the companies named "x", none.
    const within = await send(nested(10, `{"NOT":`, `}`, leaf));
    expect(await within.json()).toEqual({ data: { companies: [] } });
  });
});

describe("schema-valid but unanswerable requests get a coded client error, not an internal error", () => {
  it.each([
    ["a negative offset", `{ companies(offset: -5) { id } }`, "companies.offset"],
    ["a negative limit", `{ companies(limit: -1) { id } }`, "companies.limit"],
    ["a negative first", `{ companiesConnection(first: -5) { edges { node { id } } } }`, "companiesConnection.first"],
    ["a negative nested limit", `{ companies(limit: 1) { metrics(limit: -3) { id } } }`, "metrics.limit"],
  ])("%s is BAD_USER_INPUT naming the argument", async (_what, query, argument) => {
    const response = await api.gql(query);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.body.errors![0]!.message).toContain(`'${argument}' is -`);
  });

  it.each([
    ["a null filter field", `{ companies(where: { id: null }) { id } }`, "where.id"],
    ["a null inside a nested filter", `{ companies(where: { AND: [{ name: null }] }) { id } }`, "where.AND[0].name"],
    ["a null relationship filter", `{ companies(where: { memberOf: null }) { id } }`, "where.memberOf"],
    ["a null connection node filter", `{ companies(where: { memberOfConnection: { some: { node: null } } }) { id } }`, "where.memberOfConnection.some.node"],
    ["a null aggregate filter", `{ companies(where: { memberOfConnection: { aggregate: { count: null } } }) { id } }`, "where.memberOfConnection.aggregate.count"],
  ])("%s is BAD_USER_INPUT naming where the null is", async (_what, query, at) => {
    const response = await api.gql(query);
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.body.errors![0]!.message).toContain(`null at ${at}`);
  });

  it("a null inside a filter given as a variable is refused the same way", async () => {
    const response = await api.gql(`query ($w: CompanyWhere) { companies(where: $w) { id } }`, { w: { id: null } });
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
  });

  it("a null that means something still answers: a figure with no company, a null comparison, a null sort field", async () => {
    const noCompany = await api.gql(`{ metrics(where: { company: null, listing: null, fundingRound: null }, limit: 5) { id } }`);
    expect(noCompany.body.errors).toBeUndefined();
    expect(noCompany.body.data!.metrics.length).toBeGreaterThan(0);
    const nullComparison = await api.gql(`{ companies(where: { id: { eq: null } }) { id } }`);
    expect(nullComparison.body).toEqual({ data: { companies: [] } });
    const nullSort = await api.gql(`{ companies(sort: [{ name: null }], limit: 2) { id } }`);
    expect(nullSort.body.errors).toBeUndefined();
  });

  it("an empty 'in' list answers an empty list (a multi-select with nothing picked), not a refusal", async () => {
    const byVariable = await api.gql(`query ($ids: [ID!]) { metrics(where: { company: { id: { in: $ids } } }) { id } }`, { ids: [] });
    expect(byVariable.body).toEqual({ data: { metrics: [] } });
    const nested = await api.gql(`{ companies(where: { id: { eq: "zhipu-ai" } }) { metricsConnection(where: { node: { id: { in: [] } } }) { totalCount edges { node { id } } } } }`);
    expect(nested.body).toEqual({ data: { companies: [{ metricsConnection: { totalCount: 0, edges: [] } }] } });
  });

  it("'has any metric' by an empty node filter is refused (@neo4j/graphql would answer every company), and the count filter it points to answers", async () => {
    const refused = await api.gql(`{ companies(where: { metricsConnection: { some: { node: {} } } }) { id } }`);
    expect(api.errorCode(refused)).toBe("BAD_USER_INPUT");
    expect(refused.body.errors![0]!.message).toMatch(/where\.metricsConnection\.some\.node.*aggregate: \{ count: \{ nodes: \{ gt: 0 \} \} \}/);
    const byCount = await api.gql(`{ companies(where: { metricsConnection: { aggregate: { count: { nodes: { gt: 0 } } } } }, limit: 100) { id metricsConnection { totalCount } } }`);
    const withFigures = byCount.body.data!.companies as Array<{ id: string; metricsConnection: { totalCount: number } }>;
    expect(withFigures.length).toBeGreaterThan(0);
    expect(withFigures.every((c) => c.metricsConnection.totalCount > 0)).toBe(true);
    const all = await api.gql(`{ companies(limit: 100) { id metricsConnection { totalCount } } }`);
    const expected = (all.body.data!.companies as typeof withFigures).filter((c) => c.metricsConnection.totalCount > 0).map((c) => c.id).sort();
    expect(withFigures.map((c) => c.id).sort()).toEqual(expected);
    // On a connection field an empty node filter is no filter; beside an aggregate under AND it fails in @neo4j/graphql: refused.
    const noFilter = await api.gql(`{ companies(where: { id: { eq: "zhipu-ai" } }) { a: metricsConnection(where: { node: {} }) { totalCount } b: metricsConnection { totalCount } } }`);
    expect(noFilter.body.data!.companies[0].a).toEqual(noFilter.body.data!.companies[0].b);
    const beside = await api.gql(`{ businessModels { companiesShiftingConnection(where: { AND: [{ node: {} }] }) { aggregate { count { nodes } } } } }`);
    expect(api.errorCode(beside)).toBe("BAD_USER_INPUT");
    expect(beside.body.errors![0]!.message).toMatch(/no comparison at where\.AND\[0\]\.node/);
  });

  it("a null variable for a nested field's where means no filter, as leaving it out does", async () => {
    const query = `query ($w: MetricWhere) { companies(where: { id: { eq: "zhipu-ai" } }) { metrics(where: $w, sort: [{ id: ASC }], limit: 5) { id } } }`;
    const withNull = await api.gql(query, { w: null });
    const without = await api.gql(query, {});
    expect(withNull.body.errors).toBeUndefined();
    expect(withNull.body.data!.companies[0].metrics.length).toBeGreaterThan(0);
    expect(withNull.body).toEqual(without.body);
  });

  it("an aggregate selection with nothing to aggregate is BAD_USER_INPUT; a real aggregate still answers", async () => {
    const empty = await api.gql(`{ sourcesConnection { aggregate { node { __typename } } } }`);
    expect(empty.status).toBe(400);
    expect(api.errorCode(empty)).toBe("BAD_USER_INPUT");
    expect(empty.body.errors![0]!.message).toMatch(/SourceAggregate\.node/);
    const real = await api.gql(`{ sourcesConnection { aggregate { count { nodes } } } }`);
    expect(real.body.data!.sourcesConnection.aggregate.count.nodes).toBeGreaterThan(0);
  });

  it.each([
    ["pageInfo", `{ companies(limit: 1) { metricsConnection { pageInfo { a: hasNextPage b: hasNextPage } } } }`, "PageInfo.hasNextPage"],
    ["a nested connection's total", `{ companies(limit: 1) { metricsConnection { a: totalCount b: totalCount } } }`, "CompanyMetricsConnection.totalCount"],
    ["an aggregate", `{ sourcesConnection { aggregate { node { title { a: shortest b: shortest } } } } }`, "StringAggregateSelection.shortest"],
  ])("a field of %s under two names is BAD_USER_INPUT (the fuzz test's internal error and wrong answer)", async (_what, query, field) => {
    const response = await api.gql(query);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.body.errors![0]!.message).toContain(`'${field}' is asked for under 2 names`);
    const once = await api.gql(`{ companies(limit: 1) { metricsConnection { totalCount pageInfo { hasNextPage } } } }`);
    expect(once.body.errors).toBeUndefined();
  });

  it("a malformed 'after' cursor is BAD_USER_INPUT, not silently ignored; a cursor the API gave still pages", async () => {
    const bad = await api.gql(`{ companiesConnection(first: 2, after: "garbage") { edges { node { id } } } }`);
    expect(api.errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.body.errors![0]!.message).toMatch(/companiesConnection\.after/);
    const first = await api.gql(`{ companiesConnection(first: 2, sort: [{ id: ASC }]) { pageInfo { endCursor } edges { node { id } } } }`);
    const cursor = first.body.data!.companiesConnection.pageInfo.endCursor as string;
    const next = await api.gql(`query ($c: String) { companiesConnection(first: 2, after: $c, sort: [{ id: ASC }]) { edges { node { id } } } }`, { c: cursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.companiesConnection.edges[0].node.id > first.body.data!.companiesConnection.edges[1].node.id).toBe(true);
  });

  it("a persisted query whose hash does not match its text is PERSISTED_QUERY_HASH_MISMATCH", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ companies { id } }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_HASH_MISMATCH");
  });

  it.each([
    ["an unknown charset", { "content-type": "application/json; charset=latin9" }, /charset/],
    ["an unknown content encoding", { "content-type": "application/json", "content-encoding": "br2" }, /encoding/],
  ])("%s gets JSON with UNSUPPORTED_MEDIA_TYPE (415), not an HTML page", async (_what, headers, mention) => {
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: "{ companies { id } }" }) });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(body.errors[0].message).toMatch(mention);
  });

  it.each([
    ["labelled UTF-16", "application/json; charset=utf-16", "utf16le", /unsupported charset "UTF-16"/],
    ["in UTF-16 without a label", "application/json", "utf16le", /NUL bytes/],
  ] as const)("a body %s gets 415 UNSUPPORTED_MEDIA_TYPE, and is logged", async (_what, contentType, encoding, mention) => {
    const body = Buffer.from(JSON.stringify({ query: "{ companies { id } }" }), encoding);
    const reqId = `utf16-${encoding}-${contentType.length}`;
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": contentType, "x-request-id": reqId }, body });
    expect(response.status).toBe(415);
    const answer = (await response.json()) as any;
    expect(answer.errors[0].extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(answer.errors[0].message).toMatch(mention);
    expect(answer.data).toBeUndefined();
    await expect.poll(() => api.output().includes(`"id":"${reqId}"`)).toBe(true);
  });
});

describe("the log", () => {
  it("has a line for every answer, also one Apollo never gets to (a 20,000-deep array in the variables)", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const body = `{"query":"query ($v: [ID!]) { companies(where: { id: { in: $v } }) { id } }","variables":{"v":${deep}}}`;
    const response = await fetch(`${api.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "deep-variables" }, body });
    await response.text();
    await expect.poll(() => api.output().includes(`"id":"deep-variables"`) || api.output().includes(`"reqId":"deep-variables"`)).toBe(true);
    const lines = api.output().split("\n").filter((line) => line.includes("deep-variables"));
    expect(lines.some((line) => line.includes(`"statusCode":${response.status}`) || line.includes(`"status":${response.status}`))).toBe(true);
    await stillServes();
  });
});

describe("limits on effective values", () => {
  it.each([
    ["search", `query Q($l: Int! = 100000) { search(text: "ai", limit: $l) { entity { id } } }`, "search.limit"],
    ["neighbourhood", `query Q($l: Int! = 100000) { neighbourhood(id: "zhipu-ai", limit: $l) { facts { relationship } } }`, "neighbourhood.limit"],
    ["a generated list", `query Q($l: Int = 5000) { companies(limit: $l) { id } }`, "companies.limit"],
    ["a connection", `query Q($f: Int = 5000) { companiesConnection(first: $f) { edges { node { id } } } }`, "companiesConnection.first"],
  ])("a page size in a variable's default is checked on %s: PAGE_SIZE_LIMIT_EXCEEDED", async (_what, query, argument) => {
    const response = await api.gql(query);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect(response.body.errors![0]!.message).toContain(`'${argument}' is`);
  });

  it("maxHops from a variable's default is checked", async () => {
    const response = await api.gql(`query Q($h: Int! = 50) { shortestConnection(fromId: "zhipu-ai", toId: "minimax", maxHops: $h) { length } }`);
    expect(api.errorCode(response)).toBe("BAD_USER_INPUT");
  });

  it("a list longer than MAX_LIST_LENGTH in an argument, even in a variable, is LIST_LENGTH_LIMIT_EXCEEDED", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    const response = await api.gql(`query ($ids: [ID!]) { companies(where: { id: { in: $ids } }) { id } }`, { ids });
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("LIST_LENGTH_LIMIT_EXCEEDED");
    const within = await api.gql(`query ($ids: [ID!]) { companies(where: { id: { in: $ids } }) { id } }`, { ids: ids.slice(0, 100) });
    expect(within.body.errors).toBeUndefined();
  });

  it("nested lists multiply in the cost: four nested lists of 100 are COST_LIMIT_EXCEEDED, before Neo4j is asked", async () => {
    // Bounded by the loaded graph's largest degrees (a source names dozens of entities), still large.
    const nested = `{ sources(limit: 100) { mentions(limit: 100) { mentionedIn(limit: 100) { mentions(limit: 100) { id name } } } } }`;
    const response = await api.gql(nested);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("COST_LIMIT_EXCEEDED");
    expect(response.body.errors![0]!.message).toMatch(/Query cost \d+ is above the limit of 20000/);
    // The same through variables' defaults.
    const byDefaults = await api.gql(`query Q($n: Int = 100) { sources(limit: $n) { mentions(limit: $n) { mentionedIn(limit: $n) { mentions(limit: $n) { id } } } } }`);
    expect(api.errorCode(byDefaults)).toBe("COST_LIMIT_EXCEEDED");
    // One list of 100 with a nested page of 20 is well within it.
    const fine = await api.gql(`{ companies(limit: 100) { id competesWith(limit: 20) { id } } }`);
    expect(fine.body.errors).toBeUndefined();
  });

  it("a company with every one-hop list (28 and more) passes: each list is bounded by the graph's real largest degree", async () => {
    const { body } = await api.gql(`{ __type(name: "Company") { fields { name type { kind ofType { kind ofType { kind ofType { name kind } } } } } } }`);
    const lists = (body.data!.__type.fields as Array<{ name: string; type: any }>)
      .filter((f) => f.type.ofType?.kind === "LIST" && f.type.ofType.ofType?.ofType?.kind === "OBJECT" && !f.name.endsWith("Connection"))
      .map((f) => ({ field: f.name, type: f.type.ofType.ofType.ofType.name as string }))
      .map(({ field, type }) => `${field} { id ${type === "Metric" ? "metric" : type === "Source" ? "title" : "name"} }`);
    expect(lists.length).toBeGreaterThanOrEqual(28);
    const response = await api.gql(`{ companies(where: { name: { eq: "MiniMax" } }) { id ${lists.join(" ")} } }`);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.companies[0].founders.length).toBeGreaterThan(0);
  });
});

/** Transactions of generated queries Neo4j still holds, timed out or not (a timed-out one ends at
 *  Neo4j's next check). */
async function generatedTransactions(): Promise<number> {
  const result = await driver.executeQuery(
    "SHOW TRANSACTIONS YIELD metaData WHERE metaData.app STARTS WITH '@neo4j/graphql' RETURN count(*) AS running",
  );
  return result.records[0]!.get("running").toNumber();
}

describe("admission control", () => {
  it("a client over RATE_LIMIT_PER_MINUTE gets 429 RATE_LIMITED with Retry-After; cached answers are not counted", async () => {
    const limited = await startApi({ RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const statuses: number[] = [];
      // Distinct queries: none is answered from the cache.
      for (let i = 0; i < 4; i++) statuses.push((await limited.gql(`{ companies(limit: ${i + 1}) { id } }`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.gql(`{ companies(limit: 9) { id } }`);
      expect(refused.status).toBe(429);
      expect(limited.errorCode(refused)).toBe("RATE_LIMITED");
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it.each([
    ["behind a proxy named by TRUST_PROXY, each client its own limit", { TRUST_PROXY: "loopback" }, 200],
    ["without TRUST_PROXY, X-Forwarded-For is not believed: one limit for the address", {}, 429],
  ])("the rate limit, %s", async (_what, env, secondClientStatus) => {
    const limited = await startApi({ RATE_LIMIT_PER_MINUTE: "2", ...env });
    try {
      const from = (client: string, i: number) => limited.gql(`{ companies(limit: ${i}) { id } }`, undefined, { "x-forwarded-for": client });
      const first: number[] = [];
      for (let i = 1; i <= 3; i++) first.push((await from("203.0.113.1", i)).status);
      expect(first).toEqual([200, 200, 429]);
      expect((await from("203.0.113.2", 4)).status).toBe(secondClientStatus);
    } finally {
      await limited.stop();
    }
  });

  it("answers from the response cache do not use up the rate", async () => {
    const limited = await startApi({ RATE_LIMIT_PER_MINUTE: "3", GRAPH_VERSION_POLL_MS: "100" });
    try {
      // The cache stores answers once the replica has read the graph's generation (its first poll,
      // every 100 ms here); a busy machine delayed it past the first requests, which then counted.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const statuses: number[] = [];
      // A whole answer (no list cut short), which the response cache keeps.
      for (let i = 0; i < 6; i++) statuses.push((await limited.gql(`{ companies(where: { id: { eq: "zhipu-ai" } }) { id } }`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await limited.stop();
    }
  });

  it("beyond MAX_CONCURRENT_QUERIES a request waits ADMISSION_WAIT_MS, then gets 503 OVERLOADED with Retry-After", async () => {
    const capped = await startApi({ MAX_CONCURRENT_QUERIES: "1", ADMISSION_WAIT_MS: "200", QUERY_TIMEOUT_MS: "3000", RESPONSE_CACHE: "false", MAX_FILTER_DEPTH: "10" });
    try {
      let filter = `NOT: { id: { eq: "no-such-company" } }`;
      for (let i = 0; i < 3; i++) filter = `metrics: { all: { forecastBy: { all: { ${filter} } } } }`;
      const slow = capped.gql(`{ companies(where: { ${filter} }) { id${Date.now().toString(36)}: id } }`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const refused = await capped.gql(`{ companies(limit: 1) { id } }`);
      expect(refused.status).toBe(503);
      expect(capped.errorCode(refused)).toBe("OVERLOADED");
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(capped.errorCode(await slow)).toBe("QUERY_TIMEOUT");
      // Answered at the deadline, but Neo4j still runs the transaction (it checks deadlines every
      // few seconds): the slot stays taken until that work ends, and is free again after it. (On a
      // busy machine Neo4j can have stopped it by the time this asks: then the slot is free at once.)
      expect(await generatedTransactions()).toBeLessThanOrEqual(1);
      for (;;) {
        const probe = await capped.gql(`{ companies(limit: 1) { id } }`);
        if (probe.status === 200) break;
        expect(capped.errorCode(probe)).toBe("OVERLOADED");
      }
      expect(await generatedTransactions()).toBe(0);
    } finally {
      await capped.stop();
    }
  });

  it("the slot is taken after the body is read: slow uploads do not keep a whole query out", async () => {
    const capped = await startApi({ MAX_CONCURRENT_QUERIES: "1", ADMISSION_WAIT_MS: "500", QUERY_TIMEOUT_MS: "60000", RESPONSE_CACHE: "false" });
    const { request } = await import("node:http");
    const url = new URL(`${capped.url}/graphql`);
    // Two uploads that announce a body and send only its first bytes.
    const uploads = Array.from({ length: 2 }, () => {
      const upload = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": "100" } });
      upload.on("error", () => {});
      upload.write(`{"query":"{ companies`);
      return upload;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const response = await capped.gql(`{ companies(limit: 1) { id } }`);
      expect(response.status).toBe(200);
      expect(response.body.data!.companies).toHaveLength(1);
    } finally {
      for (const upload of uploads) upload.destroy();
      await capped.stop();
    }
  });
});

describe("query timeout", () => {
  let slow: Api;
  beforeAll(async () => {
    // Filters nested deeper than the service allows are refused before Neo4j sees them; this
    // service allows them, to have a query that outlasts its timeout.
    slow = await startApi({ QUERY_TIMEOUT_MS: "200", MAX_FILTER_DEPTH: "10" });
  });
  afterAll(() => slow.stop());

  // every() over figures of companies of figures takes Neo4j minutes: its planning alone, which
  // the transaction timeout interrupts. A fresh alias keeps a cached plan from answering.
  it("refuses such a filter at once under the default MAX_FILTER_DEPTH, naming the limit, instead of holding Neo4j until the timeout", async () => {
    let filter = `NOT: { id: { eq: "no-such-company" } }`;
    for (let i = 0; i < 3; i++) filter = `metrics: { all: { forecastBy: { all: { ${filter} } } } }`;
    const response = await api.gql(`{ companies(where: { ${filter} }) { id${Date.now().toString(36)}: id } }`);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("FILTER_DEPTH_LIMIT_EXCEEDED");
    expect(response.body.errors![0]!.message).toMatch(/through 6 relationships .*at most 3/);
  });

  it("stops a query that outlasts QUERY_TIMEOUT_MS with QUERY_TIMEOUT, and the server keeps serving", async () => {
    let filter = `NOT: { id: { eq: "no-such-company" } }`;
    for (let i = 0; i < 3; i++) filter = `metrics: { all: { forecastBy: { all: { ${filter} } } } }`;
    const alias = `id${Date.now().toString(36)}`;
    const started = Date.now();
    const response = await slow.gql(`{ companies(where: { ${filter} }) { ${alias}: id } }`);
    expect(slow.errorCode(response)).toBe("QUERY_TIMEOUT");
    expect(response.body.errors![0]!.message).toBe("The query took longer than allowed");
    expect(response.body.data ?? null).toBeNull();
    // Neo4j checks its transactions' deadlines every two seconds.
    expect(Date.now() - started).toBeLessThan(15_000);
    await stillServes();
  });

  it("logs the request with its real outcome: an error with the code QUERY_TIMEOUT, not ok", async () => {
    let filter = `NOT: { id: { eq: "no-such-company" } }`;
    for (let i = 0; i < 3; i++) filter = `metrics: { all: { forecastBy: { all: { ${filter} } } } }`;
    const response = await slow.gql(`query TimesOut { companies(where: { ${filter} }) { t${Date.now().toString(36)}: id } }`);
    expect(slow.errorCode(response)).toBe("QUERY_TIMEOUT");
    await waitForOutput(slow, /"operationName":"TimesOut"/, 5000);
    const line = JSON.parse(slow.output().split("\n").find((l) => /"operationName":"TimesOut"/.test(l))!);
    expect(line).toMatchObject({ msg: "graphql request", outcome: "error", errorCodes: ["QUERY_TIMEOUT"] });
  });
});

describe("injection and writes", () => {
  const hostile = [
    `") DETACH DELETE n //`,
    `' OR 1=1 //`,
    "}) MATCH (n) DETACH DELETE n RETURN 1 //",
    `{ companies { name } }`,
    "\\\" \\' ` $x /* */",
  ];

  it.each(hostile)("a filter value %j matches only literally and changes nothing", async (value) => {
    const eq = await api.gql(`query ($v: String!) { companies(where: { name: { eq: $v } }) { id } }`, { v: value });
    expect(eq.body).toEqual({ data: { companies: [] } });
    const contains = await api.gql(`query ($v: String!) { entities(where: { name: { contains: $v } }) { id } }`, { v: value });
    expect(contains.body).toEqual({ data: { entities: [] } });
    const search = await api.gql(`query ($v: String!) { search(text: $v) { entity { id } } }`, { v: value });
    expect(search.body.errors).toBeUndefined();
    expect(await snapshotGraph(driver)).toEqual(graphBefore);
  });

  it("a literal match still works for text with special characters", async () => {
    const response = await api.gql(`{ companies(where: { name: { contains: "01." } }) { id } }`);
    expect(response.body.data!.companies).toEqual([{ id: "01-ai" }]);
  });

  it("refuses mutations: the schema has none", async () => {
    const response = await api.gql(`mutation { createCompanies(input: [{ id: "evil", name: "Evil" }]) { companies { id } } }`);
    expect(response.status).toBe(400);
    expect(api.errorCode(response)).toBe("READ_ONLY");
    const introspected = await api.gql(`{ __schema { mutationType { name } } }`);
    expect(introspected.body.data!.__schema.mutationType).toBeNull();
    expect(await snapshotGraph(driver)).toEqual(graphBefore);
  });
});

describe("HTTP behaviour", () => {
  it("answers queries over GET, but refuses a simple GET without a CSRF-safe header", async () => {
    const query = encodeURIComponent(`{ companies(where: { id: { eq: "minimax" } }) { name } }`);
    const blocked = await fetch(`${api.url}/graphql?query=${query}`);
    expect(blocked.status).toBe(400);
    const allowed = await fetch(`${api.url}/graphql?query=${query}`, { headers: { "apollo-require-preflight": "true" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ data: { companies: [{ name: "MiniMax" }] } });
  });

  it("sends CORS headers to configured origins only", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    expect((await preflight("https://dashboards.example.org")).headers.get("access-control-allow-origin")).toBe(
      "https://dashboards.example.org",
    );
    expect((await preflight("https://evil.example.com")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("passes the GraphQL-over-HTTP audits of graphql-http that a server MUST pass", async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url: `${api.url}/graphql`, fetchFn: fetch })) {
      if (!audit.name.startsWith("MUST")) continue;
      const result = await audit.fn();
      if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it("logs one line per GraphQL request with its id, operation, duration and outcome", async () => {
    await api.gql(`query DashboardCompanies { companies(limit: 1) { name } }`);
    const line = await logLine(/"operationName":"DashboardCompanies"/);
    expect(line).toMatchObject({ msg: "graphql request", outcome: "ok", reqId: expect.any(String), durationMs: expect.any(Number) });
  });

  it("echoes the caller's x-request-id and logs the request under it", async () => {
    const response = await api.gql(`query EchoedId { companies(limit: 1) { name } }`, undefined, { "x-request-id": "abc" });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("abc");
    expect(await logLine(/"operationName":"EchoedId"/)).toMatchObject({ msg: "graphql request", reqId: "abc", outcome: "ok" });
  });
});

/** The service's first log line matching `pattern`, parsed, once it is written. */
async function logLine(pattern: RegExp): Promise<Record<string, unknown>> {
  await waitForOutput(api, pattern, 5000);
  return JSON.parse(api.output().split("\n").find((l) => pattern.test(l))!);
}

describe("production mode", () => {
  let prod: Api;
  beforeAll(async () => {
    prod = await startApi({ NODE_ENV: "production" });
  });
  afterAll(() => prod.stop());

  it("has introspection (a public, read-only API), but no stack traces and no schema suggestions", async () => {
    const introspection = await prod.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const typo = await prod.gql(`{ companie { name } }`);
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo.body)).not.toMatch(/stacktrace/);
    const failing = await prod.gql(`{ metricSeries(companyId: "nope", metric: revenue) { metric } }`);
    expect(failing.body.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND" });
  });

  it("turns introspection off with GRAPHQL_INTROSPECTION=false", async () => {
    const closed = await startApi({ NODE_ENV: "production", GRAPHQL_INTROSPECTION: "false" });
    try {
      const response = await closed.gql(`{ __schema { queryType { name } } }`);
      expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await closed.stop();
    }
  });
});
