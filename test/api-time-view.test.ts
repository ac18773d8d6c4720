// The graph as of a date (asOf: what was true then) and as known at a date (knownAt: what had been
// published by then), checked against the dates the graph itself holds. The expected answers are
// worked out here, in TypeScript, from each fact's raw dates read straight from Neo4j: a second,
// independent reading of the rule docs/api.md states, which the API's Cypher must agree with.
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";

let api: Api;
let driver: Driver;
const database = testDatabase();

beforeAll(async () => {
  api = await startApi();
  driver = testDriver();
});
afterAll(async () => {
  await driver.close();
  await api.stop();
});

async function data(query: string, variables?: Record<string, unknown>) {
  const response = await api.gql(query, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

// ---- The oracle: the stated rule, on ISO text --------------------------------------------------

/** The last day of the period a stored first day opens, at its precision. */
function lastDay(first: string, precision: string | null): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  if (precision === "year") return `${y}-12-31`;
  if (precision === "month") return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return first;
}

interface RawSource {
  date: string | null;
  retrieved: string | null;
}
/** Published by the day: the whole period of its date over, or, undated, retrieved by then. */
function known(source: RawSource | undefined, day: string): boolean {
  if (!source) return false;
  if (source.date !== null) {
    const precision = source.date.length === 4 ? "year" : source.date.length === 7 ? "month" : "day";
    const first = source.date.length === 4 ? `${source.date}-01-01` : source.date.length === 7 ? `${source.date}-01` : source.date;
    return lastDay(first, precision) <= day;
  }
  return source.retrieved !== null && source.retrieved <= day;
}

interface RawEnd {
  releaseDate: string | null;
  releaseDatePrecision: string | null;
  date: string | null;
  datePrecision: string | null;
}
interface RawFact {
  key: string;
  type: string;
  startId: string;
  endId: string;
  sourceId: string;
  validFrom: string | null;
  validTo: string | null;
  datePrecision: string | null;
  asOf: string | null;
  ends: RawEnd[];
}

const begun = (end: RawEnd, day: string) =>
  (end.releaseDate === null || lastDay(end.releaseDate, end.releaseDatePrecision) <= day) && (end.date === null || lastDay(end.date, end.datePrecision) <= day);

function inView(fact: RawFact, all: RawFact[], sources: Map<string, RawSource>, view: { asOf?: string; knownAt?: string }): boolean {
  const isKnown = (f: RawFact) => view.knownAt === undefined || known(sources.get(f.sourceId), view.knownAt);
  if (!isKnown(fact)) return false;
  const day = view.asOf;
  if (day === undefined) return true;
  const started = fact.validFrom !== null ? lastDay(fact.validFrom, fact.datePrecision) <= day : fact.ends.every((end) => begun(end, day));
  if (!started || (fact.validTo !== null && fact.validTo < day)) return false;
  if (fact.asOf === null) return true;
  const end = lastDay(fact.asOf, fact.datePrecision);
  if (end > day) return false;
  // Superseded by a holding of the same pair that is certainly later and counts too.
  return !all.some(
    (other) => other.type === "SHAREHOLDER_OF" && other.startId === fact.startId && other.endId === fact.endId && other.asOf !== null &&
      other.asOf > end && lastDay(other.asOf, other.datePrecision) <= day && isKnown(other),
  );
}

// ---- Raw data, read past the API ---------------------------------------------------------------

const day = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function rawSources(): Promise<Map<string, RawSource>> {
  const { records } = await driver.executeQuery("MATCH (s:Source) RETURN s.id AS id, s.date AS date, s.retrieved AS retrieved", {}, { database });
  return new Map(records.map((r) => [r.get("id") as string, { date: day(r.get("date")), retrieved: day(r.get("retrieved")) }]));
}

/** Every fact between two entities, with the dates of its ends. */
async function rawFacts(): Promise<RawFact[]> {
  const { records } = await driver.executeQuery(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.sourceId IS NOT NULL
     RETURN type(r) AS type, a.id AS startId, b.id AS endId, r.sourceId AS sourceId, r.evidence AS evidence,
            r.validFrom AS validFrom, r.validTo AS validTo, r.datePrecision AS datePrecision, r.asOf AS asOf,
            [n IN [a, b] | n { .releaseDate, .releaseDatePrecision, .date, .datePrecision }] AS ends`,
    {},
    { database },
  );
  return records.map((r) => ({
    key: [r.get("type"), r.get("startId"), r.get("endId"), r.get("sourceId"), r.get("evidence")].join("|"),
    type: r.get("type"),
    startId: r.get("startId"),
    endId: r.get("endId"),
    sourceId: r.get("sourceId"),
    validFrom: day(r.get("validFrom")),
    validTo: day(r.get("validTo")),
    datePrecision: r.get("datePrecision"),
    asOf: day(r.get("asOf")),
    ends: (r.get("ends") as Array<Record<string, unknown>>).map((e) => ({
      releaseDate: day(e.releaseDate), releaseDatePrecision: (e.releaseDatePrecision as string) ?? null,
      date: day(e.date), datePrecision: (e.datePrecision as string) ?? null,
    })),
  }));
}

const NEIGHBOURHOOD = `query ($id: ID!, $asOf: Date, $knownAt: Date) {
  neighbourhood(id: $id, limit: 100, asOf: $asOf, knownAt: $knownAt) {
    totalFacts sources { id } facts { relationship direction other { id } sourceId evidence } } }`;

/** A neighbourhood's facts in the oracle's keys. */
const factKeys = (id: string, facts: Array<{ relationship: string; direction: string; other: { id: string }; sourceId: string; evidence: string }>) =>
  facts
    .map((f) => {
      const [from, to] = f.direction === "FORWARD" ? [id, f.other.id] : [f.other.id, id];
      return [f.relationship, from, to, f.sourceId, f.evidence].join("|");
    })
    .sort();

// The companies, labs and events the graph knows most about, and days before, during and after
// what the sources report (the first reports of 2023, the listings of January 2026).
const ENTITIES = ["zhipu-ai", "minimax", "moonshot-ai", "deepseek", "alibaba", "tsinghua-university"];
const DAYS = ["2023-06-30", "2024-06-30", "2024-12-31", "2025-06-30", "2026-01-05", "2026-01-31"];

describe("neighbourhood as of a date and as known at a date", () => {
  it("holds exactly the facts the stated rule keeps, for every entity and day tried", async () => {
    const [facts, sources] = await Promise.all([rawFacts(), rawSources()]);
    let narrowed = 0;
    for (const id of ENTITIES) {
      const around = facts.filter((f) => f.startId === id || f.endId === id);
      expect(around.length, `${id} has facts`).toBeGreaterThan(0);
      for (const view of DAYS.flatMap((d) => [{ asOf: d }, { knownAt: d }, { asOf: d, knownAt: "2026-01-31" }])) {
        const { neighbourhood } = await data(NEIGHBOURHOOD, { id, ...view });
        const expected = around.filter((f) => inView(f, facts, sources, view)).map((f) => f.key).sort();
        expect(factKeys(id, neighbourhood.facts), `${id} ${JSON.stringify(view)}`).toEqual(expected);
        expect(neighbourhood.totalFacts).toBe(expected.length);
        if (expected.length < around.length) narrowed += 1;
        // Sources named in a knownAt view were all published by then.
        if (view.knownAt) for (const s of neighbourhood.sources) expect(known(sources.get(s.id), view.knownAt), s.id).toBe(true);
      }
    }
    // The views narrow for real: most of the cases tried leave something out.
    expect(narrowed).toBeGreaterThan(ENTITIES.length * DAYS.length);
  });

  it("keeps, of a holder's stakes, the latest at the date, and both when their dates cannot order them", async () => {
    const facts = await rawFacts();
    // Pairs with more than one dated holding: the latest-holding rule is only seen on them.
    const pairs = new Map<string, RawFact[]>();
    for (const f of facts.filter((f) => f.type === "SHAREHOLDER_OF" && f.asOf !== null)) {
      pairs.set(`${f.startId}>${f.endId}`, [...(pairs.get(`${f.startId}>${f.endId}`) ?? []), f]);
    }
    const repeated = [...pairs.values()].filter((holdings) => holdings.length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    for (const holdings of repeated) {
      const [holder, held] = [holdings[0]!.startId, holdings[0]!.endId];
      const ends = holdings.map((h) => lastDay(h.asOf!, h.datePrecision)).sort();
      const latestEnd = ends.at(-1)!;
      const stakes = async (asOf: string) => {
        const { neighbourhood } = await data(
          `query ($id: ID!, $asOf: Date) { neighbourhood(id: $id, limit: 100, asOf: $asOf) { facts { relationship direction other { id } asOf } } }`,
          { id: held, asOf },
        );
        return (neighbourhood.facts as Array<{ relationship: string; direction: string; other: { id: string }; asOf: string }>)
          .filter((f) => f.relationship === "SHAREHOLDER_OF" && f.direction === "BACKWARD" && f.other.id === holder)
          .map((f) => f.asOf);
      };
      // Before the first holding's period is over, none; once all are over, each that no other
      // certainly follows.
      const dayBefore = new Date(Date.parse(`${ends[0]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(await stakes(dayBefore)).toEqual([]);
      const after = await stakes(latestEnd);
      const expected = holdings
        .filter((h) => !holdings.some((o) => o.asOf! > lastDay(h.asOf!, h.datePrecision)))
        .map((h) => h.asOf!)
        .sort();
      expect(after.sort(), `${holder} in ${held}`).toEqual(expected);
      expect(after.length).toBeGreaterThan(0);
    }
  });
});

describe("figures and connections as of a date", () => {
  const SERIES = `query ($id: ID!, $asOf: Date, $knownAt: Date) {
    metricSeries(companyId: $id, metric: revenue, asOf: $asOf, knownAt: $knownAt) { points { metricId periodEnd sourceId } } }`;

  it("a series as of a day holds the figures whose period had ended; known at a day, those published", async () => {
    const sources = await rawSources();
    for (const id of ["zhipu-ai", "minimax"]) {
      const all = (await data(SERIES, { id })).metricSeries.points as Array<{ metricId: string; periodEnd: string; sourceId: string }>;
      expect(all.length).toBeGreaterThan(1);
      for (const d of DAYS) {
        const asOf = (await data(SERIES, { id, asOf: d })).metricSeries.points;
        expect(asOf).toEqual(all.filter((p) => p.periodEnd <= d));
        const knownAt = (await data(SERIES, { id, knownAt: d })).metricSeries.points;
        expect(knownAt).toEqual(all.filter((p) => known(sources.get(p.sourceId), d)));
      }
    }
  });

  it("compares in one currency only at the rates there were at the day", async () => {
    const query = `query ($asOf: Date) { compareCompanies(companyIds: ["zhipu-ai", "minimax"], metric: revenue, currency: USD, asOf: $asOf) {
      points { periodEnd unit conversion { rates { periodEnd } } } } }`;
    const converted = (answer: any) => answer.compareCompanies.flatMap((s: any) => s.points).filter((p: any) => p.conversion);
    const today = converted(await data(query, {}));
    expect(today.length).toBeGreaterThan(0);
    const rateDays = today.flatMap((p: any) => p.conversion.rates.map((r: any) => r.periodEnd)).sort();
    // The day before the first rate: nothing can be converted, and nothing is.
    const before = new Date(Date.parse(`${rateDays[0]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const thenAnswer = await data(query, { asOf: before });
    expect(converted(thenAnswer)).toEqual([]);
    for (const p of thenAnswer.compareCompanies.flatMap((s: any) => s.points)) expect(p.periodEnd <= before).toBe(true);
  });

  it("a connection as of a day goes only through facts that held then", async () => {
    const [facts, sources] = await Promise.all([rawFacts(), rawSources()]);
    const byHop = (hop: any) => {
      const [from, to] = hop.direction === "FORWARD" ? [hop.from.id, hop.to.id] : [hop.to.id, hop.from.id];
      return facts.find((f) => f.type === hop.relationship && f.startId === from && f.endId === to && f.sourceId === hop.sourceId)!;
    };
    const query = `query ($from: ID!, $to: ID!, $asOf: Date) { allShortestConnections(fromId: $from, toId: $to, limit: 50, asOf: $asOf) {
      length paths { hops { relationship direction from { id } to { id } sourceId } } } }`;
    let answered = 0;
    for (const [from, to] of [["tsinghua-university", "alibaba-cloud"], ["minimax", "zhipu-ai"], ["deepseek", "alibaba"]]) {
      const now = (await data(query, { from, to })).allShortestConnections;
      for (const asOf of ["2023-06-30", "2024-12-31"]) {
        const then = (await data(query, { from, to, asOf })).allShortestConnections;
        if (!then) continue;
        answered += 1;
        // Fewer facts can only make the way longer.
        expect(then.length).toBeGreaterThanOrEqual(now.length);
        for (const path of then.paths) for (const hop of path.hops) expect(inView(byHop(hop), facts, sources, { asOf }), JSON.stringify(hop)).toBe(true);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });

  it("refuses a date that is not a day with a coded error", async () => {
    const bad = await api.gql(`{ neighbourhood(id: "zhipu-ai", asOf: "last year") { totalFacts } }`);
    expect(bad.body.errors?.[0]?.message).toMatch(/Date/);
    const badVariable = await api.gql(`query ($d: Date) { metricSeries(companyId: "zhipu-ai", metric: revenue, knownAt: $d) { points { value } } }`, { d: "2024-13-01" });
    expect(badVariable.body.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
