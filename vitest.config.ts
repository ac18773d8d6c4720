import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CommonJS (main) and ESM (module) builds; @neo4j/graphql loads the CommonJS
  // one, so tests that build the schema in-process must too, or two copies of graphql meet.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // One Neo4j is shared by the whole run and some files change the graph: files run one at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    // The first start of a fresh machine fetches the Neo4j jars through Maven.
    hookTimeout: 600_000,
  },
});
