// Writes the validated source files into Neo4j. The schema is applied first (Neo4j does not allow
// schema and data changes in one transaction); the new graph is then built beside the current one
// and swapped in by one transaction (staging.ts), so a failure leaves the previous graph whole and
// readers never see half a load. The graph afterwards mirrors the files exactly: loading twice
// gives the same graph, and what a file no longer says is removed.
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Date as Neo4jDate, type Driver, type Integer, int } from "neo4j-driver";
import { loadSourcesConfig, PROJECT_ROOT } from "../config.ts";
import { acquireLoadLease, LoadInProgressError, LoadLeaseLostError, terminateLoadTransactions } from "./load-lock.ts";
import { LoadFailedError, publishedGraph, whatReadersSee, whyLoadFailed } from "./load-failure.ts";
import { describeReplacement, GraphShrinkError, type GraphSize, NoSourcesError, publishedSize, type PublishedSize, shrinkRefusal, sourceFolderFiles } from "./load-guard.ts";
import { type Corroboration, corroborationOf } from "./corroboration.ts";
import { datedFrom, earliestStated } from "./dates.ts";
import { describeEvidenceReport, WRITE_MANIFEST_COMMAND } from "./evidence-manifest.ts";
import { EVENT_LABEL, EVENT_LABELS, QUOTED_SOURCE_KINDS } from "./model.ts";
import { pinyinOf, searchKeys, withoutScriptExceptions } from "./names.ts";
import {
  mentionedEntityIds,
  metricSubject,
  readSourceData,
  relationshipProperties,
  SOURCES_DIR,
  type SourceFile,
} from "./source-file.ts";
import { diffGraphs } from "./graph-diff.ts";
import { everythingAdded, itemsOfRows, readPublishedItems } from "./graph-items.ts";
import { type ChangeSummary, describeChanges, latestRelease, PRINTED_CHANGES, recordsRelease, releaseProperties, releaseVersion } from "./releases.ts";
import { discardStaged, type GraphRows, LOAD_STEP_TIMEOUT_MS, loadTransaction, stageGraph, sweepRetired, swapInStaged } from "./staging.ts";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "cypher", "schema.cypher");

export interface LoadResult {
  sources: number;
  entities: number;
  relationships: number;
  metrics: number;
  mentions: number;
  /** Hash of the loaded files; changes whenever the graph's content does. */
  contentHash: string;
  /** The graph this load replaced, as it was just before (null: the database had none). */
  replaced: PublishedSize | null;
  /** What changed from the graph it replaced, and the release it recorded (releases.ts). */
  changes: ChangeSummary;
}

/** Statements of a .cypher file: comments dropped, split on the ';' that ends a statement. */
export function cypherStatements(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function applySchema(driver: Driver, database?: string, loadId: string = randomUUID()): Promise<void> {
  const options = { database, transactionConfig: loadTransaction(loadId) };
  // A database that has every constraint and index already (each load after the first) skips the
  // statements: each is a schema transaction of its own, most of a small load's fixed cost.
  const { records } = await driver.executeQuery(
    "SHOW INDEXES YIELD name, state RETURN collect(CASE WHEN state = 'ONLINE' THEN name END) AS online",
    {},
    options,
  );
  const online = new Set(records[0]!.get("online") as string[]);
  const statements = cypherStatements(SCHEMA_FILE).filter((statement) => {
    const name = /CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS/.exec(statement)?.[1];
    return !name || !online.has(name);
  });
  for (const statement of statements) await driver.executeQuery(statement, {}, options);
  if (statements.length > 0) await driver.executeQuery("CALL db.awaitIndexes(300)", {}, options);
}

export interface LoadOptions {
  files?: string[];
  textsDir?: string;
  /** Refuse a quoted source whose text is absent (CI), instead of checking it against the manifest. */
  requireTexts?: boolean;
  /** Called with each phase's duration (validation, schema, staging steps, swap, sweep); the load
   *  waits for a returned promise, so an observer can look at the database between phases. */
  onPhase?: (phase: string, ms: number) => void | Promise<void>;
  /** Called with what the load is doing when it is not a phase (taking over a stale load's lease). */
  onProgress?: (message: string) => void;
  database?: string | undefined;
  /** Replace the current graph even when this one keeps less than half of its sources or
   *  entities (load-guard.ts); without it such a load is refused with GraphShrinkError. */
  allowShrink?: boolean;
}

/** The phases in order; a failure names the one that was running. */
const PHASES = [
  "validate",
  "schema",
  "take the load lease",
  "clear leftovers",
  "stage entities",
  "stage relationships",
  "stage metrics",
  "stage mentions",
  "swap",
  "sweep replaced graph",
];

export async function loadGraph(driver: Driver, options: LoadOptions = {}): Promise<LoadResult> {
  const onPhase = options.onPhase ?? (() => {});
  const report = options.onProgress ?? (() => {});
  const database = options.database;
  // Every transaction of this load carries this id (and the lease is its token), so that a load
  // taking over after this one froze can find and end them.
  const loadId = randomUUID();
  let running = PHASES[0]!;
  let last = performance.now();
  const phase = async (name: string) => {
    await onPhase(name, performance.now() - last);
    last = performance.now();
    running = PHASES[PHASES.indexOf(name) + 1] ?? name;
  };
  // Validation reads everything before the database is touched.
  const textsDir = options.textsDir ?? loadSourcesConfig().SOURCE_TEXTS_DIR;
  const files = options.files ?? sourceFolderFiles(SOURCES_DIR);
  if (files.length === 0) throw new NoSourcesError("the list of files given");
  const { files: data, evidence } = readSourceData(files, textsDir, { requireTexts: options.requireTexts ?? false });
  const byManifest = describeEvidenceReport(evidence, textsDir);
  if (byManifest) report(byManifest);
  const notInManifest = evidence.checks.filter((c) => c.by === "text" && !c.inManifest).map((c) => c.textFile);
  if (notInManifest.length > 0) report(`text(s) ${notInManifest.join(", ")} checked verbatim but not in the evidence manifest; run ${WRITE_MANIFEST_COMMAND} before committing`);
  // File by file: one string of a million-node graph took twice as long (8.5-9.9 s against 4.2-5.2 s).
  const hash = createHash("sha256");
  // The file's path is not content: the same sources elsewhere give the same hash.
  for (const file of data) hash.update(JSON.stringify({ ...file, file: undefined }));
  const contentHash = hash.digest("hex").slice(0, 16);
  const rows = graphRows(data);
  const size: GraphSize = { sources: rows.sources.length, entities: rows.entityGroups.reduce((n, g) => n + g.entities.length, 0), metrics: rows.metrics.length };
  await phase("validate");
  let replaced: PublishedSize | null = null;
  let changes: ChangeSummary | null = null;

  const progress = { previous: null as Awaited<ReturnType<typeof publishedGraph>>, contentHash, swapStarted: false, swapCommitted: false };
  try {
    await applySchema(driver, database, loadId);
    progress.previous = await publishedGraph(driver, database);
    await phase("schema");

    const lease = await acquireLoadLease(driver, database, { loadId });
    running = "clear leftovers";
    try {
      if (lease.tookOverFrom) {
        const stale = lease.tookOverFrom;
        report(`took over the expired lease of load ${stale.loadId} (started ${stale.startedAt}, last seen ${stale.renewedAt})`);
        const ended = await terminateLoadTransactions(driver, database, stale.loadId, report);
        report(ended ? `ended ${ended} open transaction(s) of that load` : "that load had no open transaction");
      }
      // Read holding the lease: no other load can change the graph between this and the swap.
      const current = await publishedSize(driver, database);
      replaced = current.sources + current.entities + current.metrics === 0 ? null : current;
      const refusal = shrinkRefusal(replaced, size, { allowShrink: options.allowShrink ?? false });
      if (refusal) throw new GraphShrinkError(refusal);
      report(describeReplacement(replaced, size));
      // Compared holding the lease too: the graph compared is the one the swap replaces.
      const previous = await latestRelease(driver, database, loadTransaction(loadId));
      const diff = replaced ? diffGraphs(await readPublishedItems(driver, database, loadId), itemsOfRows(rows)) : everythingAdded(rows);
      const record = recordsRelease(previous, contentHash, diff);
      const release = record ? { number: (previous?.number ?? 0) + 1, version: releaseVersion(contentHash), contentHash } : null;
      changes = { release, previous, initial: replaced === null, counts: diff.counts, first: diff.items.slice(0, PRINTED_CHANGES) };
      // Holding the lease, any staged or retired node is a dead load's leftover.
      report("clearing what earlier loads left");
      await discardStaged(driver, database, loadId);
      await sweepRetired(driver, database, loadId);
      await phase("clear leftovers");
      try {
        const staged = await stageGraph(driver, database, lease.token, rows, phase);
        progress.swapStarted = true;
        await swapInStaged(driver, database, lease.token, rows, staged, {
          contentHash,
          sourceIds: rows.sources.map((s) => s.id),
          degrees: JSON.stringify(largestDegrees(rows)),
        }, release ? releaseProperties(release, previous, diff, replaced === null) : null);
        progress.swapCommitted = true;
        await phase("swap");
      } catch (error) {
        // A load that lost its lease (its transactions ended by the load that took it over) must
        // not touch staged nodes: they may be its successor's.
        if (error instanceof LoadLeaseLostError || !(await lease.stillHeld().catch(() => true))) throw new LoadLeaseLostError();
        await discardStaged(driver, database, loadId).catch(() => {}); // the next load retries this
        throw error;
      }
      for (const line of describeChanges(changes)) report(line);
      await sweepRetired(driver, database, loadId);
      await phase("sweep replaced graph");
    } finally {
      await lease.release().catch(() => {}); // an unreleased lease expires
    }
  } catch (error) {
    if (error instanceof LoadInProgressError || error instanceof LoadLeaseLostError || error instanceof GraphShrinkError) throw error;
    const readersSee = await whatReadersSee(driver, database, progress);
    throw new LoadFailedError(running, whyLoadFailed(error, LOAD_STEP_TIMEOUT_MS), readersSee, { cause: error });
  }
  return {
    sources: size.sources,
    entities: size.entities,
    relationships: rows.relationships.length,
    metrics: size.metrics,
    mentions: rows.mentions.length,
    contentHash,
    replaced,
    changes: changes!,
  };
}

/** A validated YYYY-MM-DD as a Neo4j date. */
const neo4jDate = (iso: string) => new Neo4jDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

const withNeo4jDates = (props: Record<string, string | number>) => ({
  ...props,
  ...(typeof props.validFrom === "string" ? { validFrom: neo4jDate(props.validFrom) } : {}),
  ...(typeof props.validTo === "string" ? { validTo: neo4jDate(props.validTo) } : {}),
  ...(typeof props.asOf === "string" ? { asOf: neo4jDate(props.asOf) } : {}),
});

/** quote for a source whose text is held and checked, paraphrase for our own words of one that is not. */
const evidenceKindOf = (source: SourceFile["source"]) =>
  (QUOTED_SOURCE_KINDS as readonly string[]).includes(source.kind) ? "quote" : "paraphrase";

/** The files' records as the rows the staging statements take. */
export function graphRows(data: SourceFile[]): GraphRows {
  // A document several sources cite is declared identically by each (validated): one node.
  const cited = new Map(data.flatMap((d) => d.citedSources.map((c) => [c.id, { ...c, file: d.file }] as const)));
  const sources = [...data.map((d) => ({ ...d.source, file: d.file })), ...cited.values()];
  // Validation guarantees a repeated declaration is identical, so the last one stands for all.
  const entityById = new Map(data.flatMap((d) => d.entities).map((e) => [e.id, e]));
  const releases = releaseSummaries(data);
  // A count is stored as an integer, not as the float a JS number would become.
  const corroborations = new Map([...corroborationOf(data)].map(([record, c]) => [record, { ...c, publisherCount: int(c.publisherCount) }]));
  const entityGroups = new Map<string, GraphRows["entityGroups"][number]>();
  for (const { labels, date, ...props } of entityById.values()) {
    const isEvent = labels.some((l) => (EVENT_LABELS as readonly string[]).includes(l));
    const all = ["Entity", ...labels, ...(isEvent ? [EVENT_LABEL] : [])];
    const key = all.join(":");
    if (!entityGroups.has(key)) entityGroups.set(key, { labels: all, entities: [] });
    const dated = date ? datedFrom(date) : null;
    entityGroups.get(key)!.entities.push({
      ...withoutScriptExceptions(props),
      kind: props.kind ?? null,
      searchKeys: searchKeys(props),
      pinyin: pinyinOf(props.nameZhHans),
      ...(dated ? { date: neo4jDate(dated.date), datePrecision: dated.precision } : {}),
      ...(labels.includes("Model") ? modelSummary(releases.get(props.id)) : {}),
    });
  }
  return {
    sources,
    entityGroups: [...entityGroups.values()],
    relationships: data.flatMap((d) =>
      d.relationships.map((r) => ({
        type: r.type,
        from: r.from,
        to: r.to,
        props: { ...withNeo4jDates({ ...relationshipProperties(r), sourceId: d.source.id, evidence: r.evidence, evidenceKind: evidenceKindOf(d.source) }), ...corroborations.get(r)! },
      })),
    ),
    cites: data.flatMap((d) => d.citedSources.map((c) => ({ from: d.source.id, to: c.id }))),
    metrics: data.flatMap((d) =>
      d.metrics.map((record) => metricRow(d.source, record, corroborations.get(record)!)),
    ),
    derivations: data.flatMap((d) =>
      d.metrics.flatMap((m) => (m.derivedFrom ?? []).map((input) => ({ from: m.id, to: input, derivation: m.derivation! }))),
    ),
    // Unique per source: mentionedEntityIds is a set.
    mentions: data.flatMap((d) => mentionedEntityIds(d).map((entity) => ({ source: d.source.id, entity }))),
  };
}

type StoredCorroboration = Omit<Corroboration, "publisherCount"> & { publisherCount: Integer };

/** A figure as the staging statements take it; the derivation inputs become DERIVED_FROM edges. */
function metricRow(
  source: SourceFile["source"],
  { company, event, model, regulator, forecastBy, evidence, derivedFrom: _inputs, ...m }: SourceFile["metrics"][number],
  corroboration: StoredCorroboration,
): GraphRows["metrics"][number] {
  return {
    subject: metricSubject({ company, event, model, regulator }) ?? null,
    forecastBy: forecastBy ?? null,
    // The edges to a figure carry its provenance as every fact does.
    provenance: { sourceId: source.id, evidence, certainty: m.certainty, qualifier: m.qualifier ?? null, citedSourceId: m.citedSourceId ?? null, ...corroboration },
    // Sent as Neo4j dates, so one `SET metric = props` stores them (JS numbers go as floats).
    props: {
      ...m,
      ...corroboration,
      periodStart: m.periodStart ? neo4jDate(m.periodStart) : null,
      periodEnd: neo4jDate(m.periodEnd),
      sourceId: source.id,
      evidence,
      evidenceKind: evidenceKindOf(source),
    },
  };
}

/**
 * The most relationships of each type one node has, outgoing ("FOUNDED>") and incoming
 * ("FOUNDED<"), recorded on GraphMeta: the cost limit bounds a relationship list by the real
 * largest degree of its type in the loaded graph rather than by the page maximum.
 */
export function largestDegrees(rows: GraphRows): Record<string, number> {
  const counts = new Map<string, number>();
  const count = (type: string, from: string | null, to: string) => {
    for (const key of [from === null ? null : `${type}>${from}`, `${type}<${to}`]) {
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  };
  for (const r of rows.relationships) count(r.type, r.from, r.to);
  for (const m of rows.metrics) {
    const id = String(m.props.id);
    if (m.subject) count("HAS_METRIC", m.subject, id);
    if (m.forecastBy) count("FORECASTS", m.forecastBy, id);
  }
  for (const d of rows.derivations) count("DERIVED_FROM", d.from, d.to);
  for (const m of rows.mentions) count("MENTIONS", m.source, m.entity);
  for (const c of rows.cites) count("CITES", c.from, c.to);
  const largest: Record<string, number> = {};
  for (const [key, n] of counts) {
    const direction = key.slice(0, key.search(/[<>]/) + 1);
    largest[direction] = Math.max(largest[direction] ?? 0, n);
  }
  return largest;
}

/** Per model, what its sourced RELEASED facts say: their dates and whether any states open weights. */
function releaseSummaries(data: SourceFile[]): Map<string, { dates: string[]; openWeights: boolean }> {
  const byModel = new Map<string, { dates: string[]; openWeights: boolean }>();
  for (const rel of data.flatMap((d) => d.relationships)) {
    if (rel.type !== "RELEASED") continue;
    const summary = byModel.get(rel.to) ?? { dates: [], openWeights: false };
    if (rel.validFrom) summary.dates.push(rel.validFrom);
    if (rel.access === "open-weights") summary.openWeights = true;
    byModel.set(rel.to, summary);
  }
  return byModel;
}

/** A Model node's derived fields, for sorting and filtering lists; the sourced facts stay on the edges. */
function modelSummary(summary: { dates: string[]; openWeights: boolean } | undefined) {
  const earliest = earliestStated(summary?.dates ?? []);
  return {
    releaseDate: earliest ? neo4jDate(earliest.date) : null,
    releaseDatePrecision: earliest?.precision ?? null,
    openWeights: summary?.openWeights ?? false,
  };
}

/** True when the database holds a loaded graph (used by `npm start` to load only an empty one). */
export async function graphIsLoaded(driver: Driver, database?: string): Promise<boolean> {
  const { records } = await driver.executeQuery("MATCH (g:GraphMeta {id: 'graph'}) RETURN g.contentHash AS hash", {}, { database });
  return records.length > 0;
}
