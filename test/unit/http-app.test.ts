// The HTTP surface (src/http/app.ts) without Neo4j: request ids, and the documents the service
// serves from the repository. Neo4j's state and the GraphQL endpoint are stand-ins here; the API
// itself is tested against the real database in the integration tier.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { HeaderMap } from "@apollo/server";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerEtag, httpCaching, matchesIfNoneMatch, schemaHashOf } from "../../src/http/http-caching.ts";
import { GenerationPin } from "../../src/api/one-generation.ts";
import { GENERATED_SDL_FILE } from "../../src/api/schema.ts";
import { PROJECT_ROOT } from "../../src/config.ts";
import { createApp } from "../../src/http/app.ts";
import { markLogged } from "../../src/http/request-log.ts";
import { createLogger } from "../../src/logger.ts";
import type { Neo4jMonitor } from "../../src/neo4j/monitor.ts";

/** Stand-ins for what the GraphQL route answers: a refusal before Apollo (as the body parser, the
 *  rate limit or admission give), an answer Apollo's request logger wrote a line for, a throw. */
function standInGraphQL() {
  const router = express.Router();
  router.post("/graphql/refused", (_req, res) => void res.status(415).json({ errors: [{ message: "no", extensions: { code: "UNSUPPORTED_MEDIA_TYPE" } }] }));
  router.post("/graphql/unavailable", (_req, res) => void res.status(503).setHeader("retry-after", "1").json({ errors: [{ message: "down", extensions: { code: "DATABASE_UNAVAILABLE" } }] }));
  router.post("/graphql/apollo", (_req, res) => {
    markLogged(res);
    res.json({ data: {} });
  });
  router.post("/graphql/throws", () => {
    throw new RangeError("Maximum call stack size exceeded");
  });
  return router;
}

let server: Server;
let url: string;
let logged = "";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  const monitor = { current: { connected: false, info: null, error: "stand-in", reason: null, checkedAt: null } } as unknown as Neo4jMonitor;
  const app = createApp({
    log: createLogger("info", { write: (line: string) => void (logged += line) }),
    monitor,
    readiness: async () => ({ ready: false, checks: {} }) as never,
    graphql: standInGraphQL(),
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections();
  });
});

/** The log line of the request that got `id`, once it is written. */
async function logLineOf(id: string): Promise<Record<string, any>> {
  await expect.poll(() => logged.includes(`"id":"${id}"`)).toBe(true);
  return JSON.parse(logged.split("\n").find((line) => line.includes(`"id":"${id}"`))!);
}

describe("x-request-id", () => {
  it("echoes a well-formed id in the response and logs the request under it", async () => {
    const response = await fetch(`${url}/health`, { headers: { "x-request-id": "abc" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("abc");
    expect(await logLineOf("abc")).toMatchObject({ msg: "request completed", req: { id: "abc", url: "/health" }, res: { statusCode: 200 } });
  });

  it.each([
    ["no id", undefined],
    ["an id with spaces", "abc def"],
    ["an id longer than 64 characters", "x".repeat(65)],
  ])("gives a request with %s a fresh id of its own", async (_what, given) => {
    const response = await fetch(`${url}/health`, { headers: given ? { "x-request-id": given } : {} });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(UUID);
    expect((await logLineOf(id!)).req.id).toBe(id);
  });
});

describe("the request log", () => {
  it("logs a 503 from /ready at info level with no stack trace: the answer, not an error of the service", async () => {
    const response = await fetch(`${url}/ready`, { headers: { "x-request-id": "ready-503" } });
    expect(response.status).toBe(503);
    const line = await logLineOf("ready-503");
    expect(line).toMatchObject({ level: 30, res: { statusCode: 503 } });
    expect(line.err).toBeUndefined();
    expect(JSON.stringify(line)).not.toMatch(/stack|at .*\.js:\d+/);
  });
});

describe("every answer has its log line", () => {
  const post = (path: string, id: string) => fetch(`${url}${path}`, { method: "POST", headers: { "x-request-id": id } });

  it("a /graphql request refused before Apollo (body, limits, admission) is logged with its status", async () => {
    expect((await post("/graphql/refused", "refused-415")).status).toBe(415);
    expect(await logLineOf("refused-415")).toMatchObject({ level: 30, msg: "request completed", req: { url: "/graphql/refused" }, res: { statusCode: 415 } });
  });

  it("a 503 with Retry-After (Neo4j down, overloaded) is logged at info level: a refusal on purpose, without a stack", async () => {
    expect((await post("/graphql/unavailable", "unavailable-503")).status).toBe(503);
    const line = await logLineOf("unavailable-503");
    expect(line).toMatchObject({ level: 30, res: { statusCode: 503 } });
    expect(line.err).toBeUndefined();
  });

  it("a /graphql request Apollo's request logger wrote a line for gets no second line", async () => {
    expect((await post("/graphql/apollo", "apollo-logged")).status).toBe(200);
    // The next request's line is written after this one's would have been.
    await post("/graphql/refused", "after-apollo");
    await logLineOf("after-apollo");
    expect(logged).not.toContain('"id":"apollo-logged"');
  });

  it("an error no route answers is a JSON 500 with a code, logged at error level with its stack", async () => {
    const response = await post("/graphql/throws", "thrown-500");
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    const line = await logLineOf("thrown-500");
    expect(line).toMatchObject({ level: 50, res: { statusCode: 500 }, err: { type: "RangeError", message: "Maximum call stack size exceeded" } });
    expect(line.err.stack).toMatch(/RangeError: Maximum call stack size exceeded\n\s+at /);
  });
});

describe("documents served from the repository", () => {
  it("GET /schema.graphql serves the committed SDL as text", async () => {
    const response = await fetch(`${url}/schema.graphql`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(readFileSync(GENERATED_SDL_FILE, "utf8"));
  });

  it("GET /guide serves the Neo4j Browser guide for :play, readable from Browser's origin", async () => {
    const response = await fetch(`${url}/guide`);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(readFileSync(path.join(PROJECT_ROOT, "cypher", "guide", "china-llm-graph.html"), "utf8"));
  });

  it("GET / serves the explorer with its libraries from node_modules", async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="vendor/cytoscape.min.js"');
    for (const file of ["cytoscape.min.js", "chart.umd.min.js"]) expect((await fetch(`${url}/vendor/${file}`)).status).toBe(200);
  });
});

describe("GraphiQL at /graphiql, with no CDN", () => {
  it("serves the page and every script and stylesheet it loads from the service itself", async () => {
    const response = await fetch(`${url}/graphiql`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    // No external URL at all: no scheme, no protocol-relative //host.
    expect(html).not.toMatch(/https?:|(?:src|href)="\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.sort()).toEqual([
      "/graphiql/init.js",
      "/graphiql/vendor/graphiql.min.css",
      "/graphiql/vendor/graphiql.min.js",
      "/graphiql/vendor/react-dom.production.min.js",
      "/graphiql/vendor/react.production.min.js",
    ]);
    for (const asset of assets) {
      const file = await fetch(`${url}${asset}`);
      expect(file.status, asset).toBe(200);
      expect(file.headers.get("content-type"), asset).toMatch(asset.endsWith(".css") ? /^text\/css/ : /javascript/);
      const body = await file.text();
      expect(body.length, asset).toBeGreaterThan(100);
    }
    // The libraries load nothing themselves: the stylesheet's fonts are inline, the start script
    // fetches this service's /graphql.
    const css = await (await fetch(`${url}/graphiql/vendor/graphiql.min.css`)).text();
    expect(css).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//);
    expect(css).not.toMatch(/@import/);
    const start = await (await fetch(`${url}/graphiql/init.js`)).text();
    expect(start).toContain("window.location.origin}/graphql");
    expect(start).not.toMatch(/https?:/);
  });

  it("answers 404 for a file it does not vendor", async () => {
    expect((await fetch(`${url}/graphiql/vendor/other.js`)).status).toBe(404);
  });
});

describe("ETags of GET answers (src/http/http-caching.ts)", () => {
  it("tie the tag to the graph's generation and the schema, and match If-None-Match weakly, in a list but not as * alone", () => {
    const etag = answerEtag("abcdef0123456789ffff/4", "0123456789ab")!;
    expect(etag).toBe('W/"abcdef0123456789ffff/4-0123456789ab"');
    expect(answerEtag(null, "0123456789ab")).toBeNull();
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch('"abcdef0123456789ffff/4-0123456789ab"', etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/"other", ${etag}`, etag)).toBe(true);
    // `*` matched any stored answer, so a client that had never seen this one got 304.
    expect(matchesIfNoneMatch("*", etag)).toBe(false);
    expect(matchesIfNoneMatch(`*, ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch('W/"abcdef0123456789-ffffffffffff"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
    expect(schemaHashOf("type A { a: Int }")).not.toBe(schemaHashOf("type A { b: Int }"));
  });
});

describe("conditional GET answers (httpCaching)", () => {
  const V1 = "1111111111111111aaaa";
  const V2 = "2222222222222222bbbb";
  const SCHEMA = "0123456789ab";
  /** One GET request through the plugin's hooks, as Apollo calls them; the graph's version moves to
   *  `after` mid-request, and the request's transactions read `readOn` (null: it read no graph). */
  async function get(ifNoneMatch: string | undefined, operation: "query" | "mutation", after: string, readOn: string | null = null, spanned = false) {
    const version = { current: V1 as string | null };
    const pin = Object.assign(new GenerationPin(), { seen: readOn, spanned });
    const headers = new HeaderMap(ifNoneMatch ? [["if-none-match", ifNoneMatch]] : []);
    const request = { http: { method: "GET", headers, search: "" } };
    const hooks = (await httpCaching(version, SCHEMA).requestDidStart!({ request } as never))!;
    version.current = after;
    const early = await hooks.responseForOperation!({ request, operation: { operation } } as never);
    const response = { http: { status: early?.http?.status, headers: new HeaderMap() }, body: early?.body ?? { kind: "single", singleResult: { data: {} } } };
    await hooks.willSendResponse!({ request, response, contextValue: { pin } } as never);
    return { status: response.http.status ?? 200, etag: response.http.headers.get("etag") };
  }

  it("answer 304 to a query whose client holds the current tag, and never to * alone or a mutation", async () => {
    const current = answerEtag(V1, SCHEMA)!;
    expect(await get(current, "query", V1)).toEqual({ status: 304, etag: current });
    expect(await get("*", "query", V1)).toEqual({ status: 200, etag: current });
    expect((await get(current, "mutation", V1)).status).toBe(200);
    expect(await get(undefined, "query", V1)).toEqual({ status: 200, etag: current });
  });

  it("tag an answer with the generation its transactions read, else with the one current when the request started", async () => {
    // A load landed during the request and the answer was computed on the new graph: the new tag,
    // though the poll still said the old generation when the request came.
    expect((await get(undefined, "query", V1, V2)).etag).toBe(answerEtag(V2, SCHEMA));
    expect((await get(undefined, "query", V2, V1)).etag).toBe(answerEtag(V1, SCHEMA));
    // An answer that read no graph (a response-cache hit) keeps the tag of when it started.
    expect((await get(undefined, "query", V2)).etag).toBe(answerEtag(V1, SCHEMA));
  });

  it("store no answer whose reads spanned two generations", async () => {
    expect(await get(undefined, "query", V1, V1, true)).toEqual({ status: 200, etag: undefined });
  });
});
