// The relational questions in cypher/queries/ (shown in the README) answer as the article says.
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

  // Zhipu's only stated links towards Alibaba Cloud go through MiniMax, its customer (the article
  // states no competition between Zhipu and Alibaba).
  it("02: Tsinghua reaches Alibaba Cloud in four sourced hops, through Zhipu's spin-out and MiniMax's cloud purchases", async () => {
    const [row] = await run("02_university_to_cloud.cypher");
    expect(row!.via[0]).toBe("Tsinghua University");
    expect(row!.via[1]).toBe("Zhipu AI");
    expect(row!.via[3]).toBe("MiniMax");
    expect(row!.via.at(-1)).toBe("Alibaba Cloud");
    expect(row!.hops).toHaveLength(4);
    expect(row!.hops.at(-1)).toMatch(/^BUYS_CLOUD_FROM /);
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

  it("the schema file is plain Cypher that runs again unchanged", async () => {
    const statements = cypherStatements(path.join(PROJECT_ROOT, "cypher", "schema.cypher"));
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) await driver.executeQuery(statement, {}, { database: testDatabase() });
    expect(readFileSync(path.join(PROJECT_ROOT, "cypher", "schema.cypher"), "utf8")).not.toMatch(/\$\w+/);
  });
});
