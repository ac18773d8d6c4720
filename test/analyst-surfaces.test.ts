// What analysts open: the Bloom perspective, the Neo4j Browser guide and the NeoDash dashboard.
// Each must cover the model and every query in it must run on the loaded graph.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPerspective, HEDGED_COLOUR, PERSPECTIVE_FILE, SEARCH_PHRASES } from "../src/analyst/bloom-perspective.ts";
import { PROJECT_ROOT } from "../src/config.ts";
import { loadGraph } from "../src/graph/load.ts";
import { COMPANY_ROLE_LABELS, ENTITY_LABELS, INTERNAL_LABELS, RELATIONSHIP_TYPES } from "../src/graph/model.ts";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
const run = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await driver.executeQuery(cypher, params, { database: testDatabase() })).records;

beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
});
afterAll(() => driver.close());

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

  it("has a category with caption, colour and icon for every label of the model and of the database", async () => {
    const categorised = new Set(perspective.categories.flatMap((c: any) => c.labels));
    const inDatabase = (await run("CALL db.labels() YIELD label RETURN label")).map((r) => r.get("label") as string);
    const expected = [...ENTITY_LABELS, ...COMPANY_ROLE_LABELS, "Metric", "Source", ...inDatabase.filter((l) => !INTERNAL_LABELS.includes(l))];
    for (const label of expected) expect(categorised, label).toContain(label);
    for (const c of perspective.categories) {
      expect(c.color).toMatch(/^#[0-9A-F]{6}$/i);
      expect(c.icon).toBeTruthy();
      expect(c.captions.find((caption: any) => caption.isCaption)?.key).toBeTruthy();
    }
  });

  it("styles every relationship type of the model and of the database", async () => {
    const styled = new Set(perspective.relationshipTypes.map((r: any) => r.name));
    const inDatabase = (await run("CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType")).map((r) => r.get(0) as string);
    for (const type of [...Object.keys(RELATIONSHIP_TYPES), ...inDatabase]) expect(styled, type).toContain(type);
  });

  it("shows the qualifications: new types, every property the facts and figures carry, hedged in its own colour", async () => {
    const types = new Map(perspective.relationshipTypes.map((r: any) => [r.name, r]));
    for (const type of ["ENTERED", "SHIFTING_TO", "CITES"]) expect(types.has(type), type).toBe(true);
    expect(perspective.metadata.pathSegments).toContainEqual({ source: "Source", relationshipType: "CITES", target: "Source" });
    const qualifications = ["certainty", "qualifier", "citedSourceId", "validFrom", "validTo", "datePrecision", "status"];
    const hedged = (rules: any[]) => rules.find((r) => r.basedOn === "certainty" && r.conditionValue === "hedged");
    for (const type of [...Object.keys(RELATIONSHIP_TYPES), "HAS_METRIC", "FORECASTS"]) {
      const names = (types.get(type) as any).properties.map((p: any) => p.name);
      for (const property of ["sourceId", "evidence", ...qualifications]) expect(names, `${type}.${property}`).toContain(property);
      const rule = hedged((types.get(type) as any).styleRules);
      expect(rule, type).toMatchObject({ condition: "equals", applyColor: true, color: HEDGED_COLOUR });
      expect(rule.captions.map((c: any) => c.key)).toContain("qualifier");
    }
    // Every property a relationship holds in the database is in the perspective.
    const held = await run("MATCH ()-[r]->() UNWIND keys(r) AS key RETURN type(r) AS type, collect(DISTINCT key) AS keys");
    for (const record of held) {
      const names = ((types.get(record.get("type")) as any)?.properties ?? []).map((p: any) => p.name);
      for (const key of record.get("keys") as string[]) expect(names, `${record.get("type")}.${key}`).toContain(key);
    }
    const metric = perspective.categories.find((c: any) => c.labels.includes("Metric"));
    const metricProperties = metric.properties.map((p: any) => p.name);
    for (const property of ["certainty", "qualifier", "citedSourceId", "datePrecision"]) {
      expect(metricProperties, `Metric.${property}`).toContain(property);
      expect(perspective.labels.Metric.map((p: any) => p.propertyKey)).toContain(property);
    }
    const metricKeys = (await run("MATCH (m:Metric) UNWIND keys(m) AS key RETURN collect(DISTINCT key) AS keys"))[0]!.get("keys") as string[];
    for (const key of metricKeys.filter((k) => k !== "id")) expect(metricProperties, `Metric.${key}`).toContain(key);
    expect(hedged(metric.styleRules)).toMatchObject({ applyColor: true, color: HEDGED_COLOUR });
    // CITES and MENTIONS are not facts: no provenance, no hedged rule.
    expect((types.get("CITES") as any).styleRules).toEqual([]);
  });

  it.each(SEARCH_PHRASES)("search phrase '$text' runs and finds the article's answer", async ({ name, example }) => {
    const template = perspective.templates.find((t: any) => t.name === name);
    const records = await run(template.cypher, example);
    expect(records.length).toBeGreaterThan(0);
  });
});

describe("Neo4j Browser guide", () => {
  const html = readFileSync(path.join(PROJECT_ROOT, "cypher", "guide", "china-llm-graph.html"), "utf8");
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  const queries = [...html.matchAll(/<pre class="[^"]*runnable[^"]*">([\s\S]*?)<\/pre>/g)].map((m) => unescape(m[1]!));

  it("walks through the model and the relational questions", () => {
    expect(html).toMatch(/^<article class="guide">/);
    expect(queries.length).toBeGreaterThanOrEqual(12);
  });

  it.each(queries.map((q, i) => [i + 1, q]))("runnable query %i runs and returns rows", async (_i, query) => {
    expect((await run(query as string)).length).toBeGreaterThan(0);
  });

  it("is served by the service for :play, readable from Browser's origin", async () => {
    const api: Api = await startApi();
    try {
      const response = await fetch(`${api.url}/guide`);
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(await response.text()).toBe(html);
    } finally {
      await api.stop();
    }
  });
});

describe("NeoDash dashboard", () => {
  const dashboard = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "cypher", "neodash", "china-llm-graph.dashboard.json"), "utf8"));
  const reports: Array<{ page: string; title: string; query: string; type: string }> = dashboard.pages.flatMap((page: any) =>
    page.reports.map((r: any) => ({ page: page.title, ...r })),
  );

  it("has figures as charts and the network as a graph report", () => {
    expect(dashboard.version).toBe("2.4");
    const types = new Set(reports.map((r: any) => r.type));
    for (const type of ["bar", "line", "table", "graph"]) expect(types).toContain(type);
  });

  it.each(reports.map((r) => [`${r.page}: ${r.title}`, r.query]))("%s runs and returns rows", async (_title, query) => {
    expect((await run(query!)).length).toBeGreaterThan(0);
  });

  it("never puts two units in one chart", async () => {
    for (const report of reports.filter((r) => ["bar", "line"].includes(r.type))) {
      const records = await run(report.query);
      const units = new Set(records.map((r) => r.keys.filter((k) => ["CNY", "USD", "HKD", "percent", "days"].includes(String(k)))).flat());
      expect(units.size, report.title).toBeLessThanOrEqual(1);
    }
  });
});
