// Cached answers never outlive the graph they came from, on every replica: two services share one
// Neo4j, a load changes the graph, and both answer from the new graph within a poll interval.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { sourceFilesIn } from "../src/graph/source-file.ts";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";

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

async function answerOf(api: Api) {
  return (await api.gql(QUERY)).body.data!.companies;
}

describe("response cache", () => {
  it("serves repeated queries from the cache, and a load retires them on every replica", async () => {
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
    const files = sourceFilesIn().map((file) => {
      const copy = path.join(dir, path.basename(file));
      copyFileSync(file, copy);
      return copy;
    });
    const extra = path.join(dir, "900_cache_probe.json");
    writeFileSync(
      extra,
      JSON.stringify({
        source: { id: "src-cache-probe", title: "Cache probe", publisher: "tests", language: "en", date: "2026", datePrecision: "year", kind: "background" },
        entities: [{ id: "cache-probe", labels: ["Company"], name: "Cache Probe", nameZhHans: "缓存", nameZhHant: "緩存", aliases: [] }],
        mentions: ["cache-probe"],
      }),
    );
    await loadGraph(driver, { files: [...files, extra], database: testDatabase() });
    for (const api of replicas) {
      await expect.poll(() => answerOf(api), { timeout: 5000, interval: 100 }).toEqual([{ name: "Cache Probe" }]);
    }
  });
});
