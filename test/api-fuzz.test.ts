// The API under random, schema-valid and often hostile queries (issue 14): thousands of queries
// generated from the LIVE schema (introspected from the running service) by a seeded generator
// (support/fuzz-queries.ts), sent to the real service in-process against the real Neo4j, as
// production runs it. Every answer must be a result or a coded client error: no internal error,
// no 5xx, nothing that leaks internals (stack traces, Cypher, Neo4j's messages), and the service's
// heap after the run is not materially above its heap after a warm-up.
// Several seeds, so the run is not tuned to one; FUZZ_SEED (one seed) and FUZZ_QUERIES (per seed)
// reproduce or lengthen a run; a failure prints the seed and the queries.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type Api } from "./support/api.ts";
import { generateQueries, type FuzzQuery } from "./support/fuzz-queries.ts";

// Test settings, read here as the brief of this test (not service configuration).
// Fixed default seeds keep CI deterministic (a failure is a regression, never bad luck): 4242 was
// the first, 7 and 2026 found internal errors a held-out run reported (unsupported-shapes.ts), 99
// found none. Any other seed explores: FUZZ_SEED=$RANDOM npx vitest run test/api-fuzz.test.ts
const SEEDS = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [4242, 7, 2026, 99];
const PER_SEED = Number(process.env.FUZZ_QUERIES ?? 1250);
const QUERIES = SEEDS.length * PER_SEED;
// Long enough to fill what is cached by design (the document cache, plans), so growth after it is a leak.
const WARM_UP = Math.min(1000, Math.floor(QUERIES / 5));
const PARALLEL = 4;

// What a response must never contain: a stack, Cypher, Neo4j's or the driver's own messages, paths.
const LEAKS = [
  /stacktrace/i,
  /Neo4jError|Neo\.(Client|Transient|Database)Error/,
  /\b(MATCH|MERGE|UNWIND|OPTIONAL MATCH)\s*\(|\bRETURN\s+\w+\s*(AS|,|\})/,
  /\bat \S+ \(?\/?[\w/.-]+\.(ts|js):\d+/,
  /node_modules|\/work\/|src\/api\//,
  /Cannot (read|convert|return null)|is not a function|undefined or null/,
];

interface Outcome {
  status: number;
  codes: string[];
  leak: RegExp | null;
}

let api: Api;
let schema: GraphQLSchema;

beforeAll(async () => {
  api = await startApi({
    NODE_ENV: "production",
    // The generator reads the live schema, so introspection is on.
    GRAPHQL_INTROSPECTION: "true",
    // Every query reaches Neo4j; admission control is tested in api-protection.
    RESPONSE_CACHE: "false",
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
  });
  const introspection = await api.gql(getIntrospectionQuery());
  schema = buildClientSchema(introspection.body.data as unknown as IntrospectionQuery);
});
afterAll(() => api?.stop());

async function send({ query, variables }: FuzzQuery): Promise<Outcome> {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let codes: string[];
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
    codes = (body.errors ?? []).map((e) => e.extensions?.code ?? "NO_CODE");
  } catch {
    codes = ["NOT_JSON"];
  }
  return { status: response.status, codes, leak: LEAKS.find((pattern) => pattern.test(text)) ?? null };
}

/** The heap in use after a full garbage collection. */
function heapAfterGc(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe(`fuzz: ${QUERIES} schema-valid queries from the live schema (seeds ${SEEDS.join(", ")})`, () => {
  it("answers every one with a result or a coded client error, leaks nothing, and keeps its memory flat", { timeout: 600_000 }, async () => {
    const queries = SEEDS.flatMap((seed) => generateQueries(schema, seed, PER_SEED).map((query) => ({ ...query, seed })));
    const classes = new Map<string, number>();
    const failures: string[] = [];
    let heapAfterWarmUp = 0;
    const started = Date.now();

    let next = 0;
    const worker = async () => {
      while (next < queries.length) {
        const index = next++;
        if (index === WARM_UP) heapAfterWarmUp = heapAfterGc();
        const fuzz = queries[index]!;
        const outcome = await send(fuzz);
        const label = outcome.codes.length === 0 ? "ok" : [...new Set(outcome.codes)].sort().join("+");
        classes.set(label, (classes.get(label) ?? 0) + 1);
        const internal = outcome.codes.some((c) => c === "INTERNAL_SERVER_ERROR" || c === "NO_CODE" || c === "NOT_JSON");
        if (internal || outcome.status >= 500 || outcome.leak) {
          failures.push(
            `FUZZ_SEED=${fuzz.seed} #${index % PER_SEED} HTTP ${outcome.status} ${label}${outcome.leak ? ` leak ${outcome.leak}` : ""}\n  ${fuzz.query.slice(0, 600)}\n  variables ${JSON.stringify(fuzz.variables).slice(0, 300)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const seconds = (Date.now() - started) / 1000;
    const heapAtEnd = heapAfterGc();

    const internalLogged = api.output().split("\n").filter((l) => l.includes('"graphql internal error"')).length;
    const report = [
      `fuzz seeds ${SEEDS.join(", ")}: ${queries.length} queries in ${seconds.toFixed(1)} s (${(queries.length / seconds).toFixed(0)}/s, ${PARALLEL} at a time)`,
      ...[...classes.entries()].sort((a, b) => b[1] - a[1]).map(([label, n]) => `  ${String(n).padStart(5)}  ${label}`),
      `heap after GC: ${(heapAfterWarmUp / 2 ** 20).toFixed(1)} MiB after ${WARM_UP} queries, ${(heapAtEnd / 2 ** 20).toFixed(1)} MiB at the end`,
      `internal errors logged: ${internalLogged}`,
    ].join("\n");
    console.log(report);

    expect(failures.slice(0, 10), `each failure's FUZZ_SEED reproduces it\n${report}`).toEqual([]);
    expect(internalLogged).toBe(0);
    // Flat: growth of under a half over the warm-up's heap (the run's own bookkeeping included).
    expect(heapAtEnd / heapAfterWarmUp).toBeLessThan(1.5);
  });
});
