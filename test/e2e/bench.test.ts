// The benchmark keeps working: a small run against the test database produces every section.
// Its figures are not asserted (speed is measured by `npm run bench`, never by tests).
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
    for (const l of result.latency) {
      expect(Number.isFinite(l.ratio)).toBe(true);
      expect(l.ratio).toBeGreaterThan(0);
    }
    // The dashboard operations are measured for throughput too, the model-release pages among them.
    expect(result.throughput.map((t: any) => t.operation)).toEqual([
      "filtered, sorted page",
      "metric time series",
      "aggregate",
      "release timeline of a lab",
      "models under a licence, sorted page",
    ]);
    for (const t of result.throughput) {
      expect(t.defaultStack.requestsPerSecond).toBeGreaterThan(0);
      expect(Number.isFinite(t.ratioNoCache)).toBe(true);
      expect(t.ratioNoCache).toBeGreaterThan(0);
    }
    expect(result.load.entitiesPerSecond).toBeGreaterThan(0);
  });
});
