// Adding a source: bad input is refused and nothing already stored is lost or half-written. Each
// refusal's message (file, record and problem named) is checked without a database in
// test/unit/source-files.test.ts; here a refusal of each kind meets the stored graph.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { SourceDataError } from "../src/graph/source-file.ts";
import { loaderLeftovers, snapshotGraph, testDatabase, testDriver } from "./support/db.ts";
import { BROKEN_FURTHER_SOURCES, BROKEN_QUOTED_SOURCES, filesWith as filesIn, furtherSource, quotedSource, quotedTextsDir } from "./support/source-fixtures.ts";

let driver: Driver;
let dir: string;
let before: string[];
const filesWith = (extra: unknown) => filesIn(dir, extra);

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
  // One refusal of a record and one of the cross-file checks.
  it.each([BROKEN_FURTHER_SOURCES[0]!, BROKEN_FURTHER_SOURCES[5]!])(
    "with %s is refused by name, and the stored graph is untouched",
    async (_what, breakIt, message) => {
      const error = await loadGraph(driver, { files: filesWith(breakIt(furtherSource())), database: testDatabase() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceDataError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/nothing was written/);
      expect(await snapshotGraph(driver)).toEqual(before);
      expect(await loaderLeftovers(driver)).toBe(0);
    },
  );

  it("that Neo4j itself refuses at the swap leaves the previous graph whole and nothing staged behind", async () => {
    // A constraint the data breaks only at write time, after the earlier statements have run.
    await driver.executeQuery("CREATE CONSTRAINT test_sector_name IF NOT EXISTS FOR (n:Sector) REQUIRE n.name IS UNIQUE", {}, { database: testDatabase() });
    try {
      const s = furtherSource();
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
    await loadGraph(driver, { files: filesWith(furtherSource()), database: testDatabase() });
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
  let textsDir: string;
  beforeAll(() => {
    textsDir = quotedTextsDir();
  });
  afterAll(() => rmSync(textsDir, { recursive: true, force: true }));

  it("with evidence that is not in its text is refused by name, and the stored graph is untouched", async () => {
    const [, breakIt, message] = BROKEN_QUOTED_SOURCES[1]!;
    const error = await loadGraph(driver, { files: filesWith(breakIt(quotedSource())), textsDir, database: testDatabase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceDataError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshotGraph(driver)).toEqual(before);
  });

  it("that is valid is loaded with its hedge, its attribution and its cited document", async () => {
    const s = quotedSource();
    s.citedSources = [{ id: "src-test-report", title: "A report the test source cites", publisher: "tests", publisherId: "tests", language: "zh", kind: "broker-report", dateNote: "Not dated by the test source." }];
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
