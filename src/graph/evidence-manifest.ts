// The evidence manifest: what lets a clone without the source texts still check its quotes.
//
// The full texts of quoted sources (the article) are not ours to publish, so they live outside the
// repository (SOURCE_TEXTS_DIR). Where they are present, every quote is checked verbatim against
// them. The committed manifest records, per text, its SHA-256 and length and, per quote, where it
// stands in the text and the SHA-256 of its words; it is written by `npm run evidence:manifest`
// while the texts are present. Where a text is absent, each quote must be one the manifest records:
// the data is then exactly what was verified against the text when the manifest was committed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../config.ts";

export const EVIDENCE_MANIFEST_FILE = path.join(PROJECT_ROOT, "data", "evidence-manifest.json");
export const WRITE_MANIFEST_COMMAND = "npm run evidence:manifest";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in lower-case hex");
const count = z.number().int().nonnegative();
/** `at` and `length` count UTF-16 code units, as JavaScript's string indices do. */
const quoteSchema = z.strictObject({ at: count, length: count, sha256: sha256Hex });
const textSchema = z.strictObject({ sha256: sha256Hex, length: count, quotes: z.array(quoteSchema) });
const manifestSchema = z.strictObject({
  about: z.string().optional(),
  texts: z.record(z.string().min(1), textSchema),
});

export type QuoteLocation = z.infer<typeof quoteSchema>;
export type TextEntry = z.infer<typeof textSchema>;
export type EvidenceManifest = z.infer<typeof manifestSchema>;
/** A manifest with the hash of its own file, which the loader reports so a reader can tell versions apart. */
export interface LoadedManifest {
  manifest: EvidenceManifest;
  file: string;
  sha256: string;
}

export class EvidenceManifestError extends Error {
  override name = "EvidenceManifestError";
}

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The committed manifest, or null when the file does not exist; a malformed one is an error that names the field. */
export function readEvidenceManifest(file: string = EVIDENCE_MANIFEST_FILE): LoadedManifest | null {
  if (!existsSync(file)) return null;
  const raw = readFileSync(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new EvidenceManifestError(`${file}: not valid JSON (${(error as Error).message}); rewrite it with ${WRITE_MANIFEST_COMMAND}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvidenceManifestError(`${file}: ${issue.path.join(".") || "file"}: ${issue.message}; rewrite it with ${WRITE_MANIFEST_COMMAND}`);
  }
  return { manifest: parsed.data, file, sha256: sha256(raw) };
}

/** The manifest entry of one text and the quotes taken from it. Throws if a quote is not in the text. */
export function manifestEntry(text: string, quotes: Iterable<string>): TextEntry {
  const located = [...new Set(quotes)].map((quote) => {
    const at = text.indexOf(quote);
    if (at < 0) throw new EvidenceManifestError(`not a verbatim span of the text: "${quote.slice(0, 60)}"`);
    return { at, length: quote.length, sha256: sha256(quote) };
  });
  located.sort((a, b) => a.at - b.at || a.length - b.length || a.sha256.localeCompare(b.sha256));
  return { sha256: sha256(text), length: text.length, quotes: located };
}

/** What stands in the committed file: stable key order, so an unchanged manifest rewrites byte for byte. */
export function serialiseManifest(texts: Record<string, TextEntry>): string {
  const sorted = Object.fromEntries(Object.keys(texts).sort().map((name) => [name, texts[name]!]));
  const manifest: EvidenceManifest = {
    about: `Per quoted source text: its SHA-256 and length; per quote: where it stands (UTF-16 offset and length) and the SHA-256 of its words. Written by ${WRITE_MANIFEST_COMMAND} while the texts are present; lets a clone without them check that every quote is one verified against its text.`,
    texts: sorted,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** How one text's quotes were checked: verbatim against the text, or against the manifest. */
export type TextCheck = { textFile: string; by: "text"; inManifest: boolean } | { textFile: string; by: "manifest" };

/** What the evidence check of a set of source files did, for the loader to say once. */
export interface EvidenceReport {
  checks: TextCheck[];
  manifest: LoadedManifest | null;
}

/** One plain sentence for the log: which texts were absent and what vouches for their quotes. */
export function describeEvidenceReport(report: EvidenceReport, textsDir: string): string | null {
  const byManifest = report.checks.filter((c) => c.by === "manifest").map((c) => c.textFile);
  if (byManifest.length === 0 || !report.manifest) return null;
  return (
    `source text(s) ${byManifest.join(", ")} not found in SOURCE_TEXTS_DIR (${textsDir}): their quotes were checked against ` +
    `the evidence manifest (${path.relative(PROJECT_ROOT, report.manifest.file)}, sha256 ${report.manifest.sha256.slice(0, 16)}), ` +
    `that is, verified verbatim against the texts when the manifest was committed. To re-check them verbatim, set SOURCE_TEXTS_DIR ` +
    `to a folder holding the texts and run npm run load -- --check.`
  );
}
