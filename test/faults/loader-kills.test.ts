// The loader killed (SIGKILL) at random moments of its run, and two loaders started at once: what
// readers see is the previous graph, byte for byte, after every kill; the next load clears what a
// killed one left and succeeds; of two loads at once, one loads and the other says why it did not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageLoadLease, loaderLeftovers, readersGraphHash, seededRandom, spawnLoader, startOwnNeo4j, waitFor, type OwnNeo4j } from "./support.ts";

const SEED = Number(process.env.FAULT_SEED ?? 14);
const KILLS = Number(process.env.FAULT_LOADER_KILLS ?? 12);
/** Where a kill lands: this long after the process starts, or after the loader prints a phase's end. */
const PHASES = ["start-up", "validate", "schema", "clear leftovers", "stage entities", "stage relationships", "stage metrics", "stage mentions"];

let own: OwnNeo4j;
let graph: { hash: string; lines: number };
let loadMs: number;

beforeAll(async () => {
  own = await startOwnNeo4j("loader");
  const first = spawnLoader(own);
  expect(await first.exited, first.output()).toBe(0);
  // The kills spread over a load as long as a warm one: the first also created the schema.
  const second = spawnLoader(own);
  expect(await second.exited, second.output()).toBe(0);
  loadMs = performance.now() - second.startedAt;
  graph = await readersGraphHash(own.driver);
  expect(graph.lines).toBeGreaterThan(100);
});
afterAll(async () => {
  await own?.remove();
});

describe("the loader under faults", () => {
  it(`killed at ${KILLS} random moments (seed ${SEED}) leaves the previous graph intact every time`, async () => {
    const random = seededRandom(SEED);
    const outcomes: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // A phase drawn at random, then a random moment after it begins: every phase gets kills,
      // the swap included, however fast or slow the machine is today.
      const after = PHASES[Math.floor(random() * PHASES.length)]!;
      const atMs = Math.round(random() * (after === "start-up" ? 1500 : 300));
      const loader = spawnLoader(own);
      if (after !== "start-up") {
        await waitFor(`the loader to finish ${after}`, () => new RegExp(`^  ${after}: `, "m").test(loader.output()) || loader.process.exitCode !== null, 60_000, 5);
      }
      await new Promise((resolve) => setTimeout(resolve, atMs));
      loader.process.kill("SIGKILL");
      const code = await loader.exited;
      const lastPhase = [...loader.output().matchAll(/^ {2}([a-z ]+): [\d.]+ s$/gm)].at(-1)?.[1] ?? "start-up";
      const seen = await readersGraphHash(own.driver);
      outcomes.push(`${atMs} ms after ${after} (last phase ended: ${lastPhase}${code === 0 ? ", had finished" : ""}): ${seen.hash === graph.hash ? "intact" : "CHANGED"}`);
      expect(seen, `kill ${kill} ${atMs} ms after ${after}`).toEqual(graph);
      // A killed load's lease expires after a minute; age it rather than wait each minute out.
      await ageLoadLease(own.driver);
    }
    console.log(`loader kills (seed ${SEED}, a whole load ${(loadMs / 1000).toFixed(1)} s):\n  ${outcomes.join("\n  ")}`);
    const finished = outcomes.filter((o) => o.includes("had finished")).length;
    console.log(`FIGURE loader kills: ${KILLS} (${KILLS - finished} before the load ended), graphs intact: ${outcomes.filter((o) => o.endsWith("intact")).length}`);

    // The next load takes over, clears what the killed ones left, and loads the same graph.
    const next = spawnLoader(own);
    expect(await next.exited, next.output()).toBe(0);
    expect(await readersGraphHash(own.driver)).toEqual(graph);
    expect(await loaderLeftovers(own.driver)).toBe(0);
  });

  it("run twice at once: one loads, the other refuses saying another load runs, and the graph is whole", async () => {
    const [a, b] = [spawnLoader(own), spawnLoader(own)];
    const codes = await Promise.all([a.exited, b.exited]);
    const outputs = [a.output(), b.output()];
    console.log(`two loads at once: exit codes ${codes.join(", ")}`);
    // Both may also succeed one after the other when the first ends before the second asks.
    const refused = outputs.filter((o) => /Another load of this database is running/.test(o));
    expect(codes.filter((c) => c === 0).length).toBeGreaterThanOrEqual(1);
    expect(codes.filter((c) => c !== 0).length).toBe(refused.length);
    console.log(`FIGURE two loads at once: ${codes.filter((c) => c === 0).length} loaded, ${refused.length} refused`);
    expect(await readersGraphHash(own.driver)).toEqual(graph);
    expect(await loaderLeftovers(own.driver)).toBe(0);
  });
});
