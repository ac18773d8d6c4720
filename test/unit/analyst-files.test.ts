// The analysts' files are current and well-formed: the Bloom perspective is the export of the model,
// the Browser guide has its runnable queries, the NeoDash dashboard its kinds of report, each chart
// labelled with one unit. That their queries run on the graph is test/analyst-surfaces.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPerspective, PERSPECTIVE_FILE } from "../../src/analyst/bloom-perspective.ts";
import { SCHEMA_FILE as SCHEMA_PATH } from "../../src/graph/load.ts";
import { RELATIONSHIP_PROPERTIES, UNITS } from "../../src/graph/model.ts";
import { dashboard, dashboardCharts, dashboardReports, dashboardSelectors, GUIDE_FILE, guideQueries, neodashParameters } from "../support/analyst-files.ts";

// Bloom's own export format, as perspectives exported from Bloom and published in public
// repositories have it: a category's icon is one of Bloom's icon ids (uuids) or "no-icon"; a search
// phrase names its parameters with the "$" they have in its text and Cypher, each suggested from a
// label's property; properties carry Bloom's data types (numbers as "number", dates as "date").
const BLOOM_ICON = /^(no-icon|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const BLOOM_DATA_TYPES = ["string", "number", "boolean", "date", "datetime", "array"];

describe("Bloom perspective", () => {
  const perspective = JSON.parse(readFileSync(PERSPECTIVE_FILE, "utf8"));

  it("is the current export of the model (npm run export:bloom)", () => {
    expect(perspective).toEqual(JSON.parse(JSON.stringify(buildPerspective())));
  });

  it("has the top-level keys of a Bloom perspective export, isAuto and metadata.stats among them", () => {
    for (const key of ["name", "id", "version", "categories", "labels", "relationshipTypes", "palette", "templates", "hiddenRelationshipTypes", "hideUncategorisedData", "isAuto", "metadata"]) {
      expect(perspective).toHaveProperty(key);
    }
    expect(perspective.version).toMatch(/^[12]\.\d+\.\d+$/);
    expect(Object.keys(perspective.metadata).sort()).toEqual(["indexes", "pathSegments", "stats"]);
    expect(perspective.metadata.stats.labels.Company).toBeGreaterThan(10);
    expect(perspective.metadata.stats.relationshipTypes.RELEASED).toBeGreaterThan(10);
  });

  // Fields Bloom's own exports (1.2.1-2.0.0, from neo4j-graph-examples) never carry; an import is
  // most likely to break on a shape it does not know.
  it("carries no field that Bloom's own exports do not have", () => {
    const unknown = new Set(["type", "sceneActions", "captions", "captionKeys", "textSize", "textAlign", "isUpdateQuery", "isWriteTransactionChecked"]);
    const found: string[] = [];
    const walk = (value: unknown, where: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
      else if (value && typeof value === "object") {
        for (const [key, v] of Object.entries(value)) {
          // `type` is a field of a label's or relationship type's property, of a style rule and of an index: only elsewhere is it foreign.
          const allowedType = key === "type" && (/\.(labels\.\w+|relationshipTypes\[\d+\]\.properties)\[\d+\]$/.test(where) || /(styleRules|metadata\.indexes)\[\d+\]$/.test(where));
          if (unknown.has(key) && !allowedType) found.push(`${where}.${key}`);
          walk(v, `${where}.${key}`);
        }
      }
    };
    walk(perspective, "perspective");
    expect(found).toEqual([]);
  });

  it("gives relationship types' properties the export's shape {propertyKey, type, dataType}, like labels'", () => {
    for (const r of perspective.relationshipTypes) {
      for (const p of r.properties) expect(Object.keys(p).sort(), r.name).toEqual(["dataType", "propertyKey", "type"]);
      for (const p of r.properties) expect(p.type).toBe(r.name);
    }
  });

  it("keys each style rule by <property>_<dataType> and gives it an id, as Bloom 2.0 exports do", () => {
    const rules = [...perspective.categories, ...perspective.relationshipTypes].flatMap((o: any) => o.styleRules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.basedOn).toBe(`certainty_${rule.dataType}`);
      expect(typeof rule.id).toBe("string");
    }
    expect(new Set(rules.map((r: any) => r.id)).size).toBe(rules.length);
  });

  it("lists every index of cypher/schema.cypher but the loader's own", () => {
    const statements = readFileSync(SCHEMA_PATH, "utf8").match(/^CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS FOR \(n:(\w+)\)/gm)!;
    const analysts = statements.filter((s) => !s.includes("(n:LoadLock)"));
    expect(perspective.metadata.indexes).toHaveLength(analysts.length);
  });

  it("gives every category one of Bloom's icon ids, or no-icon", () => {
    for (const c of perspective.categories) expect(c.icon, c.name).toMatch(BLOOM_ICON);
  });

  it("names each search phrase's parameters with their $, as its text and Cypher use them, suggested from a label's property", () => {
    const labels = new Set(Object.keys(perspective.labels));
    for (const t of perspective.templates) {
      const inText = [...new Set(t.text.match(/\$\w+/g) ?? [])].sort();
      expect(t.params.map((p: any) => p.name).sort(), t.text).toEqual(inText);
      for (const p of t.params) {
        expect(p.name, t.text).toMatch(/^\$\w+$/);
        expect(t.cypher, t.text).toContain(p.name);
        expect(p.dataType).toBe("String");
        expect(labels, `${t.text}: ${p.name}`).toContain(p.suggestionLabel);
        expect(perspective.labels[p.suggestionLabel].map((q: any) => q.propertyKey), `${t.text}: ${p.name}`).toContain(p.suggestionProp);
      }
    }
  });

  it("types numbers as number and dates as date, in categories, labels and relationship types", () => {
    const typed = [
      ...perspective.categories.flatMap((c: any) => c.properties.map((p: any) => [c.name, p.name, p.dataType])),
      ...Object.entries(perspective.labels).flatMap(([label, ps]: [string, any]) => ps.map((p: any) => [label, p.propertyKey, p.dataType])),
      ...perspective.relationshipTypes.flatMap((r: any) => r.properties.map((p: any) => [r.name, p.propertyKey, p.dataType])),
    ] as Array<[string, string, string]>;
    for (const [owner, name, dataType] of typed) expect(BLOOM_DATA_TYPES, `${owner}.${name}`).toContain(dataType);
    const typeOf = (owner: string, name: string) => typed.filter(([o, n]) => o === owner && n === name).map(([, , t]) => t);
    for (const name of ["value", "yoyGrowthPercent", "growthMultiple"]) expect(typeOf("Metric", name), `Metric.${name}`).toEqual(["number", "number"]);
    for (const name of ["periodStart", "periodEnd"]) expect(typeOf("Metric", name), `Metric.${name}`).toEqual(["date", "date"]);
    for (const name of ["amount", "stakePercent"]) expect(typeOf("BUYS_CLOUD_FROM", name), `BUYS_CLOUD_FROM.${name}`).toEqual(["number"]);
    for (const name of ["validFrom", "validTo", "asOf"]) expect(typeOf("FOUNDED", name), `FOUNDED.${name}`).toEqual(["date"]);
  });

  it("lists every property of the model's relationships on each fact type, BUYS_CLOUD_FROM's amount, currency and comparator included", () => {
    const buys = perspective.relationshipTypes.find((r: any) => r.name === "BUYS_CLOUD_FROM");
    const names = buys.properties.map((p: any) => p.propertyKey);
    for (const name of ["sourceId", "evidence", ...RELATIONSHIP_PROPERTIES]) expect(names, name).toContain(name);
    for (const name of ["amount", "currency", "comparator"]) expect(names).toContain(name);
  });
});

describe("Neo4j Browser guide", () => {
  it("walks through the model and the relational questions", () => {
    expect(readFileSync(GUIDE_FILE, "utf8")).toMatch(/^<article class="guide">/);
    expect(guideQueries().length).toBeGreaterThanOrEqual(12);
  });
});

// NeoDash's own rules (neo4j-labs/neodash): a 2.4 dashboard lays its reports on react-grid-layout
// with 24 columns (Page.tsx; the 2.3 -> 2.4 upgrade in DashboardThunks.ts doubles x, y, width and
// height). A parameter selector is a `select` report whose settings name a node label and property;
// NeoDash derives its parameter name and suggestion query from those settings
// (ParameterSelectCardSettings.tsx), so a file that departs from them is rewritten, or broken, on load.
const NEODASH_COLUMNS = 24;
/** The report types of NeoDash's core (config/ReportConfig). */
const NEODASH_REPORT_TYPES = ["table", "graph", "bar", "pie", "line", "value", "map", "json", "select", "iframe", "text"];
/** As ParameterSelectCardSettings names a Node Property selector's parameter. */
function neodashParameterName(settings: { entityType: string; propertyType: string; id?: string }): string {
  const id = settings.id ?? "";
  const suffix = id === "" || id.startsWith("_") ? id : `_${id}`;
  return `neodash_${settings.entityType}_${settings.propertyType}${suffix}`.replaceAll(" ", "_").replaceAll("-", "_").toLowerCase();
}
/** As ParameterSelectCardSettings writes a Node Property selector's suggestion query (its defaults:
 *  CONTAINS, case-insensitive, distinct, five suggestions). */
function neodashSelectQuery(settings: { entityType: string; propertyType: string; propertyTypeDisplay?: string }): string {
  const display = settings.propertyTypeDisplay || settings.propertyType;
  return (
    `MATCH (n:\`${settings.entityType}\`) \n` +
    `WHERE toLower(toString(n.\`${display}\`)) CONTAINS toLower($input) \n` +
    `RETURN DISTINCT n.\`${settings.propertyType}\` as value,  n.\`${display}\` as display ORDER BY size(toString(value)) ASC LIMIT 5`
  );
}

describe("NeoDash dashboard", () => {
  const board = dashboard();

  it("is a NeoDash 2.4 dashboard with figures as charts, the network as graphs and selectors", () => {
    expect(board.version).toBe("2.4");
    for (const key of ["uuid", "title", "settings", "pages"]) expect(board).toHaveProperty(key);
    const types = new Set(dashboardReports().map((r) => r.type));
    for (const type of ["bar", "line", "table", "graph", "select"]) expect(types).toContain(type);
    for (const report of dashboardReports()) {
      expect(NEODASH_REPORT_TYPES, report.title).toContain(report.type);
      expect(report.id, report.title).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(typeof report.query, report.title).toBe("string");
      expect(report.settings, report.title).toBeTypeOf("object");
      expect(report.selection, report.title).toBeTypeOf("object");
    }
    const ids = dashboardReports().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(board.pages.map((p) => [p.title, p] as const))("page %s fills NeoDash's 24-column grid without overlaps or gaps", (_title, page) => {
    const cells = new Map<string, string>();
    for (const r of page.reports) {
      for (const v of [r.x, r.y, r.width, r.height]) expect(Number.isInteger(v), r.title).toBe(true);
      expect(r.x, r.title).toBeGreaterThanOrEqual(0);
      expect(r.width, r.title).toBeGreaterThan(0);
      expect(r.x + r.width, r.title).toBeLessThanOrEqual(NEODASH_COLUMNS);
      for (let x = r.x; x < r.x + r.width; x++) {
        for (let y = r.y; y < r.y + r.height; y++) {
          const key = `${x},${y}`;
          expect(cells.get(key), `${r.title} overlaps at ${key}`).toBeUndefined();
          cells.set(key, r.title);
        }
      }
    }
    // Every grid row a report occupies is covered across all 24 columns.
    const rows = new Set([...cells.keys()].map((k) => Number(k.split(",")[1])));
    for (const y of rows) {
      const covered = [...cells.keys()].filter((k) => Number(k.split(",")[1]) === y).length;
      expect(covered, `row ${y} of ${page.title}`).toBe(NEODASH_COLUMNS);
    }
  });

  it.each(dashboardSelectors().map((r) => [`${r.page}: ${r.title}`, r] as const))("selector %s is a Node Property select as NeoDash writes it", (_title, selector) => {
    const { settings } = selector;
    expect(settings.type).toBe("Node Property");
    expect(settings.parameterName).toBe(neodashParameterName(settings as never));
    expect(selector.query).toBe(neodashSelectQuery(settings as never));
    expect(board.settings.parameters, "a default value for the selector").toHaveProperty(settings.parameterName);
  });

  it("has company and metric selectors, and every $neodash_ parameter a report uses is set by a selector on its page", () => {
    const parameters = dashboardSelectors().map((s) => s.settings.parameterName as string);
    expect(parameters).toContain("neodash_company_name");
    expect(parameters).toContain("neodash_metric_metric");
    for (const page of board.pages) {
      const onPage = page.reports.filter((r) => r.type === "select").map((r) => r.settings.parameterName);
      for (const r of page.reports) {
        for (const p of neodashParameters(`${r.title} ${r.query}`)) expect(onPage, `${page.title}: ${r.title} uses $${p}`).toContain(p);
      }
    }
  });

  it("hard-codes no company in a query: companies come from the selectors", () => {
    const literalCompany = /:(Company|Startup|BigTech|CloudProvider)\s*\{[^}]*\b(id|name)\s*:\s*['"]/;
    for (const r of dashboardReports()) expect(r.query, r.title).not.toMatch(literalCompany);
  });

  it("gives graph reports the actionsRules list NeoDash's 2.4 -> 2.4.3 upgrade iterates", () => {
    for (const r of dashboardReports().filter((r) => r.type === "graph")) expect(r.settings.actionsRules, r.title).toBeInstanceOf(Array);
  });

  it("labels each chart's values with one unit: its value column names the unit, or the unit selector's", () => {
    expect(dashboardCharts().length).toBeGreaterThanOrEqual(3);
    for (const chart of dashboardCharts()) {
      expect(chart.selection?.value, chart.title).toHaveLength(1);
      const column = chart.selection!.value![0]!;
      if (UNITS.includes(column as never)) continue;
      // A chart of the selected unit filters its figures by it and says so in its title.
      expect(chart.query, chart.title).toMatch(/unit:\s*\$neodash_metric_unit\b/);
      expect(chart.title).toContain("$neodash_metric_unit");
    }
  });
});
