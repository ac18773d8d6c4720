// The graph seen at a date, two ways (docs/api.md, "As of a date"):
//   asOf    what was true then: facts valid at that date, of holdings the latest at or before it,
//           figures whose period had ended by then;
//   knownAt what had been published by then: facts and figures whose source was published on or
//           before it.
// Both only ever count what the dates show. A date is the first day of its period (datePrecision),
// so a fact dated "2024" (a year) holds as of 2024-12-31, not as of 2024-06-30: the source does not
// say it held in June. A fact its source does not date cannot have begun before both its ends were
// there: a model's release, an event's date (a lab RELEASED a model once it was released, an investor
// INVESTED_IN a round once it took place). With neither end dated either, it is kept at every asOf
// (validFrom null in the answer tells a client which these are). A source with no publication date
// counts as published when we retrieved it, the latest day it can have been published.
// Every fragment reads the parameters $asOf and $knownAt (ISO days or null); none splices text.
import { userError } from "./errors.ts";

export interface TimeView {
  asOf: string | null;
  knownAt: string | null;
}

export const NO_TIME_VIEW: TimeView = { asOf: null, knownAt: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A date argument as an ISO day; the generated Date scalar gives a driver Date, a string may come too. */
function isoDay(name: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  const day = new Date(`${text}T00:00:00Z`);
  if (!DAY.test(text) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) {
    throw userError(`${name} must be a day of the calendar as YYYY-MM-DD`);
  }
  return text;
}

export function parseTimeView(args: { asOf?: unknown; knownAt?: unknown }): TimeView {
  return { asOf: isoDay("asOf", args.asOf), knownAt: isoDay("knownAt", args.knownAt) };
}

/** The last day of the period a stored date opens (its precision: day, month or year). */
const periodEnd = (date: string, precision: string) =>
  `CASE ${precision} WHEN 'year' THEN ${date} + duration({years: 1}) - duration({days: 1})
                     WHEN 'month' THEN ${date} + duration({months: 1}) - duration({days: 1})
                     ELSE ${date} END`;

/** A source, by its node, published on or before $knownAt. A source's date is text of 4, 7 or 10
 *  characters (a year, a month, a day); undated, the day we retrieved it bounds its publication. */
export const sourceKnown = (s: string) =>
  `CASE WHEN ${s}.date IS NOT NULL
        THEN ${periodEnd(`date(${s}.date + substring('-01-01', size(${s}.date) - 4))`, `CASE size(${s}.date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' ELSE 'day' END`)} <= date($knownAt)
        ELSE ${s}.retrieved IS NOT NULL AND date(${s}.retrieved) <= date($knownAt) END`;

/**
 * The view's two lists, computed once at the start of a query (so that a path search can test each
 * relationship with plain property reads): knownSourceIds, the ids of the sources published by
 * $knownAt, and supersededHoldings, the holdings a certainly later counted holding replaces at $asOf.
 * Opens a query: `${VIEW_LISTS} MATCH ...`; later clauses must carry both variables on.
 */
export const VIEW_LISTS = `WITH COLLECT { MATCH (known:Source) WHERE $knownAt IS NOT NULL AND ${sourceKnown("known")} RETURN known.id } AS knownSourceIds
WITH knownSourceIds, COLLECT {
  MATCH (holder)-[held:SHAREHOLDER_OF]->(company)
  WHERE $asOf IS NOT NULL AND held.asOf IS NOT NULL AND EXISTS {
    MATCH (holder)-[later:SHAREHOLDER_OF]->(company)
    WHERE later.asOf > ${periodEnd("held.asOf", "held.datePrecision")} AND ${periodEnd("later.asOf", "later.datePrecision")} <= date($asOf)
      AND ($knownAt IS NULL OR later.sourceId IN knownSourceIds) }
  RETURN elementId(held) } AS supersededHoldings`;

/** Whatever carries a sourceId (a fact or a figure) and whose source was published by $knownAt. */
const stateKnown = (x: string) => `($knownAt IS NULL OR ${x}.sourceId IN knownSourceIds)`;

/** An entity that had come to be by $asOf: a model released, an event (round, listing, batch) dated
 *  on or before it; entities without such a date (companies, people) are not narrowed. */
const endBegun = (e: string) =>
  `(${e}.releaseDate IS NULL OR ${periodEnd(`${e}.releaseDate`, `${e}.releaseDatePrecision`)} <= date($asOf))
   AND (${e}.date IS NULL OR ${periodEnd(`${e}.date`, `${e}.datePrecision`)} <= date($asOf))`;

/**
 * A fact (relationship r) in the view; needs VIEW_LISTS. As of a date: begun by then (its whole
 * validFrom period on or before it, or undated, both its ends begun) and not ended before it. A
 * holding (asOf on the edge, datePrecision its precision) counts once its whole asOf period is over,
 * unless a holding of the same holder in the same company is certainly later (begins after this
 * one's period ends) and counts too; two that their dates cannot order are both kept.
 */
export const factInView = (r: string) =>
  `(($asOf IS NULL OR (
      (CASE WHEN ${r}.validFrom IS NOT NULL THEN ${periodEnd(`${r}.validFrom`, `${r}.datePrecision`)} <= date($asOf)
            ELSE all(end IN [startNode(${r}), endNode(${r})] WHERE ${endBegun("end")}) END)
      AND (${r}.validTo IS NULL OR ${r}.validTo >= date($asOf))
      AND (${r}.asOf IS NULL OR (${periodEnd(`${r}.asOf`, `${r}.datePrecision`)} <= date($asOf) AND NOT elementId(${r}) IN supersededHoldings))))
    AND ${stateKnown(r)})`;

/** A figure (Metric m) in the view, needs VIEW_LISTS: its period ended by $asOf, its source published by $knownAt. */
export const figureInView = (m: string) => `(($asOf IS NULL OR ${m}.periodEnd <= date($asOf)) AND ${stateKnown(m)})`;

/** A source (node s) in the view, needs VIEW_LISTS: published by $knownAt (asOf does not narrow sources). */
export const sourceInView = (s: string) => `($knownAt IS NULL OR ${s}.id IN knownSourceIds)`;

export const timeParams = (view: TimeView) => ({ asOf: view.asOf, knownAt: view.knownAt });
