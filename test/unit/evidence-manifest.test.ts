// The evidence manifest lets a clone without the source texts check its quotes: the committed file
// must match the texts where they are present, and where they are absent only quotes it records pass.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSourcesConfig } from "../../src/config.ts";
import { EVIDENCE_MANIFEST_FILE, manifestEntry, readEvidenceManifest, serialiseManifest, sha256 } from "../../src/graph/evidence-manifest.ts";
import { evidenceManifestFor, readSourceData, readSourceFiles, SourceDataError, sourceFilesIn } from "../../src/graph/source-file.ts";
import { ARTICLE_TEXT_FILE, articleText, NEEDS_ARTICLE_TEXT } from "../support/source-texts.ts";

const { SOURCE_TEXTS_DIR } = loadSourcesConfig();
let dir: string;
let noTexts: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-manifest-"));
  noTexts = path.join(dir, "no-texts");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The project's source files copied into `dir`, the article's data file changed by `change`. */
function filesWithArticle(change: (article: { relationships: Array<{ evidence: string }> }) => void): string[] {
  return sourceFilesIn().map((file) => {
    const copy = path.join(dir, path.basename(file));
    const data = JSON.parse(readFileSync(file, "utf8"));
    if (data.source.textFile === ARTICLE_TEXT_FILE) change(data);
    writeFileSync(copy, JSON.stringify(data));
    return copy;
  });
}

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceDataError);
    return (error as SourceDataError).problems;
  }
  throw new Error("the files were accepted");
};

describe("the committed evidence manifest", () => {
  it.skipIf(articleText === null)(`is current: rewritten from the texts it is byte for byte the committed file${articleText === null ? ` (skipped: ${NEEDS_ARTICLE_TEXT})` : ""}`, () => {
    const files = readSourceFiles(sourceFilesIn(), SOURCE_TEXTS_DIR, { requireTexts: true });
    expect(serialiseManifest(evidenceManifestFor(files, SOURCE_TEXTS_DIR))).toBe(readFileSync(EVIDENCE_MANIFEST_FILE, "utf8"));
  });

  it("records every quote of the article, each at a distinct place", () => {
    const entry = readEvidenceManifest()!.manifest.texts[ARTICLE_TEXT_FILE]!;
    const quotes = readSourceFiles(sourceFilesIn(), noTexts)
      .filter((f) => f.source.textFile === ARTICLE_TEXT_FILE)
      .flatMap((f) => [...f.relationships, ...f.metrics].map((r) => sha256(r.evidence)));
    expect(new Set(entry.quotes.map((q) => q.sha256))).toEqual(new Set(quotes));
    for (const q of entry.quotes) expect(q.at + q.length).toBeLessThanOrEqual(entry.length);
  });
});

describe("without the texts", () => {
  it("the project's data passes, and the report says its quotes were checked against the manifest", () => {
    const { evidence } = readSourceData(sourceFilesIn(), noTexts);
    expect(evidence.checks).toEqual([{ textFile: ARTICLE_TEXT_FILE, by: "manifest" }]);
    expect(evidence.manifest?.sha256).toBe(sha256(readFileSync(EVIDENCE_MANIFEST_FILE, "utf8")));
  });

  it("a quote the manifest does not record is refused, naming the file, the record and what to do", () => {
    const files = filesWithArticle((a) => (a.relationships[0]!.evidence += "。"));
    const problems = problemsOf(() => readSourceFiles(files, noTexts));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/000_zhipu_minimax_hk_listings\.json: relationships\[0\] .*not among the quotes the evidence manifest records .*SOURCE_TEXTS_DIR.*npm run evidence:manifest/);
  });

  it("is refused under REQUIRE_SOURCE_TEXTS, as in CI", () => {
    const problems = problemsOf(() => readSourceFiles(sourceFilesIn(), noTexts, { requireTexts: true }));
    expect(problems.join("\n")).toMatch(/text file '000_40c4bf3fcd9b3358.txt' not found .*REQUIRE_SOURCE_TEXTS is set/);
  });

  it("is refused with no manifest at all (never silently unchecked)", () => {
    const problems = problemsOf(() => readSourceFiles(sourceFilesIn(), noTexts, { manifest: null }));
    expect(problems.join("\n")).toMatch(/not found in SOURCE_TEXTS_DIR .*not in the evidence manifest/);
  });
});

describe("with a text present", () => {
  const text = "甲公司出自乙大學。甲公司2025年收入100元。";
  it("a manifest entry locates each quote and hashes the text", () => {
    const entry = manifestEntry(text, ["甲公司2025年收入100元", "甲公司出自乙大學", "甲公司出自乙大學"]);
    expect(entry).toEqual({
      sha256: sha256(text),
      length: text.length,
      quotes: [
        { at: 0, length: 8, sha256: sha256("甲公司出自乙大學") },
        { at: 9, length: "甲公司2025年收入100元".length, sha256: sha256("甲公司2025年收入100元") },
      ],
    });
    expect(() => manifestEntry(text, ["丙公司"])).toThrow(/not a verbatim span of the text: "丙公司"/);
  });

  it.skipIf(articleText === null)(`a text that differs from the one the manifest records is refused${articleText === null ? ` (skipped: ${NEEDS_ARTICLE_TEXT})` : ""}`, () => {
    const changed = path.join(dir, "changed-texts");
    mkdirSync(changed, { recursive: true });
    writeFileSync(path.join(changed, ARTICLE_TEXT_FILE), `${articleText}\n追加`);
    const problems = problemsOf(() => readSourceFiles(sourceFilesIn(), changed));
    expect(problems.join("\n")).toMatch(/text file '000_40c4bf3fcd9b3358.txt' differs from the one the evidence manifest records .*npm run evidence:manifest/);
  });

  it.skipIf(articleText === null)(`a new verbatim quote not yet in the manifest is refused, saying to rewrite it${articleText === null ? ` (skipped: ${NEEDS_ARTICLE_TEXT})` : ""}`, () => {
    const files = filesWithArticle((a) => (a.relationships[0]!.evidence = a.relationships[0]!.evidence.slice(1)));
    const problems = problemsOf(() => readSourceFiles(files, SOURCE_TEXTS_DIR));
    expect(problems.join("\n")).toMatch(/evidence is verbatim but not yet in the evidence manifest; run npm run evidence:manifest/);
  });
});
