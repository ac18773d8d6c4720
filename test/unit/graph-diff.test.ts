// The comparison of two graphs by stable ids, the values it compares, the release rule and the
// changes query's `since`, without a database.
import { Date as Neo4jDate, int } from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { parseSince } from "../../src/api/changes.ts";
import { describeItems, diffGraphs, factId, type GraphItem, totalChanges } from "../../src/graph/graph-diff.ts";
import { everythingAdded, itemsOfRows, plainValue } from "../../src/graph/graph-items.ts";
import { graphRows } from "../../src/graph/load.ts";
import { readSourceData, sourceFilesIn } from "../../src/graph/source-file.ts";
import { describeChanges, MAX_STORED_CHANGES, recordsRelease, releaseProperties } from "../../src/graph/releases.ts";

const entity = (id: string, props: GraphItem["props"] = {}): GraphItem => ({ kind: "entity", id, name: `Name of ${id}`, entityIds: [id], props: { name: `Name of ${id}`, ...props } });
const fact = (from: string, to: string, props: GraphItem["props"] = {}): GraphItem => ({
  kind: "fact",
  id: factId("FOUNDED", from, to, "src-a"),
  name: `${from} FOUNDED ${to}`,
  entityIds: [from, to],
  props: { sourceId: "src-a", evidence: "said so", ...props },
});

describe("diffGraphs", () => {
  const before = [entity("kept"), entity("renamed", { nameZhHans: "旧" }), entity("gone"), fact("kept", "gone")];
  const after = [entity("kept"), entity("renamed", { nameZhHans: "新", aliases: ["N"] }), entity("new"), fact("kept", "new")];
  const diff = diffGraphs(before, after);

  it("counts what was added, removed and changed per kind, by id", () => {
    expect(diff.counts.entity).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(diff.counts.fact).toEqual({ added: 1, removed: 1, changed: 0 });
    expect(diff.counts.figure).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(totalChanges(diff.counts)).toBe(5);
  });

  it("lists the changes by kind, then added, removed, changed, then id, with old and new values", () => {
    expect(diff.items.map((i) => `${i.change} ${i.kind} ${i.id}`)).toEqual([
      "added entity new",
      "removed entity gone",
      "changed entity renamed",
      `added fact ${factId("FOUNDED", "kept", "new", "src-a")}`,
      `removed fact ${factId("FOUNDED", "kept", "gone", "src-a")}`,
    ]);
    const renamed = diff.items.find((i) => i.id === "renamed")!;
    expect(renamed.properties).toEqual([
      { property: "aliases", before: null, after: '["N"]' },
      { property: "nameZhHans", before: "旧", after: "新" },
    ]);
    expect(diff.items.find((i) => i.id === "gone")!.properties).toEqual([]);
  });

  it("finds nothing between a graph and itself, whatever the order of its items", () => {
    const same = diffGraphs(before, [...before].reverse());
    expect(same.items).toEqual([]);
    expect(totalChanges(same.counts)).toBe(0);
  });

  it("tells facts apart by type, ends, source and stage", () => {
    expect(factId("RELEASED", "lab", "model", "src-a", "announced")).not.toBe(factId("RELEASED", "lab", "model", "src-a", "released"));
    expect(factId("RELEASED", "lab", "model", "src-a")).not.toBe(factId("RELEASED", "lab", "model", "src-b"));
    const moved = diffGraphs([fact("a", "b")], [{ ...fact("a", "b"), id: factId("FOUNDED", "a", "b", "src-b"), props: { sourceId: "src-b", evidence: "said so" } }]);
    expect(moved.counts.fact).toEqual({ added: 1, removed: 1, changed: 0 });
  });

  it("prints the first few and says how many more", () => {
    const lines = describeItems(diff.items, 2, diff.items.length);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("+ entity new (Name of new)");
    expect(lines[2]).toBe("… and 3 more");
    expect(describeItems(diff.items.filter((i) => i.change === "changed"), 5)[0]).toBe('~ entity renamed (Name of renamed): aliases (none) → "[\\"N\\"]"; nameZhHans "旧" → "新"');
  });
});

describe("the values compared", () => {
  it("stores as plain JSON what Neo4j stores: dates as ISO text, integers as numbers, no nulls", () => {
    expect(plainValue(new Neo4jDate(2025, 1, 31))).toBe("2025-01-31");
    expect(plainValue(int(3))).toBe(3);
    expect(plainValue(null)).toBeUndefined();
    expect(plainValue([int(1), "a", null])).toEqual([1, "a"]);
  });
});

describe("the items of the project's graph", () => {
  const rows = graphRows(readSourceData(sourceFilesIn()).files);
  const items = itemsOfRows(rows);

  it("have unique stable ids per kind, so the comparison pairs each with itself", () => {
    const keys = items.map((i) => `${i.kind} ${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(diffGraphs(items, itemsOfRows(rows)).items).toEqual([]);
  });

  it("counted without comparing for a first load: the same counts as comparing with nothing", () => {
    expect(everythingAdded(rows).counts).toEqual(diffGraphs([], items).counts);
  });
});

describe("the release rule", () => {
  const hash = "0123456789abcdef";
  const none = diffGraphs([entity("a")], [entity("a")]);
  const some = diffGraphs([entity("a")], [entity("a"), entity("b")]);
  const latest = { number: 4, version: `0.5.0+${hash}`, contentHash: hash };

  it("records a release when something changed or the content is new, not for the same content again", () => {
    expect(recordsRelease(null, hash, none)).toBe(true);
    expect(recordsRelease(latest, hash, none)).toBe(false);
    expect(recordsRelease(latest, "fedcba9876543210", none)).toBe(true);
    expect(recordsRelease(latest, hash, some)).toBe(true);
  });

  it("stores the counts whole and the items up to the cap; a first graph stores none", () => {
    const many = diffGraphs([], Array.from({ length: MAX_STORED_CHANGES + 5 }, (_, i) => entity(`e${i}`)));
    const next = { number: 5, version: "0.5.0+fedcba9876543210", contentHash: "fedcba9876543210" };
    const props = releaseProperties(next, latest, many, false);
    expect(Number(props.entitiesAdded)).toBe(MAX_STORED_CHANGES + 5);
    expect(Number(props.changesStored)).toBe(MAX_STORED_CHANGES);
    expect(JSON.parse(String(props.changes))).toHaveLength(MAX_STORED_CHANGES);
    expect(Number(props.previous)).toBe(4);
    const first = releaseProperties({ ...next, number: 1 }, null, many, true);
    expect(JSON.parse(String(first.changes))).toEqual([]);
    expect(first.previous).toBeNull();
  });

  it("says when a load changed nothing", () => {
    const [line] = describeChanges({ release: null, previous: latest, initial: false, counts: none.counts, first: [] });
    expect(line).toBe(`no change since release 4 (0.5.0+${hash}): no release recorded`);
  });
});

describe("changes(since:)", () => {
  it("takes a day, a date-time with its offset or a release version", () => {
    expect(parseSince("2026-12-01")).toEqual({ after: "date", date: "2026-12-01" });
    expect(parseSince("2026-12-01T09:30:00+08:00")).toEqual({ after: "instant", instant: "2026-12-01T09:30:00+08:00" });
    expect(parseSince("0.5.0+0123456789abcdef")).toEqual({ after: "version", version: "0.5.0+0123456789abcdef" });
  });

  it.each([["2026-02-30"], ["2026-12-01T09:30:00"], ["yesterday"], ["0.5.0"], ["0.5.0+xyz"], [""]])("refuses %j with BAD_USER_INPUT naming it", (since) => {
    let error: unknown;
    try {
      parseSince(since);
    } catch (e) {
      error = e;
    }
    expect((error as { extensions?: { code?: string } }).extensions?.code).toBe("BAD_USER_INPUT");
    expect((error as Error).message).toContain(`since '${since}'`);
  });

  it("describes, and does not repeat, text that is not plain", () => {
    const hostile = '") MATCH (n) DETACH DELETE n //';
    expect(() => parseSince(hostile)).toThrow(/^since \(31 characters of other text\) is neither a date/);
    expect(() => parseSince(hostile)).not.toThrow(/MATCH/);
  });
});
