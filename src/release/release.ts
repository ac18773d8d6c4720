// Assembles one release folder from the neutral graph: the CSV files for neo4j-admin import, the
// statements to run after it, datapackage.json, graph.ttl, CITATION.cff and README.md.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterImportStatements, renderAfterImport } from "./after-import.ts";
import { citationCff } from "./citation.ts";
import { csvTables, type CsvTable, renderCsv } from "./csv.ts";
import { dataPackage } from "./datapackage.ts";
import { graphCounts, type ReleaseGraph, ReleaseError } from "./graph.ts";
import { renderTurtle } from "./rdf.ts";
import { readGraph, readPublishedLoad } from "./read-graph.ts";
import { releaseReadme } from "./readme.ts";
import { type ReleaseInfo, releaseInfo } from "./release-info.ts";

export const RELEASE_FILES = { datapackage: "datapackage.json", turtle: "graph.ttl", citation: "CITATION.cff", readme: "README.md", afterImport: "after-import.cypher" } as const;

export interface ReleaseSummary {
  dir: string;
  info: ReleaseInfo;
  tables: CsvTable[];
  counts: ReturnType<typeof graphCounts>;
  /** The statements of after-import.cypher. */
  afterImport: string[];
}

/** neo4j-admin's arguments after `database import full`, with the files relative to the release folder. */
export function importArguments(tables: CsvTable[], dir = "."): string[] {
  return [
    ...tables.map((t) => `--${t.kind}=${path.join(dir, t.path)}`),
    // Evidence and notes hold line breaks inside quoted fields. Last: a --nodes or --relationships
    // just before the database name would take it for one more file.
    "--multiline-fields=true",
  ];
}

export function writeRelease(graph: ReleaseGraph, info: ReleaseInfo, dir: string): ReleaseSummary {
  prepareFolder(dir);
  const tables = csvTables(graph);
  mkdirSync(path.join(dir, "nodes"), { recursive: true });
  mkdirSync(path.join(dir, "relationships"), { recursive: true });
  for (const table of tables) writeFileSync(path.join(dir, table.path), renderCsv(table));
  const afterImport = afterImportStatements(tables);
  writeFileSync(path.join(dir, RELEASE_FILES.afterImport), renderAfterImport(afterImport));
  const sources = graph.nodes
    .filter((n) => n.idSpace === "Source")
    .map((n) => ({ title: String(n.properties.title ?? n.id), ...(typeof n.properties.url === "string" ? { path: n.properties.url } : {}) }));
  writeFileSync(path.join(dir, RELEASE_FILES.datapackage), JSON.stringify(dataPackage(tables, info, sources), null, 2) + "\n");
  writeFileSync(path.join(dir, RELEASE_FILES.turtle), renderTurtle(graph, `${info.title}, release ${info.version} (${info.date}). Licence: ${info.license.name}.`));
  writeFileSync(path.join(dir, RELEASE_FILES.citation), citationCff(info));
  const counts = graphCounts(graph);
  const command = `neo4j-admin database import full ${importArguments(tables).join(" ")} neo4j`;
  writeFileSync(path.join(dir, RELEASE_FILES.readme), releaseReadme(info, tables, counts, command));
  return { dir, info, tables, counts, afterImport };
}

/** Reads the published graph from Neo4j and writes its release into `dir` (by default under .local/releases/<version>). */
export async function exportRelease(driver: Driver, database: string | undefined, dir: (info: ReleaseInfo) => string): Promise<ReleaseSummary> {
  const info = releaseInfo(await readPublishedLoad(driver, database));
  const graph = await readGraph(driver, database);
  return writeRelease(graph, info, dir(info));
}

/** An empty or absent folder, or an earlier release (replaced); anything else is refused, untouched. */
function prepareFolder(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(RELEASE_FILES.datapackage)) {
      throw new ReleaseError(`${dir} is neither empty nor an earlier release (it has no ${RELEASE_FILES.datapackage}); choose another --out`);
    }
    for (const entry of entries) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}
