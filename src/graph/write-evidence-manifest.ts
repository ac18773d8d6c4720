// npm run evidence:manifest: writes data/evidence-manifest.json from the source files and their
// texts (SOURCE_TEXTS_DIR), which must all be present; every quote is checked verbatim first.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadSourcesConfig, PROJECT_ROOT } from "../config.ts";
import { EVIDENCE_MANIFEST_FILE, serialiseManifest, sha256 } from "./evidence-manifest.ts";
import { evidenceManifestFor, readSourceFiles, sourceFilesIn } from "./source-file.ts";
import { runCli } from "../cli.ts";

runCli(async () => {
  const { SOURCE_TEXTS_DIR } = loadSourcesConfig();
  // The texts are required here: the manifest is only as good as the check it records.
  const files = readSourceFiles(sourceFilesIn(), SOURCE_TEXTS_DIR, { manifest: null, requireTexts: true });
  const texts = evidenceManifestFor(files, SOURCE_TEXTS_DIR);
  const content = serialiseManifest(texts);
  writeFileSync(EVIDENCE_MANIFEST_FILE, content);
  const quotes = Object.values(texts).reduce((n, t) => n + t.quotes.length, 0);
  console.log(`${path.relative(PROJECT_ROOT, EVIDENCE_MANIFEST_FILE)}: ${Object.keys(texts).length} text(s), ${quotes} quote(s), sha256 ${sha256(content).slice(0, 16)}`);
});
