// A data release (npm run export) is opened by each format's own tool: the CSV files by
// neo4j-admin import (the project's Neo4j jars) into a fresh store, which then holds the same
// graph as the loaded one; datapackage.json by `frictionless validate`; graph.ttl by rdflib;
// CITATION.cff by `cffconvert --validate`. The writers' refusals alone: test/unit/release-csv.test.ts.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { loadGraph } from "../src/graph/load.ts";
import { importIntoLocalStore } from "../src/neo4j/admin-import.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../src/neo4j/local-server.ts";
import { nodeIri, VOCABULARY } from "../src/release/rdf.ts";
import { countsInDatabase, readPublishedLoad } from "../src/release/read-graph.ts";
import { exportRelease, importArguments, type ReleaseSummary } from "../src/release/release.ts";
import { packageVersion } from "../src/release/release-info.ts";
import { snapshotGraph, testDatabase, testDriver } from "./support/db.ts";
import { runProjectCli } from "./support/service.ts";
import { throwawayNeo4jConfig } from "./support/throwaway-neo4j.ts";

let driver: Driver;
let root: string;
let release: ReleaseSummary;
let loaded: { snapshot: string[]; counts: Awaited<ReturnType<typeof countsInDatabase>> };

const PROJECT = path.resolve(import.meta.dirname, "..");
const contentHash = (snapshot: string[]) => createHash("sha256").update(snapshot.join("\n")).digest("hex");

/** A command's exit code and output. */
function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: options.cwd ?? PROJECT, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  driver = testDriver();
  root = mkdtempSync(path.join(os.tmpdir(), "llmgraph-release-"));
  await loadGraph(driver, { database: testDatabase() });
  loaded = { snapshot: await snapshotGraph(driver), counts: await countsInDatabase(driver, testDatabase()) };
  const started = performance.now();
  release = await exportRelease(driver, testDatabase(), () => path.join(root, "release"));
  console.log(`[release] export: ${(performance.now() - started).toFixed(0)} ms, ${release.tables.length} CSV files`);
});
afterAll(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe("npm run export", () => {
  it("writes the release of the graph in the configured Neo4j into --out, saying its version and counts", async () => {
    const out = path.join(root, "from-cli");
    const { code, output } = await runProjectCli("src/release/cli.ts", "--out", out);
    expect({ code, output }).toMatchObject({ code: 0 });
    const { Entity, Source, Metric } = loaded.counts.labels;
    expect(output).toContain(`Release ${release.info.version} (${release.info.date}) written to ${out} in `);
    expect(output).toContain(`${Entity} entities, ${Source} sources, ${Metric} metrics`);
    // The same graph gives the same files.
    for (const file of [...release.tables.map((t) => t.path), "datapackage.json", "graph.ttl", "CITATION.cff", "after-import.cypher"]) {
      expect(readFileSync(path.join(out, file), "utf8"), file).toBe(readFileSync(path.join(release.dir, file), "utf8"));
    }
  });
});

describe("the release's CSV files", () => {
  it("hold what makes a round trip hard: Chinese text, quotes, commas and line breaks in evidence, full and empty lists", async () => {
    const { records } = await driver.executeQuery(
      `MATCH ()-[r]->() WHERE r.evidence IS NOT NULL
       RETURN sum(CASE WHEN r.evidence CONTAINS '\n' THEN 1 ELSE 0 END) AS newlines,
              sum(CASE WHEN r.evidence CONTAINS ',' THEN 1 ELSE 0 END) AS commas,
              sum(CASE WHEN r.evidence =~ '.*[\\x{4e00}-\\x{9fff}].*' THEN 1 ELSE 0 END) AS chinese,
              sum(CASE WHEN size(r.corroboratingSourceIds) = 0 THEN 1 ELSE 0 END) AS emptyLists,
              sum(CASE WHEN size(r.corroboratingSourceIds) > 1 THEN 1 ELSE 0 END) AS longLists`,
      {},
      { database: testDatabase() },
    );
    for (const key of ["newlines", "commas", "chinese", "emptyLists", "longLists"]) {
      expect(Number(records[0]!.get(key)), key).toBeGreaterThan(0);
    }
    // Straight quotes are in notes (the evidence has typographic ones).
    const quoted = await driver.executeQuery(
      `MATCH (n) WHERE n:Source OR n:Metric UNWIND keys(n) AS k WITH n[k] AS v WHERE v IS :: STRING AND v CONTAINS '"' RETURN count(*) AS n`,
      {},
      { database: testDatabase() },
    );
    expect(Number(quoted.records[0]!.get("n"))).toBeGreaterThan(0);
    // What the import cannot write is restored after it.
    expect(release.afterImport.some((s) => s.includes("corroboratingSourceIds"))).toBe(true);
  });

  it("import with the project's Neo4j jars into a fresh store, whose Neo4j then holds the loaded graph: same counts, content hash and snapshot", async () => {
    const config = await throwawayNeo4jConfig("release-import", "release-import-1");
    try {
      const imported = await importIntoLocalStore(config, importArguments(release.tables), { cwd: release.dir });
      expect(imported.output).toMatch(/IMPORT DONE/);
      console.log(`[release] neo4j-admin import: ${imported.ms.toFixed(0)} ms with the JVM's start (${/IMPORT DONE in ([^.\n]+)/.exec(imported.output)?.[1]} by its own count)`);
      const info = await startLocalNeo4j(config);
      const other = neo4j.driver(info.uri, neo4j.auth.basic(info.username, info.password));
      try {
        for (const statement of release.afterImport) await other.executeQuery(statement, {}, { database: "neo4j" });
        expect(await countsInDatabase(other, "neo4j")).toEqual(loaded.counts);
        expect(release.counts).toEqual(loaded.counts);
        const snapshot = await snapshotGraph(other, "neo4j");
        expect(contentHash(snapshot)).toBe(contentHash(loaded.snapshot));
        expect(snapshot).toEqual(loaded.snapshot);
        // The loader's bookkeeping stayed out.
        const { records } = await other.executeQuery("MATCH (n) WHERE NOT (n:Entity OR n:Source OR n:Metric) RETURN count(n) AS n", {}, { database: "neo4j" });
        expect(Number(records[0]!.get("n"))).toBe(0);
      } finally {
        await other.close();
      }
    } finally {
      await stopLocalNeo4j(config);
      rmSync(config.NEO4J_DATA_DIR, { recursive: true, force: true });
    }
    // An import and a second Neo4j's start: over two minutes when other tests share the two cores.
  }, 360_000);
});

describe("datapackage.json", () => {
  it("is valid to `frictionless validate`: types, primary keys and foreign keys of every file", async () => {
    const { code, stdout, stderr } = await run("frictionless", ["validate", "--json", "datapackage.json"], { cwd: release.dir });
    const report = JSON.parse(stdout) as { valid: boolean; tasks: { name: string; valid: boolean }[] };
    expect({ code, stderr: code === 0 ? "" : stderr, invalid: report.tasks.filter((t) => !t.valid).map((t) => t.name) }).toEqual({ code: 0, stderr: "", invalid: [] });
    expect(report.valid).toBe(true);
    expect(report.tasks).toHaveLength(release.tables.length);
  });

  it("makes `frictionless validate` fail when a relationship names a node the release lacks", async () => {
    const broken = path.join(root, "broken");
    cpSync(release.dir, broken, { recursive: true });
    const file = path.join(broken, "nodes", "Source.csv");
    const [header, , ...rest] = readFileSync(file, "utf8").split(/\n(?=")/);
    writeFileSync(file, [header, ...rest].join("\n"));
    const { code, stdout } = await run("frictionless", ["validate", "--json", "datapackage.json"], { cwd: broken });
    expect(code).not.toBe(0);
    expect(stdout).toContain("foreign-key");
  });
});

describe("graph.ttl", () => {
  it("parses with rdflib, one reified statement per relationship, and facts picked from the graph keep subject, predicate, object, source and evidence", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (a)-[r]->(b) WHERE r.sourceId IS NOT NULL AND r.evidence IS NOT NULL
       WITH a, r, b ORDER BY r.evidence CONTAINS '\n' DESC, r.evidence CONTAINS '“' DESC, type(r), a.id, b.id
       WITH collect({a: a, r: r, b: b}) AS picked
       UNWIND picked[0..3] + picked[size(picked) / 2 .. size(picked) / 2 + 3] AS f
       WITH f.a AS a, f.r AS r, f.b AS b
       RETURN [l IN labels(a) WHERE l IN ['Entity', 'Source', 'Metric']][0] AS as, a.id AS aid, type(r) AS type,
              [l IN labels(b) WHERE l IN ['Entity', 'Source', 'Metric']][0] AS bs, b.id AS bid, r.sourceId AS source, r.evidence AS evidence`,
      {},
      { database: testDatabase() },
    );
    const facts = records.map((r) => ({
      subject: nodeIri({ idSpace: r.get("as"), id: r.get("aid") }),
      predicate: `${VOCABULARY}${r.get("type")}`,
      object: nodeIri({ idSpace: r.get("bs"), id: r.get("bid") }),
      source: nodeIri({ idSpace: "Source", id: r.get("source") }),
      evidence: r.get("evidence") as string,
    }));
    expect(facts).toHaveLength(6);
    expect(facts[0]!.evidence).toContain("\n");
    const { code, stdout, stderr } = await run("python3", [path.join(PROJECT, "test", "support", "check_release_rdf.py"), path.join(release.dir, "graph.ttl"), `${VOCABULARY}evidence`], { input: JSON.stringify(facts) });
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    const result = JSON.parse(stdout) as { statements: number; found: boolean[] };
    expect(result.found).toEqual(facts.map(() => true));
    expect(result.statements).toBe(Object.values(loaded.counts.types).reduce((a, b) => a + b, 0));
  });
});

describe("CITATION.cff", () => {
  it("is valid to `cffconvert --validate` and names the release's version and date", async () => {
    const { code, stdout, stderr } = await run("cffconvert", ["--validate", "-i", path.join(release.dir, "CITATION.cff")]);
    expect({ code, out: code === 0 ? "" : stdout + stderr }).toEqual({ code: 0, out: "" });
    const cff = parseYaml(readFileSync(path.join(release.dir, "CITATION.cff"), "utf8")) as Record<string, unknown>;
    const load = (await readPublishedLoad(driver, testDatabase()))!;
    expect(cff.version).toBe(`${packageVersion()}+${load.contentHash}`);
    expect(cff["date-released"]).toBe(new Date(load.loadedAt).toISOString().slice(0, 10));
    expect(cff.type).toBe("dataset");
  });
});
