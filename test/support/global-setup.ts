// Gives the whole test run one real Neo4j: the one at NEO4J_URI when that is set, otherwise a
// throwaway local server on a free port with its own data folder, stopped and removed at the end.
// The integration and e2e projects set it up (the unit tier never does), and share one server.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { loadSourcesConfig } from "../../src/config.ts";
import { describeEvidenceReport } from "../../src/graph/evidence-manifest.ts";
import { readSourceData, sourceFilesIn } from "../../src/graph/source-file.ts";
import { stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { startThrowawayNeo4j as startOnFreePorts } from "./throwaway-neo4j.ts";

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database?: string;
  /** Set when the run started its own server: the environment that reaches it through the local path. */
  local?: { dataDir: string; boltPort: number; httpPort: number };
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

/** The run's Neo4j, shared by every project that sets it up (integration and e2e): global setups
 *  of several projects run in one process, each through its own module instance. */
interface SharedNeo4j {
  users: number;
  started: Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> }>;
}
const shared = globalThis as { llmgraphTestNeo4j?: SharedNeo4j };

export default async function setup(project: TestProject) {
  // The source files first: a bad record, or a quote neither in its text (SOURCE_TEXTS_DIR) nor in
  // the evidence manifest, stops the run here with the loader's own message. Under
  // REQUIRE_SOURCE_TEXTS (CI) an absent text stops it too; elsewhere the run says what it could not check.
  const { SOURCE_TEXTS_DIR, REQUIRE_SOURCE_TEXTS } = loadSourcesConfig();
  const { evidence } = readSourceData(sourceFilesIn(), SOURCE_TEXTS_DIR, { requireTexts: REQUIRE_SOURCE_TEXTS });
  const notice = describeEvidenceReport(evidence, SOURCE_TEXTS_DIR);
  if (notice) console.log(`[tests] ${notice} Tests that need the texts' words are skipped, each saying so.`);
  if (process.env.NEO4J_URI) {
    project.provide("neo4j", {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "",
      ...(process.env.NEO4J_DATABASE ? { database: process.env.NEO4J_DATABASE } : {}),
    });
    return;
  }
  const entry = (shared.llmgraphTestNeo4j ??= { users: 0, started: startThrowawayNeo4j() });
  entry.users += 1;
  const { neo4j, stop } = await entry.started;
  project.provide("neo4j", neo4j);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    delete shared.llmgraphTestNeo4j;
    await stop();
  };
}

async function startThrowawayNeo4j(): Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> }> {
  const { config, info } = await startOnFreePorts("test-neo4j", "test-password-1", (line) => console.log(`[test neo4j] ${line}`));
  const { NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: boltPort, NEO4J_HTTP_PORT: httpPort } = config;
  console.log(`[test neo4j] Neo4j ${info.neo4jVersion} at ${info.uri}, data in ${dataDir}`);
  return {
    neo4j: { uri: info.uri, username: info.username, password: info.password, local: { dataDir, boltPort, httpPort } },
    stop: async () => {
      await stopLocalNeo4j(config);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
