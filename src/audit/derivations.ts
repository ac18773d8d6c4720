// Derived figures that check themselves: a figure a source derives from others (a CAGR, a
// year-on-year growth, a multiple, a monthly average, a currency conversion) is recomputed from its
// inputs. Pure logic, no database: test/unit/derivations.test.ts.
//
// Printed figures are rounded, so a check compares ranges, not points: an input is taken to be
// exact to its last non-zero digit (5740萬 is 57.35-57.45 million; trailing zeros are not
// significant), a stated result to its last printed decimal (130 % is 129.5-130.5 %), and an input
// given as a lower bound (超5億) makes the computed value a bound too.

export type Verdict = "consistent" | "consistentWithinRounding" | "differs" | "unverifiable";

export interface AuditedFigure {
  metricId: string;
  /** The company or event the figure is about, when read from the graph. */
  subject?: { id: string; name: string } | null;
  metric: string;
  value: number;
  unit: string;
  comparator: string;
  periodStart: string | null;
  periodEnd: string;
  periodLabel: string;
}

export interface DerivationCheck {
  stated: number;
  /** The result from the inputs as printed; null when the source does not give the inputs. */
  computed: number | null;
  /** The range the result can take given the inputs' rounding (high is Infinity for a lower bound). */
  computedLow: number | null;
  computedHigh: number | null;
  /** stated − computed, when both exist. */
  difference: number | null;
  verdict: Verdict;
  explanation: string;
}

interface Range {
  low: number;
  high: number;
}

/** Half a unit of an integer's last non-zero digit: 57,400,000 → 50,000; 3 → 0.5. */
export function inputTolerance(value: number): number {
  if (!Number.isInteger(value)) return 0.5 * 10 ** -decimals(value);
  let step = 1;
  while (value !== 0 && value % (step * 10) === 0) step *= 10;
  return step / 2;
}

/** Half a unit of a stated result's last printed decimal: 130 → 0.5; 782.2 → 0.05. */
export const statedTolerance = (value: number): number => 0.5 * 10 ** -decimals(value);

function decimals(value: number): number {
  const text = String(value);
  return text.includes(".") ? text.split(".")[1]!.length : 0;
}

const rangeOf = (f: AuditedFigure): Range =>
  f.comparator === "gt" ? { low: f.value, high: Infinity } : { low: f.value - inputTolerance(f.value), high: f.value + inputTolerance(f.value) };

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const monthsBetween = (start: string, end: string) =>
  (yearOf(end) - yearOf(start)) * 12 + (Number(end.slice(5, 7)) - Number(start.slice(5, 7))) + 1;
const byPeriod = (a: AuditedFigure, b: AuditedFigure) => a.periodEnd.localeCompare(b.periodEnd);

type Formula = { point: number; range: Range } | { missing: string };

/** The result and its range; `f` is increasing in its first argument and decreasing in its second. */
function ratio(f: (top: number, bottom: number) => number, top: AuditedFigure, bottom: AuditedFigure): Formula {
  const t = rangeOf(top);
  const b = rangeOf(bottom);
  return { point: f(top.value, bottom.value), range: { low: f(t.low, b.high), high: f(t.high, b.low) } };
}

function compute(derivation: string, figure: AuditedFigure, inputs: AuditedFigure[]): Formula {
  const ordered = [...inputs].sort(byPeriod);
  switch (derivation) {
    case "cagr": {
      if (ordered.length < 2) return { missing: "the source gives only one end of the period" };
      const [start, end] = [ordered[0]!, ordered.at(-1)!];
      const years = yearOf(end.periodEnd) - yearOf(start.periodEnd);
      if (years <= 0) return { missing: "the inputs are not in different years" };
      return ratio((top, bottom) => ((top / bottom) ** (1 / years) - 1) * 100, end, start);
    }
    case "yoy":
      if (ordered.length < 2) return { missing: "the source does not give the figure of the year before" };
      return ratio((top, bottom) => (top / bottom - 1) * 100, ordered.at(-1)!, ordered[0]!);
    case "multiple":
      if (ordered.length < 2) return { missing: "the source gives only one of the two levels" };
      return ratio((top, bottom) => top / bottom, ordered.at(-1)!, ordered[0]!);
    case "average": {
      const total = ordered[0];
      if (!total) return { missing: "the source does not give the total it averages" };
      const months = figure.periodStart ? monthsBetween(figure.periodStart, figure.periodEnd) : 0;
      if (months <= 0) return { missing: "the figure's period is not known to the month" };
      const r = rangeOf(total);
      return { point: total.value / months, range: { low: r.low / months, high: r.high / months } };
    }
    case "conversion": {
      const rate = inputs.find((i) => i.metric === "fxRate");
      const amount = inputs.find((i) => i.metric !== "fxRate");
      if (!rate || !amount) return { missing: "no sourced exchange rate is linked to this figure" };
      return ratio((top, bottom) => top / bottom, amount, rate);
    }
    default:
      return { missing: `unknown derivation '${derivation}'` };
  }
}

const format = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "∞");

export function checkDerivation(figure: AuditedFigure, derivation: string, inputs: AuditedFigure[]): DerivationCheck {
  const stated = figure.value;
  const result = compute(derivation, figure, inputs);
  if ("missing" in result) {
    return { stated, computed: null, computedLow: null, computedHigh: null, difference: null, verdict: "unverifiable", explanation: `cannot be recomputed: ${result.missing}` };
  }
  const tolerance = statedTolerance(stated);
  const statedRange: Range = figure.comparator === "gt" ? { low: stated, high: Infinity } : { low: stated - tolerance, high: stated + tolerance };
  const { point, range } = result;
  const base = { stated, computed: point, computedLow: range.low, computedHigh: range.high, difference: stated - point };
  const computedText = `${format(point)} (${format(range.low)}–${format(range.high)} given the rounding of its inputs)`;
  if (point >= statedRange.low && point <= statedRange.high) {
    return { ...base, verdict: "consistent", explanation: `stated ${format(stated)}, computed ${computedText}` };
  }
  if (range.low <= statedRange.high && range.high >= statedRange.low) {
    return { ...base, verdict: "consistentWithinRounding", explanation: `stated ${format(stated)}, computed ${computedText}: within the rounding of the inputs` };
  }
  return { ...base, verdict: "differs", explanation: `stated ${format(stated)}, computed ${computedText}: differs by ${format(stated - point)}` };
}
