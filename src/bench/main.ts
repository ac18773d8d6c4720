// npm run bench [-- --quick] [--sizes 10000,100000,1000000] [--iterations 100] [--duration 10]
//
// For each graph size: load a synthetic graph plus the article through the loader, then measure
// side by side in one run (1) each operation through the API and by hand-written Cypher,
// (2) throughput of this service, with and without its response cache, against a default
// @neo4j/graphql + Apollo server, and (3) memory. Prints a table and writes JSON.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Driver } from "neo4j-driver";
import type { QueryContext } from "../api/relational.ts";
import { runCli } from "../cli.ts";
import { environment, loadBenchConfig, loadLocalNeo4jConfig, PROJECT_ROOT } from "../config.ts";
import { createDriver } from "../neo4j/driver.ts";
import { loadGraph } from "../graph/load.ts";
import { sourceFilesIn } from "../graph/source-file.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../neo4j/local-server.ts";
import { postGraphQL, rssMiB, throughput, timeInterleaved, type Latency, type Throughput } from "./measure.ts";
import { breakdown, inProcessSchema, type Breakdown } from "./breakdown.ts";
import { operations } from "./operations.ts";
import { startServer, type BenchServer } from "./servers.ts";
import { freePort } from "../ports.ts";
import { generateSyntheticGraph } from "./synthetic.ts";

const OUT_DIR = path.join(PROJECT_ROOT, ".local", "bench");
const BREAKDOWN_OPERATIONS = ["entity by id", "company with relationships and evidence"];

const { values: args } = parseArgs({
  // npm passes a lone "--" through when called as `npm run bench -- --quick`.
  allowPositionals: true,
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    iterations: { type: "string" },
    duration: { type: "string" },
    connections: { type: "string", default: "10" },
  },
});
const quick = args.quick!;
const sizes = (args.sizes ?? (quick ? "2000" : "10000,100000,1000000")).split(",").map(Number);
const iterations = Number(args.iterations ?? (quick ? 10 : 100));
const duration = Number(args.duration ?? (quick ? 1 : 10));
const connections = Number(args.connections);
for (const [name, value] of Object.entries({ sizes: Math.min(...sizes), iterations, duration, connections })) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be positive numbers`);
}

interface SizeResult {
  targetNodes: number;
  nodes: number;
  relationships: number;
  load: { seconds: number; entitiesPerSecond: number; nodesPerSecond: number; phasesMs: Record<string, number> };
  latency: Array<{ operation: string; api: Latency; apiCached: Latency; cypher: Latency; ratio: number | null; cachedRatio: number | null }>;
  breakdown: Breakdown[];
  throughput: Array<{ operation: string; service: Throughput; serviceNoCache: Throughput; defaultStack: Throughput; ratio: number | null; ratioNoCache: number | null }>;
  memoryMiB: { service: number | null; serviceNoCache: number | null; defaultStack: number | null; neo4j: number | null };
}

async function wipe(driver: Driver) {
  const session = driver.session();
  try {
    await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  } finally {
    await session.close();
  }
}

async function benchSize(
  driver: Driver,
  target: { uri: string; username: string; password: string; pid: number | null },
  targetNodes: number,
): Promise<SizeResult> {
  log(`\n== ${targetNodes.toLocaleString("en")} nodes ==`);
  await wipe(driver);
  const synthetic = generateSyntheticGraph(targetNodes, path.join(OUT_DIR, `sources-${targetNodes}`));
  const phasesMs: Record<string, number> = {};
  const started = performance.now();
  const loaded = await loadGraph(driver, {
    files: [...sourceFilesIn(), ...synthetic.files],
    onPhase: (phase, ms) => {
      phasesMs[phase] = Math.round(ms);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const nodes = loaded.entities + loaded.metrics + loaded.sources;
  log(`loaded ${nodes} nodes, ${loaded.relationships + loaded.metrics + loaded.mentions} relationships in ${seconds.toFixed(1)} s`);

  const ctx: QueryContext = { driver, timeoutMs: 60_000 };
  const ops = operations({ ...synthetic.sample, namePrefix: "Company 1" });
  // The bench measures throughput, not the rate limiter: the spawned services run without it, and
  // with the Cypher side's timeout (a busy machine took the lineage page past the default 5 s).
  const env = { NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "0", QUERY_TIMEOUT_MS: "60000" };
  const servers: Record<string, BenchServer> = {};
  try {
    servers.service = await startServer("service", env);
    servers.serviceNoCache = await startServer("service", { ...env, RESPONSE_CACHE: "false" });
    servers.defaultStack = await startServer("default-stack", env);

    const latency: SizeResult["latency"] = [];
    for (const op of ops) {
      const [api, cypher] = (await timeInterleaved(
        [() => postGraphQL(servers.serviceNoCache!.graphqlUrl, op.graphql), () => op.cypher(ctx)],
        iterations,
        Math.max(3, Math.floor(iterations / 10)),
      )) as [Latency, Latency];
      const [apiCached] = (await timeInterleaved([() => postGraphQL(servers.service!.graphqlUrl, op.graphql)], iterations, 3)) as [Latency];
      const row = {
        operation: op.name,
        api,
        apiCached,
        cypher,
        ratio: ratio(api.medianMs, cypher.medianMs),
        cachedRatio: ratio(apiCached.medianMs, cypher.medianMs),
      };
      latency.push(row);
      log(`  ${op.name}: API ${api.medianMs} ms (cached ${apiCached.medianMs}), Cypher ${cypher.medianMs} ms, ratio ${row.ratio}`);
    }

    // Where the uncached API's time goes, for the lookups whose ratio is furthest from 1.
    const schema = await inProcessSchema(driver);
    const costs: Breakdown[] = [];
    for (const op of ops) {
      if (!BREAKDOWN_OPERATIONS.includes(op.name) || !op.statement) continue;
      costs.push(await breakdown({ ...op, statement: op.statement }, schema, driver, servers.serviceNoCache.graphqlUrl, iterations));
    }

    const rates: SizeResult["throughput"] = [];
    for (const op of ops.filter((o) => o.dashboard)) {
      const service = await throughput(servers.service!.graphqlUrl, op.graphql, connections, duration);
      const serviceNoCache = await throughput(servers.serviceNoCache!.graphqlUrl, op.graphql, connections, duration);
      const defaultStack = await throughput(servers.defaultStack!.graphqlUrl, op.graphql, connections, duration);
      rates.push({
        operation: op.name,
        service,
        serviceNoCache,
        defaultStack,
        ratio: ratio(service.requestsPerSecond, defaultStack.requestsPerSecond),
        ratioNoCache: ratio(serviceNoCache.requestsPerSecond, defaultStack.requestsPerSecond),
      });
      log(`  ${op.name}: ${service.requestsPerSecond} req/s (no cache ${serviceNoCache.requestsPerSecond}) vs default ${defaultStack.requestsPerSecond}`);
    }
    return {
      targetNodes,
      nodes,
      relationships: loaded.relationships + loaded.metrics + loaded.mentions,
      load: { seconds: round(seconds), entitiesPerSecond: Math.round(loaded.entities / seconds), nodesPerSecond: Math.round(nodes / seconds), phasesMs },
      latency,
      breakdown: costs,
      throughput: rates,
      memoryMiB: {
        service: rssMiB(servers.service.pid),
        serviceNoCache: rssMiB(servers.serviceNoCache.pid),
        defaultStack: rssMiB(servers.defaultStack.pid),
        neo4j: target.pid === null ? null : rssMiB(target.pid),
      },
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
/** null when there is nothing to divide by (e.g. a server that completed no request in time). */
const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b) : null);
const log = (line: string) => console.error(line);

const rate = (t: Throughput) => `${t.requestsPerSecond}${t.errors > 0 ? ` (${t.errors} errors)` : ""}`;

function table(results: SizeResult[]): string {
  const lines: string[] = [];
  const row = (...cells: Array<string | number | null>) => lines.push(`| ${cells.map((c) => String(c ?? "–")).join(" | ")} |`);
  lines.push("### Latency: API (no cache) vs hand-written Cypher, medians in ms (p99)");
  row("nodes", "operation", "API", "API cached", "Cypher", "API/Cypher", "cached/Cypher");
  row("---", "---", "---", "---", "---", "---", "---");
  for (const r of results) {
    for (const l of r.latency) {
      row(r.nodes, l.operation, `${l.api.medianMs} (${l.api.p99Ms})`, `${l.apiCached.medianMs} (${l.apiCached.p99Ms})`, `${l.cypher.medianMs} (${l.cypher.p99Ms})`, l.ratio, l.cachedRatio);
    }
  }
  lines.push("", "### Where an uncached API request's time goes, medians in ms");
  row("nodes", "operation", "GET /health", "GraphQL, no data", "@neo4j/graphql in-process", "API over HTTP", "Cypher (transaction)", "Cypher (auto-commit)");
  row("---", "---", "---", "---", "---", "---", "---", "---");
  for (const r of results) {
    for (const b of r.breakdown) {
      row(r.nodes, b.operation, b.httpOnly.medianMs, b.graphqlNoData.medianMs, b.inProcess.medianMs, b.httpApi.medianMs, b.cypher.medianMs, b.cypherAutoCommit.medianMs);
    }
  }
  lines.push("", `### Throughput: requests/s with ${connections} connections for ${duration} s`);
  row("nodes", "operation", "service", "service, no cache", "default stack", "service/default", "no cache/default");
  row("---", "---", "---", "---", "---", "---", "---");
  for (const r of results) {
    for (const t of r.throughput) {
      row(r.nodes, t.operation, rate(t.service), rate(t.serviceNoCache), rate(t.defaultStack), t.ratio, t.ratioNoCache);
    }
  }
  lines.push("", "### Growth: loading and memory");
  row("nodes", "relationships", "load s", "entities/s", "nodes/s", "nodes+relationships/s", "service MiB", "default stack MiB", "Neo4j MiB");
  row("---", "---", "---", "---", "---", "---", "---", "---", "---");
  for (const r of results) {
    const records = Math.round((r.nodes + r.relationships) / r.load.seconds);
    row(r.nodes, r.relationships, r.load.seconds, r.load.entitiesPerSecond, r.load.nodesPerSecond, records, r.memoryMiB.service, r.memoryMiB.defaultStack, r.memoryMiB.neo4j);
  }
  const phases = [...new Set(results.flatMap((r) => Object.keys(r.load.phasesMs)))];
  lines.push("", "### Load phases, ms");
  row("nodes", ...phases);
  row(...["---", ...phases].map(() => "---"));
  for (const r of results) row(r.nodes, ...phases.map((p) => r.load.phasesMs[p] ?? null));
  const [smallest, ...larger] = results;
  if (smallest && larger.length > 0) {
    lines.push("", `### Latency growth: median at each size / median at ${smallest.nodes} nodes`);
    row("nodes", "operation", "API (no cache)", "API cached", "Cypher");
    row("---", "---", "---", "---", "---");
    for (const r of larger) {
      for (const l of r.latency) {
        const base = smallest.latency.find((b) => b.operation === l.operation)!;
        row(r.nodes, l.operation, ratio(l.api.medianMs, base.api.medianMs), ratio(l.apiCached.medianMs, base.apiCached.medianMs), ratio(l.cypher.medianMs, base.cypher.medianMs));
      }
    }
  }
  return lines.join("\n");
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  let target: { uri: string; username: string; password: string; pid: number | null; version: string };
  let stop = async () => {};
  const config = loadBenchConfig();
  if (config.NEO4J_URI) {
    // The benchmark replaces the whole graph: never on someone's database by accident.
    if (!config.BENCH_ALLOW_WIPE) {
      throw new Error("NEO4J_URI is set: the benchmark deletes everything in that database. Set BENCH_ALLOW_WIPE=true to allow it.");
    }
    target = { uri: config.NEO4J_URI, username: config.NEO4J_USERNAME, password: config.NEO4J_PASSWORD, pid: null, version: "external" };
  } else {
    const dataDir = path.join(OUT_DIR, "neo4j");
    rmSync(dataDir, { recursive: true, force: true });
    const local = loadLocalNeo4jConfig(
      environment({
        NEO4J_DATA_DIR: dataDir,
        NEO4J_BOLT_PORT: String(await freePort()),
        NEO4J_HTTP_PORT: String(await freePort()),
        NEO4J_PASSWORD: "bench-password",
        NEO4J_HEAP_SIZE: config.BENCH_NEO4J_HEAP ?? (quick ? "1g" : "6g"),
        NEO4J_PAGECACHE_SIZE: config.BENCH_NEO4J_PAGECACHE ?? (quick ? "256m" : "2g"),
      }),
    );
    const info = await startLocalNeo4j(local, log);
    target = { uri: info.uri, username: info.username, password: info.password, pid: info.pid, version: info.neo4jVersion };
    stop = async () => {
      await stopLocalNeo4j(local);
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const driver = createDriver(target);
  const results: SizeResult[] = [];
  const failures: Array<{ targetNodes: number; error: string }> = [];
  try {
    for (const size of sizes) {
      try {
        results.push(await benchSize(driver, target, size));
      } catch (error) {
        // One size failing (e.g. Neo4j running out of memory at the largest size) must not
        // lose the others' figures; the failure is reported with them.
        log(`size ${size} failed: ${(error as Error).message}`);
        failures.push({ targetNodes: size, error: (error as Error).message });
      }
    }
  } finally {
    await driver.close();
    await stop();
  }
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, neo4j: target.version };
  const report = { date: new Date().toISOString(), machine, settings: { sizes, iterations, duration, connections }, results, failures };
  const file = config.BENCH_OUTPUT ?? path.join(OUT_DIR, quick ? "results-quick.json" : "results.json");
  writeFileSync(file, JSON.stringify(report, null, 2));
  if (failures.length > 0) process.exitCode = 1;
  const failed = failures.map((f) => `\nFAILED at ${f.targetNodes} nodes: ${f.error}`).join("");
  console.log(`${table(results)}${failed}\n\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, Neo4j ${machine.neo4j}. JSON: ${path.relative(PROJECT_ROOT, file)}`);
}

runCli(main);
