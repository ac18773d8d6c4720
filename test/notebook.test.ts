// The research notebook (examples/python/research.ipynb) runs end to end with nbclient against the
// test run's Neo4j, and its three answers are what the graph says: each is computed here again, with
// Cypher through the JS driver (and the API's own currency conversion), never copied from its output.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convert, type FxRate } from "../src/api/fx.ts";
import { PROJECT_ROOT } from "../src/config.ts";
import { loadGraph } from "../src/graph/load.ts";
import { testDatabase, testDriver } from "./support/db.ts";
import { childEnv, neo4jEnv } from "./support/service.ts";

const NOTEBOOK = path.join(PROJECT_ROOT, "examples", "python", "research.ipynb");
const CHARTS = ["investors_across_six_tigers.png", "releases_per_lab_per_quarter.png", "revenue_in_usd.png"];
const EXECUTE = [
  "import sys, nbformat, nbclient",
  "nb = nbformat.read(sys.argv[1], as_version=4)",
  "nbclient.NotebookClient(nb, timeout=300, kernel_name='python3').execute()",
  "nbformat.write(nb, sys.argv[2])",
].join("\n");

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
interface Cell {
  cell_type: string;
  metadata: { tags?: string[] };
  outputs?: Output[];
  execution_count?: number | null;
}
type Row = Record<string, unknown>;

let driver: Driver;
let dir: string;
let executed: Cell[];

const run = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database: testDatabase() })).records.map((r) => r.toObject());
const joined = (values: unknown[]) => [...new Set(values.map(String))].sort().join(", ");
// Python's order of strings (by code point), which the notebook sorts by.
const byText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-notebook-"));
  const out = path.join(dir, "executed.ipynb");
  // Run from the notebook's folder, as a reader runs it; the charts go where the variable says.
  await promisify(execFile)("python3", ["-c", EXECUTE, NOTEBOOK, out], {
    cwd: path.dirname(NOTEBOOK),
    env: { ...childEnv(), ...neo4jEnv(), RESEARCH_CHARTS_DIR: path.join(dir, "charts") },
    timeout: 400_000,
  });
  executed = JSON.parse(readFileSync(out, "utf8")).cells;
}, 600_000);
afterAll(async () => {
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

function cell(tag: string): Cell {
  const found = executed.filter((c) => c.metadata.tags?.includes(tag));
  expect(found, tag).toHaveLength(1);
  return found[0]!;
}

/** The rows of the table a cell displays, from the Table Schema copy pandas adds to its display. */
function table(tag: string): Row[] {
  const tables = (cell(tag).outputs ?? []).flatMap((o) => (o.data?.["application/vnd.dataresource+json"] ? [o.data["application/vnd.dataresource+json"] as { data: Row[] }] : []));
  expect(tables, tag).toHaveLength(1);
  return tables[0]!.data.map(({ index: _index, ...row }) => row);
}

function isPng(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("research notebook", () => {
  it("is committed without outputs", () => {
    const committed = JSON.parse(readFileSync(NOTEBOOK, "utf8")).cells as Cell[];
    for (const c of committed.filter((c) => c.cell_type === "code")) {
      expect(c.outputs).toEqual([]);
      expect(c.execution_count).toBeNull();
    }
  });

  it("reads the whole graph: its entity, fact, figure and source counts", async () => {
    const [counts] = await run(
      `RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-[r]->(:Entity) WHERE r.sourceId IS NOT NULL } AS facts,
              COUNT { (:Metric) } AS figures, COUNT { (:Source) } AS sources`,
    );
    const printed = (cell("pull").outputs ?? []).map((o) => [o.text ?? ""].flat().join("")).join("");
    expect(printed).toContain(`${counts!.entities} entities, ${counts!.facts} facts, ${counts!.figures} figures, ${counts!.sources} sources.`);
  });

  it("who invests across the six tigers: each investor in two or more, with the tigers and every source", async () => {
    const rows = await run(
      `MATCH (t:Company)-[:MEMBER_OF]->(:Group {id: 'six-tigers'})
       MATCH (i:Entity)-[r:INVESTED_IN|SHAREHOLDER_OF|CORNERSTONE_IN]->(x:Entity)
       WHERE x = t OR (t)-[:RAISED|HAD_LISTING]->(x)
       WITH i, collect(t.name) AS tigers, collect(r.sourceId) AS sourceIds
       RETURN i.name AS investor, tigers, sourceIds`,
    );
    const expected = rows
      .map((r) => ({ investor: r.investor, tigerCount: new Set(r.tigers).size, tigers: joined(r.tigers), sourceIds: joined(r.sourceIds) }))
      .filter((r) => r.tigerCount >= 2)
      .sort((a, b) => b.tigerCount - a.tigerCount || byText(a.investor, b.investor));
    expect(expected.length).toBeGreaterThan(0);
    expect(table("answer-investors")).toEqual(expected);
  });

  it("model releases per lab per quarter: each release once, in the quarter of the earliest date a source states", async () => {
    // Per release, its dated RELEASED facts by the end of their period (a month by its last day),
    // the more precise first on a tie; the first is the release's date.
    const releases = await run(
      `MATCH (lab:Entity)-[r:RELEASED]->(m:Model)
       WITH lab, m, r,
            CASE r.datePrecision WHEN 'day' THEN r.validFrom
                                 WHEN 'month' THEN r.validFrom + duration({months: 1}) - duration({days: 1})
                                 WHEN 'year' THEN date({year: r.validFrom.year, month: 12, day: 31}) END AS ends,
            CASE r.datePrecision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END AS rank
       ORDER BY ends, rank
       WITH lab, m, collect(r) AS facts, [x IN collect(CASE WHEN ends IS NOT NULL THEN r END) WHERE x IS NOT NULL] AS dated
       RETURN lab.name AS lab, m.name AS model, dated[0].datePrecision AS precision,
              dated[0].validFrom.year AS year, dated[0].validFrom.quarter AS quarter,
              [x IN dated WHERE x.validFrom = dated[0].validFrom AND x.datePrecision = dated[0].datePrecision | x.sourceId] AS firstSourceIds,
              [x IN facts | x.sourceId] AS sourceIds`,
    );
    const placed = releases.filter((r) => r.precision === "day" || r.precision === "month");
    interface Quarter { lab: unknown; quarter: string; models: string[]; sourceIds: string[] }
    const byQuarter = new Map<string, Quarter>();
    for (const r of placed) {
      const quarter = `${r.year} Q${r.quarter}`;
      const group: Quarter = byQuarter.get(`${r.lab}|${quarter}`) ?? { lab: r.lab, quarter, models: [], sourceIds: [] };
      group.models.push(String(r.model));
      group.sourceIds.push(...(r.firstSourceIds as string[]));
      byQuarter.set(`${r.lab}|${quarter}`, group);
    }
    const expected = [...byQuarter.values()]
      .map((g) => ({ lab: g.lab, quarter: g.quarter, releases: g.models.length, models: g.models.sort(byText).join(", "), sourceIds: joined(g.sourceIds) }))
      .sort((a, b) => byText(a.quarter, b.quarter) || byText(a.lab, b.lab));
    expect(placed.length).toBeGreaterThan(10);
    expect(table("answer-releases")).toEqual(expected);

    // The rest are listed apart, each saying why, with the sources of its release facts.
    const apart = releases
      .filter((r) => !placed.includes(r))
      .map((r) => ({
        lab: r.lab,
        model: r.model,
        why: r.precision === "year" ? `year ${r.year} only` : "no date stated",
        sourceIds: joined(r.precision === "year" ? r.firstSourceIds : r.sourceIds),
      }))
      .sort((a, b) => byText(a.lab, b.lab) || byText(a.model, b.model));
    expect(table("releases-no-quarter")).toEqual(apart);
  });

  it("revenue in USD: each reported figure beside its source, converted at the graph's sourced rates as the API converts", async () => {
    const rates = (
      await run(
        `MATCH (r:Metric {metric: 'fxRate'})
         RETURN r.id AS metricId, r.baseCurrency AS baseCurrency, r.unit AS unit, r.value AS value, toString(r.periodEnd) AS periodEnd, r.sourceId AS sourceId
         ORDER BY r.periodEnd DESC, r.id`,
      )
    ).map((r) => r as unknown as FxRate);
    const figures = await run(
      `MATCH (c:Company)-[:HAS_METRIC]->(m:Metric {metric: 'revenue', kind: 'actual'}) WHERE m.unit IN ['CNY', 'USD', 'HKD']
       RETURN c.id AS companyId, c.name AS company, m.periodLabel AS period, toString(m.periodEnd) AS periodEnd, m.comparator AS comparator,
              m.value AS value, m.unit AS unit, m.sourceId AS sourceId
       ORDER BY companyId, m.periodEnd`,
    );
    const expected = figures.map(({ companyId: _id, ...f }) => {
      const converted = convert(f.value, f.unit, "USD", rates)!;
      return { ...f, valueUSD: converted.value, rate: converted.rate, rateSourceIds: converted.rates.map((r) => r.sourceId).join(", ") };
    });
    expect(expected.some((f) => f.rateSourceIds !== "")).toBe(true);
    const shown = table("answer-revenue");
    expect(shown.map(({ valueUSD: _v, rate: _r, rates: _t, ...rest }) => rest)).toEqual(expected.map(({ valueUSD: _v, rate: _r, ...rest }) => rest));
    shown.forEach((row, i) => {
      expect(row.valueUSD as number).toBeCloseTo(expected[i]!.valueUSD, 2);
      expect(row.rate as number).toBeCloseTo(expected[i]!.rate, 9);
    });
  });

  it.each(CHARTS.map((file, i) => [file, ["chart-investors", "chart-releases", "chart-revenue"][i]!]))(
    "chart %s is written as a real PNG and shown inline",
    (file, tag) => {
      const saved = path.join(dir, "charts", file);
      expect(existsSync(saved)).toBe(true);
      const { width, height } = isPng(readFileSync(saved));
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(200);
      const inline = (cell(tag).outputs ?? []).flatMap((o) => (o.data?.["image/png"] ? [o.data["image/png"] as string] : []));
      expect(inline).toHaveLength(1);
      isPng(Buffer.from(inline[0]!, "base64"));
    },
  );
});
