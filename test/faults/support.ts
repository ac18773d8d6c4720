// What the fault suite shares: a Neo4j of its own (it stops, kills and freezes it), the loader and
// the service as child processes, a content hash of what readers see, and a seeded random source
// (FAULT_SEED) so that a failing run can be repeated exactly.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { random } from "../../src/bench/synthetic.ts";
import { PROJECT_ROOT, type LocalNeo4jConfig } from "../../src/config.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { SOURCES_DIR } from "../../src/graph/source-file.ts";
import { childEnv } from "../support/service.ts";
import { startThrowawayNeo4j } from "../support/throwaway-neo4j.ts";

export interface OwnNeo4j {
  config: LocalNeo4jConfig;
  uri: string;
  pid: number;
  driver: Driver;
  /** Starts it again (after a stop or a kill) and returns the new process id. */
  start: () => Promise<number>;
  remove: () => Promise<void>;
}

export async function startOwnNeo4j(name: string): Promise<OwnNeo4j> {
  const { config, info } = await startThrowawayNeo4j(`faults-${name}`, "fault-suite-pass");
  const driver = neo4j.driver(info.uri, neo4j.auth.basic(info.username, config.NEO4J_PASSWORD));
  const own: OwnNeo4j = {
    config,
    uri: info.uri,
    pid: info.pid,
    driver,
    start: async () => (own.pid = (await startLocalNeo4j(config)).pid),
    remove: async () => {
      await driver.close();
      await stopLocalNeo4j(config).catch(() => {});
      rmSync(config.NEO4J_DATA_DIR, { recursive: true, force: true });
    },
  };
  return own;
}

/** The environment that points a child process at this Neo4j. */
export const ownNeo4jEnv = (own: OwnNeo4j): Record<string, string> => ({ NEO4J_URI: own.uri, NEO4J_PASSWORD: own.config.NEO4J_PASSWORD });

export interface ChildRun {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  startedAt: number;
}

/** `npm run load` as a process (tsx, as the npm script runs it), of data/sources or `sourcesDir`. */
export function spawnLoader(own: OwnNeo4j, { env = {}, sourcesDir }: { env?: Record<string, string>; sourcesDir?: string } = {}): ChildRun {
  const args = ["--import", "tsx", path.join(PROJECT_ROOT, "src", "graph", "cli.ts"), ...(sourcesDir ? ["--sources", sourcesDir] : [])];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...childEnv(), ...ownNeo4jEnv(own), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    process: child,
    output: () => output,
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    startedAt: performance.now(),
  };
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A hash of everything readers see: every public node's labels and properties and every
 * relationship from it (type, properties, target id), as sorted JSON lines; no internal ids.
 */
export async function readersGraphHash(driver: Driver): Promise<{ hash: string; lines: number; text: string[] }> {
  const { records } = await driver.executeQuery(
    `MATCH (n) WHERE n:Entity OR n:Source OR n:Metric
     OPTIONAL MATCH (n)-[r]->(m)
     RETURN apoc.convert.toJson({labels: apoc.coll.sort(labels(n)), props: apoc.map.sortedProperties(properties(n))})
            + ' ' + CASE WHEN r IS NULL THEN ''
                    ELSE type(r) + apoc.convert.toJson(apoc.map.sortedProperties(properties(r))) + '->' + coalesce(m.id, '') END AS line`,
  );
  const lines = records.map((r) => r.get("line") as string).sort();
  return { hash: createHash("sha256").update(lines.join("\n")).digest("hex"), lines: lines.length, text: lines };
}

/** The release history as a killed load left it: the numbers in order, and whether the latest
 *  release describes the graph readers see (its content hash is the graph's). */
export async function releaseHistory(driver: Driver): Promise<{ numbers: number[]; latestIsGraph: boolean }> {
  const { records } = await driver.executeQuery(
    `OPTIONAL MATCH (g:GraphMeta {id: 'graph'})
     RETURN COLLECT { MATCH (r:GraphRelease) RETURN r.number ORDER BY r.number } AS numbers,
            COLLECT { MATCH (r:GraphRelease) RETURN r.contentHash ORDER BY r.number DESC LIMIT 1 }[0] = g.contentHash AS latestIsGraph`,
  );
  return { numbers: (records[0]!.get("numbers") as unknown[]).map(Number), latestIsGraph: records[0]!.get("latestIsGraph") === true };
}

/** Waits until Neo4j holds no transaction of any load: a killed loader's last transaction ends on
 *  the server only once Neo4j notices the dropped connection, and a commit already sent is still
 *  being applied. Under Neo4j's read-committed isolation a reader that runs meanwhile can see part
 *  of that commit, so what a kill left is read once it has settled. */
export async function loadTransactionsEnded(driver: Driver, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { records } = await driver.executeQuery(
      "SHOW TRANSACTIONS YIELD metaData WHERE metaData.loadId IS NOT NULL RETURN count(*) AS open",
    );
    if (Number(records[0]!.get("open")) === 0) return;
    if (Date.now() > deadline) throw new Error(`load transactions still open after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Nodes of the loader's bookkeeping: none once a load has finished or the next one cleared them. */
export async function loaderLeftovers(driver: Driver): Promise<number> {
  const { records } = await driver.executeQuery(
    "MATCH (n) WHERE n:StagedEntity OR n:StagedSource OR n:StagedMetric OR n:Retired RETURN count(n) AS n",
  );
  return Number(records[0]!.get("n"));
}

/** Makes the load lease look as old as a killed load's after STALE_AFTER_S: the time a killed
 *  load's lease takes to expire, without waiting it out for each of many kills. */
export async function ageLoadLease(driver: Driver): Promise<void> {
  await driver.executeQuery("MATCH (l:LoadLock {id: 'load'}) SET l.renewedAt = datetime() - duration('PT5M')");
}

/**
 * A copy of data/sources in a temporary folder with one source's title changed: a graph that
 * differs from the real one in one property, so a test can tell which of the two readers see.
 */
export function changedSourcesFixture(): { dir: string; changed: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "faults-sources-"));
  cpSync(SOURCES_DIR, dir, { recursive: true });
  const file = path.join(dir, "107_geekpark_zhipu.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as { source: { id: string; title: string } };
  data.source.title += " (changed for the fault suite)";
  writeFileSync(file, JSON.stringify(data, null, 2));
  return { dir, changed: `the title of ${data.source.id}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A seeded generator (the benchmark's mulberry32), so a failing run repeats with the same FAULT_SEED. */
export const seededRandom = random;

/** What one graph has that another lacks, a few lines each way: to say how a graph differs. */
export function graphDifference(seen: { text: string[] }, expected: { text: string[] }, most = 3): string {
  const expectedSet = new Set(expected.text);
  const seenSet = new Set(seen.text);
  const extra = seen.text.filter((line) => !expectedSet.has(line));
  const missing = expected.text.filter((line) => !seenSet.has(line));
  const show = (lines: string[]) => lines.slice(0, most).map((l) => l.slice(0, 200)).join(" | ");
  return `${extra.length} extra (${show(extra)}), ${missing.length} missing (${show(missing)})`;
}
