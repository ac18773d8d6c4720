// The graph against the article: what it says is in the graph, with its source and exact words.
// The expectations below are written from the article, independently of cypher/sources/.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { searchEntities } from "../src/graph/search.ts";
import { SOURCE_TEXTS_DIR } from "../src/graph/source-file.ts";
import { snapshotGraph, testDatabase, testDriver } from "./support/db.ts";

const ARTICLE = "src-000-zhipu-minimax-hk-listings";
const articleText = readFileSync(path.join(SOURCE_TEXTS_DIR, "000_40c4bf3fcd9b3358.txt"), "utf8");

let driver: Driver;
const query = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database: testDatabase() })).records.map((r) => r.toObject());

beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
});
afterAll(() => driver.close());

describe("entities", () => {
  it.each([
    ["zhipu-ai", ["Company", "Startup"], "智譜"],
    ["minimax", ["Company", "Startup"], "MiniMax"],
    ["sensetime", ["Company"], "商湯"],
    ["baichuan-ai", ["Company", "Startup"], "百川智能"],
    ["01-ai", ["Company", "Startup"], "零一萬物"],
    ["moonshot-ai", ["Company", "Startup"], "月之暗面"],
    ["bytedance", ["Company", "BigTech"], "字節跳動"],
    ["alibaba", ["Company", "BigTech"], "阿里巴巴"],
    ["tencent", ["Company", "BigTech"], "騰訊"],
    ["alibaba-cloud", ["Company", "CloudProvider"], "阿里雲"],
    ["citic-securities", ["Company"], "中信證券"],
    ["yan-junjie", ["Person"], "閆俊杰"],
    ["tsinghua-university", ["University"], "清華大學"],
    ["glm", ["Product"], "GLM模型"],
    ["talkie", ["Product"], "Talkie"],
    ["xingye", ["Product"], "星野"],
    ["hailuo-ai", ["Product"], "海螺AI"],
    ["doubao", ["Product"], "豆包大模型家族"],
    ["tongyi", ["Product"], "通義"],
    ["qwen", ["Product"], "千問"],
    ["six-tigers", ["Group"], "大模型六小虎"],
    ["hkex", ["StockExchange"], "香港交易所"],
    ["maas", ["BusinessModel"], "模型即服務"],
    ["moe", ["Technology"], "MoE"],
    ["linear-attention", ["Technology"], "線性注意力"],
    ["medical-ai", ["Sector"], "醫療AI等垂直領域"],
  ])("%s is an Entity with labels %j, named in three forms, mentioned by the article", async (id, labels, zhHant) => {
    const [row] = await query(
      `MATCH (n:Entity {id: $id}) OPTIONAL MATCH (s:Source {id: $article})-[:MENTIONS]->(n)
       RETURN labels(n) AS labels, n.name AS name, n.nameZhHans AS hans, n.nameZhHant AS hant, count(s) AS mentioned`,
      { id, article: ARTICLE },
    );
    expect(row).toBeDefined();
    expect([...(row!.labels as string[])].sort()).toEqual(["Entity", ...labels].sort());
    expect(row!.hant).toBe(zhHant);
    expect(row!.name).toMatch(/^[\x20-\x7e]+$/);
    expect(row!.hans).toBeTruthy();
    expect(Number(row!.mentioned)).toBe(1);
  });
});

describe("relationships", () => {
  it.each([
    ["zhipu-ai", "SPUN_OUT_OF", "tsinghua-university"],
    ["yan-junjie", "FOUNDED", "minimax"],
    ["yan-junjie", "WORKED_AT", "sensetime"],
    ["zhipu-ai", "DEVELOPS", "glm"],
    ["minimax", "DEVELOPS", "talkie"],
    ["minimax", "DEVELOPS", "xingye"],
    ["minimax", "DEVELOPS", "hailuo-ai"],
    ["bytedance", "DEVELOPS", "doubao"],
    ["tongyi", "REBRANDED_AS", "qwen"],
    ["zhipu-ai", "MEMBER_OF", "six-tigers"],
    ["minimax", "MEMBER_OF", "six-tigers"],
    ["baichuan-ai", "MEMBER_OF", "six-tigers"],
    ["01-ai", "MEMBER_OF", "six-tigers"],
    ["minimax", "BUYS_CLOUD_FROM", "alibaba-cloud"],
    ["zhipu-ai", "LISTED_ON", "hkex"],
    ["minimax", "LISTED_ON", "hkex"],
    ["zhipu-ai", "HAS_BUSINESS_MODEL", "maas"],
    ["minimax", "USES_TECHNOLOGY", "moe"],
    ["minimax", "USES_TECHNOLOGY", "linear-attention"],
    ["baichuan-ai", "PIVOTED_TO", "medical-ai"],
    ["01-ai", "PIVOTED_TO", "medical-ai"],
  ])("(%s)-[:%s]->(%s) is stated by the article, with verbatim evidence", async (from, type, to) => {
    const rows = await query(
      `MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type
       RETURN r.sourceId AS sourceId, r.evidence AS evidence`,
      { from, to, type },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sourceId).toBe(ARTICLE);
    expect(articleText).toContain(rows[0]!.evidence);
  });

  it("records what MiniMax paid Alibaba Cloud: USD 71 million", async () => {
    const [row] = await query(
      "MATCH (:Company {id: 'minimax'})-[r:BUYS_CLOUD_FROM]->(c:CloudProvider) RETURN c.id AS cloud, r.amount AS amount, r.currency AS currency",
    );
    expect(row).toEqual({ cloud: "alibaba-cloud", amount: 71_000_000, currency: "USD" });
  });

  it("takes background facts from the separate background source, not the article", async () => {
    const rows = await query(
      `MATCH (a)-[r]->(b) WHERE r.sourceId = 'src-background'
       MATCH (s:Source {id: r.sourceId}) RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact, s.kind AS kind ORDER BY fact`,
    );
    expect(rows).toEqual([
      { fact: "alibaba-cloud SUBSIDIARY_OF alibaba", kind: "background" },
      { fact: "moonshot-ai MEMBER_OF six-tigers", kind: "background" },
      { fact: "stepfun MEMBER_OF six-tigers", kind: "background" },
    ]);
  });
});

describe("figures", () => {
  // [company, metric, periodEnd, value, unit, comparator, kind, scope fragment]
  const figures: Array<[string, string, string, number, string, string, string, string?]> = [
    ["zhipu-ai", "revenue", "2022-12-31", 57_400_000, "CNY", "eq", "actual"],
    ["zhipu-ai", "revenue", "2024-12-31", 312_400_000, "CNY", "eq", "actual"],
    ["zhipu-ai", "revenueCagr", "2024-12-31", 130, "percent", "eq", "actual"],
    ["zhipu-ai", "revenue", "2025-06-30", 191_000_000, "CNY", "eq", "actual"],
    ["zhipu-ai", "revenue", "2025-12-31", 738_000_000, "CNY", "eq", "forecast"],
    ["zhipu-ai", "revenue", "2025-12-31", 100_000_000, "USD", "gt", "forecast"],
    ["zhipu-ai", "netLoss", "2025-06-30", 6_200_000_000, "CNY", "gt", "actual", "cumulative"],
    ["zhipu-ai", "netLossMonthlyAverage", "2025-06-30", 300_000_000, "CNY", "eq", "actual"],
    ["zhipu-ai", "computeSpend", "2024-12-31", 1_800_000_000, "CNY", "gt", "actual"],
    ["zhipu-ai", "enterpriseCustomers", "2025-09-30", 12_000, "count", "eq", "actual"],
    ["zhipu-ai", "developers", "2025-09-30", 45_000_000, "count", "gt", "actual"],
    ["zhipu-ai", "topInternetCompaniesUsingModel", "2025-09-30", 9, "count", "eq", "actual"],
    ["zhipu-ai", "arr", "2025-12-31", 20_000_000, "CNY", "eq", "actual"],
    ["zhipu-ai", "arr", "2025-12-31", 500_000_000, "CNY", "gt", "actual"],
    ["zhipu-ai", "revenueShare", "2022-12-31", 95.5, "percent", "eq", "actual", "on-premise"],
    ["zhipu-ai", "revenueShare", "2025-06-30", 15.2, "percent", "eq", "actual", "MaaS"],
    ["zhipu-ai", "grossMargin", "2025-06-30", 50, "percent", "gt", "actual", "on-premise"],
    ["zhipu-ai", "receivableTurnoverDays", "2022-12-31", 23, "days", "eq", "actual"],
    ["zhipu-ai", "receivableTurnoverDays", "2025-06-30", 112, "days", "eq", "actual"],
    ["zhipu-ai", "marketCap", "2026-01-12", 100_000_000_000, "HKD", "gt", "actual"],
    ["zhipu-ai", "sharePriceChange", "2026-01-12", 60, "percent", "gt", "actual"],
    ["minimax", "revenue", "2023-12-31", 3_500_000, "USD", "eq", "actual"],
    ["minimax", "revenue", "2024-12-31", 30_500_000, "USD", "eq", "actual"],
    ["minimax", "revenue", "2025-09-30", 53_440_000, "USD", "eq", "actual"],
    ["minimax", "netLoss", "2025-06-30", 9_300_000_000, "CNY", "approx", "actual", "cumulative"],
    ["minimax", "netLoss", "2024-12-31", 3_270_000_000, "CNY", "eq", "actual"],
    ["minimax", "revenueShare", "2025-09-30", 71.1, "percent", "eq", "actual", "consumer"],
    ["minimax", "revenueShare", "2025-09-30", 73, "percent", "gt", "actual", "overseas"],
    ["minimax", "computeSpend", "2026-01-31", 71_000_000, "USD", "eq", "actual", "Alibaba Cloud"],
    ["minimax", "sharePriceChange", "2026-01-31", 109.09, "percent", "eq", "actual"],
    ["minimax", "marketCap", "2026-01-31", 100_000_000_000, "HKD", "gt", "actual"],
    ["minimax", "computeShareOfRnd", "2026-01-31", 70, "percent", "gt", "actual"],
    ["zhipu-ai", "ipoProceedsToRndShare", "2026-01-31", 70, "percent", "gt", "actual"],
  ];

  it.each(figures)(
    "%s %s to %s = %d %s (%s, %s)",
    async (company, metric, periodEnd, value, unit, comparator, kind, scope) => {
      const rows = await query(
        `MATCH (:Company {id: $company})-[h:HAS_METRIC]->(m:Metric {metric: $metric})
         WHERE m.periodEnd = date($periodEnd) AND m.value = $value AND m.unit = $unit
         RETURN m.comparator AS comparator, m.kind AS kind, m.scope AS scope, m.periodLabel AS label,
                m.evidence AS evidence, m.sourceId AS sourceId, h.evidence AS edgeEvidence`,
        { company, metric, periodEnd, value, unit },
      );
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row).toMatchObject({ comparator, kind, sourceId: ARTICLE });
      expect(row.label).toBeTruthy();
      if (scope) expect(row.scope).toContain(scope);
      expect(articleText).toContain(row.evidence);
      expect(row.edgeEvidence).toBe(row.evidence);
    },
  );

  it("carries the year-on-year growth the article gives", async () => {
    const rows = await query(
      `MATCH (c:Company)-[:HAS_METRIC]->(m:Metric {metric: 'revenue'}) WHERE m.yoyGrowthPercent IS NOT NULL
       RETURN c.id AS company, m.periodLabel AS period, m.yoyGrowthPercent AS yoy ORDER BY company, yoy`,
    );
    expect(rows.map((r) => [r.company, r.yoy])).toEqual([
      ["minimax", 175],
      ["minimax", 782.2],
      ["zhipu-ai", 325],
    ]);
  });

  it("attributes the forecasts to CITIC Securities", async () => {
    const rows = await query(
      `MATCH (f:Company)-[r:FORECASTS]->(m:Metric)<-[:HAS_METRIC]-(c:Company)
       RETURN f.id AS by, c.id AS company, m.value AS value, m.unit AS unit, r.evidence AS evidence ORDER BY unit`,
    );
    expect(rows.map(({ evidence: _e, ...r }) => r)).toEqual([
      { by: "citic-securities", company: "zhipu-ai", value: 738_000_000, unit: "CNY" },
      { by: "citic-securities", company: "zhipu-ai", value: 100_000_000, unit: "USD" },
    ]);
    for (const row of rows) expect(row.evidence).toContain("中信證券預測");
  });
});

describe("provenance", () => {
  it("every relationship between entities and every Metric names an existing Source and has evidence", async () => {
    const [row] = await query(
      `CALL () { MATCH (:Entity)-[r]->() WHERE type(r) <> 'MENTIONS' RETURN r.sourceId AS sid, r.evidence AS ev
                 UNION ALL MATCH (m:Metric) RETURN m.sourceId AS sid, m.evidence AS ev }
       OPTIONAL MATCH (s:Source {id: sid})
       RETURN count(*) AS facts, count(s) AS sourced, sum(CASE WHEN trim(coalesce(ev, '')) = '' THEN 1 ELSE 0 END) AS noEvidence`,
    );
    expect(Number(row!.facts)).toBeGreaterThan(100);
    expect(row!.sourced).toEqual(row!.facts);
    expect(Number(row!.noEvidence)).toBe(0);
  });

  it("every evidence of the article's facts is a verbatim span of the article", async () => {
    const rows = await query(
      `CALL () { MATCH ()-[r]->() WHERE r.sourceId = $article RETURN r.evidence AS ev
                 UNION ALL MATCH (m:Metric {sourceId: $article}) RETURN m.evidence AS ev }
       RETURN ev`,
      { article: ARTICLE },
    );
    expect(rows.length).toBeGreaterThan(60);
    const notVerbatim = rows.map((r) => r.ev as string).filter((ev) => !articleText.includes(ev));
    expect(notVerbatim).toEqual([]);
  });

  it("describes the article as a Source", async () => {
    const [row] = await query("MATCH (s:Source {id: $article}) RETURN properties(s) AS s", { article: ARTICLE });
    expect(row!.s).toMatchObject({ language: "zh-Hant", author: "小豹", kind: "article", date: "2026-01" });
    expect(row!.s.publisher).toContain("北京科技報");
    expect(row!.s.platform).toContain("網易號");
  });
});

describe("search", () => {
  it.each([
    ["智谱", "zhipu-ai"],
    ["智譜", "zhipu-ai"],
    ["zhipu", "zhipu-ai"],
    ["Zhipu AI", "zhipu-ai"],
    ["商汤", "sensetime"],
    ["商湯", "sensetime"],
    ["SenseTime", "sensetime"],
    ["阿里云", "alibaba-cloud"],
    ["阿里雲", "alibaba-cloud"],
    ["Alibaba Cloud", "alibaba-cloud"],
    ["清华大学", "tsinghua-university"],
    ["清華大學", "tsinghua-university"],
    ["闫俊杰", "yan-junjie"],
    ["閆俊杰", "yan-junjie"],
    ["六小虎", "six-tigers"],
  ])("%s finds %s first", async (text, id) => {
    const hits = await searchEntities(driver, text, 5, testDatabase());
    expect(hits[0]?.id).toBe(id);
  });

  it("treats Lucene and Cypher syntax in the query as plain text", async () => {
    for (const text of ['") DETACH DELETE n //', "zhipu AND NOT *", "{}[]^~?:\\/", "   "]) {
      await expect(searchEntities(driver, text, 5, testDatabase())).resolves.toBeInstanceOf(Array);
    }
    const [row] = await query("MATCH (n:Entity) RETURN count(n) AS n");
    expect(Number(row!.n)).toBeGreaterThan(30);
  });
});

describe("loading", () => {
  it("is idempotent: loading again gives exactly the same graph", async () => {
    const before = await snapshotGraph(driver);
    await loadGraph(driver, { database: testDatabase() });
    expect(await snapshotGraph(driver)).toEqual(before);
  });
});
