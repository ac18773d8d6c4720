// What changed: each load compares the graph it replaces with the new one, prints the summary,
// records a release with its change list in the swap, and the API answers changes(since:). The test
// loads graph A (the project's sources), then B (A plus a further source, one source's title changed
// and one fact removed), then A again; what it expects is what it changed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeCounts, describeCounts, emptyCounts, factId } from "../src/graph/graph-diff.ts";
import { loadGraph, type LoadResult } from "../src/graph/load.ts";
import { PROJECT_ROOT } from "../src/config.ts";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";
import { filesWith, furtherSource } from "./support/source-fixtures.ts";

let driver: Driver;
let api: Api;
let dir: string;
const database = testDatabase();
const run = async (query: string, params: Record<string, unknown> = {}) => (await driver.executeQuery(query, params, { database })).records;

/** What graph B changes, found in graph A before it is built. */
let removedFact: { type: string; from: string; to: string; sourceId: string };
let retitled: { id: string; before: string; after: string };
let filesB: string[];
const extra = furtherSource();

const load = async (files?: string[]) => {
  const progress: string[] = [];
  const result = await loadGraph(driver, { database, ...(files ? { files } : {}), onProgress: (m) => progress.push(m) });
  return { result, progress };
};

const latestNumber = async () => Number((await run("MATCH (r:GraphRelease) RETURN max(r.number) AS n"))[0]!.get("n") ?? 0);

beforeAll(async () => {
  driver = testDriver();
  api = await startApi(); // loads graph A
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-changes-"));
  filesB = filesWith(dir, extra);
  // A fact only its own source states (so removing it changes no other fact's corroboration),
  // in a file of its own source, and not a release (which the model's derived fields follow).
  const [fact] = await run(
    `MATCH (a:Entity)-[r]->(b:Entity)
     WHERE r.publisherCount = 1 AND type(r) IN ['STUDIED_AT', 'WORKED_AT'] AND r.citedSourceId IS NULL
     RETURN type(r) AS type, a.id AS from, b.id AS to, r.sourceId AS sourceId ORDER BY a.id, b.id LIMIT 1`,
  );
  removedFact = { type: fact!.get("type"), from: fact!.get("from"), to: fact!.get("to"), sourceId: fact!.get("sourceId") };
  const edit = (file: string, change: (data: any) => void) => {
    const data = JSON.parse(readFileSync(file, "utf8"));
    change(data);
    writeFileSync(file, JSON.stringify(data));
  };
  const factFile = filesB.find((f) => JSON.parse(readFileSync(f, "utf8")).source.id === removedFact.sourceId)!;
  edit(factFile, (data) => {
    data.relationships = data.relationships.filter((r: any) => !(r.type === removedFact.type && r.from === removedFact.from && r.to === removedFact.to));
  });
  // Another file's source, retitled (the one the fault suite retitles: no other file cites it).
  const titleFile = ["107_geekpark_zhipu.json", "108_infoq_minimax_founder.json"].map((name) => path.join(dir, name)).find((f) => f !== factFile)!;
  edit(titleFile, (data) => {
    retitled = { id: data.source.id, before: data.source.title, after: `${data.source.title} (retitled by the changes test)` };
    data.source.title = retitled.after;
  });
});
afterAll(async () => {
  await api?.stop();
  await loadGraph(driver, { database });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The counts graph B's changes make, from what the test changed: reversed when A replaces B. */
function expectedCounts(direction: "A to B" | "B to A"): ChangeCounts {
  const counts = emptyCounts();
  const [added, removed] = direction === "A to B" ? (["added", "removed"] as const) : (["removed", "added"] as const);
  counts.entity[added] = extra.entities.length;
  counts.source[added] = 1;
  counts.source.changed = 1;
  counts.fact[added] = extra.relationships.length;
  counts.fact[removed] = 1;
  counts.figure[added] = extra.metrics.length;
  return counts;
}

let extraFigureId: string;
const expectedIds = (direction: "A to B" | "B to A") => {
  const [added, removed] = direction === "A to B" ? ["added", "removed"] : ["removed", "added"];
  const rel = extra.relationships[0]!;
  return [
    `${added} entity ${extra.entities[0]!.id}`,
    `${added} fact ${factId(rel.type, rel.from, rel.to, extra.source.id)}`,
    `${removed} fact ${factId(removedFact.type, removedFact.from, removedFact.to, removedFact.sourceId)}`,
    `${added} figure ${extraFigureId}`,
    `${added} source ${extra.source.id}`,
    `changed source ${retitled.id}`,
  ].sort();
};
const idsOf = (items: Array<{ change: string; kind: string; id: string }>) => items.map((i) => `${i.change} ${i.kind} ${i.id}`).sort();

let beforeB: number;
let loadB: { result: LoadResult; progress: string[] };
let loadBackToA: { result: LoadResult; progress: string[] };

describe("a load compares the graph it replaces with the new one", () => {
  it("records no release when the same content is loaded again, and says so", async () => {
    const before = await latestNumber();
    expect(before).toBeGreaterThan(0);
    const { result, progress } = await load();
    expect(result.changes.release).toBeNull();
    expect(await latestNumber()).toBe(before);
    expect(progress).toContain(`no change since release ${before} (${result.changes.previous!.version}): no release recorded`);
  });

  it("prints and records what graph B added, removed and changed, by stable ids, with old and new values", async () => {
    beforeB = await latestNumber();
    loadB = await load(filesB);
    extraFigureId = (await run("MATCH (:Entity {id: $id})-[:HAS_METRIC]->(m:Metric) RETURN m.id AS id", { id: extra.entities[0]!.id }))[0]!.get("id");
    const { changes, contentHash } = loadB.result;
    expect(changes.release).toMatchObject({ number: beforeB + 1, contentHash, version: expect.stringMatching(new RegExp(`^\\d+\\.\\d+\\.\\d+\\+${contentHash}$`)) });
    expect(changes.previous?.number).toBe(beforeB);
    expect(changes.counts).toEqual(expectedCounts("A to B"));
    expect(idsOf(changes.first)).toEqual(expectedIds("A to B"));
    expect(changes.first.find((i) => i.id === retitled.id)!.properties).toEqual([{ property: "title", before: retitled.before, after: retitled.after }]);
    // The summary: its counts, then one line per change.
    const head = loadB.progress.findIndex((line) => line.startsWith(`release ${beforeB + 1} (`));
    expect(loadB.progress[head]).toContain(describeCounts(expectedCounts("A to B")));
    expect(loadB.progress[head + 1]).toMatch(/^ {2}\+ entity test-lab \(Test Lab\)$/);
  });

  it("keeps the history in the graph: the release chained to the one before, its counts and its change list", async () => {
    const [release] = await run(
      `MATCH (r:GraphRelease {number: $number}), (g:GraphMeta {id: 'graph'})
       RETURN r {.*} AS r, r.loadedAt = g.loadedAt AS sameTime, g.contentHash AS graphHash`,
      { number: beforeB + 1 },
    );
    const r = release!.get("r");
    expect(Number(r.previous)).toBe(beforeB);
    expect(r.contentHash).toBe(release!.get("graphHash"));
    expect(release!.get("sameTime")).toBe(true);
    expect(Number(r.factsRemoved)).toBe(1);
    expect(Number(r.changesTotal)).toBe(expectedIds("A to B").length);
    expect(idsOf(JSON.parse(r.changes))).toEqual(expectedIds("A to B"));
    // Readable from Cypher as it is (APOC parses the list).
    const [fromCypher] = await run(
      "MATCH (r:GraphRelease {number: $number}) RETURN [c IN apoc.convert.fromJsonList(r.changes) WHERE c.change = 'changed' | c.id] AS ids",
      { number: beforeB + 1 },
    );
    expect(fromCypher!.get("ids")).toEqual([retitled.id]);
  });

  it("records going back to graph A as the reverse changes", async () => {
    loadBackToA = await load();
    expect(loadBackToA.result.changes.release?.number).toBe(beforeB + 2);
    expect(loadBackToA.result.changes.counts).toEqual(expectedCounts("B to A"));
    expect(idsOf(loadBackToA.result.changes.first)).toEqual(expectedIds("B to A"));
    expect(loadBackToA.result.changes.first.find((i) => i.id === retitled.id)!.properties).toEqual([{ property: "title", before: retitled.after, after: retitled.before }]);
  });
});

const CHANGES = `query ($since: String!, $limit: Int! = 100) {
  changes(since: $since, limit: $limit) {
    number version contentHash loadedAt previous initial totalChanges storedChanges cut
    counts { entities { added removed changed } facts { added removed changed } figures { added removed changed } sources { added removed changed } }
    items { kind change id name entityIds properties { property before after } }
  }
}`;

const apiCounts = (counts: ChangeCounts) => ({
  entities: counts.entity,
  facts: counts.fact,
  figures: counts.figure,
  sources: counts.source,
});

describe("changes(since:)", () => {
  it("answers the releases after a release's version, newest first, with their items", async () => {
    const response = await api.gql(CHANGES, { since: loadB.result.changes.previous!.version });
    // Release beforeB has graph A's version, and so has beforeB + 2: since that version means after the latest of it.
    expect(response.body.data?.changes).toEqual([]);
    const sinceB = await api.gql(CHANGES, { since: loadB.result.changes.release!.version });
    expect(sinceB.body.errors).toBeUndefined();
    const [back] = sinceB.body.data!.changes;
    expect(sinceB.body.data!.changes).toHaveLength(1);
    expect(back).toMatchObject({ number: beforeB + 2, previous: beforeB + 1, initial: false, cut: false, counts: apiCounts(expectedCounts("B to A")) });
    expect(idsOf(back.items)).toEqual(expectedIds("B to A"));
    const fact = back.items.find((i: any) => i.kind === "fact" && i.change === "added");
    expect(fact.entityIds).toEqual([removedFact.from, removedFact.to]);
  });

  it("answers the releases loaded after a date-time, and on or after a day", async () => {
    const [loaded] = await run("MATCH (r:GraphRelease {number: $n}) RETURN toString(r.loadedAt) AS at", { n: beforeB });
    const afterA = await api.gql(CHANGES, { since: loaded!.get("at") });
    expect(afterA.body.data!.changes.map((r: any) => r.number)).toEqual([beforeB + 2, beforeB + 1]);
    const today = new Date().toISOString().slice(0, 10);
    const sinceToday = await api.gql(CHANGES, { since: today });
    expect(sinceToday.body.data!.changes.map((r: any) => r.number).slice(0, 2)).toEqual([beforeB + 2, beforeB + 1]);
  });

  it("cuts the items at limit, in all, and says where", async () => {
    const limit = expectedIds("A to B").length - 2;
    const response = await api.gql(CHANGES, { since: (await run("MATCH (r:GraphRelease {number: $n}) RETURN toString(r.loadedAt) AS at", { n: beforeB }))[0]!.get("at"), limit });
    const releases = response.body.data!.changes;
    expect(releases.map((r: any) => r.number)).toEqual([beforeB + 2, beforeB + 1]);
    expect(releases[0].items).toHaveLength(limit);
    expect(releases[0].cut).toBe(true);
    expect(releases[1].items).toEqual([]);
    expect(releases[1].totalChanges).toBe(expectedIds("A to B").length);
  });

  it("answers docs/api.md's example query with the documented shape", async () => {
    const section = readFileSync(path.join(PROJECT_ROOT, "docs", "api.md"), "utf8").split("**What changed since a release**")[1]!;
    const query = /```graphql\n([\s\S]+?)\n```/.exec(section)![1]!;
    const documented = JSON.parse(/```json\n([\s\S]+?)\n```/.exec(section)![1]!);
    // The documented since is an example version: this history's graph B stands for it.
    const response = await api.gql(query.replace(/since: "[^"]+"/, `since: "${loadB.result.changes.release!.version}"`));
    expect(response.body.errors).toBeUndefined();
    const shape = (value: unknown): unknown =>
      Array.isArray(value) ? value.slice(0, 1).map(shape) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : typeof value;
    expect(shape(response.body)).toEqual(shape(documented));
    const [release] = response.body.data!.changes;
    // The first three by kind, then added before removed: what going back to A removed and restored.
    const rel = extra.relationships[0]!;
    expect(release.items.map((i: any) => `${i.change} ${i.kind} ${i.id}`)).toEqual([
      `removed entity ${extra.entities[0]!.id}`,
      `added fact ${factId(removedFact.type, removedFact.from, removedFact.to, removedFact.sourceId)}`,
      `removed fact ${factId(rel.type, rel.from, rel.to, extra.source.id)}`,
    ]);
    expect(release).toMatchObject({ number: beforeB + 2, previous: beforeB + 1, totalChanges: expectedIds("B to A").length, cut: true });
  });

  it("refuses a bad since, an unknown version and a page beyond the limit with their codes", async () => {
    const bad = await api.gql(CHANGES, { since: "last week" });
    expect(api.errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.body.errors![0]!.message).toContain("since 'last week'");
    expect(api.errorCode(await api.gql(CHANGES, { since: "0.0.1+0000000000000000" }))).toBe("NOT_FOUND");
    expect(api.errorCode(await api.gql(CHANGES, { since: "2026-01-01", limit: 501 }))).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
    expect(api.errorCode(await api.gql(CHANGES, { since: "2026-01-01", limit: 0 }))).toBe("BAD_USER_INPUT");
  });
});

describe("a load into an empty database", () => {
  it("records an initial release: everything added, counted, and no item list stored", async () => {
    const before = await latestNumber();
    await run("MATCH (n) WHERE n:Entity OR n:Source OR n:Metric OR n:GraphMeta DETACH DELETE n");
    const { result, progress } = await load();
    expect(result.replaced).toBeNull();
    expect(result.changes).toMatchObject({ initial: true, release: { number: before + 1 }, first: [] });
    expect(result.changes.counts.entity).toEqual({ added: result.entities, removed: 0, changed: 0 });
    expect(result.changes.counts.figure.added).toBe(result.metrics);
    expect(result.changes.counts.fact.added).toBe(result.relationships);
    expect(progress.some((line) => line.includes("the first graph of this database, everything added"))).toBe(true);
    const [release] = await run("MATCH (r:GraphRelease {number: $n}) RETURN r.initial AS initial, r.changes AS changes, r.previous AS previous", { n: before + 1 });
    expect(release!.get("initial")).toBe(true);
    expect(JSON.parse(release!.get("changes"))).toEqual([]);
    expect(Number(release!.get("previous"))).toBe(before);
  });
});
