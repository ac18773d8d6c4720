// The graph as CSV files in `neo4j-admin database import` format: one node file per id space
// (Entity, Source, Metric; its :LABEL column holds every label of the node), one relationship file
// per type (and per pair of id spaces, when a type joins more than one). Every property is a typed
// column ("value:double", "validFrom:date", "aliases:string[]"), so an import restores the types.
import { type GraphNode, type GraphRelationship, ID_SPACES, type IdSpace, type PropertyValue, type ReleaseGraph, ReleaseError, scalarText, type ValueType, valueType } from "./graph.ts";

/** Between the elements of a list in one field: neo4j-admin's default, so no option is needed for it. */
export const ARRAY_DELIMITER = ";";

export interface CsvColumn {
  /** The header as neo4j-admin reads it. */
  header: string;
  role: "id" | "label" | "start" | "end" | "type" | "property";
  property?: string;
  type: ValueType;
  array: boolean;
  /** The id space an :ID, :START_ID or :END_ID column refers to. */
  idSpace?: IdSpace;
}

export interface CsvTable {
  /** Relative to the release folder. */
  path: string;
  kind: "nodes" | "relationships";
  /** Nodes: the id space; relationships: the type. */
  name: string;
  columns: CsvColumn[];
  rows: (string | null)[][];
  /** List properties that some rows hold empty: neo4j-admin stores no empty list, after-import.cypher restores them. */
  emptyLists: string[];
}

export function csvTables(graph: ReleaseGraph): CsvTable[] {
  const tables: CsvTable[] = [];
  for (const space of ID_SPACES) {
    const nodes = graph.nodes.filter((n) => n.idSpace === space);
    if (nodes.length === 0) continue;
    tables.push(nodeTable(space, nodes));
  }
  const byType = new Map<string, GraphRelationship[]>();
  for (const rel of graph.relationships) {
    const key = `${rel.type}\u0000${rel.start.idSpace}\u0000${rel.end.idSpace}`;
    byType.set(key, [...(byType.get(key) ?? []), rel]);
  }
  const pairsOfType = (type: string) => [...byType.keys()].filter((k) => k.startsWith(`${type}\u0000`)).length;
  for (const [key, rels] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [type, start, end] = key.split("\u0000") as [string, IdSpace, IdSpace];
    const file = pairsOfType(type) > 1 ? `${type}.${start}-${end}` : type;
    tables.push(relationshipTable(`relationships/${file}.csv`, type, start, end, rels));
  }
  return tables;
}

function nodeTable(space: IdSpace, nodes: GraphNode[]): CsvTable {
  const { columns, cells, emptyLists } = propertyColumns(nodes.map((n) => n.properties), `${space} nodes`, ["id"]);
  return {
    path: `nodes/${space}.csv`,
    kind: "nodes",
    name: space,
    columns: [
      { header: `id:ID(${space})`, role: "id", property: "id", type: "string", array: false, idSpace: space },
      { header: ":LABEL", role: "label", type: "string", array: true },
      ...columns,
    ],
    rows: nodes.map((n, i) => [n.id, n.labels.join(ARRAY_DELIMITER), ...cells[i]!]),
    emptyLists,
  };
}

function relationshipTable(path: string, type: string, start: IdSpace, end: IdSpace, rels: GraphRelationship[]): CsvTable {
  const { columns, cells, emptyLists } = propertyColumns(rels.map((r) => r.properties), `${type} relationships`, []);
  return {
    path,
    kind: "relationships",
    name: type,
    columns: [
      { header: `:START_ID(${start})`, role: "start", type: "string", array: false, idSpace: start },
      { header: `:END_ID(${end})`, role: "end", type: "string", array: false, idSpace: end },
      { header: ":TYPE", role: "type", type: "string", array: false },
      ...columns,
    ],
    rows: rels.map((r, i) => [r.start.id, r.end.id, type, ...cells[i]!]),
    emptyLists,
  };
}

/** One typed column per property any record has; a property with two types is refused, naming it. */
function propertyColumns(records: Record<string, PropertyValue>[], what: string, skip: string[]) {
  // null: only empty lists seen so far, whose elements have no type.
  const types = new Map<string, { type: ValueType; array: boolean } | null>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (skip.includes(key)) continue;
      const known = types.get(key);
      const t = Array.isArray(value) && value.length === 0 ? (known ?? { type: "string" as const, array: true }) : valueType(value);
      if ((known && (known.type !== t.type || known.array !== t.array)) || (known === null && !t.array)) {
        throw new ReleaseError(`${what}: property '${key}' is ${known ? describe(known) : "a list"} in one record and ${describe(t)} in another; a CSV column has one type`);
      }
      types.set(key, Array.isArray(value) && value.length === 0 ? (known ?? null) : t);
    }
  }
  const keys = [...types.keys()].sort();
  const columns: CsvColumn[] = keys.map((key) => {
    const t = types.get(key) ?? { type: "string" as const, array: true };
    return { header: `${key}:${t.type}${t.array ? "[]" : ""}`, role: "property", property: key, ...t };
  });
  const emptyLists = keys.filter((key) => {
    const empty = records.filter((r) => Array.isArray(r[key]) && r[key].length === 0).length;
    if (empty === 0) return false;
    const absent = records.filter((r) => r[key] === undefined || r[key] === null).length;
    if (absent > 0) {
      throw new ReleaseError(`${what}: property '${key}' is an empty list in ${empty} record(s) and absent in ${absent}; neo4j-admin import cannot tell the two apart`);
    }
    return true;
  });
  const cells = records.map((record) => keys.map((key) => fieldText(record[key], `${what}, property '${key}'`)));
  return { columns, cells, emptyLists };
}

const describe = (t: { type: ValueType; array: boolean }) => `${t.type}${t.array ? "[]" : ""}`;

function fieldText(value: PropertyValue | undefined, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) return scalarText(value);
  if (value.length === 0) return null;
  return value
    .map((element) => {
      const text = scalarText(element);
      if (text === "" || text.includes(ARRAY_DELIMITER)) {
        throw new ReleaseError(`${where}: the list element ${JSON.stringify(text)} ${text === "" ? "is empty" : `contains '${ARRAY_DELIMITER}'`}, which neo4j-admin import would split or drop`);
      }
      return text;
    })
    .join(ARRAY_DELIMITER);
}

/**
 * RFC 4180 text: every present value quoted (a quoted "" is an empty string to neo4j-admin, an
 * unquoted empty field an absent property), quotes doubled, newlines kept inside the quotes.
 */
export function renderCsv(table: CsvTable): string {
  const line = (cells: (string | null)[]) => cells.map((c) => (c === null ? "" : `"${c.replaceAll('"', '""')}"`)).join(",");
  return [line(table.columns.map((c) => c.header)), ...table.rows.map(line)].join("\n") + "\n";
}
