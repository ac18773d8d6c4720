// The history of releases: one (:GraphRelease) node per load that changed the graph, numbered in
// order (number, and previous: the number of the one before), with its counts and its change list.
// The swap writes it in its own transaction (staging.ts), so a killed load leaves the old graph
// with the old history or the new graph with the new one. Loading the same content again records
// no release: nothing changed, and the latest release still describes the graph.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Driver, int } from "neo4j-driver";
import { PROJECT_ROOT } from "../config.ts";
import { CHANGE_KINDS, type ChangeItem, type ChangeCounts, describeCounts, describeItems, type GraphDiff, PLURAL, totalChanges } from "./graph-diff.ts";

export const RELEASE_LABEL = "GraphRelease";

/** The most change items one release stores: its counts are always whole, its list up to this
 *  (a load that rewrote a million-node graph would otherwise hold them all in the swap's memory). */
export const MAX_STORED_CHANGES = 10_000;

/** How many changes the load prints, first by kind and id. */
export const PRINTED_CHANGES = 10;

export interface ReleaseRef {
  number: number;
  version: string;
  contentHash: string;
}

/** What a load says about the changes it made, in its result. */
export interface ChangeSummary {
  /** The release this load recorded, or null when it changed nothing. */
  release: ReleaseRef | null;
  /** The release it follows, or null for the first of the history. */
  previous: ReleaseRef | null;
  /** True when it replaced no graph: everything is added, and no item list is stored. */
  initial: boolean;
  counts: ChangeCounts;
  /** The first PRINTED_CHANGES items. */
  first: ChangeItem[];
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A release's version: the package's version and the content's hash, as a data release names it. */
export const releaseVersion = (contentHash: string) => `${PACKAGE_VERSION}+${contentHash}`;

/** The newest release of the history; `transactionConfig`: the load's (its id and timeout). */
export async function latestRelease(driver: Driver, database: string | undefined, transactionConfig: { metadata: Record<string, unknown>; timeout: number }): Promise<ReleaseRef | null> {
  const { records } = await driver.executeQuery(
    `MATCH (r:${RELEASE_LABEL}) RETURN r.number AS number, r.version AS version, r.contentHash AS contentHash ORDER BY r.number DESC LIMIT 1`,
    {},
    { database, transactionConfig },
  );
  const r = records[0];
  return r ? { number: Number(r.get("number")), version: r.get("version"), contentHash: r.get("contentHash") } : null;
}

/** Whether a load records a release: it changed something, or its content is not the latest release's
 *  (the first load under this history, or files that hash differently and store the same). */
export const recordsRelease = (latest: ReleaseRef | null, contentHash: string, diff: GraphDiff) =>
  latest === null || latest.contentHash !== contentHash || totalChanges(diff.counts) > 0;

/** The release node's properties (loadedAt is the swap's, set when written). */
export function releaseProperties(release: ReleaseRef, previous: ReleaseRef | null, diff: GraphDiff, initial: boolean): Record<string, unknown> {
  const stored = initial ? [] : diff.items.slice(0, MAX_STORED_CHANGES);
  const counts: Record<string, unknown> = {};
  for (const kind of CHANGE_KINDS) {
    for (const change of ["added", "removed", "changed"] as const) counts[`${PLURAL[kind]}${change[0]!.toUpperCase()}${change.slice(1)}`] = int(diff.counts[kind][change]);
  }
  return {
    number: int(release.number),
    version: release.version,
    contentHash: release.contentHash,
    previous: previous ? int(previous.number) : null,
    initial,
    ...counts,
    changesTotal: int(totalChanges(diff.counts)),
    changesStored: int(stored.length),
    // One JSON text: Cypher reads it with apoc.convert.fromJsonList, the API parses it.
    changes: JSON.stringify(stored),
  };
}

/** Written by the swap's transaction, after GraphMeta, with GraphMeta's loadedAt. */
export const WRITE_RELEASE_CYPHER = `
  MATCH (g:GraphMeta {id: 'graph'})
  CREATE (r:${RELEASE_LABEL})
  SET r = $release, r.loadedAt = g.loadedAt`;

/** The load's report: the counts, and the first changes by kind and id. */
export function describeChanges(summary: ChangeSummary): string[] {
  const since = summary.previous ? `release ${summary.previous.number} (${summary.previous.version})` : "no earlier release";
  if (!summary.release) return [`no change since ${since}: no release recorded`];
  const head = `release ${summary.release.number} (${summary.release.version}), after ${since}`;
  if (summary.initial) return [`${head}: the first graph of this database, everything added: ${describeCounts(summary.counts)}`];
  return [`${head}: ${describeCounts(summary.counts)}`, ...describeItems(summary.first, PRINTED_CHANGES, totalChanges(summary.counts)).map((line) => `  ${line}`)];
}
