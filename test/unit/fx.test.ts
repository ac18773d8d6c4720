// Conversion at sourced rates, without a database.
import { describe, expect, it } from "vitest";
import { convert, type FxRate } from "../../src/api/fx.ts";

const rate = (baseCurrency: string, unit: string, value: number): FxRate => ({
  metricId: `fx-${baseCurrency}-${unit}`,
  baseCurrency,
  unit,
  value,
  periodEnd: "2026-01-09",
  sourceId: `src-${baseCurrency}-${unit}`,
});
const rates = [rate("USD", "HKD", 7.794), rate("HKD", "CNY", 0.9)];

describe("convert", () => {
  it("uses a rate in either direction", () => {
    expect(convert(165, "HKD", "USD", rates)!.value).toBeCloseTo(21.17, 2);
    expect(convert(21.17, "USD", "HKD", rates)!.value).toBeCloseTo(165, 0);
  });
  it("crosses through a third currency, and names both rates it used", () => {
    const result = convert(312_400_000, "CNY", "USD", rates)!;
    expect(result.value).toBeCloseTo(312_400_000 / 0.9 / 7.794, 0);
    expect(result.rates.map((r) => r.metricId)).toEqual(["fx-HKD-CNY", "fx-USD-HKD"]);
  });
  it("leaves a value in the target currency as it is, and refuses a pair no rates connect", () => {
    expect(convert(5, "USD", "USD", rates)).toEqual({ value: 5, rate: 1, rates: [] });
    expect(convert(5, "USD", "EUR", rates)).toBeNull();
  });
});
