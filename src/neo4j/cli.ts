// npm run db:start | db:stop | db:status
import { loadLocalNeo4jConfig } from "../config.ts";
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from "./local-server.ts";
import { runCli } from "../cli.ts";

async function main(command: string | undefined): Promise<number> {
  const config = loadLocalNeo4jConfig();
  switch (command) {
    case "start": {
      const info = await startLocalNeo4j(config, (line) => console.log(line));
      console.log(
        [
          info.startedNow ? "Neo4j is running." : "Neo4j was already running; reused it.",
          `  version:  Neo4j ${info.neo4jVersion} ${info.edition}, APOC ${info.apocVersion ?? "MISSING"}`,
          `  bolt:     ${info.uri}`,
          `  user:     ${info.username}`,
          // Never the password itself: terminals and CI logs keep what a command prints.
          "  password: the value of NEO4J_PASSWORD (not shown)",
          `  browser:  ${info.httpUrl}`,
          `  data:     ${info.paths.home}`,
          `  log:      ${info.paths.neo4jLog}`,
          `  pid:      ${info.pid}`,
        ].join("\n"),
      );
      return 0;
    }
    case "stop": {
      const result = await stopLocalNeo4j(config);
      console.log(result.wasRunning ? `Neo4j (pid ${result.pid}) stopped cleanly.` : "Neo4j was not running.");
      return 0;
    }
    case "status": {
      const status = await localNeo4jStatus(config);
      if (!status.running) {
        console.log(`Neo4j is not running (data: ${status.paths.home}).`);
        return 3;
      }
      console.log(
        `Neo4j is running (pid ${status.pid}) at ${status.uri}; Bolt ${status.boltAnswers ? "answers" : "does not answer yet"}.\n` +
          `  data: ${status.paths.home}\n  log:  ${status.paths.neo4jLog}`,
      );
      return 0;
    }
    default:
      console.error("usage: tsx src/neo4j/cli.ts start|stop|status");
      return 2;
  }
}

runCli(() => main(process.argv[2]));
