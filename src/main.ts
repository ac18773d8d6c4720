// The service entry point (npm start). Without NEO4J_URI it starts or reuses the project's local
// Neo4j; with NEO4J_URI it uses that server and never starts one. The service itself is
// startService (service.ts); this file owns the process: configuration, signals and exit codes.
import { ConfigError, loadServiceConfig } from "./config.ts";
import { Neo4jConnectionError } from "./neo4j/driver.ts";
import { createLogger } from "./logger.ts";
import { LocalNeo4jError } from "./neo4j/local-server.ts";
import { ListenError } from "./http/listen.ts";
import { startService, StartupError } from "./service.ts";

async function main(): Promise<void> {
  const config = loadServiceConfig();
  const log = createLogger(config.LOG_LEVEL);
  const service = await startService({ config, log });

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down: draining requests");
    void service.stop().then(() => {
      log.info("stopped");
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  // Expected failures get their message alone; anything else keeps its stack for a bug report.
  const expected = [ConfigError, StartupError, LocalNeo4jError, Neo4jConnectionError, ListenError].some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
