import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Tests in three tiers (README, "Tests"); `npm test` runs all three, one tier after the other.
//  unit         no Neo4j, no Java, no service: pure logic, files in parallel. `npm run test:unit`.
//  integration  the real Neo4j of the global setup, the API in-process. `npm run test:integration`.
//  e2e          what runs as processes: the service spawned (start-up, signals), its own Neo4j
//               servers, the benchmark's CLI, and the explorer in Chromium. `npm run test:e2e`.
// Two test files of the top level need no database and belong to the unit tier.
const TOP_LEVEL_UNIT = ["test/docker-compose.test.ts", "test/source-file-schema.test.ts"];

// End-to-end tests that start their own Neo4j servers (npm run db:* and the embedded default).
const OWN_NEO4J = ["test/e2e/local-neo4j.test.ts"];

// One Neo4j is shared by the whole run (integration and e2e get the same server) and some files
// change the graph: those tiers run their files one at a time.
const withNeo4j = {
  globalSetup: ["test/support/global-setup.ts"],
  fileParallelism: false,
  testTimeout: 120_000,
  // The first start of a fresh machine fetches the Neo4j jars through Maven.
  hookTimeout: 600_000,
};

export default defineConfig({
  // graphql 16 ships CommonJS (main) and ESM (module) builds; @neo4j/graphql loads the CommonJS
  // one, so tests that build the schema in-process must too, or two copies of graphql meet.
  // Every project extends this config, so the alias applies to all three.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    projects: [
      {
        extends: true,
        // isolate: false lets a worker reuse the modules it already imported: most of the tier's
        // time was importing @neo4j/graphql and Apollo again for each file (70 s → 35 s measured
        // side by side on a busy machine). Unit tests hold no module state between files.
        test: { name: "unit", include: ["test/unit/**/*.test.ts", ...TOP_LEVEL_UNIT], isolate: false, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "integration", include: ["test/*.test.ts"], exclude: TOP_LEVEL_UNIT, ...withNeo4j, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], exclude: OWN_NEO4J, ...withNeo4j, sequence: { groupOrder: 2 } },
      },
      // Starts and stops Neo4j servers of its own and never touches the shared one, so it runs
      // beside the integration tier instead of after it (its 50 s were a fifth of npm test).
      {
        extends: true,
        test: { name: "e2e-own-neo4j", include: OWN_NEO4J, fileParallelism: false, testTimeout: 120_000, hookTimeout: 600_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
