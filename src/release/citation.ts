// CITATION.cff (Citation File Format 1.2.0) for the dataset: how to cite this release. Strings are
// written as JSON strings, which YAML reads as the same text.
import type { ReleaseInfo } from "./release-info.ts";

export function citationCff(info: ReleaseInfo): string {
  const q = (text: string) => JSON.stringify(text);
  return [
    "cff-version: 1.2.0",
    `message: ${q("If you use this dataset, please cite it as below.")}`,
    "type: dataset",
    `title: ${q(info.title)}`,
    `abstract: ${q(info.description)}`,
    `version: ${q(info.version)}`,
    `date-released: ${q(info.date)}`,
    `license: ${q(info.license.name)}`,
    "authors:",
    `  - name: ${q("china-llm-graph contributors")}`,
    "keywords:",
    ...["knowledge graph", "large language models", "China", "provenance"].map((k) => `  - ${q(k)}`),
    "",
  ].join("\n");
}
