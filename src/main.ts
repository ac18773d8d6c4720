// The service entry point (npm start). Without NEO4J_URI it starts or reuses the project's local
// Neo4j; with NEO4J_URI it uses that server and never starts one.
import type { Server } from "node:http";
import { ConfigError, loadServiceConfig } from "./config.ts";
import { createDriver, Neo4jConnectionError } from "./db.ts";
import { createApp } from "./http/app.ts";
import { createLogger } from "./logger.ts";
import { LocalNeo4jError } from "./neo4j/local-server.ts";
import { resolveNeo4jTarget } from "./neo4j/target.ts";
import { Neo4jMonitor } from "./neo4j-monitor.ts";

async function main(): Promise<void> {
  const config = loadServiceConfig();
  const log = createLogger(config.LOG_LEVEL);

  const target = await resolveNeo4jTarget(config, log);

  const driver = createDriver(target);
  const monitor = new Neo4jMonitor(driver, target, log);
  const first = await monitor.start();
  if (!first.connected && first.error && !/Cannot reach/.test(first.error)) {
    // Wrong credentials or database will not fix themselves; retrying would only hide the cause.
    monitor.stop();
    await driver.close();
    throw new StartupError(first.error);
  }

  const app = createApp({ log, monitor });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  log.info({ url: `http://${config.HOST}:${config.PORT}` }, "service listening");

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down: draining requests");
    monitor.stop();
    server.close(() => {
      void driver.close().then(() => {
        log.info("stopped");
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

class StartupError extends Error {}

main().catch((error: unknown) => {
  // Expected failures get their message alone; anything else keeps its stack for a bug report.
  const expected = [ConfigError, StartupError, LocalNeo4jError, Neo4jConnectionError].some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
