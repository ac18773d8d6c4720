// npm run export [-- --out <dir>]: writes a data release of the graph in the Neo4j that npm run load
// writes to (NEO4J_URI, or the local Neo4j): CSV for neo4j-admin import, datapackage.json, Turtle,
// CITATION.cff and a README. Default folder: .local/releases/<version>/.
import path from "node:path";
import { parseArgs } from "node:util";
import { runCli } from "../cli.ts";
import { PROJECT_ROOT } from "../config.ts";
import { connectForCli } from "../neo4j/target.ts";
import { exportRelease } from "./release.ts";

const RELEASES_DIR = path.join(PROJECT_ROOT, ".local", "releases");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    console.log("usage: npm run export [-- --out <dir>]\n  --out <dir>  the release folder (default .local/releases/<version>); an earlier release there is replaced");
    return;
  }
  const { target, driver } = await connectForCli();
  try {
    const started = performance.now();
    const release = await exportRelease(driver, target.database, (info) => path.resolve(values.out ?? path.join(RELEASES_DIR, info.version)));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const { labels, types } = release.counts;
    const relationships = Object.values(types).reduce((a, b) => a + b, 0);
    console.log(
      `Release ${release.info.version} (${release.info.date}) written to ${release.dir} in ${seconds} s: ` +
        `${labels.Entity ?? 0} entities, ${labels.Source ?? 0} sources, ${labels.Metric ?? 0} metrics, ${relationships} relationships in ${release.tables.length} CSV files.`,
    );
  } finally {
    await driver.close();
  }
}

runCli(main);
