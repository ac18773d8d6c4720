// Which Neo4j to use: NEO4J_URI when set (never starting one), otherwise the project's local
// Neo4j, started or reused ("embedded default").
import type { Driver } from "neo4j-driver";
import { loadLocalNeo4jConfig, loadServiceConfig, type ServiceConfig } from "../config.ts";
import { createDriver, type Neo4jTarget } from "./driver.ts";
import { startLocalNeo4j } from "./local-server.ts";

export async function resolveNeo4jTarget(
  config: ServiceConfig,
  log: { info: (obj: object, msg?: string) => void },
): Promise<Neo4jTarget> {
  if (config.NEO4J_URI) {
    return {
      uri: config.NEO4J_URI,
      username: config.NEO4J_USERNAME,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
    };
  }
  const local = await startLocalNeo4j(loadLocalNeo4jConfig(), (line) => log.info({}, line));
  log.info(
    { uri: local.uri, data: local.paths.home, log: local.paths.neo4jLog, browser: local.httpUrl },
    local.startedNow ? "started the local Neo4j" : "reusing the running local Neo4j",
  );
  return { uri: local.uri, username: local.username, password: local.password, database: config.NEO4J_DATABASE };
}

/** A command-line tool's connection (npm run load, npm run export): the configured Neo4j, or the
 *  local one started, saying so on stdout. */
export async function connectForCli(): Promise<{ config: ServiceConfig; target: Neo4jTarget; driver: Driver }> {
  const config = loadServiceConfig();
  const target = await resolveNeo4jTarget(config, { info: (_obj, msg) => msg && console.log(msg) });
  return { config, target, driver: createDriver(target) };
}
