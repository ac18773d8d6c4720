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
