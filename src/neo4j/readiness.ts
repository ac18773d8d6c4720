// /ready: the service can answer queries: Neo4j reachable, APOC present, the schema's constraints
// and indexes online, and a graph loaded; not while the service is still loading the graph.
// It answers within READY_TIMEOUT_MS whatever Neo4j does: an orchestrator's probe that hangs on a
// dead or frozen server is itself a failure (it did not answer within 5 s for 20-30 s before).
import neo4j, { type Driver } from "neo4j-driver";
import { readFileSync } from "node:fs";
import { SCHEMA_FILE } from "../graph/load.ts";
import type { LoadFailureReport } from "../graph/load-failure.ts";
import type { Neo4jMonitor } from "./monitor.ts";

export interface Readiness {
  ready: boolean;
  /** The service is loading the graph into an empty database (not ready until it ends). */
  loading?: true;
  checks: { neo4j: boolean; apoc: boolean; schema: boolean; graph: boolean };
  missingSchema?: string[];
  error?: string;
  /** Why the service's last load of the graph failed, until a load succeeds. */
  loadError?: LoadFailureReport;
}

/** Names of the constraints and indexes cypher/schema.cypher creates. */
export function expectedSchemaNames(): string[] {
  const text = readFileSync(SCHEMA_FILE, "utf8");
  return [...text.matchAll(/CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS/g)].map((m) => m[1]!);
}

/** The longest /ready takes; under the usual probe timeouts (1 s for Kubernetes). */
export const READY_TIMEOUT_MS = 900;

export async function checkReadiness(
  driver: Driver,
  database: string | undefined,
  monitor: Neo4jMonitor,
  { loading = false, loadError, timeoutMs = READY_TIMEOUT_MS }: { loading?: boolean; loadError?: LoadFailureReport | null; timeoutMs?: number } = {},
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => {
      const state = monitor.current;
      resolve({
        ready: false,
        checks: { neo4j: false, apoc: Boolean(state.info?.apocVersion), schema: false, graph: false },
        error: `Neo4j did not answer the readiness checks within ${timeoutMs} ms`,
      });
    }, timeoutMs);
  });
  const result = await Promise.race([checkParts(driver, database, monitor, timeoutMs), late]).finally(() => clearTimeout(timer));
  // Once a graph is there (an operator ran npm run load), the failed load no longer explains anything.
  const withLoad = loadError && !result.checks.graph ? { ...result, ready: false, loadError } : result;
  return loading ? { ...withLoad, ready: false, loading: true } : withLoad;
}

async function checkParts(driver: Driver, database: string | undefined, monitor: Neo4jMonitor, timeoutMs: number): Promise<Readiness> {
  const state = await monitor.check();
  const checks = { neo4j: state.connected, apoc: Boolean(state.info?.apocVersion), schema: false, graph: false };
  if (!state.connected) return { ready: false, checks, error: state.error ?? "Neo4j is not reachable" };
  try {
    // The server ends these too, so that a slow check does not linger after /ready answered.
    const options = { database, routing: neo4j.routing.READ, transactionConfig: { timeout: timeoutMs } };
    const [indexes, constraints, graph] = await Promise.all([
      driver.executeQuery("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names", {}, options),
      driver.executeQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", {}, options),
      driver.executeQuery("MATCH (g:GraphMeta {id: 'graph'}) RETURN count(g) > 0 AS loaded", {}, options),
    ]);
    const present = new Set<string>([...indexes.records[0]!.get("names"), ...constraints.records[0]!.get("names")]);
    const missingSchema = expectedSchemaNames().filter((name) => !present.has(name));
    checks.schema = missingSchema.length === 0;
    checks.graph = graph.records[0]!.get("loaded") as boolean;
    const ready = Object.values(checks).every(Boolean);
    return { ready, checks, ...(missingSchema.length ? { missingSchema } : {}) };
  } catch (error) {
    return { ready: false, checks, error: (error as Error).message };
  }
}
