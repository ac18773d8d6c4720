// The article's text where this machine has it (SOURCE_TEXTS_DIR), else what the committed evidence
// manifest records of it: a clone without the texts still checks that each stored evidence is a quote
// verified against the article, and skips, by name, only what needs the words themselves.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadSourcesConfig } from "../../src/config.ts";
import { readEvidenceManifest, sha256 } from "../../src/graph/evidence-manifest.ts";

export const ARTICLE_TEXT_FILE = "000_40c4bf3fcd9b3358.txt";
const textsDir = loadSourcesConfig().SOURCE_TEXTS_DIR;

/** A source text's content, or null when this machine does not have it. */
export function sourceText(name: string): string | null {
  const file = path.join(textsDir, name);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

export const articleText = sourceText(ARTICLE_TEXT_FILE);
const recorded = new Map(readEvidenceManifest()?.manifest.texts[ARTICLE_TEXT_FILE]?.quotes.map((q) => [q.sha256, q.at]));

/** Where a quote stands in the article: read from the text when it is here, else from the manifest; -1 if it is no quote. */
export function articleOffset(quote: string): number {
  if (articleText !== null) return articleText.indexOf(quote);
  return recorded.get(sha256(quote)) ?? -1;
}

/** Why a test that needs the article's words is skipped here. */
export const NEEDS_ARTICLE_TEXT = `needs the article's text (${ARTICLE_TEXT_FILE} in SOURCE_TEXTS_DIR, ${textsDir})`;
