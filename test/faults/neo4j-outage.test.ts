// Neo4j stopped and killed under a stream of real GraphQL queries to a spawned service: every
// answer is either the right one or a coded error (DATABASE_UNAVAILABLE, QUERY_TIMEOUT), never a
// wrong or partial answer; no request waits past QUERY_TIMEOUT_MS; /ready always answers within a
// second; and the service is ready again soon after Neo4j returns, without a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { startServiceAndWait, type ServiceRun } from "../support/service.ts";
import { ownNeo4jEnv, spawnLoader, startOwnNeo4j, waitFor, type OwnNeo4j } from "./support.ts";

// The service's default: on this shared 2-CPU machine a cold Neo4j plans these queries in 3-7 s.
const QUERY_TIMEOUT_MS = 5000;
const QUERIES = [
  `{ search(text: "智譜", limit: 3) { entity { id type name } } }`,
  `{ companies(where: { id: { eq: "minimax" } }) { name foundersConnection { edges { properties { sourceId evidence } node { name } } } } }`,
  `{ metricSeries(companyId: "zhipu-ai", metric: revenue) { company { name } points { periodLabel value unit } } }`,
  `{ companies(where: { memberOf: { some: { id: { eq: "six-tigers" } } } }, sort: [{ name: ASC }]) { id name } }`,
];

let own: OwnNeo4j;
let service: ServiceRun;
/** The right answer of each query, taken while Neo4j is up. */
const expected = new Map<string, string>();

async function ask(query: string) {
  const started = performance.now();
  try {
    const response = await fetch(`${service.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, text: String(error), ms: performance.now() - started };
  }
}

async function readyProbe() {
  const started = performance.now();
  const response = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(30_000) });
  await response.text();
  return { ready: response.status === 200, ms: performance.now() - started };
}

interface Tally {
  sent: number;
  right: number;
  coded: Record<string, number>;
  wrong: string[];
  longestMs: number;
}

/** Classifies one answer: the right data, a coded error saying the database is away, or wrong. */
function judge(tally: Tally, query: string, answer: { status: number; text: string; ms: number }): void {
  tally.sent += 1;
  tally.longestMs = Math.max(tally.longestMs, answer.ms);
  if (answer.text === expected.get(query) && answer.status === 200) {
    tally.right += 1;
    return;
  }
  let code: unknown;
  try {
    const body = JSON.parse(answer.text) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    // A coded failure carries no data: a partial answer would be a wrong one.
    if (body.data == null && body.errors?.length === 1) code = body.errors[0]!.extensions?.code;
  } catch {
    code = undefined;
  }
  if (code === "DATABASE_UNAVAILABLE" || code === "QUERY_TIMEOUT") tally.coded[code] = (tally.coded[code] ?? 0) + 1;
  else tally.wrong.push(`${answer.status} ${answer.text.slice(0, 300)}`);
}

/** Runs the stream (2 clients, each query after the other) and /ready probes until `during` ends. */
async function underQueries<T>(during: (tally: Tally) => Promise<T>): Promise<{ result: T; tally: Tally; readyLongestMs: number }> {
  const tally: Tally = { sent: 0, right: 0, coded: {}, wrong: [], longestMs: 0 };
  let running = true;
  let readyLongestMs = 0;
  const client = async (offset: number) => {
    for (let i = offset; running; i++) {
      const query = QUERIES[i % QUERIES.length]!;
      judge(tally, query, await ask(query));
      // A client that waits a moment between requests, as a page or a script does.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const prober = async () => {
    while (running) {
      readyLongestMs = Math.max(readyLongestMs, (await readyProbe()).ms);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const workers = [0, 1].map(client).concat(prober());
  try {
    return { result: await during(tally), tally, readyLongestMs };
  } finally {
    running = false;
    await Promise.all(workers);
  }
}

/** Time from Neo4j's start having returned until /ready says 200. */
async function timeBackToReady(): Promise<number> {
  const started = performance.now();
  await waitFor("/ready", async () => (await readyProbe()).ready, 120_000, 100);
  return performance.now() - started;
}

beforeAll(async () => {
  own = await startOwnNeo4j("outage");
  const loader = spawnLoader(own);
  expect(await loader.exited, loader.output()).toBe(0);
  service = await startServiceAndWait({ ...ownNeo4jEnv(own), QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), RESPONSE_CACHE: "false" });
  await waitFor("/ready", async () => (await readyProbe()).ready, 60_000, 200);
  for (const query of QUERIES) {
    // A fresh Neo4j plans its first queries slowly (a cold JVM): asked again, they are answered.
    let answer = await ask(query);
    for (let attempt = 0; attempt < 10 && answer.text.includes('"errors"'); attempt++) answer = await ask(query);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).not.toContain('"errors"');
    expected.set(query, answer.text);
  }
});
afterAll(async () => {
  await service?.stop();
  await own?.remove();
});

describe.each([
  ["stopped", () => stopLocalNeo4j(own.config)],
  ["killed (SIGKILL)", async () => void process.kill(own.pid, "SIGKILL")],
])("Neo4j %s under a stream of queries", (how, takeDown) => {
  it("gives no wrong answer, no wait past QUERY_TIMEOUT_MS, and is ready again soon after Neo4j returns", async () => {
    let started = 0;
    const { result, tally, readyLongestMs } = await underQueries(async (sofar) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await takeDown();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await own.start();
      started = performance.now();
      const readyMs = await timeBackToReady();
      // Queries go on after ready until one is answered right: what a client meets right after
      // recovery counts too, and how soon answers are right again is the figure that matters to it.
      const rightBefore = sofar.right;
      await waitFor("a right answer after recovery", () => sofar.right > rightBefore, 120_000, 100);
      return { readyMs, servingMs: performance.now() - started };
    });
    const coded = Object.entries(tally.coded).map(([code, n]) => `${n} ${code}`).join(", ") || "none";
    console.log(
      `FIGURE Neo4j ${how}: ${tally.sent} queries, ${tally.right} right, coded errors: ${coded}, wrong: ${tally.wrong.length}, ` +
        `longest answer ${Math.round(tally.longestMs)} ms, longest /ready ${Math.round(readyLongestMs)} ms, ` +
        `ready ${(result.readyMs / 1000).toFixed(1)} s and a right answer ${(result.servingMs / 1000).toFixed(1)} s after Neo4j's start returned`,
    );
    const logged = service.output().split("\n").filter((line) => line && !/"msg":"(graphql request|request completed|request errored)/.test(line));
    console.log(`the service's log meanwhile (last 25 lines but requests):\n${logged.slice(-25).join("\n")}`);
    expect(tally.wrong).toEqual([]);
    expect(tally.right).toBeGreaterThan(0);
    expect(tally.coded.DATABASE_UNAVAILABLE ?? 0).toBeGreaterThan(0);
    // Generous bounds that separate "answers in time" from "hangs" (15 s and more were seen), with
    // room for a busy CI machine: the deadline's answer late by a loaded event loop, /ready (0.9 s
    // by design) late by the same.
    expect(tally.longestMs).toBeLessThan(QUERY_TIMEOUT_MS + 3000);
    expect(readyLongestMs).toBeLessThan(4000);
    expect(result.readyMs).toBeLessThan(30_000);
  });
});
