// Corroboration counted from the sources' publishers, without a database.
import { describe, expect, it } from "vitest";
import { corroborationOf, roundingUnit, sameDate } from "../../src/graph/corroboration.ts";
import type { MetricRecord, RelationshipRecord, SourceFile } from "../../src/graph/source-file.ts";

const fact = (extra: Partial<RelationshipRecord> = {}): RelationshipRecord =>
  ({ type: "HAD_LISTING", from: "minimax", to: "minimax-hk-listing", evidence: "listed", certainty: "stated", ...extra }) as RelationshipRecord;
const figure = (extra: Partial<MetricRecord> = {}): MetricRecord =>
  ({
    id: `m-${Math.random()}`, event: "zhipu-hk-listing", metric: "sharePriceChange", value: 13.17, unit: "percent", comparator: "eq",
    periodEnd: "2026-01-08", periodLabel: "first day", datePrecision: "day", kind: "actual", certainty: "stated", evidence: "rose", ...extra,
  }) as MetricRecord;
const file = (id: string, publisherId: string, records: { relationships?: RelationshipRecord[]; metrics?: MetricRecord[] }): SourceFile =>
  ({ file: `${id}.json`, source: { id, publisherId }, citedSources: [], entities: [], mentions: [], relationships: [], metrics: [], ...records }) as unknown as SourceFile;

describe("roundingUnit", () => {
  it("is one unit of the last digit a figure is written to", () => {
    expect(roundingUnit(13.17)).toBeCloseTo(0.01);
    expect(roundingUnit(116.2)).toBeCloseTo(0.1);
    expect(roundingUnit(65_000_000)).toBe(1_000_000);
    expect(roundingUnit(2_723_000_000)).toBe(1_000_000);
    expect(roundingUnit(7)).toBe(1);
  });
});

describe("sameDate", () => {
  it("agrees when one partial date lies within the other, and when either is missing", () => {
    expect(sameDate("2023", "2023-11")).toBe(true);
    expect(sameDate("2025-10", "2025-10-27")).toBe(true);
    expect(sameDate("2025-10-27", "2025-11-07")).toBe(false);
    expect(sameDate("2023-06", "2023-07")).toBe(false);
    expect(sameDate(undefined, "2023")).toBe(true);
  });
});

describe("corroborationOf", () => {
  it("counts distinct publishers, not pages: an article republished on two sites is one publisher", () => {
    const [a, b, c] = [fact(), fact(), fact()];
    const result = corroborationOf([file("src-scmp", "scmp", { relationships: [a] }), file("src-scmp-mirror", "scmp", { relationships: [b] }), file("src-reuters", "reuters", { relationships: [c] })]);
    expect(result.get(a)).toEqual({ corroboration: "corroborated", publisherCount: 2, corroboratingSourceIds: ["src-reuters"] });
    expect(result.get(c)).toEqual({ corroboration: "corroborated", publisherCount: 2, corroboratingSourceIds: ["src-scmp", "src-scmp-mirror"] });
    const alone = fact({ to: "zhipu-hk-listing", from: "zhipu-ai" });
    expect(corroborationOf([file("src-scmp", "scmp", { relationships: [alone] }), file("src-scmp-mirror", "scmp", { relationships: [fact({ to: "zhipu-hk-listing", from: "zhipu-ai" })] })]).get(alone))
      .toEqual({ corroboration: "single", publisherCount: 1, corroboratingSourceIds: [] });
  });

  it("takes figures written to different precision as one (13.17 % and 13.16 %), and different figures as two", () => {
    const [infoq, yicai, other] = [figure(), figure({ value: 13.16 }), figure({ value: 14.5 })];
    const result = corroborationOf([file("a", "infoq", { metrics: [infoq] }), file("b", "yicai", { metrics: [yicai] }), file("c", "pandaily", { metrics: [other] })]);
    expect(result.get(infoq)!.corroboratingSourceIds).toEqual(["b"]);
    expect(result.get(other)!.corroboration).toBe("single");
  });

  it("compares amounts in two currencies at the graph's own sourced rate, and not at all without one", () => {
    const hkd = figure({ metric: "cornerstoneTotal", event: "minimax-hk-listing", value: 2_723_000_000, unit: "HKD", periodEnd: "2026-01-09" });
    const usd = figure({ metric: "cornerstoneTotal", event: "minimax-hk-listing", value: 350_000_000, unit: "USD", periodEnd: "2026-01-09" });
    const rate = figure({ metric: "fxRate", event: undefined, baseCurrency: "USD", value: 7.794, unit: "HKD", comparator: "approx", periodEnd: "2026-01-09" });
    const withRate = corroborationOf([file("cls", "cls", { metrics: [hkd] }), file("scmp", "scmp", { metrics: [usd] }), file("star", "bloomberg", { metrics: [rate] })]);
    expect(withRate.get(hkd)).toMatchObject({ corroboration: "corroborated", corroboratingSourceIds: ["scmp"] });
    const withoutRate = corroborationOf([file("cls", "cls", { metrics: [hkd] }), file("scmp", "scmp", { metrics: [usd] })]);
    expect(withoutRate.get(hkd)!.corroboration).toBe("single");
  });

  it("does not count two release dates that differ as one fact, nor two periods", () => {
    const early = fact({ type: "RELEASED", from: "minimax", to: "minimax-m2", validFrom: "2025-10-27" });
    const late = fact({ type: "RELEASED", from: "minimax", to: "minimax-m2", validFrom: "2025-11-07" });
    const month = fact({ type: "RELEASED", from: "minimax", to: "minimax-m2", validFrom: "2025-10" });
    const result = corroborationOf([file("a", "csdn", { relationships: [early] }), file("b", "apxml", { relationships: [late] }), file("c", "minimax", { relationships: [month] })]);
    expect(result.get(early)!.corroboratingSourceIds).toEqual(["c"]);
    expect(result.get(late)!.corroboration).toBe("single");
    const h1 = figure({ metric: "revenue", event: undefined, company: "zhipu-ai", value: 191_000_000, unit: "CNY", periodStart: "2025-01-01", periodEnd: "2025-06-30" });
    const fy = figure({ metric: "revenue", event: undefined, company: "zhipu-ai", value: 191_000_000, unit: "CNY", periodStart: "2025-01-01", periodEnd: "2025-12-31" });
    expect(corroborationOf([file("a", "x", { metrics: [h1] }), file("b", "y", { metrics: [fy] })]).get(h1)!.corroboration).toBe("single");
  });

  it("lets a statement that leaves a value out corroborate the fact, and one that gives another value not", () => {
    const withAmount = fact({ type: "CORNERSTONE_IN", from: "adia", amount: 65_000_000, currency: "USD" });
    const without = fact({ type: "CORNERSTONE_IN", from: "adia" });
    const other = fact({ type: "CORNERSTONE_IN", from: "adia", amount: 30_000_000, currency: "USD" });
    const result = corroborationOf([file("a", "scmp", { relationships: [withAmount] }), file("b", "cls", { relationships: [without] }), file("c", "reuters", { relationships: [other] })]);
    expect(result.get(withAmount)!.corroboratingSourceIds).toEqual(["b"]);
    expect(result.get(without)!.publisherCount).toBe(3);
  });
});
