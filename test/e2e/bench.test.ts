// The benchmark keeps working: a small run against the test database produces every section.
// How fast anything is is not asserted (speed is measured by `npm run bench`, never by tests);
// what is, is that the figures a reader compares are there and sane: every ratio finite, positive and
// the quotient of the figures it divides, and the printed tables saying what the JSON says.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { loadGraph } from "../../src/graph/load.ts";
import { testDatabase, testDriver } from "../support/db.ts";
import { childEnv, neo4jEnv } from "../support/service.ts";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-bench-"));

afterAll(async () => {
  // The benchmark replaced the graph; the other test files expect the article's.
  const driver = testDriver();
  try {
    // Smaller than the bench's graph on purpose: the load guard is told so.
    await loadGraph(driver, { database: testDatabase(), allowShrink: true });
  } finally {
    await driver.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const bench = (env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "src/bench/main.ts", "--quick", "--sizes", "500", "--iterations", "3", "--duration", "1"], {
    cwd: PROJECT_ROOT,
    env: { ...childEnv(), ...neo4jEnv(), ...env },
    timeout: 300_000,
  });

/** The markdown table under a heading of the bench's output: its header and its rows, as cells. */
function tableUnder(stdout: string, heading: string): { header: string[]; rows: string[][] } {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`### ${heading}`));
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const table: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("|")) {
      if (table.length > 0) break;
      continue;
    }
    table.push(line.slice(2, -2).split(" | "));
  }
  const [header, rule, ...rows] = table;
  expect(rule?.every((c) => c === "---")).toBe(true);
  return { header: header!, rows };
}

/** A ratio as the report gives it: present, finite, positive and a / b to its two decimals. */
function expectRatio(ratio: number | null, a: number, b: number) {
  expect(ratio).not.toBeNull();
  expect(Number.isFinite(ratio)).toBe(true);
  expect(ratio!).toBeGreaterThan(0);
  expect(Math.abs(ratio! - a / b)).toBeLessThanOrEqual(0.005 + 1e-9);
}

const printed = (value: number | null) => String(value ?? "–");

describe("npm run bench", () => {
  it("refuses to wipe a database given by NEO4J_URI unless told to", async () => {
    const error = await bench({}).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/BENCH_ALLOW_WIPE=true/);
  });

  it("runs small and reports latency, throughput and growth as a table and as JSON", async () => {
    const output = path.join(dir, "results.json");
    const { stdout } = await bench({ BENCH_ALLOW_WIPE: "true", BENCH_OUTPUT: output });
    expect(stdout).toMatch(/### Latency: API \(no cache\) vs hand-written Cypher/);
    expect(stdout).toMatch(/### Throughput/);
    expect(stdout).toMatch(/### Growth/);
    const report = JSON.parse(readFileSync(output, "utf8"));
    const [result] = report.results;
    expect(result.latency.map((l: any) => l.operation)).toEqual([
      "entity by id",
      "filtered, sorted page",
      "company with relationships and evidence",
      "search",
      "shortest connection",
      "metric time series",
      "aggregate",
      "release timeline of a lab",
      "model lineage",
      "models under a licence, sorted page",
    ]);
    const latency = tableUnder(stdout, "Latency: API (no cache) vs hand-written Cypher");
    expect(latency.header).toEqual(["nodes", "operation", "API", "API cached", "Cypher", "API/Cypher", "cached/Cypher"]);
    expect(latency.rows).toHaveLength(result.latency.length);
    result.latency.forEach((l: any, i: number) => {
      for (const way of [l.api, l.apiCached, l.cypher]) {
        expect(Number.isFinite(way.medianMs) && way.medianMs >= 0).toBe(true);
        expect(way.p99Ms).toBeGreaterThanOrEqual(way.medianMs);
      }
      expectRatio(l.ratio, l.api.medianMs, l.cypher.medianMs);
      expectRatio(l.cachedRatio, l.apiCached.medianMs, l.cypher.medianMs);
      const median = (way: any) => `${way.medianMs} (${way.p99Ms})`;
      expect(latency.rows[i]).toEqual([String(result.nodes), l.operation, median(l.api), median(l.apiCached), median(l.cypher), printed(l.ratio), printed(l.cachedRatio)]);
    });
    const breakdown = tableUnder(stdout, "Where an uncached API request's time goes");
    expect(breakdown.rows.map((r) => r[1])).toEqual(result.breakdown.map((b: any) => b.operation));
    result.breakdown.forEach((b: any, i: number) => {
      const parts = [b.httpOnly, b.graphqlNoData, b.inProcess, b.httpApi, b.cypher, b.cypherAutoCommit].map((p) => p.medianMs);
      for (const ms of parts) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
      expect(breakdown.rows[i]).toEqual([String(result.nodes), b.operation, ...parts.map(String)]);
    });
    // The dashboard operations are measured for throughput too, the model-release pages among them.
    expect(result.throughput.map((t: any) => t.operation)).toEqual([
      "filtered, sorted page",
      "metric time series",
      "aggregate",
      "release timeline of a lab",
      "models under a licence, sorted page",
    ]);
    const throughput = tableUnder(stdout, "Throughput");
    expect(throughput.header).toEqual(["nodes", "operation", "service", "service, no cache", "default stack", "service/default", "no cache/default"]);
    expect(throughput.rows).toHaveLength(result.throughput.length);
    result.throughput.forEach((t: any, i: number) => {
      for (const server of [t.service, t.serviceNoCache, t.defaultStack]) expect(server.requestsPerSecond).toBeGreaterThan(0);
      expectRatio(t.ratio, t.service.requestsPerSecond, t.defaultStack.requestsPerSecond);
      expectRatio(t.ratioNoCache, t.serviceNoCache.requestsPerSecond, t.defaultStack.requestsPerSecond);
      const [nodes, operation, service, noCache, defaultStack, ratio, ratioNoCache] = throughput.rows[i]!;
      expect([nodes, operation, ratio, ratioNoCache]).toEqual([String(result.nodes), t.operation, printed(t.ratio), printed(t.ratioNoCache)]);
      // A rate is printed with its errors, when there were any.
      expect([service, noCache, defaultStack].map((cell) => parseFloat(cell!))).toEqual([t.service, t.serviceNoCache, t.defaultStack].map((s) => s.requestsPerSecond));
    });
    const { load } = result;
    for (const figure of [load.seconds, load.entitiesPerSecond, load.nodesPerSecond]) {
      expect(Number.isFinite(figure)).toBe(true);
      expect(figure).toBeGreaterThan(0);
    }
    const growth = tableUnder(stdout, "Growth: loading and memory");
    expect(growth.rows).toHaveLength(1);
    expect(growth.rows[0]!.slice(0, 6)).toEqual(
      [result.nodes, result.relationships, load.seconds, load.entitiesPerSecond, load.nodesPerSecond, Math.round((result.nodes + result.relationships) / load.seconds)].map(String),
    );
  });
});
