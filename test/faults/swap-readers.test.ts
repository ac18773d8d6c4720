// Readers in tight loops through the public API while loads alternate two different graphs: every
// answer is exactly graph A's or exactly graph B's (or a coded refusal), never one that is neither.
// Under Neo4j's read-committed isolation a query that overlaps a swap's commit can read part of it;
// the API reads the graph's generation mark before and after each transaction and reads again when
// it moved (src/api/one-generation.ts). Readers: GraphQL without the response cache (generated
// queries, several transactions per request, cut lists counted), GraphQL with it, and the
// relational queries; and, as a control, the same kind of read straight from the driver without
// the mark, which shows how often the window was hit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServiceAndWait, type ServiceRun } from "../support/service.ts";
import { loadGraph } from "../../src/graph/load.ts";
import { SOURCES_DIR, sourceFilesIn } from "../../src/graph/source-file.ts";
import { changedSourcesFixture, ownNeo4jEnv, startOwnNeo4j, waitFor, type OwnNeo4j } from "./support.ts";

const LOADS = Number(process.env.FAULT_SWAP_LOADS ?? 60);
const CHANGED_SOURCE = "src-web-geekpark-zhipu";

const GENERATED = [
  // Two root fields (two transactions), each list full, so its cut list is counted (a third).
  `{ sources(where: { id: { eq: "${CHANGED_SOURCE}" } }) { id title } companies(sort: [{ id: ASC }], limit: 100) { id name } }`,
  `{ sources(sort: [{ id: ASC }], limit: 100) { id title } }`,
];
const RELATIONAL = [
  `{ sourceDigest(id: "${CHANGED_SOURCE}") { title entities { id } facts { relationship to { id } } } }`,
  `{ neighbourhood(id: "zhang-peng", limit: 50) { entity { id } totalFacts sources { id title } } }`,
  `{ search(text: "zhang peng", limit: 3) { entity { id name } } }`,
];
/** The control: every source's id and title, read by the driver in one query, with no mark. */
const RAW = "MATCH (s:Source) RETURN s.id AS id, s.title AS title ORDER BY id";

let own: OwnNeo4j;
let fixture: ReturnType<typeof changedSourcesFixture>;
let uncached: ServiceRun;
let cached: ServiceRun;
/** Per query, its answer on graph A (data/sources) and on graph B (one title changed). */
const expected = { A: new Map<string, string>(), B: new Map<string, string>() };

/** An answer as compared: its data and its cut lists (a cached answer carries them too). */
async function ask(service: ServiceRun, query: string): Promise<{ status: number; answer: string; code: string | null }> {
  const response = await fetch(`${service.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }>; extensions?: { cutLists?: unknown } };
  const code = body.errors?.[0]?.extensions?.code ?? null;
  return { status: response.status, answer: JSON.stringify({ data: body.data ?? null, cutLists: body.extensions?.cutLists ?? null }), code };
}

async function rawRead(): Promise<string> {
  const { records } = await own.driver.executeQuery(RAW);
  return JSON.stringify(records.map((r) => [r.get("id"), r.get("title")]));
}

/** A load in this process (the loader's own code, as `npm run load` runs it): the fault suite has
 *  15 minutes in CI, and a loader process's start-up would be most of each of the 30 loads. */
async function load(graph: "A" | "B"): Promise<void> {
  await loadGraph(own.driver, { files: sourceFilesIn(graph === "B" ? fixture.dir : SOURCES_DIR) });
}

async function takeExpected(graph: "A" | "B"): Promise<void> {
  await load(graph);
  for (const query of [...GENERATED, ...RELATIONAL]) {
    // A fresh Neo4j plans its first queries slowly: asked again until answered.
    let reply = await ask(uncached, query);
    for (let attempt = 0; attempt < 10 && reply.code !== null; attempt++) reply = await ask(uncached, query);
    expect(reply.code, reply.answer).toBeNull();
    expected[graph].set(query, reply.answer);
  }
  expected[graph].set(RAW, await rawRead());
}

beforeAll(async () => {
  own = await startOwnNeo4j("swap-readers");
  fixture = changedSourcesFixture();
  await load("A");
  const env = { ...ownNeo4jEnv(own), QUERY_TIMEOUT_MS: "10000" };
  uncached = await startServiceAndWait({ ...env, RESPONSE_CACHE: "false" });
  cached = await startServiceAndWait({ ...env, GRAPH_VERSION_POLL_MS: "200" });
  for (const service of [uncached, cached]) {
    await waitFor("/ready", async () => (await fetch(`${service.url}/ready`)).status === 200, 60_000, 200);
  }
  await takeExpected("B");
  await takeExpected("A");
  // Else an answer of one graph could not be told from the other's.
  for (const query of [GENERATED[0]!, GENERATED[1]!, RELATIONAL[0]!, RELATIONAL[1]!, RAW]) {
    expect(expected.A.get(query), query).not.toBe(expected.B.get(query));
  }
}, 600_000);
afterAll(async () => {
  await Promise.all([uncached?.stop(), cached?.stop()]);
  fixture?.remove();
  await own?.remove();
});

interface Tally {
  answers: number;
  A: number;
  B: number;
  /** Coded refusals, by code (GRAPH_CHANGED when the graph kept changing; QUERY_TIMEOUT on a busy machine). */
  refused: Record<string, number>;
  neither: string[];
}
const newTally = (): Tally => ({ answers: 0, A: 0, B: 0, refused: {}, neither: [] });

function judge(tally: Tally, query: string, reply: { status: number; answer: string; code: string | null }): void {
  tally.answers += 1;
  if (reply.code === null && reply.answer === expected.A.get(query)) tally.A += 1;
  else if (reply.code === null && reply.answer === expected.B.get(query)) tally.B += 1;
  else if (reply.code !== null && JSON.parse(reply.answer).data === null) tally.refused[reply.code] = (tally.refused[reply.code] ?? 0) + 1;
  else tally.neither.push(`${reply.status} ${query.slice(0, 60)}: ${reply.answer.slice(0, 300)}`);
}

/** The service's log lines that say a request was read again, summed. */
function retriesIn(service: ServiceRun): { requests: number; transactionRetries: number; requestAttempts: number; gaveUp: number } {
  const sum = { requests: 0, transactionRetries: 0, requestAttempts: 0, gaveUp: 0 };
  for (const line of service.output().split("\n")) {
    if (!line.includes("graph generation changed during the request")) continue;
    const entry = JSON.parse(line) as { transactionRetries: number; requestAttempts: number; gaveUp: boolean };
    sum.requests += 1;
    sum.transactionRetries += entry.transactionRetries;
    sum.requestAttempts += entry.requestAttempts - 1;
    if (entry.gaveUp) sum.gaveUp += 1;
  }
  return sum;
}

const describeTally = (t: Tally) =>
  `${t.answers} answers: ${t.A} graph A, ${t.B} graph B, ${t.neither.length} neither, refused ${JSON.stringify(t.refused)}`;

describe("readers while loads alternate two graphs", () => {
  it(`${LOADS} loads: every answer through the API is exactly one graph's, uncached, cached and relational`, async () => {
    const tallies = { uncached: newTally(), cached: newTally(), relational: newTally(), control: newTally() };
    let running = true;
    const reader = async (tally: Tally, service: ServiceRun, queries: string[]) => {
      for (let i = 0; running; i++) {
        const query = queries[i % queries.length]!;
        judge(tally, query, await ask(service, query));
      }
    };
    const control = async () => {
      while (running) {
        const answer = await rawRead();
        tallies.control.answers += 1;
        if (answer === expected.A.get(RAW)) tallies.control.A += 1;
        else if (answer === expected.B.get(RAW)) tallies.control.B += 1;
        else tallies.control.neither.push(answer.slice(0, 100));
      }
    };
    const readers = [
      reader(tallies.uncached, uncached, GENERATED),
      reader(tallies.cached, cached, [...GENERATED, ...RELATIONAL]),
      reader(tallies.relational, uncached, RELATIONAL),
      control(),
    ];
    const started = performance.now();
    try {
      // B, A, B, ...: each load replaces the graph readers see by the other one.
      for (let i = 0; i < LOADS; i++) await load(i % 2 === 0 ? "B" : "A");
    } finally {
      running = false;
      await Promise.all(readers);
    }
    const seconds = (performance.now() - started) / 1000;
    const retries = { uncached: retriesIn(uncached), cached: retriesIn(cached) };
    console.log(
      `FIGURE swap readers: ${LOADS} loads alternating two graphs in ${seconds.toFixed(0)} s\n` +
        `  GraphQL uncached (generated): ${describeTally(tallies.uncached)}\n` +
        `  relational (uncached): ${describeTally(tallies.relational)}\n` +
        `  GraphQL cached (generated and relational): ${describeTally(tallies.cached)}\n` +
        `  read again: uncached service ${JSON.stringify(retries.uncached)}, cached service ${JSON.stringify(retries.cached)}\n` +
        `  control, the driver without the mark: ${tallies.control.answers} reads, ${tallies.control.neither.length} neither graph`,
    );
    for (const [name, tally] of Object.entries(tallies)) {
      if (name === "control") continue;
      expect(tally.neither, `${name}: answers that are neither graph`).toEqual([]);
      // Both graphs were seen, so the comparison told them apart.
      expect(tally.A, name).toBeGreaterThan(0);
      expect(tally.B, name).toBeGreaterThan(0);
    }
  }, 1_800_000);
});
