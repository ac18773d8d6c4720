// Dates as precise as a source gives them ('2024', '2026-01', '2026-01-12'). No database;
// unit-tested in test/dates.test.ts.
import type { DATE_PRECISIONS } from "./model.ts";

export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' as its first day and precision; null if not a calendar date. */
export function datedFrom(value: string): { date: string; precision: DatePrecision } | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return null;
  const [year, month = "01", day = "01"] = [match[1]!, match[2], match[3]];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  const precision: DatePrecision = match[3] ? "day" : match[2] ? "month" : "year";
  return { date: `${year}-${month}-${day}`, precision };
}

/** The last day of the period a partial date stands for ('2025' → 2025-12-31, '2025-01' → 2025-01-31). */
export function periodEndOf(value: string): string | null {
  const dated = datedFrom(value);
  if (!dated) return null;
  const [year, month] = [Number(dated.date.slice(0, 4)), Number(dated.date.slice(5, 7))];
  if (dated.precision === "day") return dated.date;
  const end = dated.precision === "year" ? new Date(Date.UTC(year, 11, 31)) : new Date(Date.UTC(year, month, 0));
  return end.toISOString().slice(0, 10);
}

/**
 * Of the dates sources give for one event, the earliest by which any says it had happened: the
 * one whose period ends first ('2025-01-20' before '2025-01', which may mean the 31st). Null for none.
 */
export function earliestStated(values: string[]): { value: string; date: string; precision: DatePrecision } | null {
  let best: { value: string; end: string } | null = null;
  for (const value of values) {
    const end = periodEndOf(value);
    if (end && (!best || end < best.end)) best = { value, end };
  }
  if (!best) return null;
  const dated = datedFrom(best.value)!;
  return { value: best.value, ...dated };
}
