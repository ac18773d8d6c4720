// Neo4j stopped and killed under a stream of real GraphQL queries to a spawned service. While Neo4j
// is away or warming up (from the moment it is taken down until /ready says 200 again) every
// answer comes within a second, and every answer that is not the right data is the one refusal:
// HTTP 503, Retry-After, a single DATABASE_UNAVAILABLE error and no data (a refusal that waited
// 5 s, an OVERLOADED, or an HTTP 200 carrying a field-level DATABASE_UNAVAILABLE were seen).
// Never a wrong or partial answer; /ready always answers within a second; and the service is ready
// again soon after Neo4j returns, without a restart. The probe prints how soon: /ready 200 and the
// first right answer, after Neo4j's start returned, with the service's own parts (seeing Neo4j
// back, the warm-up) read from its log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { startServiceAndWait, type ServiceRun } from "../support/service.ts";
import { ownNeo4jEnv, startOwnNeo4j, spawnLoader, waitFor, type OwnNeo4j } from "./support.ts";

// The service's default: on this shared 2-CPU machine a cold Neo4j plans these queries in 3-7 s.
const QUERY_TIMEOUT_MS = 5000;
/** The issue's bound on any answer while Neo4j is away or warming up. */
const FAST_MS = 1000;
/** More clients than slots, so that requests queue in admission when Neo4j stops answering. */
const CLIENTS = 6;
const MAX_CONCURRENT_QUERIES = 3;
const QUERIES = [
  `{ search(text: "智譜", limit: 3) { entity { id type name } } }`,
  `{ companies(where: { id: { eq: "minimax" } }) { name foundersConnection { edges { properties { sourceId evidence } node { name } } } } }`,
  `{ metricSeries(companyId: "zhipu-ai", metric: revenue) { company { name } points { periodLabel value unit } } }`,
  `{ companies(where: { memberOf: { some: { id: { eq: "six-tigers" } } } }, sort: [{ name: ASC }]) { id name } }`,
  // Nullable: a failure used to reach the client as HTTP 200 with data and a field error.
  `{ neighbourhood(id: "zhipu-ai", limit: 20) { facts { relationship other { id } } } }`,
];

let own: OwnNeo4j;
let service: ServiceRun;
/** The right answer of each query, taken while Neo4j is up. */
const expected = new Map<string, string>();

interface Answer {
  query: string;
  status: number;
  text: string;
  retryAfter: string | null;
  /** performance.now() when the request was sent and when its answer had been read. */
  sentAt: number;
  endedAt: number;
  ms: number;
}

async function ask(query: string): Promise<Answer> {
  const sentAt = performance.now();
  const done = (status: number, text: string, retryAfter: string | null): Answer => {
    const endedAt = performance.now();
    return { query, status, text, retryAfter, sentAt, endedAt, ms: endedAt - sentAt };
  };
  try {
    const response = await fetch(`${service.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(30_000),
    });
    return done(response.status, await response.text(), response.headers.get("retry-after"));
  } catch (error) {
    return done(0, String(error), null);
  }
}

async function readyProbe() {
  const started = performance.now();
  const response = await fetch(`${service.url}/ready`, { signal: AbortSignal.timeout(30_000) });
  await response.text();
  return { ready: response.status === 200, ms: performance.now() - started };
}

type Kind = "right" | "refused" | "QUERY_TIMEOUT" | "wrong";

/** The right data; the one refusal (503, Retry-After, DATABASE_UNAVAILABLE alone, no data); a
 *  QUERY_TIMEOUT without data; or wrong (a partial answer, another code, no Retry-After). */
function kindOf(answer: Answer): Kind {
  if (answer.status === 200 && answer.text === expected.get(answer.query)) return "right";
  let body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    return "wrong";
  }
  // A coded failure carries no data: a partial answer would be a wrong one.
  if (body.data != null || body.errors?.length !== 1) return "wrong";
  const code = body.errors[0]!.extensions?.code;
  if (code === "DATABASE_UNAVAILABLE" && answer.status === 503 && answer.retryAfter !== null && Number(answer.retryAfter) >= 1) return "refused";
  if (code === "QUERY_TIMEOUT" && answer.status === 200) return "QUERY_TIMEOUT";
  return "wrong";
}

const show = (answer: Answer) => `${answer.status} after ${Math.round(answer.ms)} ms, Retry-After ${answer.retryAfter}: ${answer.text.slice(0, 200)}`;

/** Runs the stream (CLIENTS clients, each query after the other) and /ready probes until `during` ends. */
async function underQueries<T>(during: (answers: Answer[]) => Promise<T>): Promise<{ result: T; answers: Answer[]; readyLongestMs: number }> {
  const answers: Answer[] = [];
  let running = true;
  let readyLongestMs = 0;
  const client = async (offset: number) => {
    for (let i = offset; running; i++) {
      answers.push(await ask(QUERIES[i % QUERIES.length]!));
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
  const workers = Array.from({ length: CLIENTS }, (_, i) => client(i)).concat(prober());
  try {
    return { result: await during(answers), answers, readyLongestMs };
  } finally {
    running = false;
    await Promise.all(workers);
  }
}

/** The service's first log line since `since` (Date.now()) whose msg matches, and when it was written. */
function logged(since: number, msg: RegExp): { at: number; line: Record<string, unknown> } | null {
  for (const text of service.output().split("\n")) {
    if (!text.startsWith("{")) continue;
    const line = JSON.parse(text) as Record<string, unknown>;
    const at = Date.parse(String(line.time));
    if (at >= since && msg.test(String(line.msg))) return { at, line };
  }
  return null;
}

beforeAll(async () => {
  own = await startOwnNeo4j("outage");
  const loader = spawnLoader(own);
  expect(await loader.exited, loader.output()).toBe(0);
  service = await startServiceAndWait({
    ...ownNeo4jEnv(own),
    QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    MAX_CONCURRENT_QUERIES: String(MAX_CONCURRENT_QUERIES),
    RESPONSE_CACHE: "false",
    RATE_LIMIT_PER_MINUTE: "0",
  });
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
  it("answers within a second with the one refusal while Neo4j is away or warming up, never wrongly, and is ready again soon after it returns", async () => {
    const moments = { down: 0, downWall: 0, started: 0, startedWall: 0, ready: 0, right: 0 };
    const { answers, readyLongestMs } = await underQueries(async (sofar) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      moments.down = performance.now();
      moments.downWall = Date.now();
      await takeDown();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await own.start();
      moments.started = performance.now();
      moments.startedWall = Date.now();
      await waitFor("/ready", async () => (await readyProbe()).ready, 120_000, 100);
      moments.ready = performance.now();
      // Queries go on after ready until one sent after it is answered right: what a client meets
      // right after recovery counts too, and how soon answers are right again matters to it.
      const rightAfterStart = () => sofar.find((a) => a.sentAt >= moments.started && kindOf(a) === "right");
      await waitFor("a right answer after recovery", () => rightAfterStart() !== undefined, 120_000, 100);
      moments.right = rightAfterStart()!.endedAt;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    });

    // Away or warming up: every answer that overlaps the time from the take-down to /ready's 200.
    const during = answers.filter((a) => a.endedAt >= moments.down && a.sentAt <= moments.ready);
    const kinds = (list: Answer[]) => {
      const counts: Record<string, number> = {};
      for (const answer of list) counts[kindOf(answer)] = (counts[kindOf(answer)] ?? 0) + 1;
      return Object.entries(counts).map(([kind, n]) => `${n} ${kind}`).join(", ");
    };
    const slow = during.filter((a) => a.ms > FAST_MS);
    const notRefused = during.filter((a) => !["right", "refused"].includes(kindOf(a)));
    const wrong = answers.filter((a) => kindOf(a) === "wrong");
    const fieldLevel = answers.filter((a) => a.status === 200 && a.text.includes("DATABASE_UNAVAILABLE"));
    const after = answers.filter((a) => a.sentAt > moments.ready);
    const longest = (list: Answer[]) => Math.round(Math.max(0, ...list.map((a) => a.ms)));
    // Seen back by the monitor (it may be before the start returned: the start waits for Bolt).
    const seen = logged(moments.downWall, /^connected to Neo4j$/);
    const warmed = logged(moments.downWall, /^warmed up the explorer's first queries$/);
    console.log(
      `FIGURE Neo4j ${how}: ${answers.length} queries; away or warming up: ${during.length} answers (${kinds(during)}), ` +
        `${slow.length} over ${FAST_MS} ms, longest ${longest(during)} ms; after ready: ${after.length} (${kinds(after)}), longest ${longest(after)} ms; ` +
        `wrong: ${wrong.length}, HTTP 200 with DATABASE_UNAVAILABLE: ${fieldLevel.length}; longest /ready ${Math.round(readyLongestMs)} ms; ` +
        `after Neo4j's start returned: Neo4j seen ${seen ? ((seen.at - moments.startedWall) / 1000).toFixed(1) : "?"} s, ` +
        `warm-up ${warmed ? `${((warmed.line.ms as number) / 1000).toFixed(1)} s (${String(warmed.line.operations)} operations)` : "?"}, ` +
        `ready ${((moments.ready - moments.started) / 1000).toFixed(1)} s, a right answer ${((moments.right - moments.started) / 1000).toFixed(1)} s`,
    );
    const serviceLog = service.output().split("\n").filter((line) => line && !/"msg":"(graphql request|request completed|request errored)/.test(line));
    console.log(`the service's log meanwhile (last 25 lines but requests):\n${serviceLog.slice(-25).join("\n")}`);
    for (const answer of [...slow, ...notRefused, ...wrong].slice(0, 10)) console.log(`  ${kindOf(answer)}: ${show(answer)}`);

    expect(wrong.map(show)).toEqual([]);
    expect(fieldLevel.map(show)).toEqual([]);
    expect(notRefused.map(show)).toEqual([]);
    expect(slow.map(show)).toEqual([]);
    expect(during.filter((a) => kindOf(a) === "refused").length).toBeGreaterThan(0);
    // /ready is bounded at 0.9 s by design; the rest is a loaded event loop on a busy machine.
    expect(readyLongestMs).toBeLessThan(FAST_MS + 500);
    expect(moments.ready - moments.started).toBeLessThan(30_000);
  });
});
