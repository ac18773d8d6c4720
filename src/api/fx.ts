// Currency conversion at exchange rates that are themselves sourced figures (Metrics with metric
// fxRate), never constants in code. Pure logic: test/unit/fx.test.ts.

export interface FxRate {
  metricId: string;
  /** One baseCurrency is worth `value` units of `unit`. */
  baseCurrency: string;
  unit: string;
  value: number;
  periodEnd: string;
  sourceId: string;
}

export interface Conversion {
  value: number;
  /** What one unit of the original currency is worth in the target, all rates applied. */
  rate: number;
  /** The sourced rates used, in the order applied. */
  rates: FxRate[];
}

/** Converts `value` from one currency to another through at most two sourced rates (a cross rate
 *  through a third currency); null when the rates in the graph do not connect the two. */
export function convert(value: number, from: string, to: string, rates: FxRate[]): Conversion | null {
  if (from === to) return { value, rate: 1, rates: [] };
  // Each rate converts both ways: base → unit multiplies, unit → base divides.
  const steps = rates.flatMap((r) => [
    { from: r.baseCurrency, to: r.unit, factor: r.value, rate: r },
    { from: r.unit, to: r.baseCurrency, factor: 1 / r.value, rate: r },
  ]);
  for (const first of steps.filter((s) => s.from === from)) {
    if (first.to === to) return { value: value * first.factor, rate: first.factor, rates: [first.rate] };
  }
  for (const first of steps.filter((s) => s.from === from)) {
    const second = steps.find((s) => s.from === first.to && s.to === to && s.rate !== first.rate);
    if (second) {
      const rate = first.factor * second.factor;
      return { value: value * rate, rate, rates: [first.rate, second.rate] };
    }
  }
  return null;
}
