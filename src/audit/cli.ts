// npm run audit [-- --source <id>] [-- --json]: every derived figure in the graph (CAGR, growth,
// multiples, averages, conversions), recomputed from its inputs, as a table: stated, computed,
// difference and verdict. Exits 0 whatever the verdicts: a differing figure is the source's, and
// the graph keeps it as stated.
import { parseArgs } from "node:util";
import { loadServiceConfig } from "../config.ts";
import { createDriver } from "../neo4j/driver.ts";
import { derivedFigureAudit } from "../api/relational.ts";
import { resolveNeo4jTarget } from "../neo4j/target.ts";
import { runCli } from "../cli.ts";

const VERDICT_WORDS = { consistent: "consistent", consistentWithinRounding: "consistent within rounding", differs: "DIFFERS", unverifiable: "unverifiable" };

const number = (n: number | null) => (n === null ? "–" : Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "∞");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { source: { type: "string" }, json: { type: "boolean", default: false } } });
  const config = loadServiceConfig();
  const target = await resolveNeo4jTarget(config, { info: () => {} });
  const driver = createDriver(target);
  try {
    const rows = await derivedFigureAudit({ driver, database: target.database, timeoutMs: 30_000 }, values.source ?? null);
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
      return;
    }
    const table = rows.map((r) => ({
      figure: `${r.figure.subject?.name ?? "–"}: ${r.figure.metric}, ${r.figure.periodLabel}`,
      derivation: r.derivation,
      inputs: r.inputs.map((i) => `${i.comparator === "gt" ? ">" : ""}${number(i.value)} ${i.unit} (${i.periodLabel})`).join(" → ") || "–",
      stated: `${r.figure.comparator === "gt" ? ">" : ""}${number(r.stated)} ${r.figure.unit}`,
      computed: r.computed === null ? "–" : `${number(r.computed)} (${number(r.computedLow)}–${number(r.computedHigh)})`,
      difference: number(r.difference),
      verdict: VERDICT_WORDS[r.verdict],
    }));
    console.table(table);
    const counts = Object.entries(VERDICT_WORDS).map(([key, word]) => `${rows.filter((r) => r.verdict === key).length} ${word}`);
    console.log(`${rows.length} derived figure(s): ${counts.join(", ")}`);
  } finally {
    await driver.close();
  }
}

runCli(main);
