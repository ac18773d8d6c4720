// The configuration of a throwaway local Neo4j: its own temporary folder and free ports.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadLocalNeo4jConfig, type LocalNeo4jConfig } from "../../src/config.ts";
import { freePort } from "../../src/ports.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/neo4j/local-server.ts";

export async function throwawayNeo4jConfig(name: string, password: string): Promise<LocalNeo4jConfig> {
  return loadLocalNeo4jConfig({
    ...process.env,
    NEO4J_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `llmgraph-${name}-`)),
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_PASSWORD: password,
  });
}

/**
 * Starts a throwaway Neo4j, on other free ports when its ports were taken before it could bind
 * them: a port found free can be handed to another socket (an outgoing connection's ephemeral
 * port) in the moment before Neo4j binds it, which stopped a fault-suite run once.
 */
export async function startThrowawayNeo4j(
  name: string,
  password: string,
  log?: (line: string) => void,
): Promise<{ config: LocalNeo4jConfig; info: Awaited<ReturnType<typeof startLocalNeo4j>> }> {
  for (let attempt = 1; ; attempt++) {
    const config = await throwawayNeo4jConfig(name, password);
    try {
      return { config, info: await startLocalNeo4j(config, log) };
    } catch (error) {
      const neo4jLog = path.join(config.NEO4J_DATA_DIR, "logs", "neo4j.log");
      const portTaken = existsSync(neo4jLog) && /is already in use, cannot bind/.test(readFileSync(neo4jLog, "utf8"));
      if (!portTaken || attempt >= 3) throw error;
      await stopLocalNeo4j(config).catch(() => {});
      rmSync(config.NEO4J_DATA_DIR, { recursive: true, force: true });
    }
  }
}
