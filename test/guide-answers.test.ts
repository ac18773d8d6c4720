// What an analyst reads in the Neo4j Browser guide (cypher/guide/): each of its runnable queries
// answers what the source files say. The expected rows are derived here from data/sources/*.json
// (or, for the shortest connection, a breadth-first search over their facts), never copied from an
// answer. That every query runs is test/analyst-surfaces.test.ts.
import neo4j, { isNode, type Driver, type Node, type Path } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph } from "../src/graph/load.ts";
import { guideQueries } from "./support/analyst-files.ts";
import { testDatabase, testDriver } from "./support/db.ts";
import { sourceRecords } from "./support/source-records.ts";

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
});
afterAll(() => driver.close());

const data = sourceRecords();
const { name } = data;

/** The one runnable query of the guide that matches. */
function guideQuery(pattern: RegExp): string {
  const found = guideQueries().filter((q) => pattern.test(q));
  expect(found, String(pattern)).toHaveLength(1);
  return found[0]!;
}

/** Neo4j values as the Browser's table shows them: numbers, dates as text. */
const plain = (value: unknown): unknown =>
  neo4j.isInt(value) ? value.toNumber() : neo4j.isDate(value) ? value.toString() : value;

type Row = Record<string, unknown>;

async function answer(pattern: RegExp): Promise<Row[]> {
  const { records } = await driver.executeQuery(guideQuery(pattern), {}, { database: testDatabase() });
  return records.map((r) => Object.fromEntries(r.keys.map((k) => [k, plain(r.get(k))])));
}

/** Rows as a multiset (the guide's ORDER BY leaves ties in any order). */
const rowSet = (rows: Row[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();

/** A partial date of a source file (2025, 2025-03, 2025-03-07) as the day Neo4j stores. */
const firstDay = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);

const metricSubject = (m: { company?: string; event?: string; model?: string; regulator?: string }) => m.company ?? m.event ?? m.model ?? m.regulator;
const companyFigures = () => data.figures.filter((m) => m.company && data.labels(m.company).includes("Company"));

describe("Neo4j Browser guide: the answers an analyst reads", () => {
  it("the schema shows every label and relationship type the source files use", async () => {
    const { records } = await driver.executeQuery(guideQuery(/db\.schema\.visualization/), {}, { database: testDatabase() });
    const nodes = (records[0]!.get("nodes") as Node[]).map((n) => n.properties.name as string);
    const types = new Set((records[0]!.get("relationships") as Array<{ type: string }>).map((r) => r.type));
    for (const label of new Set(data.files.flatMap((f) => f.entities.flatMap((e) => e.labels)))) expect(nodes, label).toContain(label);
    for (const type of new Set(data.facts.map((f) => f.type))) expect(types, type).toContain(type);
  });

  it("searching 智譜 in Chinese names finds the entities whose names or aliases hold it", async () => {
    const rows = await answer(/entity_names_cjk', '智譜'/);
    const holding = data.files
      .flatMap((f) => f.entities)
      .filter((e) => [e.nameZhHant, e.nameZhHans, ...e.aliases].some((n) => n.includes("智譜")))
      .map((e) => e.id);
    expect(holding).toContain("zhipu-ai");
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(holding.slice(0, 5)));
  });

  it("searching zhipu in Latin names finds Zhipu AI first, and only entities named so", async () => {
    const rows = await answer(/entity_names_latin', 'zhipu'/);
    const named = new Set(data.files.flatMap((f) => f.entities).filter((e) => [e.name, ...e.aliases].some((n) => /\bzhipu\b/i.test(n))).map((e) => e.id));
    expect(rows[0]!.id).toBe("zhipu-ai");
    for (const r of rows) expect(named, String(r.id)).toContain(r.id);
    expect(rows).toHaveLength(Math.min(5, named.size));
  });

  it("MiniMax's founders and where they worked before, each with its evidence and source", async () => {
    const expected = data.facts
      .filter((f) => f.type === "FOUNDED" && f.to === "minimax" && data.labels(f.from).includes("Person"))
      .flatMap((f): Row[] => {
        const before = data.facts.filter((w) => w.type === "WORKED_AT" && w.from === f.from && data.labels(w.to).includes("Company"));
        return before.length > 0
          ? before.map((w) => ({ founder: name(f.from), workedAt: name(w.to), evidence: w.evidence, source: w.sourceId }))
          : [{ founder: name(f.from), workedAt: null, evidence: null, source: null }];
      });
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/RETURN p\.name AS founder/))).toEqual(rowSet(expected));
  });

  describe("Tsinghua University to Alibaba Cloud", () => {
    // The fewest facts between the two in the source files, any direction.
    function hopsInSources(from: string, to: string): number {
      const neighbours = new Map<string, Set<string>>();
      for (const f of data.facts) {
        neighbours.set(f.from, (neighbours.get(f.from) ?? new Set()).add(f.to));
        neighbours.set(f.to, (neighbours.get(f.to) ?? new Set()).add(f.from));
      }
      const distance = new Map([[from, 0]]);
      const queue = [from];
      while (queue.length > 0) {
        const at = queue.shift()!;
        for (const next of neighbours.get(at) ?? []) {
          if (distance.has(next)) continue;
          distance.set(next, distance.get(at)! + 1);
          queue.push(next);
        }
      }
      return distance.get(to)!;
    }
    const shortest = hopsInSources("tsinghua-university", "alibaba-cloud");

    it("as a path: as many hops as the fewest facts that link them in the source files", async () => {
      const { records } = await driver.executeQuery(guideQuery(/shortestPath[\s\S]*RETURN path\s*$/), {}, { database: testDatabase() });
      expect(records).toHaveLength(1);
      expect((records[0]!.get("path") as Path).length).toBe(shortest);
    });

    it("hop by hop: a chain of facts the source files state, each with its source and evidence", async () => {
      const hops = await answer(/UNWIND relationships\(path\) AS r/);
      expect(hops).toHaveLength(shortest);
      const stated = new Set(data.facts.map((f) => JSON.stringify([name(f.from), f.type, name(f.to), f.sourceId, f.evidence])));
      for (const h of hops) expect(stated, JSON.stringify(h)).toContain(JSON.stringify([h.from, h.relationship, h.to, h.source, h.evidence]));
      // Consecutive hops share an entity, from Tsinghua University to Alibaba Cloud.
      let at = "Tsinghua University";
      for (const h of hops) {
        expect([h.from, h.to], `a hop from ${at}`).toContain(at);
        at = h.from === at ? (h.to as string) : (h.from as string);
      }
      expect(at).toBe("Alibaba Cloud");
    });
  });

  it("the six tigers, each membership's source, and the pivots the sources state", async () => {
    const expected = data.facts
      .filter((m) => m.type === "MEMBER_OF" && m.to === "six-tigers")
      .flatMap((m): Row[] => {
        const pivots = data.facts.filter((p) => p.type === "PIVOTED_TO" && p.from === m.from);
        const base = { company: name(m.from), membershipSource: m.sourceId };
        return pivots.length > 0 ? pivots.map((p) => ({ ...base, pivotedTo: name(p.to), evidence: p.evidence })) : [{ ...base, pivotedTo: null, evidence: null }];
      });
    expect(new Set(expected.map((r) => r.company)).size).toBe(6);
    expect(rowSet(await answer(/AS pivotedTo/))).toEqual(rowSet(expected));
  });

  it("reported revenue: every actual figure, its period, value, unit and growth", async () => {
    const expected = companyFigures()
      .filter((m) => m.metric === "revenue" && m.kind === "actual")
      .map((m) => ({ company: name(m.company!), period: m.periodLabel, value: m.value, unit: m.unit, yoy: m.yoyGrowthPercent ?? null }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/metric: 'revenue', kind: 'actual'/))).toEqual(rowSet(expected));
  });

  it("losses, compute and cloud spend and ARR: every figure, with its comparator", async () => {
    const metrics = ["loss", "lossMonthlyAverage", "netLoss", "computeSpend", "cloudServicesSpend", "arr"];
    const expected = companyFigures()
      .filter((m) => metrics.includes(m.metric))
      .map((m) => ({ company: name(m.company!), metric: m.metric, period: m.periodLabel, comparator: m.comparator, value: m.value, unit: m.unit }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/'lossMonthlyAverage'/))).toEqual(rowSet(expected));
  });

  it("forecasts: who forecast what of whom, in the source's words", async () => {
    const expected = companyFigures()
      .filter((m) => m.forecastBy)
      .map((m) => ({ forecaster: name(m.forecastBy!), company: name(m.company!), metric: m.metric, comparator: m.comparator, value: m.value, unit: m.unit, evidence: m.evidence }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/RETURN f\.name AS forecaster/))).toEqual(rowSet(expected));
  });

  it("hedged facts: each with the hedging words of its evidence", async () => {
    const expected = data.facts
      .filter((f) => f.certainty === "hedged")
      .map((f) => ({ from: name(f.from), relationship: f.type, to: name(f.to), qualifier: f.qualifier, status: f.status ?? null, evidence: f.evidence }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/r\.certainty = 'hedged'/))).toEqual(rowSet(expected));
  });

  it("what the sources attribute to the documents they cite, as each citing source reports it", async () => {
    const expected = data.files.flatMap((f) =>
      f.citedSources.flatMap((cited) => [
        ...data.facts
          .filter((r) => r.citedSourceId === cited.id)
          .map((r) => ({ about: name(r.from), attributed: `${r.type} ${name(r.to)}`, comparator: r.comparator ?? null, value: r.amount ?? null, unit: r.currency ?? null, evidence: r.evidence })),
        ...companyFigures()
          .filter((m) => m.citedSourceId === cited.id)
          .map((m) => ({ about: name(m.company!), attributed: `${m.metric}, ${m.periodLabel}`, comparator: m.comparator, value: m.value, unit: m.unit, evidence: m.evidence })),
      ].map((row) => ({ accordingTo: cited.title, asReportedBy: f.source.title, ...row }))),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/AS accordingTo/))).toEqual(rowSet(expected));
  });

  it("dated and ongoing facts: each date as precise as its source gives it", async () => {
    const precision = (date: string) => ({ 4: "year", 7: "month", 10: "day" })[date.length as 4 | 7 | 10];
    const expected = data.facts
      .filter((f) => f.validFrom || f.status)
      .map((f) => ({
        from: name(f.from), relationship: f.type, to: name(f.to), validFrom: f.validFrom ?? null, precision: f.validFrom ? precision(f.validFrom) : null,
        status: f.status ?? null, source: f.sourceId, evidence: f.evidence,
      }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/WHERE r\.validFrom IS NOT NULL OR r\.status IS NOT NULL/))).toEqual(rowSet(expected));
  });

  it("figures dated less precisely than a day, and plans", async () => {
    const expected = companyFigures()
      .filter((m) => m.datePrecision !== "day" || m.kind === "plan")
      .map((m) => ({
        company: name(m.company!), metric: m.metric, kind: m.kind, period: m.periodLabel, periodEnd: m.periodEnd,
        precision: m.datePrecision, comparator: m.comparator, value: m.value, unit: m.unit,
      }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/m\.datePrecision <> 'day' OR m\.kind = 'plan'/))).toEqual(rowSet(expected));
  });

  it("open-weight releases of 2025, each with its date, source and licence", async () => {
    const expected = data.facts
      .filter((r) => r.type === "RELEASED" && r.access === "open-weights" && r.validFrom?.startsWith("2025") && data.labels(r.from).includes("Company"))
      .flatMap((r): Row[] => {
        const licences = data.facts.filter((l) => l.type === "LICENSED_UNDER" && l.from === r.to);
        const base = { lab: name(r.from), model: name(r.to), released: firstDay(r.validFrom!), source: r.sourceId };
        return licences.length > 0 ? licences.map((l) => ({ ...base, licence: name(l.to) })) : [{ ...base, licence: null }];
      });
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/r\.access = 'open-weights'/))).toEqual(rowSet(expected));
  });

  it("model lineage: one path per lineage fact of the source files", async () => {
    const lineage = ["FINE_TUNED_FROM", "DISTILLED_FROM", "QUANTIZED_FROM", "MERGED_FROM", "BASED_ON", "SUCCESSOR_OF"];
    const { records } = await driver.executeQuery(guideQuery(/MATCH p = \(:Model\)-\[:FINE_TUNED_FROM/), {}, { database: testDatabase() });
    const shown = records.map((r) => {
      const p = r.get("p") as Path;
      return JSON.stringify([p.start.properties.id, p.segments[0]!.relationship.type, p.end.properties.id, p.segments[0]!.relationship.properties.sourceId]);
    });
    const expected = data.facts.filter((f) => lineage.includes(f.type)).map((f) => JSON.stringify([f.from, f.type, f.to, f.sourceId]));
    expect(expected.length).toBeGreaterThan(0);
    expect(shown.sort()).toEqual(expected.sort());
  });

  it("the sources: every source file's source and every document they cite, with its title and publisher", async () => {
    const expected = data.sources.map((s) => ({ id: s.id, title: s.title, publisher: s.publisher ?? null, kind: s.kind }));
    const rows = (await answer(/MATCH \(s:Source\) RETURN s\.id/)).map(({ id, title, publisher, kind }) => ({ id, title, publisher, kind }));
    expect(rowSet(rows)).toEqual(rowSet(expected));
  });

  const ARTICLE = "src-000-zhipu-minimax-hk-listings";
  const article = data.files.find((f) => f.source.id === ARTICLE)!;

  it("the article's facts, each with its evidence", async () => {
    const expected = article.relationships.map((r) => ({ from: name(r.from), relationship: r.type, to: name(r.to), evidence: r.evidence }));
    expect(expected.length).toBeGreaterThan(0);
    expect(rowSet(await answer(/r\.sourceId = 'src-000-zhipu-minimax-hk-listings'/))).toEqual(rowSet(expected));
  });

  it("the entities the article mentions: those it declares, relates, measures or lists", async () => {
    const named = new Set([
      ...article.entities.map((e) => e.id),
      ...article.mentions,
      ...article.relationships.flatMap((r) => [r.from, r.to]),
      ...article.metrics.flatMap((m) => [metricSubject(m), m.forecastBy].filter((id): id is string => Boolean(id))),
    ]);
    const { records } = await driver.executeQuery(guideQuery(/\{id: 'src-000-zhipu-minimax-hk-listings'\}\)-\[:MENTIONS\]/), {}, { database: testDatabase() });
    const shown = records.map((r) => r.get("e") as Node);
    expect(shown.every((e) => isNode(e))).toBe(true);
    expect(new Set(shown.map((e) => e.properties.id))).toEqual(named);
  });
});
