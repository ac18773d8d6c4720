import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// The fault suite (npm run test:faults): kills the loader, stops, kills and freezes Neo4j, pauses
// a load past its lease. Each file starts a Neo4j of its own, so it never touches the one the other
// tiers share; files run one at a time (two CPUs), and the whole suite is bounded by the timeouts below.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    name: "faults",
    include: ["test/faults/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
