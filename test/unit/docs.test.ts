// The README stays a newcomer's read, and the reference it points to holds together: every
// relative link in README.md and docs/ reaches a file, and every #anchor a heading of it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";

const files = ["README.md", ...readdirSync(path.join(PROJECT_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), "utf8");
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) => heading.replace(/^#+\s*/, "").trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, "").replaceAll(" ", "-");
const anchorsOf = (file: string) => new Set(read(file).split("\n").filter((l) => /^#{1,6} /.test(l)).map(anchor));

describe("README and docs/", () => {
  it("the README is at most 200 lines, and links every doc", () => {
    const readme = read("README.md");
    expect(readme.split("\n").length).toBeLessThanOrEqual(200);
    for (const doc of files.filter((f) => f !== "README.md")) expect(readme, doc).toContain(`](${doc.replaceAll(path.sep, "/")}`);
  });

  it.each(files)("%s: every relative link reaches a file, and every anchor a heading", (file) => {
    // Code blocks hold GraphQL and JSON, not links.
    const text = read(file).replace(/```[\s\S]*?```/g, "");
    const broken: string[] = [];
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:)/.test(link!)) continue;
      const [target, hash] = link!.split("#");
      const resolved = target ? path.join(path.dirname(file), target) : file;
      if (!existsSync(path.join(PROJECT_ROOT, resolved))) broken.push(link!);
      else if (hash && resolved.endsWith(".md") && !anchorsOf(resolved).has(hash)) broken.push(link!);
    }
    expect(broken).toEqual([]);
  });
});
