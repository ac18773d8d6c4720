// Hand-written, parameterised Cypher for the relational questions the generated API cannot ask:
// shortest connection, metric time series, comparison and a source's digest. Read-only, each in a
// read transaction with the request's timeout, on one generation of the graph (one-generation.ts).
import neo4j, { type Driver } from "neo4j-driver";
import { type AuditedFigure, checkDerivation } from "../audit/derivations.ts";
import { CURRENCIES, ENTITY_LABELS } from "../graph/model.ts";
import { convert, type FxRate } from "./fx.ts";
import { GenerationPin, readRecords } from "./one-generation.ts";
import { factInView, figureInView, NO_TIME_VIEW, sourceInView, timeParams, type TimeView, VIEW_LISTS } from "./time-view.ts";

export interface QueryContext {
  driver: Driver;
  database?: string | undefined;
  timeoutMs: number;
  /** The request's reads of the graph's generation: every read of one request on the same one.
   *  Without it (the bench, the audit command) each read is on one generation by itself. */
  pin?: GenerationPin;
}

/** Cypher map projection of an entity with its type (main label); `$entityLabels` must be passed. */
const entityRef = (v: string) =>
  `${v} { .id, .name, .nameZhHans, .nameZhHant, type: [l IN labels(${v}) WHERE l IN $entityLabels][0] }`;

/** The document a fact or figure is attributed to, as a SourceRef, or null. */
// A null citedSourceId matches no node: the list is empty and head() gives null.
const citedSource = (v: string) => `head(COLLECT { MATCH (cs:Source {id: ${v}.citedSourceId}) RETURN cs { .id, .title, .kind, .date } })`;

/** How a relationship or figure is qualified: certainty, hedge words, attribution. */
const qualification = (v: string) => `certainty: ${v}.certainty, qualifier: ${v}.qualifier, citedSource: ${citedSource(v)}`;

/** A fact's provenance, qualification and time (and a holding's stake), for the custom result types. */
const factFields = (r: string) =>
  `sourceId: ${r}.sourceId, evidence: ${r}.evidence, amount: ${r}.amount, currency: ${r}.currency, ${qualification(r)},
   validFrom: toString(${r}.validFrom), validTo: toString(${r}.validTo), datePrecision: ${r}.datePrecision, status: ${r}.status,
   stakePercent: ${r}.stakePercent, asOf: toString(${r}.asOf), evidenceKind: ${r}.evidenceKind, corroboration: ${r}.corroboration,
   publisherCount: ${r}.publisherCount, corroboratingSourceIds: ${r}.corroboratingSourceIds,
   stage: ${r}.stage, access: ${r}.access, architecture: ${r}.architecture, modality: ${r}.modality, repository: ${r}.repository,
   condition: ${r}.condition, role: ${r}.role`;

const seriesPoint = (m: string) =>
  `${m} { metricId: ${m}.id, periodStart: toString(${m}.periodStart), periodEnd: toString(${m}.periodEnd), .datePrecision, .periodLabel, .value,
          .unit, .comparator, .kind, .scope, .yoyGrowthPercent, .sourceId, .evidence, ${qualification(m)} }`;

export async function read(ctx: QueryContext, cypher: string, params: Record<string, unknown>) {
  const target = { driver: ctx.driver, database: ctx.database, pin: ctx.pin ?? new GenerationPin() };
  return readRecords(target, cypher, { ...params, entityLabels: ENTITY_LABELS }, { timeout: ctx.timeoutMs });
}

// The variable-length bound cannot be a parameter; it is the fixed ceiling and the requested
// maximum is checked as a parameter. 6, as the schema and docs/api.md say: 7-10 used to be accepted.
export const MAX_HOPS = 6;
/** The pattern bounds a request may choose: the integers 1..MAX_HOPS, as the code's own literals. */
const HOP_BOUNDS: Record<number, number> = Object.fromEntries(Array.from({ length: MAX_HOPS }, (_, i) => [i + 1, i + 1]));
/** Equally short paths counted and compared for the deterministic choice; bounds the work on a dense graph. */
const TIED_PATHS = 1000;

/** The most paths allShortestConnections answers with; more is refused with a coded error. */
export const MAX_PATHS = 50;

/**
 * Every shortest chain of facts between two entities, in a fixed order (entity ids along the
 * path, then relationship types, then sources, then each hop's start entity and evidence), at
 * most `limit` of them, and how many there are, so a client knows when the list is cut. Counting
 * stops at TIED_PATHS: beyond it totalCount is TIED_PATHS, totalCountCapped says so, and the order
 * is among the first TIED_PATHS that Neo4j found (which one finds first is not fixed). Below it,
 * every path is found and ordered: the same answer on every database. Null when there is no path.
 */
export async function allShortestConnections(ctx: QueryContext, fromId: string, toId: string, maxHops: number, limit: number, view: TimeView = NO_TIME_VIEW) {
  // The bound is part of the pattern, so the search stops at maxHops instead of finding longer paths
  // and filtering them out (which ran into the timeout when the real distance exceeded maxHops).
  // A pattern bound cannot be a parameter: it is one of the code's own constants, chosen by the
  // resolver-checked integer, never text from the request.
  const bound = HOP_BOUNDS[Math.min(Math.max(Math.trunc(maxHops), 1), MAX_HOPS)];
  const records = await read(
    ctx,
    `${VIEW_LISTS}
     MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
     MATCH path = allShortestPaths((a)-[*..${bound}]-(b))
     WHERE all(n IN nodes(path) WHERE n:Entity) AND all(r IN relationships(path) WHERE r.sourceId IS NOT NULL AND ${factInView("r")})
     // One path more than are compared says whether there are more than TIED_PATHS.
     WITH path LIMIT ${TIED_PATHS + 1}
     WITH collect(path) AS found
     WHERE size(found) > 0
     UNWIND found[0..${TIED_PATHS}] AS path
     // Ties are common (two companies share several groups): the same question gets the same
     // answer on every database, ordered by what the paths say, not by internal ids.
     WITH size(found) > ${TIED_PATHS} AS capped, path
     ORDER BY [n IN nodes(path) | n.id], [r IN relationships(path) | type(r)], [r IN relationships(path) | r.sourceId],
              [r IN relationships(path) | startNode(r).id], [r IN relationships(path) | r.evidence]
     WITH capped, collect(path) AS paths
     WITH capped, size(paths) AS totalCount, paths[0..$limit] AS shown
     UNWIND range(0, size(shown) - 1) AS p
     CALL (shown, p) {
       WITH shown[p] AS path
       UNWIND range(0, size(relationships(path)) - 1) AS i
       WITH i, nodes(path)[i] AS a, nodes(path)[i + 1] AS b, relationships(path)[i] AS r
       ORDER BY i
       RETURN collect({
         from: ${entityRef("a")}, to: ${entityRef("b")}, relationship: type(r),
         direction: CASE WHEN startNode(r) = a THEN 'FORWARD' ELSE 'BACKWARD' END,
         ${factFields("r")}
       }) AS hops
     }
     WITH capped, totalCount, p, hops ORDER BY p
     RETURN capped, totalCount, size(head(collect(hops))) AS length, collect(hops) AS hopLists`,
    { fromId, toId, limit: neo4j.int(limit), ...timeParams(view) },
  );
  const record = records[0];
  if (!record) return null;
  const totalCount = Number(record.get("totalCount"));
  const totalCountCapped = record.get("capped") as boolean;
  const paths = (record.get("hopLists") as unknown[][]).map((hops) => ({ hops, length: hops.length }));
  return { length: Number(record.get("length")), totalCount, totalCountCapped, cut: totalCountCapped || totalCount > paths.length, paths };
}

/** The first of the shortest paths in allShortestConnections' order; null when there is none. */
export async function shortestConnection(ctx: QueryContext, fromId: string, toId: string, maxHops: number, view: TimeView = NO_TIME_VIEW) {
  const all = await allShortestConnections(ctx, fromId, toId, maxHops, 1, view);
  return all?.paths[0] ?? null;
}

export async function metricSeries(ctx: QueryContext, companyIds: string[], metric: string, kind: string, currency: string | null = null, view: TimeView = NO_TIME_VIEW) {
  const records = await read(
    ctx,
    `${VIEW_LISTS}
     UNWIND range(0, size($companyIds) - 1) AS position
     MATCH (c:Company {id: $companyIds[position]})
     CALL (c, knownSourceIds) {
       OPTIONAL MATCH (c)-[:HAS_METRIC]->(m:Metric {metric: $metric, kind: $kind}) WHERE ${figureInView("m")}
       WITH m ORDER BY m.periodEnd, m.periodStart, m.id
       RETURN collect(${seriesPoint("m")}) AS points
     }
     RETURN ${entityRef("c")} AS company, points, position
     ORDER BY position`,
    { companyIds, metric, kind, ...timeParams(view) },
  );
  const series = records.map((r) => ({ company: r.get("company"), metric, points: r.get("points") as Array<Record<string, unknown>> }));
  return currency ? convertSeries(ctx, series, currency, view) : series;
}

/** Every figure in a currency other than `currency`, converted at the sourced rates in the graph;
 *  each converted point keeps its original value and says at which rates, from which sources. */
// In a time view, only the rates the view holds convert: a rate of a later period or a later source
// was not there to convert with.
async function convertSeries(ctx: QueryContext, series: Array<{ company: unknown; metric: string; points: Array<Record<string, unknown>> }>, currency: string, view: TimeView) {
  const rates = (
    await read(
      ctx,
      `${VIEW_LISTS}
       MATCH (r:Metric {metric: 'fxRate'}) WHERE ${figureInView("r")}
       RETURN r { metricId: r.id, .baseCurrency, .unit, .value, periodEnd: toString(r.periodEnd), .sourceId,
                  source: head(COLLECT { MATCH (s:Source {id: r.sourceId}) RETURN s { .id, .title, .kind, .date } }) } AS rate
       ORDER BY r.periodEnd DESC, r.id`,
      timeParams(view),
    )
  ).map((r) => r.get("rate") as FxRate & { source: unknown });
  return series.map((s) => ({
    ...s,
    points: s.points.map((point) => {
      const unit = point.unit as string;
      if (!(CURRENCIES as readonly string[]).includes(unit) || unit === currency) return { ...point, conversion: null };
      const converted = convert(point.value as number, unit, currency, rates);
      if (!converted) return { ...point, conversion: null };
      return {
        ...point,
        value: converted.value,
        unit: currency,
        conversion: { fromValue: point.value, fromUnit: unit, rate: converted.rate, rates: converted.rates },
      };
    }),
  }));
}

export async function sourceDigest(ctx: QueryContext, id: string) {
  const records = await read(
    ctx,
    `MATCH (s:Source {id: $id})
     CALL (s) {
       OPTIONAL MATCH (s)-[:MENTIONS]->(e:Entity)
       WITH e ORDER BY e.id
       RETURN collect(${entityRef("e")}) AS entities
     }
     // A cited document's digest is what its citing sources attribute to it.
     CALL (s) {
       OPTIONAL MATCH (a:Entity)-[r]->(b:Entity) WHERE r.sourceId = s.id OR r.citedSourceId = s.id
       WITH a, r, b ORDER BY type(r), a.id, b.id
       RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
         from: ${entityRef("a")}, relationship: type(r), to: ${entityRef("b")}, ${factFields("r")} } END) AS facts
     }
     CALL (s) {
       OPTIONAL MATCH (c:Entity)-[:HAS_METRIC]->(m:Metric) WHERE m.sourceId = s.id OR m.citedSourceId = s.id
       WITH c, m ORDER BY c.id, m.metric, m.periodEnd, m.unit, m.id
       RETURN collect(CASE WHEN m IS NULL THEN null ELSE {
         company: ${entityRef("c")}, metric: m.metric, point: ${seriesPoint("m")} } END) AS figures
     }
     RETURN s.id AS id, s.title AS title, s.kind AS kind,
            [(s)-[:CITES]->(c:Source) | c { .id, .title, .kind, .date }] AS cites,
            [(c:Source)-[:CITES]->(s) | c { .id, .title, .kind, .date }] AS citedBy,
            entities, facts, figures`,
    { id },
  );
  const record = records[0];
  return record ? record.toObject() : null;
}

/** An entity with every fact it takes part in (both directions), each with its evidence. */
export async function neighbourhood(ctx: QueryContext, id: string, limit: number, view: TimeView = NO_TIME_VIEW) {
  const records = await read(
    ctx,
    `${VIEW_LISTS}
     MATCH (e:Entity {id: $id})
     CALL (e, knownSourceIds, supersededHoldings) {
       OPTIONAL MATCH (e)-[r]-(other:Entity) WHERE r.sourceId IS NOT NULL AND ${factInView("r")}
       WITH r, other ORDER BY type(r), other.id LIMIT $limit
       RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
         relationship: type(r),
         direction: CASE WHEN startNode(r) = e THEN 'FORWARD' ELSE 'BACKWARD' END,
         other: ${entityRef("other")},
         ${factFields("r")} } END) AS facts
     }
     CALL (e, knownSourceIds) {
       OPTIONAL MATCH (s:Source)-[:MENTIONS]->(e) WHERE ${sourceInView("s")}
       WITH s ORDER BY s.id
       RETURN collect(s { .id, .title, .kind, .date }) AS sources
     }
     RETURN ${entityRef("e")} AS entity, e.aliases AS aliases, facts, sources,
            COUNT { (e)-[r]-(other:Entity) WHERE r.sourceId IS NOT NULL AND ${factInView("r")} } AS totalFacts`,
    { id, limit: neo4j.int(limit), ...timeParams(view) },
  );
  const record = records[0];
  return record ? { ...record.toObject(), totalFacts: Number(record.get("totalFacts")) } : null;
}

const auditedFigure = (m: string) =>
  `${m} { metricId: ${m}.id, .metric, .value, .unit, .comparator, periodStart: toString(${m}.periodStart),
          periodEnd: toString(${m}.periodEnd), .periodLabel, .sourceId, .evidence,
          subject: head(COLLECT { MATCH (s:Entity)-[:HAS_METRIC]->(${m}) RETURN ${entityRef("s")} }) }`;

/** Every figure a source derives from others, recomputed from its inputs (src/audit/derivations.ts). */
export async function derivedFigureAudit(ctx: QueryContext, sourceId: string | null) {
  const records = await read(
    ctx,
    `MATCH (m:Metric) WHERE m.derivation IS NOT NULL AND ($sourceId IS NULL OR m.sourceId = $sourceId)
     CALL (m) {
       OPTIONAL MATCH (m)-[:DERIVED_FROM]->(i:Metric)
       WITH i ORDER BY i.periodEnd, i.id
       RETURN collect(${auditedFigure("i")}) AS inputs
     }
     RETURN ${auditedFigure("m")} AS figure, m.derivation AS derivation, inputs
     ORDER BY figure.sourceId, figure.metricId`,
    { sourceId },
  );
  return records.map((r) => {
    const figure = r.get("figure") as AuditedFigure;
    const inputs = r.get("inputs") as AuditedFigure[];
    const derivation = r.get("derivation") as string;
    return { figure, derivation, inputs, ...checkDerivation(figure, derivation, inputs) };
  });
}

/** A model release's figures: what it is, not a level that changes over time. */
export const RELEASE_FIGURES = ["parametersTotal", "parametersActive", "contextLength", "trainingTokens"];

/** Figures on which sources disagree: one subject, metric, period end, unit and kind, given
 *  with different values by different sources. Every version stays, each with its source. A
 *  release's figures (RELEASE_FIGURES: its size, context, training data) do not change with time:
 *  sources dated differently disagree on them too, shown at the earliest period end. */
export async function disagreements(ctx: QueryContext, subjectId: string | null) {
  const records = await read(
    ctx,
    `MATCH (s:Entity)-[:HAS_METRIC]->(m:Metric) WHERE $subjectId IS NULL OR s.id = $subjectId
     // A release figure's scope (training or inference context) tells two figures apart; elsewhere
     // a scope is a source's wording of one figure (proceeds "before the over-allotment option").
     WITH s, m, CASE WHEN m.metric IN $releaseFigures THEN [null, coalesce(m.scope, '')] ELSE [m.periodEnd, ''] END AS period
     WITH s, m.metric AS metric, period, m.unit AS unit, m.kind AS kind, collect(m) AS figures
     WITH s, metric, unit, kind, figures, reduce(first = null, f IN figures | CASE WHEN first IS NULL OR f.periodEnd < first THEN f.periodEnd ELSE first END) AS periodEnd
     // Two values from one source are two figures (a share of consumer and of overseas revenue),
     // not a disagreement: it takes two sources.
     WHERE size(apoc.coll.toSet([f IN figures | f.value])) > 1 AND size(apoc.coll.toSet([f IN figures | f.sourceId])) > 1
     UNWIND figures AS f
     WITH s, metric, periodEnd, unit, kind, f ORDER BY f.value, f.sourceId
     WITH s, metric, periodEnd, unit, kind, collect(f { metricId: f.id, .value, .comparator, .scope, .periodLabel, .sourceId, .evidence,
            .certainty, .qualifier, source: head(COLLECT { MATCH (src:Source {id: f.sourceId}) RETURN src { .id, .title, .kind, .date } }) }) AS versions
     RETURN ${entityRef("s")} AS subject, metric, toString(periodEnd) AS periodEnd, unit, kind, versions
     ORDER BY subject.id, metric, periodEnd`,
    { subjectId, releaseFigures: RELEASE_FIGURES },
  );
  return records.map((r) => r.toObject());
}

/**
 * Figures summarised so that no aggregate mixes what must not be mixed: one group per metric,
 * unit (so per currency), kind, period length and scope. The generated aggregates no longer offer
 * value (schema/20-metrics-sources.graphql), so this is the one way to a min, max or sum of figures.
 */
export async function metricSummary(
  ctx: QueryContext,
  filter: { subjectId: string | null; metric: string | null; kind: string | null; unit: string | null },
) {
  // Only the conditions asked for, each a fixed fragment with a parameter: "$x IS NULL OR ..."
  // would keep the planner from the Metric(metric, unit) index and scan every figure.
  const conditions = [
    filter.metric !== null ? "m.metric = $metric" : null,
    filter.kind !== null ? "m.kind = $kind" : null,
    filter.unit !== null ? "m.unit = $unit" : null,
  ].filter((c) => c !== null);
  const match = filter.subjectId !== null ? "MATCH (:Entity {id: $subjectId})-[:HAS_METRIC]->(m:Metric)" : "MATCH (m:Metric)";
  const records = await read(
    ctx,
    `${match}
     ${conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : ""}
     // A span's length in whole months (FY 12, H1 6, Q1-Q3 9); a level as of a date has none.
     WITH m, CASE WHEN m.periodStart IS NULL THEN null
                  ELSE duration.inMonths(m.periodStart, m.periodEnd + duration({days: 1})).months END AS periodMonths
     WITH m.metric AS metric, m.unit AS unit, m.kind AS kind, periodMonths, m.scope AS scope, m
     ORDER BY m.periodEnd, m.id
     WITH metric, unit, kind, periodMonths, scope, collect(m) AS figures
     RETURN metric, unit, kind, periodMonths, scope, size(figures) AS count,
            reduce(low = null, f IN figures | CASE WHEN low IS NULL OR f.value < low THEN f.value ELSE low END) AS min,
            reduce(high = null, f IN figures | CASE WHEN high IS NULL OR f.value > high THEN f.value ELSE high END) AS max,
            reduce(total = 0.0, f IN figures | total + f.value) AS sum,
            apoc.coll.sort(apoc.coll.toSet([f IN figures | f.comparator])) AS comparators,
            size(apoc.coll.toSet([f IN figures | f.sourceId])) AS sources,
            toString(figures[0].periodEnd) AS firstPeriodEnd, toString(figures[-1].periodEnd) AS lastPeriodEnd,
            [f IN figures | f.id] AS metricIds
     ORDER BY metric, unit, kind, coalesce(periodMonths, -1), coalesce(scope, '')`,
    { ...filter },
  );
  return records.map((r) => {
    const group = r.toObject() as Record<string, unknown> & { unit: string; periodMonths: unknown; count: unknown };
    // A sum is an answer only for amounts of flows over one period length: levels (as of a date)
    // and percentages do not add up.
    const adds = group.periodMonths !== null && group.unit !== "percent" && group.unit !== "days" && group.unit !== "times";
    return { ...group, periodMonths: group.periodMonths === null ? null : Number(group.periodMonths), count: Number(group.count), sources: Number(group.sources), sum: adds ? group.sum : null };
  });
}
