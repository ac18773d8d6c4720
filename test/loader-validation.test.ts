// Adding a source: bad input is refused with file, record and problem named, and nothing already
// stored is lost or half-written.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { SourceDataError, sourceFilesIn } from "../src/graph/source-file.ts";
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
      /900_extra\.json: metrics\[0\] \(test-lab\) field 'evidence': must not be empty/,
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

it("the article's data file states no entity or figure twice", () => {
  const data = JSON.parse(readFileSync(sourceFilesIn()[0]!, "utf8")) as { entities: Array<{ id: string }> };
  const ids = data.entities.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
});
