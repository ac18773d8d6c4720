// One style table (src/analyst/style.ts) for every surface that draws the graph: the Bloom
// perspective and the explorer show each label of the model in the same colour and caption. That the explorer loads the table and draws with it is test/e2e/explorer.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BLOOM_NO_ICON, PERSPECTIVE_FILE } from "../../src/analyst/bloom-perspective.ts";
import { EXPLORER_STYLE_FILE, explorerStyle, HEDGED_COLOUR, LABEL_STYLE } from "../../src/analyst/style.ts";
import { PROJECT_ROOT } from "../../src/config.ts";
import { COMPANY_ROLE_LABELS, ENTITY_LABELS, EVENT_LABEL } from "../../src/graph/model.ts";

const LABELS = [...ENTITY_LABELS, ...COMPANY_ROLE_LABELS, EVENT_LABEL, "Metric", "Source"] as const;
const perspective = JSON.parse(readFileSync(PERSPECTIVE_FILE, "utf8"));
const explorer = JSON.parse(readFileSync(EXPLORER_STYLE_FILE, "utf8"));

describe("the style table", () => {
  it("styles every label of the model, each in its own colour", () => {
    expect(Object.keys(LABEL_STYLE).sort()).toEqual([...LABELS].sort());
    const colours = Object.values(LABEL_STYLE).map((s) => s.color.toUpperCase());
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours).not.toContain(HEDGED_COLOUR.toUpperCase());
    for (const style of Object.values(LABEL_STYLE)) expect(style.color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it.each(LABELS)("%s: the Bloom perspective's category has the table's colour and caption", (label) => {
    const category = perspective.categories.find((c: any) => c.labels.length === 1 && c.labels[0] === label);
    expect(category, label).toBeDefined();
    expect({ color: category.color, caption: category.properties.find((p: any) => p.isCaption)?.name }).toEqual(LABEL_STYLE[label]);
    expect(category.icon).toBe(BLOOM_NO_ICON);
  });

  it.each(LABELS)("%s: the explorer's copy has the table's colour", (label) => {
    expect(explorer.labels[label]).toEqual(LABEL_STYLE[label]);
  });

  it("the explorer's copy is current (npm run export:bloom) and the explorer takes its colours only from it", () => {
    expect(explorer).toEqual(JSON.parse(JSON.stringify(explorerStyle())));
    const folder = path.join(PROJECT_ROOT, "src", "explorer");
    const files = readdirSync(folder).filter((f) => /\.(js|html|css)$/.test(f));
    expect(files).toContain("app.js");
    const texts = new Map(files.map((f) => [f, readFileSync(path.join(folder, f), "utf8")]));
    expect([...texts.values()].some((text) => /fetch\("label-style\.json"\)/.test(text))).toBe(true);
    // No file of the explorer writes a label's colour itself (style.css, charts.js, index.html included).
    for (const [file, text] of texts) {
      for (const colour of [HEDGED_COLOUR, ...Object.values(LABEL_STYLE).map((s) => s.color)]) {
        expect(text.toUpperCase(), `${file} writes ${colour}`).not.toContain(colour.toUpperCase());
      }
    }
  });
});
