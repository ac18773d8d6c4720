// The neutral in-memory graph every release format is written from: nodes with labels and typed
// properties, relationships between them. It is filled from Neo4j (read-graph.ts) and can be
// filled from anything else that yields the same shape, so the writers never touch a database.
import neo4j, { type Date as Neo4jDate, type DateTime, type Integer } from "neo4j-driver";

/** Each public node carries exactly one of these labels; its `id` is unique within it. */
export const ID_SPACES = ["Entity", "Source", "Metric"] as const;
export type IdSpace = (typeof ID_SPACES)[number];

export type Scalar = string | boolean | number | Integer | Neo4jDate<Integer | number> | DateTime<Integer | number>;
export type PropertyValue = Scalar | Scalar[];
export type Properties = Record<string, PropertyValue>;

export interface GraphNode {
  idSpace: IdSpace;
  id: string;
  labels: string[];
  properties: Properties;
}

export interface NodeRef {
  idSpace: IdSpace;
  id: string;
}

export interface GraphRelationship {
  type: string;
  start: NodeRef;
  end: NodeRef;
  properties: Properties;
}

export interface ReleaseGraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
}

/** Neo4j's value types as neo4j-admin import names them. JS numbers are doubles; integers come as Integer. */
export type ValueType = "string" | "long" | "double" | "boolean" | "date" | "datetime";

export class ReleaseError extends Error {
  override name = "ReleaseError";
}

export function scalarType(value: Scalar): ValueType {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "double";
  if (neo4j.isInt(value)) return "long";
  if (neo4j.isDate(value)) return "date";
  if (neo4j.isDateTime(value)) return "datetime";
  throw new ReleaseError(`a property value of an unsupported type: ${String(value)}`);
}

/** The type of a property value; an empty list counts as a list of strings (its elements have none). */
export function valueType(value: PropertyValue): { type: ValueType; array: boolean } {
  if (!Array.isArray(value)) return { type: scalarType(value), array: false };
  const types = new Set(value.map(scalarType));
  if (types.size > 1) throw new ReleaseError(`a list mixes ${[...types].join(" and ")} values`);
  return { type: [...types][0] ?? "string", array: true };
}

/** A scalar as text: ISO dates, integers without loss, doubles in the shortest form that reads back exactly. */
export function scalarText(value: Scalar): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new ReleaseError(`a number that is not finite: ${value}`);
  return String(value);
}

/** Counts by label and by relationship type, as the release's README and the import check state them. */
export function graphCounts(graph: ReleaseGraph): { labels: Record<string, number>; types: Record<string, number> } {
  const labels: Record<string, number> = {};
  const types: Record<string, number> = {};
  for (const node of graph.nodes) for (const label of node.labels) labels[label] = (labels[label] ?? 0) + 1;
  for (const rel of graph.relationships) types[rel.type] = (types[rel.type] ?? 0) + 1;
  return { labels: sortedRecord(labels), types: sortedRecord(types) };
}

const sortedRecord = (record: Record<string, number>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
