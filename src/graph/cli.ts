// npm run load [-- --check] [-- --sources <dir>] [-- --allow-shrink]: validate the source files
// (data/sources, or another folder of them), then (unless --check) build the graph in the database
// at NEO4J_URI, or in the local Neo4j. A folder without source files is refused, and so is a load
// that would drop most of the current graph unless --allow-shrink says it is meant (load-guard.ts).
import { parseArgs } from "node:util";
import { loadSourcesConfig } from "../config.ts";
import { connectForCli } from "../neo4j/target.ts";
import { loadGraph } from "./load.ts";
import { describeEvidenceReport } from "./evidence-manifest.ts";
import { ALLOW_SHRINK_FLAG, describeReplacement, sourceFolderFiles } from "./load-guard.ts";
import { displayPath, readSourceData, SOURCES_DIR } from "./source-file.ts";
import { runCli } from "../cli.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean", default: false },
      sources: { type: "string" },
      "allow-shrink": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run load [-- --check] [-- --sources <dir>] [-- ${ALLOW_SHRINK_FLAG}]\n` +
        "  --check          validate the source files only; write nothing and do not connect to Neo4j\n" +
        "  --sources <dir>  the folder of source files (default data/sources); one without any is refused\n" +
        `  ${ALLOW_SHRINK_FLAG}   replace the current graph even when the new one keeps less than half of its\n` +
        "                   sources or entities (refused without it: most likely the wrong folder)",
    );
    return;
  }
  const dir = values.sources ?? SOURCES_DIR;
  const files = sourceFolderFiles(dir);
  if (values.check) {
    const { SOURCE_TEXTS_DIR, REQUIRE_SOURCE_TEXTS } = loadSourcesConfig();
    const { evidence } = readSourceData(files, SOURCE_TEXTS_DIR, { requireTexts: REQUIRE_SOURCE_TEXTS });
    const verbatim = evidence.checks.filter((c) => c.by === "text").map((c) => c.textFile);
    console.log(`${files.length} source file(s) in ${displayPath(dir)} are valid.${verbatim.length ? ` Quotes checked verbatim against ${verbatim.join(", ")}.` : ""}`);
    // Without connecting, --check cannot compare with the live graph; the load itself does.
    console.log(`Checked the files alone, not against the live graph: a load refuses one that would drop most of it (unless ${ALLOW_SHRINK_FLAG}).`);
    const byManifest = describeEvidenceReport(evidence, SOURCE_TEXTS_DIR);
    if (byManifest) console.log(byManifest);
    return;
  }
  const { config, target, driver } = await connectForCli();
  try {
    const started = performance.now();
    // Each phase as it ends, and what a takeover does: a load never waits silently.
    const result = await loadGraph(driver, {
      files,
      database: target.database,
      textsDir: config.SOURCE_TEXTS_DIR,
      requireTexts: config.REQUIRE_SOURCE_TEXTS,
      allowShrink: values["allow-shrink"],
      onPhase: (phase, ms) => console.log(`  ${phase}: ${(ms / 1000).toFixed(1)} s`),
      onProgress: (message) => console.log(`  ${message}`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Loaded into ${target.uri} in ${seconds} s: ${result.sources} sources, ${result.entities} entities, ` +
        `${result.relationships} relationships, ${result.metrics} metrics, ${result.mentions} mentions (content ${result.contentHash}); ` +
        `it ${describeReplacement(result.replaced, result)}.`,
    );
  } finally {
    await driver.close();
  }
}

runCli(main);
