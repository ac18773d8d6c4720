// The configuration of a throwaway local Neo4j: its own temporary folder and free ports.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadLocalNeo4jConfig, type LocalNeo4jConfig } from "../../src/config.ts";
import { freePort } from "../../src/ports.ts";

export async function throwawayNeo4jConfig(name: string, password: string): Promise<LocalNeo4jConfig> {
  return loadLocalNeo4jConfig({
    ...process.env,
    NEO4J_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `llmgraph-${name}-`)),
    NEO4J_BOLT_PORT: String(await freePort()),
    NEO4J_HTTP_PORT: String(await freePort()),
    NEO4J_PASSWORD: password,
  });
}
