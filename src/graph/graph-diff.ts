// What changed between two graphs, by stable ids: entities and sources by their id, figures by their
// Metric id, facts by type, ends and source (and stage: a source may state a model's announcement
// and its release), the key the validation keeps unique per file. Pure: the load reads the current
// graph and builds the new one's items from its rows (graph-items.ts), this compares them.

export const CHANGE_KINDS = ["entity", "fact", "figure", "source"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export type ChangeType = "added" | "removed" | "changed";

/** A comparable value: what Neo4j stores, as JSON has it (dates as ISO text, integers as numbers). */
export type Value = string | number | boolean | Value[];

/** One entity, fact, figure or source as the comparison sees it. */
export interface GraphItem {
  kind: ChangeKind;
  id: string;
  /** What a reader calls it: a name, a title, "Zhipu AI FOUNDED_BY Tang Jie", "revenue FY2025". */
  name: string;
  /** The entities it is or touches (a fact's ends, a figure's subject), for links. */
  entityIds: string[];
  props: Record<string, Value>;
}

/** A property whose value differs, as text (a list as JSON); null where it is absent. */
export interface PropertyChange {
  property: string;
  before: string | null;
  after: string | null;
}

export interface ChangeItem {
  kind: ChangeKind;
  change: ChangeType;
  id: string;
  name: string;
  entityIds: string[];
  /** For a changed item, each property that differs; empty for one added or removed. */
  properties: PropertyChange[];
}

export type ChangeCounts = Record<ChangeKind, Record<ChangeType, number>>;

export interface GraphDiff {
  counts: ChangeCounts;
  /** Every change, by kind, then added/removed/changed, then id. */
  items: ChangeItem[];
}

/** A fact's stable id: its type, ends and source, and its stage when it has one. */
export const factId = (type: string, from: string, to: string, sourceId: string, stage?: string | null) =>
  `${type}(${from}->${to})@${sourceId}${stage ? `/${stage}` : ""}`;

const CHANGE_ORDER: Record<ChangeType, number> = { added: 0, removed: 1, changed: 2 };

export const emptyCounts = (): ChangeCounts =>
  Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, { added: 0, removed: 0, changed: 0 }])) as ChangeCounts;

export const totalChanges = (counts: ChangeCounts) =>
  CHANGE_KINDS.reduce((n, kind) => n + counts[kind].added + counts[kind].removed + counts[kind].changed, 0);

const valueText = (v: Value | undefined): string | null => (v === undefined ? null : typeof v === "string" ? v : Array.isArray(v) ? JSON.stringify(v) : String(v));

/** The properties that differ between two versions of an item, by name. */
export function propertyChanges(before: Record<string, Value>, after: Record<string, Value>): PropertyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((property) => ({ property, before: valueText(before[property]), after: valueText(after[property]) }));
}

const keyOf = (item: { kind: ChangeKind; id: string }) => `${item.kind}\u0000${item.id}`;

/** Compares the graph a load replaces with the new one. */
export function diffGraphs(previous: Iterable<GraphItem>, next: Iterable<GraphItem>): GraphDiff {
  const old = new Map<string, GraphItem>();
  for (const item of previous) old.set(keyOf(item), item);
  const counts = emptyCounts();
  const items: ChangeItem[] = [];
  const record = (item: GraphItem, change: ChangeType, properties: PropertyChange[] = []) => {
    counts[item.kind][change] += 1;
    items.push({ kind: item.kind, change, id: item.id, name: item.name, entityIds: item.entityIds, properties });
  };
  for (const item of next) {
    const before = old.get(keyOf(item));
    if (!before) {
      record(item, "added");
      continue;
    }
    old.delete(keyOf(item));
    const properties = propertyChanges(before.props, item.props);
    if (properties.length > 0) record(item, "changed", properties);
  }
  for (const gone of old.values()) record(gone, "removed");
  items.sort(
    (a, b) =>
      CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) || CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { counts, items };
}

/** Each kind in the plural, as counts are named (entitiesAdded, counts.entities). */
export const PLURAL: Record<ChangeKind, string> = { entity: "entities", fact: "facts", figure: "figures", source: "sources" };
const SIGN: Record<ChangeType, string> = { added: "+", removed: "-", changed: "~" };

/** "entities +1 -0 ~2, facts +3 -1 ~0, ...": the counts of each kind. */
export const describeCounts = (counts: ChangeCounts) =>
  CHANGE_KINDS.map((kind) => `${PLURAL[kind]} +${counts[kind].added} -${counts[kind].removed} ~${counts[kind].changed}`).join(", ");

const shorten = (text: string | null, max = 60) => (text === null ? "(none)" : text.length > max ? `${text.slice(0, max - 1)}…` : JSON.stringify(text));

/** One line per change, the first `first` of them: "+ entity test-lab (Test Lab)", "~ source s1: title "a" → "b"". */
export function describeItems(items: ChangeItem[], first: number, total = items.length): string[] {
  const lines = items.slice(0, first).map((item) => {
    const head = `${SIGN[item.change]} ${item.kind} ${item.id} (${item.name})`;
    if (item.properties.length === 0) return head;
    return `${head}: ${item.properties.map((p) => `${p.property} ${shorten(p.before)} → ${shorten(p.after)}`).join("; ")}`;
  });
  if (total > lines.length) lines.push(`… and ${total - lines.length} more`);
  return lines;
}
