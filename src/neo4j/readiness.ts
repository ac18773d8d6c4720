// /ready: the service can answer queries: Neo4j reachable, APOC present, the schema's constraints
// and indexes online, and a graph loaded; not while the service is still loading the graph.
import neo4j, { type Driver } from "neo4j-driver";
import { readFileSync } from "node:fs";
import { SCHEMA_FILE } from "../graph/load.ts";
import type { Neo4jMonitor } from "./monitor.ts";

export interface Readiness {
  ready: boolean;
  /** The service is loading the graph into an empty database (not ready until it ends). */
  loading?: true;
  checks: { neo4j: boolean; apoc: boolean; schema: boolean; graph: boolean };
  missingSchema?: string[];
  error?: string;
}

/** Names of the constraints and indexes cypher/schema.cypher creates. */
export function expectedSchemaNames(): string[] {
  const text = readFileSync(SCHEMA_FILE, "utf8");
  return [...text.matchAll(/CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS/g)].map((m) => m[1]!);
}

export async function checkReadiness(
  driver: Driver,
  database: string | undefined,
  monitor: Neo4jMonitor,
  { loading = false }: { loading?: boolean } = {},
): Promise<Readiness> {
  const result = await checkParts(driver, database, monitor);
  return loading ? { ...result, ready: false, loading: true } : result;
}

async function checkParts(driver: Driver, database: string | undefined, monitor: Neo4jMonitor): Promise<Readiness> {
  const state = await monitor.check();
  const checks = { neo4j: state.connected, apoc: Boolean(state.info?.apocVersion), schema: false, graph: false };
  if (!state.connected) return { ready: false, checks, error: state.error ?? "Neo4j is not reachable" };
  try {
    const options = { database, routing: neo4j.routing.READ };
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
