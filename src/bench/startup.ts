// npm run bench:startup: what a newcomer waits for, measured side by side with and without the
// warm-up (WARM_UP): a cold first start (a fresh Neo4j, an empty database: load, then ready), the
// first entity pages after it, and a warm start (Neo4j restarted, the graph already there). Then
// the phases of a load of the real graph into a database that has it. Writes .local/bench/startup.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { environment, loadLocalNeo4jConfig, PROJECT_ROOT } from "../config.ts";
import { explorerQueries } from "../api/warm-up.ts";
import { loadGraph } from "../graph/load.ts";
import { createDriver } from "../neo4j/driver.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../neo4j/local-server.ts";
import { freePort } from "../ports.ts";
import { startServer } from "./servers.ts";

const OUT = path.join(PROJECT_ROOT, ".local", "bench", "startup.json");
/** Entities whose pages a user opens first; none is one the warm-up itself asks for (the smallest id of each type). */
const FIRST_PAGES = ["zhipu-ai", "yan-junjie", "tsinghua-university", "zhipu-hk-listing"];

async function firstPages(url: string): Promise<Record<string, number>> {
  const { ENTITY_QUERY } = await explorerQueries();
  const times: Record<string, number> = {};
  for (const id of FIRST_PAGES) {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: ENTITY_QUERY, variables: { id, limit: 100 } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`${id}: ${JSON.stringify(body.errors)}`);
    times[id] = Math.round(performance.now() - started);
  }
  return times;
}

async function untilReady(url: string, started: number): Promise<number> {
  for (;;) {
    const response = await fetch(`${url}/ready`).catch(() => null);
    if (response?.status === 200) return Math.round(performance.now() - started);
    if (performance.now() - started > 300_000) throw new Error("not ready within 300 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function run(warmUp: boolean) {
  const config = loadLocalNeo4jConfig({
    ...environment(),
    NEO4J_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "llmgraph-bench-startup-")),
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_PASSWORD: "bench-startup-1",
  });
  const env = { NEO4J_USERNAME: "neo4j", NEO4J_PASSWORD: config.NEO4J_PASSWORD, WARM_UP: String(warmUp), RATE_LIMIT_PER_MINUTE: "0" };
  try {
    const neo4j = await startLocalNeo4j(config, () => {});
    const service = async () => {
      const started = performance.now();
      const server = await startServer("service", { ...env, NEO4J_URI: neo4j.uri });
      const url = server.graphqlUrl.replace(/\/graphql$/, "");
      const readyMs = await untilReady(url, started);
      const pages = await firstPages(url);
      await server.stop();
      return { readyMs, firstPagesMs: pages };
    };
    const cold = await service();
    // Neo4j restarted: its query plans are gone, the graph is there.
    await stopLocalNeo4j(config);
    await startLocalNeo4j(config, () => {});
    const warm = await service();
    const driver = createDriver({ uri: neo4j.uri, username: "neo4j", password: config.NEO4J_PASSWORD, database: undefined });
    const phasesMs: Record<string, number> = {};
    const loadStarted = performance.now();
    try {
      await loadGraph(driver, { onPhase: (phase, ms) => void (phasesMs[phase] = Math.round(ms)) });
    } finally {
      await driver.close();
    }
    return { warmUp, coldStart: cold, warmStart: warm, reload: { ms: Math.round(performance.now() - loadStarted), phasesMs } };
  } finally {
    await stopLocalNeo4j(config).catch(() => {});
    rmSync(config.NEO4J_DATA_DIR, { recursive: true, force: true });
  }
}

const results = [];
for (const warmUp of [false, true]) {
  const result = await run(warmUp);
  console.log(JSON.stringify(result));
  results.push(result);
}
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written ${path.relative(PROJECT_ROOT, OUT)}`);
