// Every interface string of the explorer reads in 简体 and 繁體: each text the page marks for
// translation (data-i18n in index.html) and each string the code passes to t() has both, so a
// string added in English only fails here rather than showing English in a Chinese page.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";

const EXPLORER = path.join(PROJECT_ROOT, "src", "explorer");
// The explorer's own module (plain browser JavaScript, untyped; it touches the DOM only when called).
const { setLanguage, t } = (await import(pathToFileURL(path.join(EXPLORER, "i18n.js")).href)) as {
  setLanguage: (language: string) => void;
  t: (english: string) => string;
};
const html = readFileSync(path.join(EXPLORER, "index.html"), "utf8");
const marked = [...html.matchAll(/data-i18n(?:-placeholder)?="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
const passed = readdirSync(EXPLORER)
  .filter((f) => f.endsWith(".js"))
  .flatMap((f) => [...readFileSync(path.join(EXPLORER, f), "utf8").matchAll(/\bt\("((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!));
const strings = [...new Set([...marked, ...passed])].filter((s) => /[A-Za-z]/.test(s));

describe("the explorer's interface strings", () => {
  it("are found in the page and the code", () => {
    expect(marked.length).toBeGreaterThan(20);
    expect(passed.length).toBeGreaterThan(50);
  });

  it.each(["zh-Hans", "zh-Hant"])("all read in %s", (language) => {
    setLanguage(language);
    try {
      expect(strings.filter((s) => t(s) === s)).toEqual([]);
    } finally {
      setLanguage("en");
    }
  });

  it("the page marks its static texts for translation: no note, heading or link is left in English only", () => {
    // Elements whose own text is English and carry no data-i18n (a name or a code is no sentence).
    const unmarked = [...html.matchAll(/<(h[1-4]|p|a|button|label|summary|th|legend|span)\b(?![^>]*data-i18n)[^>]*>([A-Z][a-z]+(?: [a-z]+){2,}[^<]*)</g)].map((m) => m[2]!.trim());
    expect(unmarked).toEqual([]);
  });
});
