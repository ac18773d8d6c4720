// The analysts' files are current and well-formed: the Bloom perspective is the export of the model,
// the Browser guide has its runnable queries, the NeoDash dashboard its kinds of report, each chart
// labelled with one unit. That their queries run on the graph is test/analyst-surfaces.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPerspective, PERSPECTIVE_FILE } from "../../src/analyst/bloom-perspective.ts";
import { UNITS } from "../../src/graph/model.ts";
import { dashboard, dashboardCharts, dashboardReports, GUIDE_FILE, guideQueries } from "../support/analyst-files.ts";

describe("Bloom perspective", () => {
  const perspective = JSON.parse(readFileSync(PERSPECTIVE_FILE, "utf8"));

  it("is the current export of the model (npm run export:bloom)", () => {
    expect(perspective).toEqual(JSON.parse(JSON.stringify(buildPerspective())));
  });

  it("has the top-level keys of a Bloom perspective export", () => {
    for (const key of ["name", "id", "type", "version", "categories", "labels", "relationshipTypes", "palette", "templates", "hiddenRelationshipTypes", "hideUncategorisedData", "metadata"]) {
      expect(perspective).toHaveProperty(key);
    }
  });
});

describe("Neo4j Browser guide", () => {
  it("walks through the model and the relational questions", () => {
    expect(readFileSync(GUIDE_FILE, "utf8")).toMatch(/^<article class="guide">/);
    expect(guideQueries().length).toBeGreaterThanOrEqual(12);
  });
});

describe("NeoDash dashboard", () => {
  it("has figures as charts and the network as a graph report", () => {
    expect(dashboard().version).toBe("2.4");
    const types = new Set(dashboardReports().map((r) => r.type));
    for (const type of ["bar", "line", "table", "graph"]) expect(types).toContain(type);
  });

  it("labels each chart's values with one unit of the model", () => {
    expect(dashboardCharts().length).toBeGreaterThanOrEqual(4);
    for (const chart of dashboardCharts()) {
      expect(chart.selection?.value, chart.title).toHaveLength(1);
      expect(UNITS, chart.title).toContain(chart.selection!.value![0]);
    }
  });
});
