// changes(since:, limit:): the releases of the graph after a date or a release, newest first, each
// with its counts and its stored change items (src/graph/releases.ts writes them at each load).
import neo4j from "neo4j-driver";
import { CHANGE_KINDS, type ChangeItem, PLURAL } from "../graph/graph-diff.ts";
import { RELEASE_LABEL } from "../graph/releases.ts";
import { ErrorCode, userError } from "./errors.ts";
import { read, type QueryContext } from "./relational.ts";

/** The most change items (and releases) one answer holds. */
export const MAX_CHANGE_ITEMS = 500;

export type Since = { after: "date"; date: string } | { after: "instant"; instant: string } | { after: "version"; version: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\+[0-9a-f]{16}$/;

const isCalendarDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

// Short plain text is echoed so the user sees what was refused; anything else (quotes, brackets,
// long text) is described instead, so a refusal never hands back text that reads like a query.
const ECHOABLE = /^[\p{L}\p{N} .:+-]{0,40}$/u;
const nameSince = (since: string): string =>
  ECHOABLE.test(since) ? `since '${since}'` : `since (${[...since].length} characters of other text)`;

/** since: a day (YYYY-MM-DD: releases loaded that day, UTC, or later), an instant with its offset
 *  (releases loaded after it) or a release's version (releases after the latest of that version). */
export function parseSince(since: string): Since {
  const text = since.trim();
  const named = nameSince(since);
  if (DATE.test(text)) {
    if (!isCalendarDate(text)) throw userError(`${named} is not a date of the calendar`);
    return { after: "date", date: text };
  }
  if (INSTANT.test(text)) {
    if (!isCalendarDate(text.slice(0, 10)) || Number.isNaN(Date.parse(text))) throw userError(`${named} is not a valid date-time`);
    return { after: "instant", instant: text };
  }
  if (VERSION.test(text)) return { after: "version", version: text };
  throw userError(
    `${named} is neither a date (2026-12-01), a date-time with its offset (2026-12-01T09:00:00Z) nor a release version (0.5.0+ and 16 hex digits of the content hash)`,
  );
}

export function checkChangesLimit(limit: number): void {
  if (limit < 1) throw userError("limit must be at least 1");
  if (limit > MAX_CHANGE_ITEMS) throw userError(`limit must be at most ${MAX_CHANGE_ITEMS} change items`, ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED);
}

const countsOf = (r: Record<string, unknown>) =>
  Object.fromEntries(
    CHANGE_KINDS.map((kind) => [
      PLURAL[kind],
      { added: Number(r[`${PLURAL[kind]}Added`] ?? 0), removed: Number(r[`${PLURAL[kind]}Removed`] ?? 0), changed: Number(r[`${PLURAL[kind]}Changed`] ?? 0) },
    ]),
  );

export async function changesSince(ctx: QueryContext, since: Since, limit: number) {
  const records = await read(
    ctx,
    `OPTIONAL MATCH (v:${RELEASE_LABEL} {version: $version})
     WITH max(v.number) AS afterNumber
     RETURN afterNumber, COLLECT {
       MATCH (r:${RELEASE_LABEL})
       WHERE CASE $after
               WHEN 'date' THEN r.loadedAt >= datetime($date)
               WHEN 'instant' THEN r.loadedAt > datetime($instant)
               ELSE r.number > afterNumber
             END
       RETURN r { .*, loadedAt: toString(r.loadedAt) } ORDER BY r.number DESC LIMIT $limit
     } AS releases`,
    { date: null, instant: null, version: null, ...since, limit: neo4j.int(Math.trunc(limit)) },
  );
  const row = records[0];
  if (since.after === "version" && (row?.get("afterNumber") ?? null) === null) {
    throw userError(`No release with version '${since.version}' in this graph's history`, ErrorCode.NOT_FOUND);
  }
  let left = limit;
  return ((row?.get("releases") ?? []) as Array<Record<string, unknown>>).map((r) => {
    const stored = JSON.parse(String(r.changes ?? "[]")) as ChangeItem[];
    const items = stored.slice(0, left);
    left -= items.length;
    const total = Number(r.changesTotal ?? 0);
    return {
      number: Number(r.number),
      version: r.version,
      contentHash: r.contentHash,
      loadedAt: r.loadedAt,
      previous: r.previous === null || r.previous === undefined ? null : Number(r.previous),
      initial: r.initial === true,
      counts: countsOf(r),
      totalChanges: total,
      storedChanges: stored.length,
      items,
      cut: items.length < stored.length,
    };
  });
}
