// Cached answers never outlive the graph they came from, on every replica: two services share one
// Neo4j, a load changes the graph, and both answer from the new graph within a poll interval. And
// no cache mixes graphs: after graph A, then B, then A again, nothing of B is served, from the
// response cache or as a 304, also by a replica whose poll of the generation lags behind.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentGeneration } from "../src/graph/generation.ts";
import { loadGraph } from "../src/graph/load.ts";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";
import { filesWith } from "./support/source-fixtures.ts";

let replicas: Api[];
let driver: Driver;
let dir: string;

const QUERY = `{ companies(where: { id: { eq: "cache-probe" } }) { name } }`;

beforeAll(async () => {
  driver = testDriver();
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-cache-"));
  replicas = [await startApi({ GRAPH_VERSION_POLL_MS: "200" }), await startApi({ GRAPH_VERSION_POLL_MS: "200" })];
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A GET of `query`, as a browser or a CDN sends it (CSRF prevention wants the preflight header). */
const get = (api: Api, query: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { "apollo-require-preflight": "true", ...headers } });

/** The generation readers see now, as the ETags carry it. */
const graphVersion = async (): Promise<string> => (await currentGeneration(driver, testDatabase())).generation;

/** data/sources and one more file with a company of its own: graph B, which A (data/sources) lacks. */
const graphBFiles = (): string[] =>
  filesWith(dir, {
    source: { id: "src-cache-probe", title: "Cache probe", publisher: "tests", publisherId: "tests", language: "en", date: "2026", datePrecision: "year", kind: "background" },
    entities: [{ id: "cache-probe", labels: ["Company"], name: "Cache Probe", nameZhHans: "缓存", nameZhHant: "緩存", aliases: [] }],
    mentions: ["cache-probe"],
  });

async function answerOf(api: Api) {
  return (await api.gql(QUERY)).body.data!.companies;
}

describe("HTTP caching of GET answers", () => {
  it("a GET answer carries Cache-Control and an ETag of the graph's version; If-None-Match answers 304", async () => {
    const [api] = replicas;
    const first = await get(api!, "{ companies(limit: 2) { id } }");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[0-9a-f-]{36}\/\d+-[0-9a-f]{12}"$/);
    expect(etag).toContain(await graphVersion());
    // Every answer of one graph has the same tag; the URL tells answers apart.
    expect((await get(api!, "{ sources(limit: 1) { id } }")).headers.get("etag")).toBe(etag);
    const again = await get(api!, "{ companies(limit: 2) { id } }", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const stale = await get(api!, "{ companies(limit: 2) { id } }", { "if-none-match": 'W/"0000-000000000000"' });
    expect(stale.status).toBe(200);
    // 304 only where the answer would have been 200: never for `*` alone, an over-limit query or a mutation.
    expect((await get(api!, "{ companies(limit: 2) { id } }", { "if-none-match": "*" })).status).toBe(200);
    const overLimit = await get(api!, "{ companies(limit: 100000) { id } }", { "if-none-match": etag });
    expect(overLimit.status).toBe(400);
    expect(((await overLimit.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect((await get(api!, "mutation { x }", { "if-none-match": etag })).status).not.toBe(304);
    // An error is not to be stored; a POST is not a cacheable request and carries neither.
    const failed = await get(api!, "{ companie { id } }");
    expect(failed.status).toBe(400);
    expect(failed.headers.get("cache-control")).toBe("no-store");
    expect(failed.headers.get("etag")).toBeNull();
    const post = await api!.gql("{ companies(limit: 2) { id } }");
    expect(post.headers.get("etag")).toBeNull();
  });
});

describe("response cache", () => {
  it("keeps an answer with a cut list, notice and all; its hits cost Neo4j nothing and are refunded by the rate limit", async () => {
    const api = await startApi({ RATE_LIMIT_PER_MINUTE: "5" });
    try {
      const query = "{ companies(sort: [{ name: ASC }], limit: 3) { id name } }";
      const first = await api.gql(query);
      const cutLists = (first.body as { extensions?: { cutLists?: unknown } }).extensions?.cutLists;
      expect(cutLists).toEqual([{ path: "companies", returned: 3, offset: 0 }]);
      // Stored once the replica has read the graph's version (its first poll); until then, misses.
      await expect.poll(async () => (await api.gql(query)).headers.get("age"), { timeout: 5000, interval: 200 }).not.toBeNull();
      // More requests than the limit of five a minute: each a cache hit (Age), each refunded.
      for (let i = 0; i < 8; i++) {
        const hit = await api.gql(query);
        expect(hit.status).toBe(200);
        expect(hit.headers.get("age")).not.toBeNull();
        expect(hit.body).toEqual(first.body);
      }
    } finally {
      await api.stop();
    }
  });

  it("a conditional GET's 304 costs Neo4j nothing and is refunded by the rate limit", async () => {
    const api = await startApi({ RATE_LIMIT_PER_MINUTE: "20" });
    try {
      const query = "{ companies(limit: 2) { id } }";
      // The tag is known once the service has read the graph's version (its first poll).
      let etag = "";
      await expect.poll(async () => (etag = (await get(api, query)).headers.get("etag") ?? ""), { timeout: 5000, interval: 200 }).not.toBe("");
      await expect.poll(async () => (await get(api, query, { "if-none-match": etag })).status, { timeout: 5000, interval: 200 }).toBe(304);
      // Thirty 304s, more than the twenty a minute: none is refused, since none is counted.
      for (let i = 0; i < 30; i++) expect((await get(api, query, { "if-none-match": etag })).status).toBe(304);
    } finally {
      await api.stop();
    }
  });

  it("serves repeated queries from the cache, and a load retires them on every replica", async () => {
    const etagBefore = (await get(replicas[0]!, QUERY)).headers.get("etag")!;
    for (const api of replicas) {
      expect(await answerOf(api)).toEqual([]);
      // The response cache marks a hit with an Age header.
      await expect
        .poll(async () => {
          const response = await fetch(`${api.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: QUERY }),
          });
          return response.headers.get("age");
        }, { timeout: 5000 })
        .not.toBeNull();
    }
    await loadGraph(driver, { files: graphBFiles(), database: testDatabase() });
    for (const api of replicas) {
      await expect.poll(() => answerOf(api), { timeout: 5000, interval: 100 }).toEqual([{ name: "Cache Probe" }]);
      // The load changed the graph's version, so a browser's stored answer is stale: 200, new tag.
      const revalidated = await get(api, QUERY, { "if-none-match": etagBefore });
      expect(revalidated.status).toBe(200);
      expect(revalidated.headers.get("etag")).not.toBe(etagBefore);
    }
  });
});

describe("no cache mixes graphs", () => {
  // Answers that differ between A (data/sources) and B (A and the cache-probe company): generated
  // queries, a relational one and a search.
  const ASKED_ON_A = `{ companies(where: { id: { in: ["cache-probe"] } }) { id name } }`;
  const FIRST_ASKED_ON_B = [
    `{ companies(where: { id: { eq: "cache-probe" } }) { id } }`,
    `{ neighbourhood(id: "cache-probe", limit: 5) { entity { id name } } }`,
    `{ search(text: "Cache Probe", limit: 3) { entity { id } } }`,
  ];
  const onA = { companies: [] };
  const hasProbe = (data: unknown) => JSON.stringify(data).includes("cache-probe");

  it("A, then B, then A again: no answer of B and no 304 for B's ETag, also from a replica whose poll lags", async () => {
    const live = await startApi({ GRAPH_VERSION_POLL_MS: "100" });
    // Reads the generation at its start and not again during the test: it keys its cache by A's
    // generation throughout, as a replica does between a load and its next poll.
    const lagging = await startApi({ GRAPH_VERSION_POLL_MS: "60000" });
    try {
      const posted = async (api: Api, query: string) => {
        const response = await api.gql(query);
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        return { data: response.body.data, hit: response.headers.get("age") !== null };
      };
      const tagOf = async (api: Api, query: string) => (await get(api, query)).headers.get("etag");
      const settled = (api: Api) => expect.poll(async () => (await tagOf(api, ASKED_ON_A))?.includes(await graphVersion()), { timeout: 10_000, interval: 100 }).toBe(true);

      // Graph A (the lagging replica's start loaded it): asked and cached on both.
      await settled(live);
      const generationA1 = await graphVersion();
      const tagA1 = (await tagOf(live, ASKED_ON_A))!;
      expect(await tagOf(lagging, ASKED_ON_A)).toBe(tagA1);
      for (const api of [live, lagging]) {
        expect((await posted(api, ASKED_ON_A)).data).toEqual(onA);
        await expect.poll(async () => (await posted(api, ASKED_ON_A)).hit, { timeout: 5000, interval: 100 }).toBe(true);
      }

      // Graph B. The lagging replica still keys by A: it serves A's stored answer (consistent, of A),
      // computes B's answers for new questions, and stores none of them under A's generation.
      await loadGraph(driver, { files: graphBFiles(), database: testDatabase() });
      const generationB = await graphVersion();
      expect((await posted(lagging, ASKED_ON_A)).data).toEqual(onA);
      const tagsOfB: string[] = [];
      for (const query of FIRST_ASKED_ON_B) {
        for (let i = 0; i < 3; i++) {
          const answer = await posted(lagging, query);
          expect(hasProbe(answer.data), query).toBe(true);
          expect(answer.hit, `${query} stored under A's generation`).toBe(false);
        }
        // Its ETag is the generation its transactions read (B), not the one its cache is keyed by.
        const response = await get(lagging, query);
        expect(hasProbe(await response.json())).toBe(true);
        const tag = response.headers.get("etag")!;
        expect(tag).toContain(generationB);
        tagsOfB.push(tag);
      }
      await settled(live);
      for (const query of [ASKED_ON_A, ...FIRST_ASKED_ON_B]) {
        expect(hasProbe((await posted(live, query)).data), query).toBe(true);
        await expect.poll(async () => (await posted(live, query)).hit, { timeout: 5000, interval: 100 }).toBe(true);
      }
      tagsOfB.push((await tagOf(live, ASKED_ON_A))!);

      // Graph A again: the same files as the first A, a new generation.
      await loadGraph(driver, { database: testDatabase() });
      expect(await graphVersion()).not.toBe(generationA1);
      await settled(live);
      for (const api of [live, lagging]) {
        for (const query of [ASKED_ON_A, ...FIRST_ASKED_ON_B]) {
          for (let i = 0; i < 2; i++) {
            const { data } = await posted(api, query);
            expect(hasProbe(data), `${query}: an answer of graph B after A was loaded again`).toBe(false);
          }
          // The lagging replica still takes A's first generation for the current one: only B's tags.
          for (const tag of api === live ? [...tagsOfB, tagA1] : tagsOfB) {
            const response = await get(api, query, { "if-none-match": tag });
            expect(response.status, `${query} with ETag ${tag}`).toBe(200);
            expect(hasProbe(await response.json())).toBe(false);
          }
        }
      }
      expect(new Set(tagsOfB).size).toBe(1);
    } finally {
      await Promise.all([live.stop(), lagging.stop()]);
    }
  });
});
