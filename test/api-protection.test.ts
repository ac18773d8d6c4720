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

describe("query timeout", () => {
  let slow: Api;
  beforeAll(async () => {
    slow = await startApi({ QUERY_TIMEOUT_MS: "200" });
  });
  afterAll(() => slow.stop());

  // Filters nest without limit (the depth and cost limits count selections, not arguments), and
  // every() over figures of companies of figures takes Neo4j minutes: its planning alone, which
  // the transaction timeout interrupts. A fresh alias keeps a cached plan from answering.
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

  it("has no introspection, no stack traces and no schema suggestions", async () => {
    const introspection = await prod.gql(`{ __schema { queryType { name } } }`);
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await prod.gql(`{ companie { name } }`);
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo.body)).not.toMatch(/stacktrace/);
    const failing = await prod.gql(`{ metricSeries(companyId: "nope", metric: revenue) { metric } }`);
    expect(failing.body.errors?.[0]?.extensions).toEqual({ code: "NOT_FOUND" });
  });

  it("turns introspection on with GRAPHQL_INTROSPECTION=true", async () => {
    const open = await startApi({ NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" });
    try {
      const response = await open.gql(`{ __schema { queryType { name } } }`);
      expect(response.body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    } finally {
      await open.stop();
    }
  });
});
