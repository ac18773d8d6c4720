// A load never loses the graph by accident: `npm run load` of an empty folder used to exit 0,
// print "Loaded … 0 sources" and delete every public node. Now an empty folder is refused (by the
// load and by --check), a folder that would drop most of the graph needs --allow-shrink, and a
// load states what it replaces. The decisions alone: test/unit/load-guard.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { GraphShrinkError, publishedSize, sourceFolderFiles } from "../src/graph/load-guard.ts";
import { loaderLeftovers, snapshotGraph, testDatabase, testDriver } from "./support/db.ts";
import { runProjectCli } from "./support/service.ts";

let driver: Driver;
let root: string;
let emptyDir: string;
let oneSourceDir: string;
/** What readers see: the counts and content hash of the published graph, and every node and edge. */
let before: { size: Awaited<ReturnType<typeof publishedSize>>; graph: string[] };
const graphNow = async () => ({ size: await publishedSize(driver, testDatabase()), graph: await snapshotGraph(driver) });

/** `npm run load` as a process against the test run's Neo4j: its exit code and what it printed. */
const npmRunLoad = (...args: string[]) => runProjectCli("src/graph/cli.ts", ...args);

beforeAll(async () => {
  driver = testDriver();
  root = mkdtempSync(path.join(os.tmpdir(), "llmgraph-guard-"));
  emptyDir = mkdtempSync(path.join(root, "empty-"));
  oneSourceDir = mkdtempSync(path.join(root, "one-"));
  // A source that stands alone: it declares the one entity it names.
  writeFileSync(
    path.join(oneSourceDir, "001_alone.json"),
    JSON.stringify({
      source: { id: "src-test-alone", title: "A source on its own", publisher: "tests", publisherId: "tests", language: "en", date: "2026-03-01", datePrecision: "day", kind: "background" },
      entities: [{ id: "test-alone", labels: ["Technology"], name: "Alone Technology", nameZhHans: "孤立技术", nameZhHant: "孤立技術", aliases: [] }],
      relationships: [],
      metrics: [],
    }),
  );
  await loadGraph(driver, { database: testDatabase() });
  before = await graphNow();
});
afterAll(async () => {
  // Leave the article's graph as the other test files expect it.
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe("npm run load of an empty sources folder", () => {
  it("is refused, naming the folder, exits non-zero, and leaves the graph as it was", async () => {
    const { code, output } = await npmRunLoad("--sources", emptyDir);
    expect(code).toBe(1);
    expect(output).toContain(`No source files (*.json) in the folder ${emptyDir}`);
    expect(output).toMatch(/nothing was written/);
    expect(output).not.toMatch(/Loaded/);
    expect(before.size.sources).toBeGreaterThan(100);
    expect(await graphNow()).toEqual(before);
    expect(await loaderLeftovers(driver)).toBe(0);
  });

  it("is refused by --check too, which says it checks the files, not the live graph", async () => {
    const refused = await npmRunLoad("--check", "--sources", emptyDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`No source files (*.json) in the folder ${emptyDir}`);
    const passed = await npmRunLoad("--check");
    expect(passed.code).toBe(0);
    expect(passed.output).toMatch(/source file\(s\) in data\/sources are valid\.[^]*Checked the files alone, not against the live graph/);
    expect(await graphNow()).toEqual(before);
  });
});

describe("a load that would drop most of the graph", () => {
  it("is refused without allowShrink, saying what it would replace, and the graph is untouched", async () => {
    const error = await loadGraph(driver, { files: sourceFolderFiles(oneSourceDir), database: testDatabase() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphShrinkError);
    const { sources, entities, metrics, contentHash } = before.size;
    expect((error as Error).message).toContain(
      `it replaces graph ${contentHash}: ${sources} sources, ${entities} entities, ${metrics} metrics → 1 source, 1 entity, 0 metrics, ` +
        `losing ${sources - 1} of its ${sources} sources and ${entities - 1} of its ${entities} entities; nothing was written`,
    );
    expect((error as Error).message).toMatch(/--allow-shrink/);
    expect(await graphNow()).toEqual(before);
    // The lease was released: the next load runs at once.
    expect(await loaderLeftovers(driver)).toBe(0);
  });

  it("is accepted with --allow-shrink, stating what it replaced; a full load restores the graph", async () => {
    const { code, output } = await npmRunLoad("--sources", oneSourceDir, "--allow-shrink");
    expect(code).toBe(0);
    const { sources, entities, metrics, contentHash } = before.size;
    expect(output).toContain(`replaces graph ${contentHash}: ${sources} sources, ${entities} entities, ${metrics} metrics → 1 source, 1 entity, 0 metrics`);
    expect(output).toMatch(/Loaded into .+: 1 sources, 1 entities/);
    expect(await publishedSize(driver, testDatabase())).toMatchObject({ sources: 1, entities: 1, metrics: 0 });

    // Growing back needs no flag.
    const result = await loadGraph(driver, { database: testDatabase() });
    expect(result.replaced).toMatchObject({ sources: 1, entities: 1, metrics: 0 });
    expect(await graphNow()).toEqual(before);
  });
});
