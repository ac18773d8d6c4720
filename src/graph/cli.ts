// npm run load [-- --check] [-- --sources <dir>]: validate the source files (data/sources, or
// another folder of them), then (unless --check) build the graph in the database at NEO4J_URI, or
// in the local Neo4j.
import { parseArgs } from "node:util";
import { loadServiceConfig, loadSourcesConfig } from "../config.ts";
import { createDriver } from "../neo4j/driver.ts";
import { resolveNeo4jTarget } from "../neo4j/target.ts";
import { loadGraph } from "./load.ts";
import { describeEvidenceReport } from "./evidence-manifest.ts";
import { readSourceData, sourceFilesIn } from "./source-file.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      sources: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run load [-- --check] [-- --sources <dir>]\n  --check          validate the source files only; write nothing\n" +
        "  --sources <dir>  the folder of source files (default data/sources)",
    );
    return;
  }
  const files = sourceFilesIn(values.sources);
  if (values.check) {
    const { SOURCE_TEXTS_DIR, REQUIRE_SOURCE_TEXTS } = loadSourcesConfig();
    const { evidence } = readSourceData(files, SOURCE_TEXTS_DIR, { requireTexts: REQUIRE_SOURCE_TEXTS });
    const verbatim = evidence.checks.filter((c) => c.by === "text").map((c) => c.textFile);
    console.log(`${files.length} source file(s) are valid.${verbatim.length ? ` Quotes checked verbatim against ${verbatim.join(", ")}.` : ""}`);
    const byManifest = describeEvidenceReport(evidence, SOURCE_TEXTS_DIR);
    if (byManifest) console.log(byManifest);
    return;
  }
  const config = loadServiceConfig();
  const target = await resolveNeo4jTarget(config, { info: (_obj, msg) => msg && console.log(msg) });
  const driver = createDriver(target);
  try {
    const started = performance.now();
    // Each phase as it ends, and what a takeover does: a load never waits silently.
    const result = await loadGraph(driver, {
      files,
      database: target.database,
      textsDir: config.SOURCE_TEXTS_DIR,
      requireTexts: config.REQUIRE_SOURCE_TEXTS,
      onPhase: (phase, ms) => console.log(`  ${phase}: ${(ms / 1000).toFixed(1)} s`),
      onProgress: (message) => console.log(`  ${message}`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Loaded into ${target.uri} in ${seconds} s: ${result.sources} sources, ${result.entities} entities, ` +
        `${result.relationships} relationships, ${result.metrics} metrics, ${result.mentions} mentions (content ${result.contentHash}).`,
    );
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
