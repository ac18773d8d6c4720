// The items the comparison of two graphs takes (graph-diff.ts): the new graph's from the rows a load
// stages, the current one's read from Neo4j, both as the same plain values, so that a property
// compares equal when the load would store what is stored. Left out: what is no content (a source
// file's path, as the content hash leaves it out) and what is derived from names for search only.
import neo4j, { type Driver } from "neo4j-driver";
import { emptyCounts, factId, type GraphDiff, type GraphItem, type Value } from "./graph-diff.ts";
import { RELATIONSHIP_PROPERTIES } from "./model.ts";
import { type GraphRows, loadTransaction } from "./staging.ts";

const NOT_COMPARED = new Set(["file", "searchKeys", "pinyin"]);
/** What a fact stores (staging.ts writes these keys and no others). */
const FACT_KEYS = ["sourceId", "evidence", ...RELATIONSHIP_PROPERTIES];

/** A stored or to-be-stored value as plain JSON; undefined for none (Neo4j stores no null). */
export function plainValue(value: unknown): Value | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plainValue).filter((v): v is Value => v !== undefined);
  // Neo4j dates and times: their ISO text.
  return String(value);
}

function plainProps(props: Record<string, unknown>, keys: Iterable<string> = Object.keys(props)): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const key of keys) {
    if (NOT_COMPARED.has(key)) continue;
    const value = plainValue(props[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The entity's labels beyond Entity, sorted, compared as one more property. */
const labelsValue = (labels: string[]) => labels.filter((l) => l !== "Entity").sort();

const figureName = (subjectName: string | null, props: Record<string, unknown>) => [subjectName, props.metric, props.periodLabel].filter(Boolean).join(" ");

/** The new graph's items, from the rows the load stages. */
export function itemsOfRows(rows: GraphRows): GraphItem[] {
  const names = new Map<string, string>();
  const items: GraphItem[] = [];
  for (const group of rows.entityGroups) {
    for (const e of group.entities) {
      names.set(e.id, String(e.name));
      items.push({ kind: "entity", id: e.id, name: String(e.name), entityIds: [e.id], props: { ...plainProps(e), labels: labelsValue(group.labels) } });
    }
  }
  for (const s of rows.sources) items.push({ kind: "source", id: s.id, name: String(s.title), entityIds: [], props: plainProps(s) });
  for (const r of rows.relationships) {
    const id = factId(r.type, r.from, r.to, String(r.props.sourceId), r.props.stage as string | undefined);
    items.push({ kind: "fact", id, name: `${names.get(r.from)} ${r.type} ${names.get(r.to)}`, entityIds: [r.from, r.to], props: plainProps(r.props, FACT_KEYS) });
  }
  for (const m of rows.metrics) {
    const props = { ...plainProps(m.props), ...(m.subject ? { subject: m.subject } : {}), ...(m.forecastBy ? { forecastBy: m.forecastBy } : {}) };
    const entityIds = [m.subject, m.forecastBy].filter((id): id is string => id !== null);
    items.push({ kind: "figure", id: m.props.id, name: figureName(m.subject ? (names.get(m.subject) ?? null) : null, m.props), entityIds, props });
  }
  return items;
}

/** A load into an empty database: everything is added, counted from the rows without comparing
 *  (a first load of a million-node graph need not build a million change items). */
export function everythingAdded(rows: GraphRows): GraphDiff {
  const counts = emptyCounts();
  counts.entity.added = rows.entityGroups.reduce((n, g) => n + g.entities.length, 0);
  counts.fact.added = rows.relationships.length;
  counts.figure.added = rows.metrics.length;
  counts.source.added = rows.sources.length;
  return { counts, items: [] };
}

/** The graph readers see now, as items; read by the load holding its lease, before it stages. */
export async function readPublishedItems(driver: Driver, database: string | undefined, loadId: string): Promise<GraphItem[]> {
  const options = { database, transactionConfig: loadTransaction(loadId) };
  const rows = async (cypher: string) => (await driver.executeQuery(cypher, {}, options)).records;
  const items: GraphItem[] = [];
  for (const r of await rows("MATCH (n:Entity) RETURN n.id AS id, n.name AS name, labels(n) AS labels, properties(n) AS props")) {
    const id = r.get("id") as string;
    items.push({ kind: "entity", id, name: String(r.get("name")), entityIds: [id], props: { ...plainProps(r.get("props")), labels: labelsValue(r.get("labels")) } });
  }
  for (const r of await rows("MATCH (n:Source) RETURN n.id AS id, n.title AS title, properties(n) AS props")) {
    items.push({ kind: "source", id: r.get("id"), name: String(r.get("title")), entityIds: [], props: plainProps(r.get("props")) });
  }
  for (const r of await rows(
    `MATCH (a:Entity)-[f]->(b:Entity) WHERE f.sourceId IS NOT NULL
     RETURN type(f) AS type, a.id AS from, b.id AS to, a.name AS fromName, b.name AS toName, properties(f) AS props`,
  )) {
    const props = r.get("props") as Record<string, unknown>;
    const [type, from, to] = [r.get("type") as string, r.get("from") as string, r.get("to") as string];
    items.push({
      kind: "fact",
      id: factId(type, from, to, String(props.sourceId), props.stage as string | undefined),
      name: `${r.get("fromName")} ${type} ${r.get("toName")}`,
      entityIds: [from, to],
      props: plainProps(props, FACT_KEYS),
    });
  }
  for (const r of await rows(
    `MATCH (m:Metric)
     OPTIONAL MATCH (s:Entity)-[:HAS_METRIC]->(m)
     OPTIONAL MATCH (f:Entity)-[:FORECASTS]->(m)
     RETURN m.id AS id, properties(m) AS props, s.id AS subject, s.name AS subjectName, f.id AS forecastBy`,
  )) {
    const [subject, forecastBy] = [r.get("subject") as string | null, r.get("forecastBy") as string | null];
    const stored = r.get("props") as Record<string, unknown>;
    items.push({
      kind: "figure",
      id: r.get("id"),
      name: figureName(r.get("subjectName") as string | null, stored),
      entityIds: [subject, forecastBy].filter((id): id is string => id !== null),
      props: { ...plainProps(stored), ...(subject ? { subject } : {}), ...(forecastBy ? { forecastBy } : {}) },
    });
  }
  return items;
}
