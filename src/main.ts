// The service entry point (npm start). Without NEO4J_URI it starts or reuses the project's local
// Neo4j; with NEO4J_URI it uses that server and never starts one.
import type { Server } from "node:http";
import { ConfigError, loadServiceConfig } from "./config.ts";
import type { Driver } from "neo4j-driver";
import { createDriver, Neo4jConnectionError } from "./db.ts";
import { createGraphQLEndpoint } from "./api/server.ts";
import { createApp } from "./http/app.ts";
import { checkReadiness } from "./readiness.ts";
import { graphIsLoaded, loadGraph } from "./graph/load.ts";
import { LoadInProgressError } from "./graph/load-lock.ts";
import { createLogger, type Logger } from "./logger.ts";
import { LocalNeo4jError } from "./neo4j/local-server.ts";
import { resolveNeo4jTarget } from "./neo4j/target.ts";
import { Neo4jMonitor } from "./neo4j-monitor.ts";

async function main(): Promise<void> {
  const config = loadServiceConfig();
  const log = createLogger(config.LOG_LEVEL);

  const target = await resolveNeo4jTarget(config, log);

  const driver = createDriver(target);
  const monitor = new Neo4jMonitor(driver, target, log, {
    onConnected: () => ensureGraphLoaded(driver, target.database, log),
  });
  const first = await monitor.start();
  if (!first.connected && (first.reason === "auth" || first.reason === "database")) {
    // Wrong credentials or database will not fix themselves; retrying would only hide the cause.
    monitor.stop();
    await driver.close();
    throw new StartupError(first.error ?? "Neo4j refused the connection");
  }

  const graphql = await createGraphQLEndpoint(config, driver, target.database, log);
  const app = createApp({
    log,
    monitor,
    graphql: graphql.router,
    readiness: () => checkReadiness(driver, target.database, monitor),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  log.info({ url: `http://${config.HOST}:${config.PORT}` }, "service listening");

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down: draining requests");
    monitor.stop();
    server.close(() => {
      void graphql.stop().then(() => driver.close()).then(() => {
        log.info("stopped");
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** Loads the graph into an empty database; a database that has one is left as it is. */
async function ensureGraphLoaded(driver: Driver, database: string | undefined, log: Logger): Promise<void> {
  try {
    if (await graphIsLoaded(driver, database)) return;
    log.info("the database has no graph yet: loading cypher/sources");
    const result = await loadGraph(driver, { database });
    log.info({ ...result }, "graph loaded");
  } catch (error) {
    // Replicas starting together on an empty database: one loads, the others wait for its graph.
    if (error instanceof LoadInProgressError) log.info(`not loading: ${error.message}`);
    else log.error({ err: error }, `loading the graph failed: ${(error as Error).message}`);
  }
}

class StartupError extends Error {}

main().catch((error: unknown) => {
  // Expected failures get their message alone; anything else keeps its stack for a bug report.
  const expected = [ConfigError, StartupError, LocalNeo4jError, Neo4jConnectionError].some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
