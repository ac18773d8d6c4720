// The relational questions in cypher/queries/ (shown in docs/model.md) answer as the article says.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/config.ts";
import { cypherStatements, loadGraph } from "../src/graph/load.ts";
import { testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
});
afterAll(() => driver.close());

async function run(name: string) {
  const [statement, ...rest] = cypherStatements(path.join(PROJECT_ROOT, "cypher", "queries", name));
  expect(rest).toEqual([]);
  const { records } = await driver.executeQuery(statement!, {}, { database: testDatabase() });
  return records.map((r) => r.toObject());
}

describe("cypher/queries", () => {
  it("01: MiniMax's founder Yan Junjie came from SenseTime", async () => {
    expect(await run("01_founder_and_former_employer.cypher")).toEqual([
      expect.objectContaining({ founder: "Yan Junjie", founderZh: "閆俊杰", workedAt: "SenseTime", evidence: "創始人閆俊杰來自商湯" }),
    ]);
  });

  // Several four-hop paths tie (through Zhipu and MiniMax, or through Yang Zhilin and Moonshot);
  // the article states no competition between Zhipu and Alibaba, so none is shorter.
  it("02: Tsinghua reaches Alibaba Cloud in four sourced hops", async () => {
    const [row] = await run("02_university_to_cloud.cypher");
    expect(row!.via[0]).toBe("Tsinghua University");
    expect(row!.via.at(-1)).toBe("Alibaba Cloud");
    expect(row!.hops).toHaveLength(4);
    for (const hop of row!.hops as string[]) expect(hop).toMatch(/^[A-Z_]+ \(src-[a-z0-9-]+\): .+/);
  });

  it("03: of the six tigers, Baichuan AI and 01.AI pivoted to medical and other vertical AI", async () => {
    const rows = await run("03_six_tigers_pivots.cypher");
    expect(rows.map((r) => [r.company, r.pivotedTo])).toEqual([
      ["01.AI", "Medical AI and other vertical domains"],
      ["Baichuan AI", "Medical AI and other vertical domains"],
    ]);
  });

  it("04: each company's revenue series is in its own currency, ordered by period", async () => {
    const rows = await run("04_revenue_series.cypher");
    expect(rows.map((r) => [r.company, r.period, r.value, r.unit])).toEqual([
      ["MiniMax", "FY2023", 3_500_000, "USD"],
      ["MiniMax", "FY2024", 30_500_000, "USD"],
      ["MiniMax", "Q1–Q3 2025", 53_440_000, "USD"],
      ["Zhipu AI", "FY2022", 57_400_000, "CNY"],
      ["Zhipu AI", "FY2024", 312_400_000, "CNY"],
      ["Zhipu AI", "H1 2025", 191_000_000, "CNY"],
    ]);
  });

  it("05: CITIC Securities' forecasts for Zhipu and MiniMax's Alibaba Cloud bill", async () => {
    const rows = await run("05_forecasts_and_cloud_spend.cypher");
    const facts = rows.map((r) => [r.who, r.about, r.comparator, r.amount, r.unit]);
    expect(facts.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      ["CITIC Securities", "Zhipu AI", "eq", 738_000_000, "CNY"],
      ["CITIC Securities", "Zhipu AI", "gt", 100_000_000, "USD"],
      ["MiniMax", "Alibaba Cloud", "eq", 71_000_000, "USD"],
    ]);
  });

  // Beyond the article: expectations written from the public reports cited in data/sources/1NN_*.
  it("06: both listings as events, with exchange, ticker, rule, offer price and first-day move, each sourced", async () => {
    const rows = await run("06_listings.cypher");
    expect(rows.map((r) => [r.company, r.listed, r.exchange, r.ticker, r.rule])).toEqual([
      ["Zhipu AI", "2026-01-08", "The Stock Exchange of Hong Kong", "02513", null],
      // No stored source states MiniMax's listing rule (the CLS page read for it does not), so none is given.
      ["MiniMax", "2026-01-09", "The Stock Exchange of Hong Kong", "00100", null],
    ]);
    expect(rows[0]!.figures).toEqual(expect.arrayContaining(["offerPrice 116.2 HKD (src-web-infoq-zhipu-listing)", "firstDayClose 131.5 HKD (src-web-infoq-zhipu-listing)"]));
    expect(rows[1]!.figures).toEqual(expect.arrayContaining(["offerPrice 165.0 HKD (src-web-reuters-minimax-debut)", "sharePriceChange 109.0 percent (src-web-wallstreetcn-minimax-debut)"]));
    for (const row of rows) expect(row.sources.length).toBeGreaterThanOrEqual(2);
  });

  // StepFun has no founder: neither source read for it names one (the stored SCMP page on its round
  // names no founder; Pandaily's page on Jiang Daxin leaving Microsoft never names StepFun).
  it("07: a founder for each of the six tigers a source names one for, with where they studied or worked", async () => {
    const rows = await run("07_six_tigers_founders.cypher");
    const founders = Object.fromEntries(rows.map((r) => [r.founder, [r.company, [...r.background].sort()]]));
    expect(new Set(rows.map((r) => r.company))).toEqual(new Set(["01.AI", "Baichuan AI", "MiniMax", "Moonshot AI", "StepFun", "Zhipu AI"]));
    expect(founders).toMatchObject({
      "Kai-Fu Lee": ["01.AI", ["WORKED_AT Google", "WORKED_AT Microsoft", "WORKED_AT Sinovation Ventures"]],
      "Wang Xiaochuan": ["Baichuan AI", ["WORKED_AT Sogou"]],
      "Yan Junjie": ["MiniMax", ["STUDIED_AT Institute of Automation, Chinese Academy of Sciences", "WORKED_AT SenseTime"]],
      "Yang Zhilin": ["Moonshot AI", ["STUDIED_AT Carnegie Mellon University", "STUDIED_AT Tsinghua University"]],
      "Tang Jie": ["Zhipu AI", []],
    });
    expect(rows.filter((r) => r.founder === null).map((r) => r.company)).toEqual(["StepFun"]);
    for (const row of rows.filter((r) => r.founder !== null)) expect(row.sources.length).toBeGreaterThan(0);
  });

  it("08: which big-tech groups put money into which tigers, with the stakes sources give", async () => {
    const rows = await run("08_big_tech_stakes.cypher");
    const pairs = rows.map((r) => `${r.group} -> ${r.tiger}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        "Alibaba Group -> Moonshot AI",
        "Alibaba Group -> MiniMax",
        "Alibaba Group -> Zhipu AI",
        "Alibaba Group -> Baichuan AI",
        "Tencent -> Moonshot AI",
        "Tencent -> MiniMax",
        "Tencent -> StepFun",
      ]),
    );
    expect(pairs.some((p) => p.startsWith("ByteDance"))).toBe(false);
    // Two sources, two stakes: both stay, each with its source.
    const moonshot = rows.find((r) => r.group === "Alibaba Group" && r.tiger === "Moonshot AI")!;
    expect(moonshot.stakes.map((s: string) => s.split("%")[0]).sort()).toEqual(["36.0", "40.0"]);
    expect(rows.find((r) => r.group === "Alibaba Group" && r.tiger === "MiniMax")!.cornerstone).toBe(true);
  });

  it("09: Zhipu's cornerstone investors, each named by two reports", async () => {
    const rows = await run("09_zhipu_cornerstones.cypher");
    expect(rows.map((r) => r.investor)).toEqual(["Gaoyi Asset Management", "JSC International Investment Fund SPC", "Taikang Life Insurance"]);
    for (const row of rows) expect(row.sources).toHaveLength(2);
  });

  it("10: the figures sources give differently, every version with its source", async () => {
    const rows = await run("10_disagreements.cypher");
    const groups = [...new Set(rows.map((r) => `${r.subject} ${r.metric}`))];
    // The listings' figures; model releases' figures that sources give differently follow.
    expect(groups.filter((g) => g.includes("listing"))).toEqual([
      "MiniMax Hong Kong listing (2026) grossProceeds",
      "Zhipu AI Hong Kong listing (2026) netProceeds",
      "Zhipu AI Hong Kong listing (2026) sharePriceChange",
    ]);
    for (const group of groups) {
      const sources = new Set(rows.filter((r) => `${r.subject} ${r.metric}` === group).map((r) => r.source));
      expect(sources.size, group).toBeGreaterThan(1);
    }
    expect(rows.filter((r) => r.metric === "grossProceeds").map((r) => r.value)).toEqual([4_800_000_000, 4_800_000_000, 5_540_000_000, 5_540_000_000]);
  });

  it("the schema file is plain Cypher that runs again unchanged", async () => {
    const statements = cypherStatements(path.join(PROJECT_ROOT, "cypher", "schema.cypher"));
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) await driver.executeQuery(statement, {}, { database: testDatabase() });
    expect(readFileSync(path.join(PROJECT_ROOT, "cypher", "schema.cypher"), "utf8")).not.toMatch(/\$\w+/);
  });
});
