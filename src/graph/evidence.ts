// Pure checks on what a source says: whether an evidence span names an entity, and dates given as
// precisely as the source gives them. No database; unit-tested in test/evidence.test.ts.
import * as OpenCC from "opencc-js";
import type { DATE_PRECISIONS } from "./model.ts";

export type DatePrecision = (typeof DATE_PRECISIONS)[number];

// The article is a machine conversion with Simplified leftovers (云, 后): compare in one script.
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const fold = (text: string) => toSimplified(text).toLowerCase();

/** True when the span names the entity by its English name, either Chinese name or an alias, in
 *  either script and in any letter case. */
export function namesEntity(
  evidence: string,
  entity: { name: string; nameZhHans: string; nameZhHant: string; aliases: string[] },
): boolean {
  const span = fold(evidence);
  return [entity.name, entity.nameZhHans, entity.nameZhHant, ...entity.aliases].some((name) => span.includes(fold(name)));
}

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
