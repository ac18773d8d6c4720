// A load paused past its lease (SIGSTOP, as Ctrl-Z or a suspended machine does): the next load
// takes the lease over, ends the paused load's open transactions and finishes, instead of waiting
// on their locks (3.8 min were seen); the paused load, resumed, finds it lost the lease and writes
// nothing; readers see the same graph throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STALE_AFTER_S } from "../../src/graph/load-lock.ts";
import { loaderLeftovers, readersGraphHash, spawnLoader, startOwnNeo4j, waitFor, type OwnNeo4j } from "./support.ts";

let own: OwnNeo4j;
let graph: { hash: string; lines: number };

beforeAll(async () => {
  own = await startOwnNeo4j("frozen");
  const first = spawnLoader(own);
  expect(await first.exited, first.output()).toBe(0);
  graph = await readersGraphHash(own.driver);
});
afterAll(async () => {
  await own?.remove();
});

async function openLoadTransactions(): Promise<number> {
  const { records } = await own.driver.executeQuery(
    "SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'china-llm-graph' RETURN count(*) AS n",
  );
  return Number(records[0]!.get("n"));
}

describe("a load paused past its lease", () => {
  it("does not hold up the next load, which ends its transactions and loads; resumed, it writes nothing", async () => {
    const paused = spawnLoader(own);
    // The worst moment: while one of its transactions is open (staging holds locks on staged
    // nodes that the next load must delete), found by the load's id in the transaction metadata.
    await waitFor("the first load to start staging", () => /clear leftovers:/.test(paused.output()), 60_000, 5);
    await waitFor("a transaction of the load to be open", async () => (await openLoadTransactions()) > 0, 30_000, 0);
    paused.process.kill("SIGSTOP");
    try {
      expect(paused.output()).not.toMatch(/Loaded into/);
      const openWhenPaused = await openLoadTransactions();
      const lastPhase = [...paused.output().matchAll(/^ {2}([a-z ]+): [\d.]+ s$/gm)].at(-1)?.[1];
      expect(await readersGraphHash(own.driver)).toEqual(graph);

      // The lease expires STALE_AFTER_S after its last renewal: the real wait, not a simulated one.
      await new Promise((resolve) => setTimeout(resolve, (STALE_AFTER_S + 6) * 1000));
      const next = spawnLoader(own);
      const code = await Promise.race([next.exited, new Promise((resolve) => setTimeout(() => resolve("still running after 120 s"), 120_000))]);
      const nextMs = performance.now() - next.startedAt;
      expect(code, next.output()).toBe(0);
      expect(next.output()).toMatch(/took over the expired lease of load [0-9a-f-]{36}/);
      const clearSeconds = Number(/clear leftovers: ([\d.]+) s/.exec(next.output())?.[1]);
      console.log(
        `FIGURE paused load (paused after phase '${lastPhase}', ${openWhenPaused} transaction(s) open): ` +
          `the next load took ${(nextMs / 1000).toFixed(1)} s in all, ${clearSeconds} s clearing leftovers; ` +
          `ended: ${/ended (\d+) open transaction/.exec(next.output())?.[1] ?? 0}\n${next.output()}`,
      );
      expect(await readersGraphHash(own.driver)).toEqual(graph);
    } finally {
      paused.process.kill("SIGCONT");
    }
    // Resumed, the paused load finds its lease gone and stops without touching its successor's graph.
    const pausedCode = await Promise.race([paused.exited, new Promise((resolve) => setTimeout(() => resolve("still running 60 s after resuming"), 60_000))]);
    console.log(`the paused load, resumed: exit ${pausedCode}: ${paused.output().split("\n").slice(-3).join(" | ")}`);
    expect(pausedCode).toBe(1);
    expect(paused.output()).toMatch(/lease was taken over by another load/);
    expect(await readersGraphHash(own.driver)).toEqual(graph);
    expect(await loaderLeftovers(own.driver)).toBe(0);
  });
});
