// Gives the whole test run one real Neo4j: the one at NEO4J_URI when that is set, otherwise a
// throwaway local server on a free port with its own data folder, stopped and removed at the end.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadLocalNeo4jConfig } from "../../src/config.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { freePort } from "../../src/ports.ts";

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

export default async function setup(project: TestProject) {
  if (process.env.NEO4J_URI) {
    project.provide("neo4j", {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "",
      ...(process.env.NEO4J_DATABASE ? { database: process.env.NEO4J_DATABASE } : {}),
    });
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-test-neo4j-"));
  const boltPort = await freePort();
  const httpPort = await freePort();
  const config = loadLocalNeo4jConfig({
    ...process.env,
    NEO4J_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: String(boltPort),
    NEO4J_HTTP_PORT: String(httpPort),
    NEO4J_PASSWORD: "test-password-1",
  });
  const info = await startLocalNeo4j(config, (line) => console.log(`[test neo4j] ${line}`));
  console.log(`[test neo4j] Neo4j ${info.neo4jVersion} at ${info.uri}, data in ${dataDir}`);
  project.provide("neo4j", {
    uri: info.uri,
    username: info.username,
    password: info.password,
    local: { dataDir, boltPort, httpPort },
  });
  return async () => {
    await stopLocalNeo4j(config);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
