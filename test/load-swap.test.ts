// A load builds the new graph beside the current one and swaps it in: readers never see half a
// load, two loads never mix, and a killed load's leftovers are cleared by the next one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { acquireLoadLease, LoadInProgressError, loadMetadata } from "../src/graph/load-lock.ts";
import { LoadFailedError } from "../src/graph/load-failure.ts";
import { sourceFilesIn } from "../src/graph/source-file.ts";
import { loaderLeftovers, snapshotGraph, testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
let dir: string;
let before: string[];
const run = (query: string, params: Record<string, unknown> = {}) => driver.executeQuery(query, params, { database: testDatabase() });

/** The project's sources plus one naming a technology the article does not. */
function filesWithExtraTechnology(): string[] {
  const file = path.join(dir, "900_extra_technology.json");
  writeFileSync(
    file,
    JSON.stringify({
      source: { id: "src-test-swap", title: "Swap test source", publisher: "tests", publisherId: "tests", language: "en", date: "2026-03-01", datePrecision: "day", kind: "background" },
      entities: [{ id: "test-technology", labels: ["Technology"], name: "Test Technology", nameZhHans: "测试技术", nameZhHant: "測試技術", aliases: [] }],
      relationships: [{ type: "USES_TECHNOLOGY", from: "zhipu-ai", to: "test-technology", evidence: "Zhipu uses the test technology." }],
      metrics: [],
    }),
  );
  return [...sourceFilesIn(), file];
}

beforeAll(async () => {
  driver = testDriver();
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-swap-"));
  await loadGraph(driver, { database: testDatabase() });
  before = await snapshotGraph(driver);
});
afterAll(async () => {
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a load", () => {
  it("stages the new graph where readers do not see it, then swaps it in whole", async () => {
    const seenWhileStaged: Array<{ graph: string[]; staged: number }> = [];
    await loadGraph(driver, {
      files: filesWithExtraTechnology(),
      database: testDatabase(),
      onPhase: async (phase) => {
        if (phase !== "stage mentions") return;
        const { records } = await run("MATCH (n:StagedEntity) RETURN count(n) AS n");
        seenWhileStaged.push({ graph: await snapshotGraph(driver), staged: Number(records[0]!.get("n")) });
      },
    });
    expect(seenWhileStaged).toHaveLength(1);
    expect(seenWhileStaged[0]!.staged).toBeGreaterThan(30);
    expect(seenWhileStaged[0]!.graph).toEqual(before);

    const { records } = await run("MATCH (:Company {id: 'zhipu-ai'})-[r:USES_TECHNOLOGY]->(t:Technology:Entity {id: 'test-technology'}) RETURN r.sourceId AS source");
    expect(records.map((r) => r.get("source"))).toEqual(["src-test-swap"]);
    expect(await loaderLeftovers(driver)).toBe(0);
    await loadGraph(driver, { database: testDatabase() });
    expect(await snapshotGraph(driver)).toEqual(before);
  });

  it("while another load runs is refused, saying so, and writes nothing", async () => {
    const lease = await acquireLoadLease(driver, testDatabase());
    try {
      const error = await loadGraph(driver, { files: filesWithExtraTechnology(), database: testDatabase() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadInProgressError);
      expect((error as Error).message).toMatch(/Another load of this database is running \(started .+, last seen .+\); nothing was written/);
      expect(await snapshotGraph(driver)).toEqual(before);
    } finally {
      await lease.release();
    }
    expect(await loaderLeftovers(driver)).toBe(0);
  });

  it("after a load that was killed takes over its expired lease and clears what it left", async () => {
    // What a load killed mid-way leaves: its lease, unrenewed for minutes, and half-staged nodes.
    await run(
      `CREATE (:LoadLock {id: 'load', token: 'dead', startedAt: datetime() - duration('PT10M'), renewedAt: datetime() - duration('PT5M')})
       CREATE (:StagedEntity {id: 'zhipu-ai', name: 'half-written'})-[:FOUNDED]->(:StagedEntity {id: 'test-orphan'})
       CREATE (:Retired {id: 'replaced-earlier'})`,
    );
    await loadGraph(driver, { database: testDatabase() });
    expect(await snapshotGraph(driver)).toEqual(before);
    expect(await loaderLeftovers(driver)).toBe(0);
  });

  it("after a load that froze with a transaction open ends that transaction and goes on, saying so", async () => {
    // What a load paused past its lease (SIGSTOP) leaves: an expired lease, staged nodes committed,
    // and an open transaction tagged with its id that holds a lock on one of them. Before, the next
    // load waited on that lock, silently, for as long as the frozen load stayed frozen.
    await run(
      `CREATE (:LoadLock {id: 'load', token: 'frozen-load', startedAt: datetime() - duration('PT10M'), renewedAt: datetime() - duration('PT5M')})
       CREATE (:StagedEntity {id: 'frozen-a'}), (:StagedEntity {id: 'frozen-b'})`,
    );
    const frozenSession = driver.session({ database: testDatabase() });
    const frozen = await frozenSession.beginTransaction({ metadata: loadMetadata("frozen-load") });
    await frozen.run("MATCH (a:StagedEntity {id: 'frozen-a'}), (b:StagedEntity {id: 'frozen-b'}) CREATE (a)-[:STAGING]->(b)");
    const progress: string[] = [];
    const started = performance.now();
    try {
      const load = loadGraph(driver, { database: testDatabase(), onProgress: (message) => progress.push(message) });
      const outcome = await Promise.race([
        load.then(() => "loaded"),
        new Promise((resolve) => setTimeout(() => resolve("still waiting after 60 s"), 60_000)),
      ]);
      expect(outcome).toBe("loaded");
      console.log(`the load after a frozen one took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(progress.join("\n")).toMatch(/took over the expired lease of load frozen-load \(started .+, last seen .+\)\n.*terminating 1 open transaction\(s\) of the stale load frozen-load\nended 1 open transaction/);
      expect(await snapshotGraph(driver)).toEqual(before);
      expect(await loaderLeftovers(driver)).toBe(0);
      // The frozen load, when it resumes, finds its transaction ended: it cannot write among its successor's nodes.
      await expect(frozen.run("RETURN 1")).rejects.toThrow();
    } finally {
      await frozen.close().catch(() => {});
      await frozenSession.close();
    }
  });

  it("that fails after its swap says in which phase, why, and that readers see the new graph", async () => {
    // A failure after the swap committed (a full disk while sweeping was seen): before, the loader
    // printed only the driver's message, although the new graph was live.
    const holder = driver.session({ database: testDatabase() });
    const blocker = await holder.beginTransaction();
    let terminated = 0;
    const error = await loadGraph(driver, {
      files: filesWithExtraTechnology(),
      database: testDatabase(),
      onPhase: async (phase) => {
        if (phase !== "swap") return;
        // Hold a lock on a node of the replaced graph, so the sweep waits; then end the sweep's
        // transaction as an operator (or a failing disk) would.
        await blocker.run("MATCH (n:Retired) WITH n LIMIT 1 SET n.held = true");
        void (async () => {
          for (let i = 0; i < 100 && terminated === 0; i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            const { records } = await run(
              "SHOW TRANSACTIONS YIELD transactionId, metaData, currentQuery WHERE metaData.app = 'china-llm-graph' AND currentQuery CONTAINS 'DETACH DELETE' RETURN collect(transactionId) AS ids",
            );
            const ids = records[0]!.get("ids") as string[];
            if (ids.length) terminated = Number((await run("TERMINATE TRANSACTIONS $ids YIELD transactionId RETURN count(*) AS n", { ids })).records[0]!.get("n"));
          }
        })();
      },
    }).catch((e: unknown) => e);
    await blocker.rollback();
    await holder.close();
    expect(terminated).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(LoadFailedError);
    const message = (error as Error).message;
    console.log(message);
    expect(message).toMatch(/^The load failed in phase 'sweep replaced graph': its transaction was terminated/);
    expect(message).toMatch(/Readers see the new graph \(content [0-9a-f]{16}\), loaded .+: its swap had committed before the failure/);
    const { records } = await run("MATCH (t:Technology:Entity {id: 'test-technology'}) RETURN count(t) AS n");
    expect(Number(records[0]!.get("n"))).toBe(1);
    // The next load clears what was left of the replaced graph.
    await loadGraph(driver, { database: testDatabase() });
    expect(await snapshotGraph(driver)).toEqual(before);
    expect(await loaderLeftovers(driver)).toBe(0);
  });
});
