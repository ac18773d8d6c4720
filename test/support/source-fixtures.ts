// Source files for the loader's tests: the project's files plus one further file, valid or broken
// in one way. The refusals are checked by message without a database (test/unit/source-files.test.ts)
// and, for a few, against the stored graph (test/loader-validation.test.ts).
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sourceFilesIn } from "../../src/graph/source-file.ts";
import { loadSourcesConfig } from "../../src/config.ts";

const goodSource = {
  source: {
    id: "src-test-extra",
    title: "A further source for the tests",
    publisher: "tests", publisherId: "tests",
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

export type FurtherSource = typeof goodSource & Record<string, unknown>;
export type QuotedSource = FurtherSource & { citedSources?: unknown[]; source: { textFile?: string } };

/** A valid further source (a background source: its evidence is not checked against a text). */
export const furtherSource = () => structuredClone(goodSource) as FurtherSource;

/** The text of the quoted further source, in the texts folder of quotedTextsDir(). */
export const QUOTED_TEXT = "測試實驗室出自清華大學,此後基本轉向醫療AI。測試實驗室2025年收入1000元。";

/** A valid further source that is an article whose text (QUOTED_TEXT) is in the texts folder. */
export function quotedSource(): QuotedSource {
  const s = furtherSource() as QuotedSource;
  s.source = { ...s.source, kind: "article", textFile: "900_test.txt" } as typeof s.source & { textFile: string };
  s.relationships = [{ type: "SPUN_OUT_OF", from: "test-lab", to: "tsinghua-university", evidence: "測試實驗室出自清華大學" }];
  s.metrics[0]!.evidence = "測試實驗室2025年收入1000元";
  return s;
}

/** A texts folder with the article's text and the quoted source's. */
export function quotedTextsDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-texts-"));
  // The article's text where this machine has it; elsewhere its quotes are checked against the manifest.
  const article = path.join(loadSourcesConfig().SOURCE_TEXTS_DIR, "000_40c4bf3fcd9b3358.txt");
  if (existsSync(article)) copyFileSync(article, path.join(dir, "000_40c4bf3fcd9b3358.txt"));
  writeFileSync(path.join(dir, "900_test.txt"), QUOTED_TEXT);
  return dir;
}

/** The project's source files plus one extra file (900_extra.json), copied into `dir`. */
export function filesWith(dir: string, extra: unknown): string[] {
  const files = sourceFilesIn().map((file) => {
    const copy = path.join(dir, path.basename(file));
    copyFileSync(file, copy);
    return copy;
  });
  const extraFile = path.join(dir, "900_extra.json");
  writeFileSync(extraFile, typeof extra === "string" ? extra : JSON.stringify(extra));
  return [...files, extraFile];
}

/** Ways to break the further source, each with the message that names the file, record and problem. */
export const BROKEN_FURTHER_SOURCES: Array<[string, (s: FurtherSource) => unknown, RegExp]> = [
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
  [
    "no publisherId, by which corroboration is counted",
    (s) => (delete (s.source as { publisherId?: string }).publisherId, s),
    /900_extra\.json: source: 'publisherId' is required: a slug of the original publisher/,
  ],
  [
    "a corroboration typed in, which the loader counts",
    (s) => (Object.assign(s.relationships[0]!, { corroboration: "single" }), s),
    /900_extra\.json: relationships\[0\] \(SPUN_OUT_OF test-lab -> tsinghua-university\) field 'corroboration': corroboration is counted by the loader/,
  ],
  ["a file that is not JSON", () => "{ not json", /900_extra\.json: not valid JSON/],
];

/** Ways to break the quoted source, checked against its text. */
export const BROKEN_QUOTED_SOURCES: Array<[string, (s: QuotedSource) => unknown, RegExp]> = [
  [
    "a text file that is not there (a typo in textFile)",
    (s) => ((s.source.textFile = "900_tset.txt"), s),
    /900_extra\.json: source: text file '900_tset\.txt' not found in SOURCE_TEXTS_DIR \(.*llmgraph-texts-.*\) and not in the evidence manifest; its evidence cannot be checked/,
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
