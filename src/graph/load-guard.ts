// What a load may replace. A load mirrors its files exactly, so an empty sources folder once
// loaded "0 sources" and deleted every public node, and /ready then said 200. A folder with no
// source file is refused outright; one whose graph would drop most of the current one is refused
// unless the operator says so (`npm run load -- --allow-shrink`, loadGraph's allowShrink).
import { existsSync, statSync } from "node:fs";
import type { Driver } from "neo4j-driver";
import { displayPath, sourceFilesIn } from "./source-file.ts";

/** A graph's size in the node kinds readers see. */
export interface GraphSize {
  sources: number;
  entities: number;
  metrics: number;
}

/** The graph readers see now: its size, and its content hash (null when no load published one). */
export interface PublishedSize extends GraphSize {
  contentHash: string | null;
}

/** A load that keeps less than this share of the current sources or entities needs allowShrink:
 *  removing a source or two is an edit, losing most of the graph is a wrong folder. */
export const KEPT_SHARE_WITHOUT_FLAG = 0.5;

export const ALLOW_SHRINK_FLAG = "--allow-shrink";

export class NoSourcesError extends Error {
  override name = "NoSourcesError";
  constructor(where: string) {
    super(`No source files (*.json) in ${where}: a load of no sources would delete the whole graph, so it is refused; nothing was written`);
  }
}

export class GraphShrinkError extends Error {
  override name = "GraphShrinkError";
  constructor(message: string) {
    super(message);
  }
}

/** The source files of a folder; a missing folder, or one without any, is refused by name. */
export function sourceFolderFiles(dir: string): string[] {
  const where = `the folder ${displayPath(dir)}`;
  if (!existsSync(dir)) throw new NoSourcesError(`${where} (it does not exist)`);
  if (!statSync(dir).isDirectory()) throw new NoSourcesError(`${where} (it is not a folder)`);
  const files = sourceFilesIn(dir);
  if (files.length === 0) throw new NoSourcesError(where);
  return files;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const sizeText = (s: GraphSize) =>
  `${plural(s.sources, "source", "sources")}, ${plural(s.entities, "entity", "entities")}, ${plural(s.metrics, "metric", "metrics")}`;
const isEmpty = (s: GraphSize) => s.sources === 0 && s.entities === 0 && s.metrics === 0;

/** "replaces graph <hash>: N sources, M entities, K metrics → N', M', K'", or that there was none. */
export function describeReplacement(current: PublishedSize | null, next: GraphSize): string {
  if (!current || isEmpty(current)) return `replaces no graph (the database has none) → ${sizeText(next)}`;
  const graph = current.contentHash ? `graph ${current.contentHash}` : "a graph no load published";
  return `replaces ${graph}: ${sizeText(current)} → ${sizeText(next)}`;
}

/** Why this load may not replace the current graph without allowShrink, or null when it may. */
export function shrinkRefusal(current: PublishedSize | null, next: GraphSize, { allowShrink = false }: { allowShrink?: boolean } = {}): string | null {
  if (allowShrink || !current) return null;
  const dropped = (["sources", "entities"] as const).filter((kind) => current[kind] > 0 && next[kind] < current[kind] * KEPT_SHARE_WITHOUT_FLAG);
  if (dropped.length === 0) return null;
  const losses = dropped.map((kind) => `${current[kind] - next[kind]} of its ${current[kind]} ${kind}`).join(" and ");
  return (
    `Refusing a load that would drop most of the current graph: it ${describeReplacement(current, next)}, losing ${losses}; ` +
    `nothing was written. Check the sources folder; if the smaller graph is meant, load again with ${ALLOW_SHRINK_FLAG}.`
  );
}

/** The size of the graph readers see now, read from Neo4j's count store. */
export async function publishedSize(driver: Driver, database: string | undefined): Promise<PublishedSize> {
  const { records } = await driver.executeQuery(
    `CALL () { MATCH (n:Source) RETURN count(n) AS sources }
     CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
     CALL () { MATCH (n:Metric) RETURN count(n) AS metrics }
     OPTIONAL MATCH (g:GraphMeta {id: 'graph'})
     RETURN sources, entities, metrics, g.contentHash AS contentHash`,
    {},
    { database },
  );
  const r = records[0]!;
  return {
    sources: Number(r.get("sources")),
    entities: Number(r.get("entities")),
    metrics: Number(r.get("metrics")),
    contentHash: (r.get("contentHash") as string | null) ?? null,
  };
}
