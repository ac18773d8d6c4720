// Corroboration is counted, never typed: how many distinct publishers among the graph's sources
// state the same fact or figure. A publisher is the source block's `publisherId` (the original
// publisher, so an article republished on three sites is one publisher). Pure logic:
// test/unit/corroboration.test.ts.
import { convert, type FxRate } from "../api/fx.ts";
import { datedFrom } from "./dates.ts";
import { metricSubject, type MetricRecord, type RelationshipRecord, type SourceFile } from "./source-file.ts";

export interface Corroboration {
  /** single: one publisher states it; corroborated: two or more distinct publishers do. */
  corroboration: "single" | "corroborated";
  /** Distinct publishers that state it, its own included. */
  publisherCount: number;
  /** The other sources (ids) that state it, of publishers other than its own; sorted. */
  corroboratingSourceIds: string[];
}

/** One unit of the last significant digit a figure is written to: 13.17 → 0.01, 65000000 → 1000000. */
export function roundingUnit(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  const text = Math.abs(value).toPrecision(15).replace(/0+$/, "").replace(/\.$/, "");
  const [whole = "", fraction = ""] = text.split(".");
  if (fraction) return 10 ** -fraction.length;
  const trailingZeros = /0*$/.exec(whole)![0].length;
  return 10 ** trailingZeros;
}

/** A conversion may use a rate a little off the publisher's own: allowed on top of the rounding. */
const CONVERSION_TOLERANCE = 0.01;

/** Two amounts agree when they differ by no more than the less precise one is rounded to (after a
 *  conversion at the graph's sourced rates, within 1 % more); amounts that cannot be converted do not. */
export function sameAmount(a: { value: number; unit?: string | undefined }, b: { value: number; unit?: string | undefined }, rates: FxRate[]): boolean {
  const unitA = a.unit ?? "";
  const unitB = b.unit ?? "";
  if (unitA === unitB) return Math.abs(a.value - b.value) <= Math.max(roundingUnit(a.value), roundingUnit(b.value)) + 1e-9;
  const converted = convert(b.value, unitB, unitA, rates);
  if (!converted) return false;
  const slack = Math.max(roundingUnit(a.value), roundingUnit(b.value) * converted.rate) + CONVERSION_TOLERANCE * Math.abs(a.value);
  return Math.abs(a.value - converted.value) <= slack;
}

/** Two partial dates agree when one lies within the other ('2023' and '2023-11'; not '2023-06' and '2023-07'). */
export function sameDate(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  const [x, y] = [datedFrom(a), datedFrom(b)];
  if (!x || !y) return a === b;
  const shorter = Math.min(a.length, b.length);
  return a.slice(0, shorter) === b.slice(0, shorter);
}

/** A value two statements both give must agree; one a statement leaves out does not count against it. */
const bothAgree = <T>(a: T | undefined, b: T | undefined, same: (x: T, y: T) => boolean) => a === undefined || b === undefined || same(a, b);

export function sameFact(a: RelationshipRecord, b: RelationshipRecord, rates: FxRate[]): boolean {
  if (a.type !== b.type || a.from !== b.from || a.to !== b.to) return false;
  return (
    bothAgree(a.amount, b.amount, (x, y) => sameAmount({ value: x, unit: a.currency }, { value: y, unit: b.currency }, rates)) &&
    bothAgree(a.stakePercent, b.stakePercent, (x, y) => sameAmount({ value: x }, { value: y }, rates)) &&
    sameDate(a.validFrom, b.validFrom) &&
    sameDate(a.validTo, b.validTo) &&
    bothAgree(a.stage, b.stage, (x, y) => x === y) &&
    bothAgree(a.access, b.access, (x, y) => x === y)
  );
}

export function sameFigure(a: MetricRecord, b: MetricRecord, rates: FxRate[]): boolean {
  if (a.metric !== b.metric || metricSubject(a) !== metricSubject(b) || a.kind !== b.kind || a.forecastBy !== b.forecastBy) return false;
  if (a.metric === "fxRate" && a.baseCurrency !== b.baseCurrency) return false;
  // The same period: its end (at the coarser of the two precisions) and its start where both give one.
  const coarser = [a.datePrecision, b.datePrecision].includes("year") ? 4 : [a.datePrecision, b.datePrecision].includes("month") ? 7 : 10;
  if (a.periodEnd.slice(0, coarser) !== b.periodEnd.slice(0, coarser)) return false;
  if (a.periodStart && b.periodStart && a.periodStart !== b.periodStart) return false;
  return sameAmount({ value: a.value, unit: a.unit }, { value: b.value, unit: b.unit }, rates);
}

/** The sourced exchange rates the files hold, in the shape fx.convert takes. */
export function ratesOf(files: SourceFile[]): FxRate[] {
  return files.flatMap((d) =>
    d.metrics
      .filter((m) => m.metric === "fxRate" && m.baseCurrency)
      .map((m) => ({ metricId: m.id, baseCurrency: m.baseCurrency!, unit: m.unit, value: m.value, periodEnd: m.periodEnd, sourceId: d.source.id })),
  );
}

/** The corroboration of every relationship and figure of the files, keyed by the record itself. */
export function corroborationOf(files: SourceFile[]): Map<RelationshipRecord | MetricRecord, Corroboration> {
  const rates = ratesOf(files);
  const result = new Map<RelationshipRecord | MetricRecord, Corroboration>();
  const count = <T extends RelationshipRecord | MetricRecord>(
    statements: Array<{ record: T; sourceId: string; publisher: string }>,
    key: (record: T) => string,
    same: (a: T, b: T) => boolean,
  ) => {
    // Only statements with the same ends (or subject and metric) can agree: compare within a group.
    const groups = new Map<string, typeof statements>();
    for (const s of statements) {
      const k = key(s.record);
      const group = groups.get(k);
      if (group) group.push(s);
      else groups.set(k, [s]);
    }
    for (const group of groups.values()) {
      for (const s of group) {
        const agreeing = group.filter((other) => other === s || same(s.record, other.record));
        const publishers = new Set(agreeing.map((o) => o.publisher));
        result.set(s.record, {
          corroboration: publishers.size > 1 ? "corroborated" : "single",
          publisherCount: publishers.size,
          corroboratingSourceIds: [...new Set(agreeing.filter((o) => o.publisher !== s.publisher).map((o) => o.sourceId))].sort(),
        });
      }
    }
  };
  const publisherOf = (d: SourceFile) => d.source.publisherId ?? d.source.id;
  count(
    files.flatMap((d) => d.relationships.map((record) => ({ record, sourceId: d.source.id, publisher: publisherOf(d) }))),
    (r) => `${r.type}|${r.from}|${r.to}`,
    (a, b) => sameFact(a, b, rates),
  );
  count(
    files.flatMap((d) => d.metrics.map((record) => ({ record, sourceId: d.source.id, publisher: publisherOf(d) }))),
    (m) => `${m.metric}|${metricSubject(m) ?? m.baseCurrency}`,
    (a, b) => sameFigure(a, b, rates),
  );
  return result;
}
