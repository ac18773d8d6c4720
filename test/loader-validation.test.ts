// Adding a source: bad input is refused with file, record and problem named, and nothing already
// stored is lost or half-written.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { SOURCE_TEXTS_DIR, SourceDataError, sourceFilesIn } from "../src/graph/source-file.ts";
import { loaderLeftovers, snapshotGraph, testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
let dir: string;
let before: string[];

const goodSource = {
  source: {
    id: "src-test-extra",
    title: "A further source for the tests",
    publisher: "tests",
    language: "en",
    date: "2026-02-01",
    datePrecision: "day",
    kind: "background",
  },
  entities: [
    { id: "test-lab", labels: ["Company", "Startup"], name: "Test Lab", nameZhHans: "测试实验室", nameZhHant: "測試實驗室", aliases: [] },
  ],
  relationships: [{ type: "SPUN_OUT_OF", from: "test-lab", to: "tsinghua-university", evidence: "Test Lab came out of Tsinghua." }],
  metrics: [
    {
      company: "test-lab",
      metric: "revenue",
      value: 1000,
      unit: "CNY",
      comparator: "eq",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      periodLabel: "FY2025",
      evidence: "Test Lab earned 1000 yuan in 2025.",
    },
  ],
};

/** The project's source files plus one extra file, in a scratch folder. */
function filesWith(extra: unknown): string[] {
  const files = sourceFilesIn().map((file) => {
    const copy = path.join(dir, path.basename(file));
    copyFileSync(file, copy);
    return copy;
  });
  const extraFile = path.join(dir, "900_extra.json");
  writeFileSync(extraFile, typeof extra === "string" ? extra : JSON.stringify(extra));
  return [...files, extraFile];
}

const clone = () => structuredClone(goodSource) as typeof goodSource & Record<string, unknown>;

beforeAll(async () => {
  driver = testDriver();
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-sources-"));
  await loadGraph(driver, { database: testDatabase() });
  before = await snapshotGraph(driver);
});
afterAll(async () => {
  // Leave the article's graph as the other test files expect it.
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a further source file", () => {
  const cases: Array<[string, (s: ReturnType<typeof clone>) => unknown, RegExp]> = [
    [
      "an unknown entity id",
      (s) => ((s.relationships[0]!.to = "tsinghua-univ"), s),
      /900_extra\.json: relationships\[0\] \(SPUN_OUT_OF test-lab -> tsinghua-univ\): unknown entity id 'tsinghua-univ'/,
    ],
    [
      "missing evidence",
      (s) => ((s.metrics[0]!.evidence = " "), s),
      /900_extra\.json: metrics\[0\] \(test-lab\) field 'evidence': must be at least 4 characters/,
    ],
    [
      "a unit not in the list",
      (s) => ((s.metrics[0]!.unit = "EUR"), s),
      /900_extra\.json: metrics\[0\] \(test-lab\) field 'unit': Invalid option: expected one of "CNY"\|"USD"\|"HKD"\|"percent"\|"count"\|"days"/,
    ],
    [
      "a date that does not parse",
      (s) => ((s.metrics[0]!.periodEnd = "2025-02-30"), s),
      /900_extra\.json: metrics\[0\] \(test-lab\) field 'periodEnd': must be a calendar date YYYY-MM-DD/,
    ],
    [
      "a relationship between the wrong labels",
      (s) => ((s.relationships[0]!.to = "glm"), s),
      /relationships\[0\] \(SPUN_OUT_OF test-lab -> glm\): 'to' must be a University, but 'glm' is Product/,
    ],
    [
      "an entity declared differently from the article's file",
      (s) => (s.entities.push({ ...s.entities[0]!, id: "zhipu-ai", name: "Zhipu" }), s),
      /900_extra\.json: entities\[1\] \(zhipu-ai\): declared differently in \S*000_zhipu_minimax_hk_listings\.json/,
    ],
    ["a file that is not JSON", () => "{ not json", /900_extra\.json: not valid JSON/],
  ];

  it.each(cases)("with %s is refused by name, and the stored graph is untouched", async (_what, breakIt, message) => {
    const files = filesWith(breakIt(clone()));
    const error = await loadGraph(driver, { files, database: testDatabase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceDataError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/nothing was written/);
    expect(await snapshotGraph(driver)).toEqual(before);
  });

  it("that Neo4j itself refuses at the swap leaves the previous graph whole and nothing staged behind", async () => {
    // A constraint the data breaks only at write time, after the earlier statements have run.
    await driver.executeQuery("CREATE CONSTRAINT test_sector_name IF NOT EXISTS FOR (n:Sector) REQUIRE n.name IS UNIQUE", {}, { database: testDatabase() });
    try {
      const s = clone();
      s.entities.push({ id: "test-sector", labels: ["Sector"], name: "Medical AI and other vertical domains", nameZhHans: "x", nameZhHant: "x", aliases: [] });
      const error = await loadGraph(driver, { files: filesWith(s), database: testDatabase() }).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(SourceDataError);
      expect((error as Error).message).toMatch(/already exists with label `Sector` and property `name` = .Medical AI and other vertical domains./);
      expect(await snapshotGraph(driver)).toEqual(before);
      expect(await loaderLeftovers(driver)).toBe(0);
    } finally {
      await driver.executeQuery("DROP CONSTRAINT test_sector_name IF EXISTS", {}, { database: testDatabase() });
    }
  });

  it("that is valid adds its entities, facts and mentions under its own Source", async () => {
    await loadGraph(driver, { files: filesWith(clone()), database: testDatabase() });
    const { records } = await driver.executeQuery(
      `MATCH (s:Source {id: 'src-test-extra'})-[:MENTIONS]->(e:Entity)
       WITH s, collect(e.id) AS mentioned
       MATCH (:Company:Startup {id: 'test-lab'})-[r:SPUN_OUT_OF]->(:University {id: 'tsinghua-university'})
       MATCH (:Company {id: 'test-lab'})-[:HAS_METRIC]->(m:Metric)
       RETURN mentioned, r.sourceId AS relSource, m.sourceId AS metricSource, m.value AS value`,
      {},
      { database: testDatabase() },
    );
    expect(records[0]?.toObject()).toEqual({
      mentioned: expect.arrayContaining(["test-lab", "tsinghua-university"]),
      relSource: "src-test-extra",
      metricSource: "src-test-extra",
      value: 1000,
    });
    // Removing the file again removes what only it said, and nothing else.
    await loadGraph(driver, { database: testDatabase() });
    expect(await snapshotGraph(driver)).toEqual(before);
  });
});

describe("a further quoted source (an article whose text is in SOURCE_TEXTS_DIR)", () => {
  const TEXT = "測試實驗室出自清華大學,此後基本轉向醫療AI。測試實驗室2025年收入1000元。";
  const quoted = () => {
    const s = clone() as ReturnType<typeof clone> & { source: { textFile?: string } };
    s.source = { ...s.source, kind: "article", textFile: "900_test.txt" } as typeof s.source & { textFile: string };
    s.relationships = [{ type: "SPUN_OUT_OF", from: "test-lab", to: "tsinghua-university", evidence: "測試實驗室出自清華大學" }];
    s.metrics[0]!.evidence = "測試實驗室2025年收入1000元";
    return s as ReturnType<typeof clone> & { citedSources?: unknown[]; source: { textFile?: string } };
  };
  let textsDir: string;
  beforeAll(() => {
    textsDir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-texts-"));
    copyFileSync(path.join(SOURCE_TEXTS_DIR, "000_40c4bf3fcd9b3358.txt"), path.join(textsDir, "000_40c4bf3fcd9b3358.txt"));
    writeFileSync(path.join(textsDir, "900_test.txt"), TEXT);
  });
  afterAll(() => rmSync(textsDir, { recursive: true, force: true }));

  const cases: Array<[string, (s: ReturnType<typeof quoted>) => unknown, RegExp]> = [
    [
      "a text file that is not there (a typo in textFile)",
      (s) => ((s.source.textFile = "900_tset.txt"), s),
      /900_extra\.json: source: text file '900_tset\.txt' not found in SOURCE_TEXTS_DIR \(.*llmgraph-texts-.*\); its evidence cannot be checked/,
    ],
    [
      "evidence that is not in the text",
      (s) => ((s.relationships[0]!.evidence = "測試實驗室出自北京大學"), s),
      /relationships\[0\] \(SPUN_OUT_OF test-lab -> tsinghua-university\): evidence is not a verbatim span of 900_test\.txt/,
    ],
    [
      "evidence that does not name one end of its relationship",
      (s) => ((s.relationships[0]!.evidence = "出自清華大學"), s),
      /relationships\[0\] \(SPUN_OUT_OF test-lab -> tsinghua-university\): evidence does not name 'test-lab' \(by name or alias, in any script\)/,
    ],
    [
      "trivially short evidence",
      (s) => ((s.metrics[0]!.evidence = "收入"), s),
      /metrics\[0\] \(test-lab\) field 'evidence': must be at least 4 characters/,
    ],
    [
      "a hedge without its words",
      (s) => ((s.relationships[0] = { ...s.relationships[0]!, certainty: "hedged" } as never), s),
      /relationships\[0\] \(SPUN_OUT_OF test-lab -> tsinghua-university\): a hedged fact needs 'qualifier'/,
    ],
    [
      "a qualifier that is not in the evidence",
      (s) => ((s.relationships[0] = { ...s.relationships[0]!, certainty: "hedged", qualifier: "基本" } as never), s),
      /qualifier '基本' is not in its evidence/,
    ],
    [
      "an attribution to a document the source does not cite",
      (s) => ((s.metrics[0] = { ...s.metrics[0]!, citedSourceId: "src-test-report" } as never), s),
      /metrics\[0\] \(test-lab\/revenue\/\S+\): citedSourceId 'src-test-report' is not among this file's citedSources/,
    ],
    [
      "a Traditional name with a Simplified-only character",
      (s) => ((s.entities[0]!.nameZhHant = "测試實驗室"), s),
      /entities\[0\] \(test-lab\): nameZhHant '测試實驗室' has the Simplified-only character '测'/,
    ],
    [
      "validity that ends before it starts",
      (s) => ((s.relationships[0] = { ...s.relationships[0]!, validFrom: "2025-03", validTo: "2024-12" } as never), s),
      /validFrom 2025-03 is after validTo 2024-12/,
    ],
  ];

  it.each(cases)("with %s is refused by name, and the stored graph is untouched", async (_what, breakIt, message) => {
    const files = filesWith(breakIt(quoted()));
    const error = await loadGraph(driver, { files, textsDir, database: testDatabase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceDataError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshotGraph(driver)).toEqual(before);
  });

  it("that is valid is loaded with its hedge, its attribution and its cited document", async () => {
    const s = quoted();
    s.citedSources = [{ id: "src-test-report", title: "A report the test source cites", publisher: "tests", language: "zh", kind: "broker-report", dateNote: "Not dated by the test source." }];
    s.relationships.push({ type: "PIVOTED_TO", from: "test-lab", to: "medical-ai", evidence: "測試實驗室出自清華大學,此後基本轉向醫療AI", certainty: "hedged", qualifier: "基本" } as never);
    s.metrics[0] = { ...s.metrics[0]!, citedSourceId: "src-test-report" } as never;
    try {
      await loadGraph(driver, { files: filesWith(s), textsDir, database: testDatabase() });
      const { records } = await driver.executeQuery(
        `MATCH (:Source {id: 'src-test-extra'})-[:CITES]->(c:Source {id: 'src-test-report'})
         MATCH (:Company {id: 'test-lab'})-[p:PIVOTED_TO]->(:Sector {id: 'medical-ai'})
         MATCH (:Company {id: 'test-lab'})-[h:HAS_METRIC]->(m:Metric)
         RETURN c.kind AS kind, p.certainty AS certainty, p.qualifier AS qualifier, m.citedSourceId AS cited, h.citedSourceId AS edgeCited`,
        {},
        { database: testDatabase() },
      );
      expect(records[0]?.toObject()).toEqual({ kind: "broker-report", certainty: "hedged", qualifier: "基本", cited: "src-test-report", edgeCited: "src-test-report" });
    } finally {
      await loadGraph(driver, { database: testDatabase() });
    }
    expect(await snapshotGraph(driver)).toEqual(before);
  });
});

it("the article's data file states no entity or figure twice", () => {
  const data = JSON.parse(readFileSync(sourceFilesIn()[0]!, "utf8")) as {
    entities: Array<{ id: string }>;
    metrics: Array<Record<string, unknown>>;
  };
  const ids = data.entities.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  // One figure: one company, metric, period, unit, scope and kind.
  const figures = data.metrics.map((m) => JSON.stringify([m.company, m.metric, m.periodStart, m.periodEnd, m.unit, m.scope, m.kind ?? "actual"]));
  expect(new Set(figures).size).toBe(figures.length);
});
