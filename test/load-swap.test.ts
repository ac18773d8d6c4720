// A load builds the new graph beside the current one and swaps it in: readers never see half a
// load, two loads never mix, and a killed load's leftovers are cleared by the next one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { acquireLoadLease, LoadInProgressError } from "../src/graph/load-lock.ts";
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
      source: { id: "src-test-swap", title: "Swap test source", publisher: "tests", language: "en", date: "2026-03-01", datePrecision: "day", kind: "background" },
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
});
