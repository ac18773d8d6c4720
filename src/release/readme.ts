// The release folder's README.md: what each file is, how to import it, the counts, and what is left out.
import type { CsvTable } from "./csv.ts";
import type { ReleaseInfo } from "./release-info.ts";

export function releaseReadme(info: ReleaseInfo, tables: CsvTable[], counts: { labels: Record<string, number>; types: Record<string, number> }, importCommand: string): string {
  const list = (record: Record<string, number>) => Object.entries(record).map(([k, n]) => `| ${k} | ${n} |`).join("\n");
  return `# ${info.title}, release ${info.version}

Loaded ${info.created} (content hash ${info.contentHash}). The version is the project's package
version with the content hash of the source files the graph was loaded from; the date is the day of
that load. Licence: ${info.license.title} (${info.license.name}) for the dataset; the cited sources
keep their own rights (quoted evidence is short passages of them, named in each fact's \`sourceId\`).

## Files

| file | what it is |
| --- | --- |
${tables.map((t) => `| \`${t.path}\` | ${t.kind === "nodes" ? `${t.name} nodes` : `${t.name} relationships`}, ${t.rows.length} rows |`).join("\n")}
| \`after-import.cypher\` | run after the import: restores the empty lists neo4j-admin cannot write |
| \`datapackage.json\` | Frictionless Data descriptor: field types, primary and foreign keys, licence, sources |
| \`graph.ttl\` | RDF (Turtle); each relationship is reified as an \`rdf:Statement\` carrying its source (\`prov:wasDerivedFrom\`) and evidence |
| \`CITATION.cff\` | how to cite this release |

The CSV files are in the format of \`neo4j-admin database import\`: typed headers (\`value:double\`,
\`validFrom:date\`, \`aliases:string[]\` with \`;\` between elements), \`:ID\`, \`:START_ID\` and
\`:END_ID\` in the id spaces Entity, Source and Metric. Every property is a column, provenance
included (\`sourceId\`, \`evidence\`, \`evidenceKind\`, \`certainty\`, \`qualifier\`, \`citedSourceId\`,
\`validFrom\`/\`validTo\`, \`datePrecision\`, \`corroboration\`, …). An empty field is an absent property; a
quoted \`""\` an empty string.

## Import into your own Neo4j 5

Into an empty database (here \`neo4j\`, stopped), from this folder:

\`\`\`
${importCommand}
\`\`\`

then start Neo4j and run \`cypher-shell -f after-import.cypher\`.

## Counts

| label | nodes |
| --- | --- |
${list(counts.labels)}

| type | relationships |
| --- | --- |
${list(counts.types)}

## Left out

The loader's bookkeeping is not part of the data: the \`GraphMeta\` node (the content hash and load
time, stated above, the list of source ids and the largest degrees per type), \`GraphGeneration\`,
the load lock and any staged or retired node of an unfinished load. The history of releases
(\`GraphRelease\` nodes, what each load changed) stays in the project's graph, where the API's
\`changes(since:)\` answers from it. The constraints and indexes
(\`cypher/schema.cypher\` in the project) are not in the CSV files either.
`;
}
