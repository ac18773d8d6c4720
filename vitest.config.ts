import { defineConfig } from "vitest/config";

export default defineConfig({
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
