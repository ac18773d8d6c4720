// What analysts open: the Bloom perspective, the Neo4j Browser guide and the NeoDash dashboard.
// Each must cover the model and every query in it must run on the loaded graph. What needs no
// database (the files are current and well-formed) is test/unit/analyst-files.test.ts.
import { readFileSync } from "node:fs";
import { isNode, isPath, isRelationship, type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEDGED_COLOUR, PERSPECTIVE_FILE, SEARCH_PHRASES } from "../src/analyst/bloom-perspective.ts";
import { loadGraph } from "../src/graph/load.ts";
import { COMPANY_ROLE_LABELS, ENTITY_LABELS, INTERNAL_LABELS, RELATIONSHIP_TYPES } from "../src/graph/model.ts";
import { dashboard, dashboardCharts, dashboardReports, dashboardSelectors, guideQueries } from "./support/analyst-files.ts";
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

  it("has a category with caption, colour and icon for every label of the model and of the database", async () => {
    const categorised = new Set(perspective.categories.flatMap((c: any) => c.labels));
    const inDatabase = (await run("CALL db.labels() YIELD label RETURN label")).map((r) => r.get("label") as string);
    const expected = [...ENTITY_LABELS, ...COMPANY_ROLE_LABELS, "Metric", "Source", ...inDatabase.filter((l) => !INTERNAL_LABELS.includes(l))];
    for (const label of expected) expect(categorised, label).toContain(label);
    for (const c of perspective.categories) {
      expect(c.color).toMatch(/^#[0-9A-F]{6}$/i);
      expect(c.icon).toBeTruthy();
      expect(c.properties.find((property: any) => property.isCaption)?.name, c.name).toBeTruthy();
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
    // Bloom 2.x names a rule's property "<key>_<dataType>".
    const hedged = (rules: any[]) => rules.find((r) => r.basedOn === "certainty_string" && r.conditionValue === "hedged");
    for (const type of [...Object.keys(RELATIONSHIP_TYPES), "HAS_METRIC", "FORECASTS"]) {
      const names = (types.get(type) as any).properties.map((p: any) => p.propertyKey);
      for (const property of ["sourceId", "evidence", ...qualifications]) expect(names, `${type}.${property}`).toContain(property);
      const rule = hedged((types.get(type) as any).styleRules);
      expect(rule, type).toMatchObject({ condition: "equals", applyColor: true, color: HEDGED_COLOUR });
    }
    // Every property a relationship holds in the database is in the perspective.
    const held = await run("MATCH ()-[r]->() UNWIND keys(r) AS key RETURN type(r) AS type, collect(DISTINCT key) AS keys");
    for (const record of held) {
      const names = ((types.get(record.get("type")) as any)?.properties ?? []).map((p: any) => p.propertyKey);
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

  // Bloom's type of each property is the type Neo4j stores it with: floats as number, dates as date.
  it("types every property as the database stores it", async () => {
    const bloomType = (neo4jType: string) =>
      neo4jType.startsWith("FLOAT") || neo4jType.startsWith("INTEGER") ? "number"
        : neo4jType.startsWith("DATE ") || neo4jType === "DATE NOT NULL" ? "date"
          : neo4jType.startsWith("LIST") ? "array"
            : neo4jType.startsWith("BOOLEAN") ? "boolean"
              : "string";
    const stored = await run(`
      CALL () {
        MATCH (n) UNWIND labels(n) AS owner UNWIND keys(n) AS key RETURN owner, key, valueType(n[key]) AS type
        UNION
        MATCH ()-[r]->() UNWIND keys(r) AS key RETURN type(r) AS owner, key, valueType(r[key]) AS type
      }
      RETURN DISTINCT owner, key, type`);
    const declared = new Map<string, string>([
      ...perspective.categories.flatMap((c: any) => c.properties.map((p: any) => [`${c.name}.${p.name}`, p.dataType])),
      ...perspective.relationshipTypes.flatMap((r: any) => r.properties.map((p: any) => [`${r.name}.${p.propertyKey}`, p.dataType])),
    ]);
    let checked = 0;
    for (const record of stored) {
      const key = `${record.get("owner")}.${record.get("key")}`;
      if (!declared.has(key)) continue;
      checked += 1;
      expect(declared.get(key), `${key} (${record.get("type")})`).toBe(bloomType(record.get("type")));
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each(SEARCH_PHRASES)("search phrase '$text' runs and finds the article's answer", async ({ name, example }) => {
    const template = perspective.templates.find((t: any) => t.name === name);
    const records = await run(template.cypher, example);
    expect(records.length).toBeGreaterThan(0);
  });

  it("search phrase 'Which members of $group pivoted' finds the group by part of its name: 'six tigers'", async () => {
    const template = perspective.templates.find((t: any) => t.name === "pivots");
    const full = await run(template.cypher, { group: "Six Tigers of Chinese LLMs" });
    expect((await run(template.cypher, { group: "six tigers" })).length).toBe(full.length);
  });

  it("search phrase 'Everything $source says' returns the facts and figures the source states, found by part of its title", async () => {
    const template = perspective.templates.find((t: any) => t.name === "source");
    const records = await run(template.cypher, { source: "Hong Kong debut" });
    const types = new Set(records.flatMap((r) => (r.get("path")?.segments ?? []).map((s: any) => s.relationship.type)));
    expect(types.has("HAS_METRIC")).toBe(true);
    expect([...types].some((t) => t !== "HAS_METRIC")).toBe(true);
  });

  // A phrase's entity parameters find the entity by any of its names: English, 简体, 繁體, each alias
  // and the pinyin of its search keys, as a user types them (the case of a Latin name aside).
  const entityPhrases = SEARCH_PHRASES.filter((p) => p.params.some((q) => q.suggestionProp === "name"));
  it.each(entityPhrases)("search phrase '$text' finds its entities by any name, in every script", async ({ name, example, params }) => {
    const template = perspective.templates.find((t: any) => t.name === name);
    const answer = async (values: Record<string, string>) => (await run(template.cypher, values)).length;
    const expected = await answer(example);
    expect(expected).toBeGreaterThan(0);
    for (const param of params.filter((q) => q.suggestionProp === "name")) {
      const key = param.name.slice(1);
      const [entity] = await run(
        "MATCH (e:Entity {name: $name}) RETURN e.name AS name, e.nameZhHans AS hans, e.nameZhHant AS hant, e.aliases AS aliases, e.searchKeys AS keys",
        { name: example[key] },
      );
      expect(entity, example[key]).toBeDefined();
      const forms = [entity!.get("hans"), entity!.get("hant"), ...entity!.get("aliases"), ...entity!.get("keys"), String(entity!.get("name")).toUpperCase()] as string[];
      if (entity!.get("hans") !== entity!.get("name")) {
        // A Chinese name: the phrase is tried in Simplified, Traditional and pinyin.
        expect(forms.filter((f) => /\p{Script=Han}/u.test(f)).length).toBeGreaterThanOrEqual(2);
        expect(forms.some((f) => /^[a-z ]+$/.test(f) && !f.includes(String(entity!.get("name")).toLowerCase()))).toBe(true);
      }
      for (const form of new Set(forms)) {
        expect(await answer({ ...example, [key]: form }), `${param.name} = ${form}`).toBe(expected);
      }
    }
  });
});

// What each query answers, against the source files: test/guide-answers.test.ts.
describe("Neo4j Browser guide", () => {
  it.each(guideQueries().map((q, i) => [i + 1, q]))("runnable query %i runs and returns rows", async (_i, query) => {
    expect((await run(query as string)).length).toBeGreaterThan(0);
  });
});

describe("NeoDash dashboard", () => {
  // Each report runs as NeoDash runs it: with the dashboard's parameters (the selectors' values).
  const defaults = dashboard().settings.parameters;
  const withSelectors = (report: { type: string; query: string }, parameters: Record<string, unknown> = defaults) =>
    run(report.query, report.type === "select" ? { ...parameters, input: "" } : parameters);

  it.each(dashboardReports().map((r) => [`${r.page}: ${r.title}`, r] as const))("%s runs with the selectors' values and returns rows", async (_title, report) => {
    expect((await withSelectors(report)).length).toBeGreaterThan(0);
  });

  // What NeoDash draws: a chart reads the columns its selection names (its axis, its values, its
  // series), and plots a number for each row; a graph report draws the nodes, relationships and
  // paths its rows hold.
  it.each(dashboardReports().filter((r) => ["bar", "line"].includes(r.type)).map((r) => [`${r.page}: ${r.title}`, r] as const))(
    "%s returns the columns its chart reads, each row with a number to plot",
    async (_title, report) => {
      const { index, x, key, value } = report.selection as { index?: string; x?: string; key?: string; value: string[] };
      const columns = [index ?? x, ...value, ...(key && key !== "(none)" ? [key] : [])] as string[];
      const rows = await withSelectors(report);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(columns.filter((c) => !row.keys.includes(c)), `columns missing from ${JSON.stringify(row.keys)}`).toEqual([]);
        expect(row.get(columns[0]!), columns[0]).not.toBeNull();
        for (const column of value) expect(Number.isFinite(Number(row.get(column))), `${column} = ${row.get(column)}`).toBe(true);
      }
    },
  );

  it.each(dashboardReports().filter((r) => r.type === "graph").map((r) => [`${r.page}: ${r.title}`, r] as const))("%s returns something to draw in every row", async (_title, report) => {
    const rows = await withSelectors(report);
    expect(rows.length).toBeGreaterThan(0);
    const drawable = (value: unknown): boolean => isNode(value as never) || isRelationship(value as never) || isPath(value as never) || (Array.isArray(value) && value.some(drawable));
    for (const row of rows) expect(row.keys.some((k) => drawable(row.get(k))), `row ${JSON.stringify(row.keys)}`).toBe(true);
  });

  // A selector suggests its default as the user types the first letters of it.
  it.each(dashboardSelectors().map((r) => [`${r.page}: ${r.title}`, r] as const))("selector %s suggests its value as it is typed", async (_title, selector) => {
    const value = defaults[selector.settings.parameterName] as string;
    const suggestions = await run(selector.query, { input: value.slice(0, 3).toLowerCase() });
    expect(suggestions.map((r) => r.get("value"))).toContain(value);
  });

  it("the selected company, metric and unit decide what the charts plot", async () => {
    const chart = dashboardCharts().find((c) => c.type === "line" && c.query.includes("$neodash_metric_unit"))!;
    const minimax = { ...defaults, neodash_company_name: "MiniMax", neodash_metric_metric: "revenue", neodash_metric_unit: "USD" };
    // MiniMax's full-year revenue in USD (FY2023, FY2024); its nine months of 2025 is no full year.
    const expected = await run(
      `MATCH (:Company {name: $company})-[:HAS_METRIC]->(m:Metric {metric: 'revenue', unit: 'USD', kind: 'actual'})
       WHERE m.periodLabel STARTS WITH 'FY' RETURN m.value AS value ORDER BY m.periodEnd`,
      { company: "MiniMax" },
    );
    expect(expected.length).toBeGreaterThan(0);
    expect((await run(chart.query, minimax)).map((r) => r.get("value"))).toEqual(expected.map((r) => r.get("value")));
    const zhipu = (await run(chart.query, defaults)).map((r) => r.get("value"));
    expect(zhipu).not.toEqual(expected.map((r) => r.get("value")));
  });

  // A time series must not join a half year to full years, nor an actual figure to a forecast (a
  // line fell to H1 2025's 191 M and rose to FY2025's forecast 738 M): every row of a chart of the
  // selected metric is one metric, kind and period length, for the defaults and for MiniMax.
  it.each(dashboardCharts().filter((c) => c.query.includes("$neodash_metric_metric")).map((r) => [`${r.page}: ${r.title}`, r] as const))(
    "%s plots one metric, kind and period length",
    async (_title, chart) => {
      const figure = /\((\w+):Metric\b/.exec(chart.query)![1]!;
      const described = chart.query.replace(
        /\bRETURN\b/,
        `RETURN ${figure}.metric AS figureMetric, ${figure}.kind AS figureKind, duration.inMonths(${figure}.periodStart, ${figure}.periodEnd).months AS figureMonths,`,
      );
      for (const parameters of [defaults, { ...defaults, neodash_company_name: "MiniMax", neodash_metric_unit: "USD" }]) {
        const rows = await run(described, parameters);
        for (const column of ["figureMetric", "figureKind", "figureMonths"]) {
          expect(new Set(rows.map((r) => String(r.get(column)))).size, `${column} with ${parameters.neodash_company_name}`).toBeLessThanOrEqual(1);
        }
      }
      expect((await run(described, defaults)).length).toBeGreaterThan(0);
    },
  );

  // A chart's value column is named for its unit (CNY, USD, percent, days: the axis label NeoDash
  // draws) or, for a chart of the selected unit, titled with it; every row it plots must be a figure
  // in that unit. The query is run as the dashboard runs it and again with each row's unit added.
  it.each(dashboardCharts().map((r) => [`${r.page}: ${r.title}`, r] as const))("%s plots figures of one unit, the one it is labelled with", async (_title, chart) => {
    const [valueColumn, ...more] = chart.selection?.value ?? [];
    expect(valueColumn, "the chart's value column").toBeDefined();
    expect(more).toEqual([]);
    const unit = chart.query.includes("$neodash_metric_unit") ? defaults.neodash_metric_unit : valueColumn;
    const figure = /\((\w+):Metric\b/.exec(chart.query)?.[1];
    expect(figure, "the chart's query binds its figures as (m:Metric ...)").toBeDefined();
    expect(chart.query.match(/\bRETURN\b/g)).toHaveLength(1);

    const plotted = await run(chart.query, defaults);
    const withUnits = await run(chart.query.replace(/\bRETURN\b/, `RETURN ${figure}.unit AS figureUnit,`), defaults);
    expect(plotted.length).toBeGreaterThan(0);
    // The same rows, in the same order: adding the unit changed nothing the chart plots.
    expect(withUnits.map((r) => r.get(valueColumn!))).toEqual(plotted.map((r) => r.get(valueColumn!)));
    expect(withUnits.map((r) => r.get("figureUnit"))).toEqual(plotted.map(() => unit));
  });
});
