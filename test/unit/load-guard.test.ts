// What a load may replace (src/graph/load-guard.ts), decided without a database: a folder without
// source files is refused by name, and a graph that keeps less than half of the current sources or
// entities needs --allow-shrink. Against the real graph: test/load-guard.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeReplacement, NoSourcesError, shrinkRefusal, sourceFolderFiles } from "../../src/graph/load-guard.ts";

const current = { sources: 140, entities: 900, metrics: 1200, contentHash: "65f43f041f611f82" };

describe("a load's replacement of the current graph", () => {
  it.each([
    ["the same graph", { sources: 140, entities: 900, metrics: 1200 }],
    ["a source removed", { sources: 139, entities: 897, metrics: 1190 }],
    ["a much larger graph", { sources: 2000, entities: 90_000, metrics: 5000 }],
    ["exactly half the sources and entities", { sources: 70, entities: 450, metrics: 10 }],
  ])("is allowed without the flag for %s", (_what, next) => {
    expect(shrinkRefusal(current, next)).toBeNull();
  });

  it("is always allowed into a database that has no graph", () => {
    expect(shrinkRefusal(null, { sources: 1, entities: 3, metrics: 0 })).toBeNull();
  });

  it.each([
    ["one source of 140", { sources: 1, entities: 12, metrics: 3 }, /losing 139 of its 140 sources and 888 of its 900 entities/],
    ["most entities gone though the sources stay", { sources: 140, entities: 100, metrics: 1200 }, /losing 800 of its 900 entities;/],
    ["most sources gone though the entities stay", { sources: 60, entities: 900, metrics: 1200 }, /losing 80 of its 140 sources;/],
  ])("is refused for %s, saying what it replaces and naming the flag", (_what, next, losses) => {
    const refusal = shrinkRefusal(current, next);
    expect(refusal).toMatch(/^Refusing a load that would drop most of the current graph: it replaces graph 65f43f041f611f82: 140 sources, 900 entities, 1200 metrics → /);
    expect(refusal).toMatch(losses);
    expect(refusal).toMatch(/nothing was written.+load again with --allow-shrink/);
    expect(shrinkRefusal(current, next, { allowShrink: true })).toBeNull();
  });

  it("states what it replaces, or that the database had no graph", () => {
    expect(describeReplacement(current, { sources: 141, entities: 901, metrics: 1 })).toBe(
      "replaces graph 65f43f041f611f82: 140 sources, 900 entities, 1200 metrics → 141 sources, 901 entities, 1 metric",
    );
    expect(describeReplacement(null, { sources: 1, entities: 1, metrics: 0 })).toBe("replaces no graph (the database has none) → 1 source, 1 entity, 0 metrics");
    expect(describeReplacement({ ...current, contentHash: null }, current)).toMatch(/^replaces a graph no load published: /);
  });
});

describe("a sources folder", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "llmgraph-guard-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ["empty", () => mkdtempSync(path.join(root, "empty-")), /^No source files \(\*\.json\) in the folder \/.+empty-\w+: a load of no sources would delete the whole graph/],
    ["holding no .json file", () => {
      const dir = mkdtempSync(path.join(root, "other-"));
      writeFileSync(path.join(dir, "README.md"), "not a source");
      return dir;
    }, /No source files \(\*\.json\) in the folder .+other-\w+:/],
    ["that does not exist", () => path.join(root, "missing"), /in the folder .+missing \(it does not exist\)/],
    ["that is a file", () => {
      const file = path.join(root, "a-file.json");
      writeFileSync(file, "{}");
      return file;
    }, /a-file\.json \(it is not a folder\)/],
  ])("%s is refused, naming the folder", (_what, make, message) => {
    const dir = make();
    expect(() => sourceFolderFiles(dir)).toThrow(NoSourcesError);
    expect(() => sourceFolderFiles(dir)).toThrow(message);
  });

  it("with source files gives them in order", () => {
    const dir = path.join(root, "some");
    mkdirSync(dir);
    for (const name of ["b.json", "a.json", "notes.txt"]) writeFileSync(path.join(dir, name), "{}");
    expect(sourceFolderFiles(dir)).toEqual([path.join(dir, "a.json"), path.join(dir, "b.json")]);
  });
});
