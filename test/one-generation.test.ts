// One generation per answer, against the real Neo4j: a load brackets its swap with the generation
// marks, a read transaction that overlaps them is read again, and the generation a request records
// (for its cached answer and its ETag) is the one read inside its own transactions. The fault
// suite's swap probe (test/faults/swap-readers.test.ts) shows the same under real loads.
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerationChangedError, GenerationPin, readOnOneGeneration } from "../src/api/one-generation.ts";
import { currentGeneration, markSwapped, markSwapping } from "../src/graph/generation.ts";
import { loadGraph } from "../src/graph/load.ts";
import { testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
const metadata = { app: "china-llm-graph", loadId: "test-one-generation" };

/** The generation mark's id, as a statement inside the reader's transaction reads it. */
const idInside = "MATCH (g:GraphGeneration {id: 'graph'}) RETURN g.generation AS id, g.seq AS seq";

/** Runs `work` in a read transaction on one generation, with a session of its own. */
async function onOneGeneration<T>(pin: GenerationPin, work: Parameters<typeof readOnOneGeneration<T>>[2]): Promise<T> {
  const session = driver.session({ database: testDatabase() });
  try {
    return await readOnOneGeneration(session, pin, work);
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
});
afterAll(async () => {
  await driver.close();
});

describe("the graph's generation", () => {
  it("a load gives a new generation, never one seen before, with the swap's marks closed", async () => {
    const seen = new Set([(await currentGeneration(driver, testDatabase())).generation]);
    for (let i = 0; i < 2; i++) {
      // The same files each time: the content hash repeats, the generation does not.
      await loadGraph(driver, { database: testDatabase() });
      const now = await currentGeneration(driver, testDatabase());
      expect(now.swapping).toBe(false);
      expect(now.generation).toMatch(/^[0-9a-f-]{36}\/\d*[02468]$/);
      expect(seen.has(now.generation)).toBe(false);
      seen.add(now.generation);
    }
  });

  it("a transaction that overlaps a swap's marks is read again; the generation recorded is the one read inside it", async () => {
    const pin = new GenerationPin();
    let swapped = false;
    const inside = await onOneGeneration(pin, async (tx) => {
      const record = (await tx.run(idInside)).records[0]!;
      if (!swapped) {
        // A swap marked and completed while this transaction reads: what it read may mix graphs.
        swapped = true;
        await markSwapping(driver, testDatabase(), metadata);
        await markSwapped(driver, testDatabase(), metadata);
      }
      return `${record.get("id") as string}/${String(record.get("seq"))}`;
    });
    expect(pin.retries).toBe(1);
    expect(pin.spanned).toBe(false);
    // What the answer records is what its own transaction read, and that is the current generation.
    expect(pin.seen).toBe(inside);
    expect(pin.seen).toBe((await currentGeneration(driver, testDatabase())).generation);
  });

  it("a request whose transactions read two generations must start again", async () => {
    const pin = new GenerationPin();
    pin.seen = "an-earlier-generation/2";
    await expect(onOneGeneration(pin, async (tx) => (await tx.run("RETURN 1 AS one")).records.length)).rejects.toBeInstanceOf(GenerationChangedError);
    expect(pin.spanned).toBe(true);
    expect(pin.failed).toBe(true);
  });

  it("while a swap commits readers wait and then refuse; a mark left by a killed load is read past, as a generation of its own", async () => {
    const before = (await currentGeneration(driver, testDatabase())).generation;
    await markSwapping(driver, testDatabase(), metadata);
    try {
      const pin = new GenerationPin();
      const error = await onOneGeneration(pin, async () => 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GenerationChangedError);
      expect((error as GenerationChangedError).reason).toBe("swapping");
      expect(pin.spanned).toBe(false);
      // As old as a load killed between its marks leaves it (SWAP_MARK_STALE_MS ago).
      await driver.executeQuery("MATCH (g:GraphGeneration {id: 'graph'}) SET g.swappingSince = datetime() - duration('PT1M')", {}, { database: testDatabase() });
      const stale = new GenerationPin();
      expect(await onOneGeneration(stale, async () => 1)).toBe(1);
      // Not the generation before the killed swap: its cached answers are not served as this one's.
      expect(stale.seen).not.toBe(before);
    } finally {
      await markSwapped(driver, testDatabase(), metadata);
    }
    expect((await currentGeneration(driver, testDatabase())).swapping).toBe(false);
  });
});
