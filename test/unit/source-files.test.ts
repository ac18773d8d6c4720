// The loader's checks of source files, before anything is written: each problem refused with the
// file, the record and what is wrong. No database: the refusal happens in readSourceFiles, which
// loadGraph runs first (test/loader-validation.test.ts shows the stored graph untouched by it).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSourceFiles, SourceDataError, sourceFilesIn } from "../../src/graph/source-file.ts";
import { BROKEN_FURTHER_SOURCES, BROKEN_QUOTED_SOURCES, filesWith, furtherSource, quotedSource, quotedTextsDir } from "../support/source-fixtures.ts";

let dir: string;
let textsDir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-sources-"));
  textsDir = quotedTextsDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(textsDir, { recursive: true, force: true });
});

/** The error readSourceFiles throws, failing the test if it throws none or another. */
function refusal(files: string[], texts?: string): SourceDataError {
  try {
    readSourceFiles(files, texts);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceDataError);
    return error as SourceDataError;
  }
  throw new Error("the files were accepted");
}

describe("the project's source files", () => {
  it("pass every check", () => {
    expect(readSourceFiles(sourceFilesIn()).length).toBe(sourceFilesIn().length);
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
});

describe("a further source file", () => {
  it("that is valid passes", () => {
    expect(readSourceFiles(filesWith(dir, furtherSource())).map((f) => f.source.id)).toContain("src-test-extra");
  });

  it.each(BROKEN_FURTHER_SOURCES)("with %s is refused by name, saying nothing was written", (_what, breakIt, message) => {
    const error = refusal(filesWith(dir, breakIt(furtherSource())));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/nothing was written/);
  });
});

describe("a further quoted source (an article whose text is in SOURCE_TEXTS_DIR)", () => {
  it("that is valid passes", () => {
    expect(readSourceFiles(filesWith(dir, quotedSource()), textsDir).map((f) => f.source.id)).toContain("src-test-extra");
  });

  it.each(BROKEN_QUOTED_SOURCES)("with %s is refused by name", (_what, breakIt, message) => {
    expect(refusal(filesWith(dir, breakIt(quotedSource())), textsDir).message).toMatch(message);
  });
});
