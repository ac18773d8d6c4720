// The loader killed (SIGKILL) at random moments of its run, and two loaders started at once. Each
// killed load loads a graph that DIFFERS from the one readers see (the real sources and a copy with
// one title changed, in turn), so what readers see after a kill is told apart: exactly the previous
// graph or exactly the new one, byte for byte, never a mix or anything else. The next load clears
// what a killed one left and succeeds; of two loads at once, one loads and the other says why not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ageLoadLease,
  changedSourcesFixture,
  graphDifference,
  loaderLeftovers,
  loadTransactionsEnded,
  releaseHistory,
  readersGraphHash,
  seededRandom,
  spawnLoader,
  startOwnNeo4j,
  waitFor,
  type OwnNeo4j,
} from "./support.ts";

const SEED = Number(process.env.FAULT_SEED ?? 14);
const KILLS = Number(process.env.FAULT_LOADER_KILLS ?? 12);
/** Where a kill lands: this long after the process starts, or after the loader prints a phase's end
 *  (after "stage mentions": during the swap; after "swap": while the replaced graph is swept). */
const PHASES = ["start-up", "validate", "schema", "clear leftovers", "stage entities", "stage relationships", "stage metrics", "stage mentions", "swap"];

type Graph = { hash: string; lines: number; text: string[] };
let own: OwnNeo4j;
let fixture: ReturnType<typeof changedSourcesFixture>;
/** The graph of data/sources, and of the changed copy, each from a clean load. */
let real: Graph;
let changed: Graph;
let loadMs: number;

beforeAll(async () => {
  own = await startOwnNeo4j("loader");
  fixture = changedSourcesFixture();
  const first = spawnLoader(own, { sourcesDir: fixture.dir });
  expect(await first.exited, first.output()).toBe(0);
  changed = await readersGraphHash(own.driver);
  // The kills spread over a load as long as a warm one: the first also created the schema.
  const second = spawnLoader(own);
  expect(await second.exited, second.output()).toBe(0);
  loadMs = performance.now() - second.startedAt;
  real = await readersGraphHash(own.driver);
  expect(real.lines).toBeGreaterThan(100);
  // Else the test could not tell the old graph from the new.
  expect(changed.hash, `the fixture changed ${fixture.changed}`).not.toBe(real.hash);
  expect(changed.lines).toBe(real.lines);
});
afterAll(async () => {
  fixture?.remove();
  await own?.remove();
});

describe("the loader under faults", () => {
  it(`killed at ${KILLS} random moments (seed ${SEED}) leaves exactly the old or exactly the new graph every time`, async () => {
    const random = seededRandom(SEED);
    const firstPhase = Math.floor(random() * PHASES.length);
    const outcomes: string[] = [];
    const left = { old: 0, new: 0 };
    let seen = real;
    let history = await releaseHistory(own.driver);
    for (let kill = 0; kill < KILLS; kill++) {
      // Each kill loads the graph readers do not see now: the previous graph and the new one differ.
      const loadsChanged = seen.hash === real.hash;
      const [before, loading] = loadsChanged ? [real, changed] : [changed, real];
      // Every phase in turn (from a seeded start), then a random moment after it begins: every
      // phase gets kills, the swap included, however fast or slow the machine is today.
      const after = PHASES[(firstPhase + kill) % PHASES.length]!;
      const atMs = Math.round(random() * (after === "start-up" ? 1500 : 300));
      const loader = spawnLoader(own, loadsChanged ? { sourcesDir: fixture.dir } : {});
      if (after !== "start-up") {
        await waitFor(`the loader to finish ${after}`, () => new RegExp(`^  ${after}: `, "m").test(loader.output()) || loader.process.exitCode !== null, 60_000, 5);
      }
      await new Promise((resolve) => setTimeout(resolve, atMs));
      loader.process.kill("SIGKILL");
      const code = await loader.exited;
      const lastPhase = [...loader.output().matchAll(/^ {2}([a-z ]+): [\d.]+ s$/gm)].at(-1)?.[1] ?? "start-up";
      await loadTransactionsEnded(own.driver);
      seen = await readersGraphHash(own.driver);
      const verdict = seen.hash === before.hash ? "old" : seen.hash === loading.hash ? "new" : "NEITHER";
      outcomes.push(`${atMs} ms after ${after} (last phase ended: ${lastPhase}${code === 0 ? ", had finished" : ""}): ${verdict}`);
      expect(
        [before.hash, loading.hash],
        `kill ${kill} ${atMs} ms after ${after}: readers see neither graph (${seen.lines} lines); against the old: ${graphDifference(seen, before)}; against the new: ${graphDifference(seen, loading)}`,
      ).toContain(seen.hash);
      expect(seen).toEqual(verdict === "old" ? before : loading);
      left[verdict as "old" | "new"] += 1;
      // The history moved with the graph: one release more exactly when the new graph is in, and
      // the latest release is the graph readers see.
      const now = await releaseHistory(own.driver);
      expect(now.latestIsGraph, `kill ${kill}: the latest release is not the graph readers see`).toBe(true);
      const last = history.numbers.at(-1) ?? 0;
      expect(now.numbers, `kill ${kill} (${verdict})`).toEqual(verdict === "new" ? [...history.numbers, last + 1] : history.numbers);
      history = now;
      // The new graph only once the load has finished: a killed load that had not ended must not
      // have swapped in half of its graph, and one that printed "Loaded into" must have swapped.
      if (/Loaded into/.test(loader.output())) expect(verdict).toBe("new");
      // A killed load's lease expires after a minute; age it rather than wait each minute out.
      await ageLoadLease(own.driver);
    }
    console.log(`loader kills (seed ${SEED}, a whole load ${(loadMs / 1000).toFixed(1)} s):\n  ${outcomes.join("\n  ")}`);
    const finished = outcomes.filter((o) => o.includes("had finished")).length;
    console.log(
      `FIGURE loader kills: ${KILLS} (${KILLS - finished} before the process ended); readers saw exactly the old graph after ${left.old}, ` +
        `exactly the new one after ${left.new}, anything else after 0`,
    );

    // Both outcomes occurred, so the comparison told them apart: a kill after the swap leaves the
    // new graph, one before it the old (with KILLS at least the phases' count).
    if (KILLS >= PHASES.length) {
      expect(left.old).toBeGreaterThan(0);
      expect(left.new).toBeGreaterThan(0);
    }

    // The next load takes over, clears what the killed ones left, and loads the real graph.
    const next = spawnLoader(own);
    expect(await next.exited, next.output()).toBe(0);
    expect(await readersGraphHash(own.driver)).toEqual(real);
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
    expect(await readersGraphHash(own.driver)).toEqual(real);
    expect(await loaderLeftovers(own.driver)).toBe(0);
  });
});
