// The audit's arithmetic, without a database: each verdict from figures as the article prints them.
import { describe, expect, it } from "vitest";
import { type AuditedFigure, checkDerivation, inputTolerance, statedTolerance } from "../../src/audit/derivations.ts";

const figure = (value: number, periodEnd: string, extra: Partial<AuditedFigure> = {}): AuditedFigure => ({
  metricId: `m-${value}-${periodEnd}`,
  metric: "revenue",
  value,
  unit: "CNY",
  comparator: "eq",
  periodStart: null,
  periodEnd,
  periodLabel: periodEnd,
  ...extra,
});

describe("rounding", () => {
  it("takes an input to be exact to its last non-zero digit (trailing zeros are not significant)", () => {
    expect(inputTolerance(57_400_000)).toBe(50_000); // 5740萬
    expect(inputTolerance(312_400_000)).toBe(50_000); // 3.124億
    expect(inputTolerance(3_500_000)).toBe(50_000); // 350萬
    expect(inputTolerance(53_440_000)).toBe(5_000); // 5344萬
  });
  it("takes a stated result to be exact to its last printed decimal", () => {
    expect(statedTolerance(130)).toBe(0.5);
    expect(statedTolerance(782.2)).toBeCloseTo(0.05);
  });
});

describe("checkDerivation", () => {
  it("finds that Zhipu's stated 130 % CAGR differs from the 133.3 % its own revenues give", () => {
    const check = checkDerivation(figure(130, "2024-12-31", { metric: "revenueCagr", unit: "percent" }), "cagr", [
      figure(312_400_000, "2024-12-31"),
      figure(57_400_000, "2022-12-31"),
    ]);
    expect(check.verdict).toBe("differs");
    expect(check.computed).toBeCloseTo(133.29, 2);
    expect(check.difference).toBeCloseTo(-3.29, 2);
    expect(check.explanation).toMatch(/^stated 130, computed 133\.29 \(133\.17–133\.41/);
  });

  it("finds MiniMax's 782.2 % consistent once the rounding of 350萬 and 3050萬 is allowed for", () => {
    const check = checkDerivation(figure(782.2, "2024-12-31", { metric: "revenueGrowth", unit: "percent" }), "yoy", [
      figure(3_500_000, "2023-12-31"),
      figure(30_500_000, "2024-12-31"),
    ]);
    expect(check.computed).toBeCloseTo(771.43, 2);
    expect(check.verdict).toBe("consistentWithinRounding");
  });

  it("treats a lower-bound input as making the result a bound: 2000萬 to 超5億 is at least 25 times", () => {
    const check = checkDerivation(figure(25, "2025-12-31", { unit: "times" }), "multiple", [
      figure(20_000_000, "2025-02-28"),
      figure(500_000_000, "2025-12-31", { comparator: "gt" }),
    ]);
    expect(check.verdict).toBe("consistent");
    expect(check.computedHigh).toBe(Infinity);
  });

  it("says a growth cannot be checked when the source omits the year-before figure", () => {
    const check = checkDerivation(figure(325, "2025-06-30", { unit: "percent" }), "yoy", [figure(191_000_000, "2025-06-30")]);
    expect(check).toMatchObject({ verdict: "unverifiable", computed: null });
    expect(check.explanation).toContain("does not give the figure of the year before");
  });

  it("averages a total over the months of the figure's own period", () => {
    const average = figure(300_000_000, "2025-06-30", { periodStart: "2025-01-01" });
    expect(checkDerivation(average, "average", [figure(1_800_000_000, "2025-06-30")]).verdict).toBe("consistent");
    expect(checkDerivation(average, "average", [figure(2_400_000_000, "2025-06-30")]).verdict).toBe("differs");
  });

  it("converts an amount at a sourced exchange rate", () => {
    const usd = figure(100_000_000, "2025-12-31", { unit: "USD", comparator: "gt" });
    const rate = figure(7.1, "2025-12-31", { metric: "fxRate", unit: "CNY" });
    expect(checkDerivation(usd, "conversion", [figure(738_000_000, "2025-12-31"), rate]).verdict).toBe("consistent");
    expect(checkDerivation(usd, "conversion", [figure(738_000_000, "2025-12-31")]).verdict).toBe("unverifiable");
  });
});
