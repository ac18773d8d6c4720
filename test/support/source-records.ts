// The source files' records as the tests derive answers from them (data/sources/*.json, read with
// the loader's reader so its defaults apply): each fact and figure with the id of its file's source.
import { readSourceFiles, sourceFilesIn, type MetricRecord, type RelationshipRecord, type SourceFile, type SourceRecord } from "../../src/graph/source-file.ts";

export interface SourceRecords {
  files: SourceFile[];
  /** Every source: each file's own and the documents it cites, once each. */
  sources: SourceRecord[];
  name: (id: string) => string;
  labels: (id: string) => string[];
  facts: Array<RelationshipRecord & { sourceId: string }>;
  figures: Array<MetricRecord & { sourceId: string }>;
}

let cached: SourceRecords | undefined;

export function sourceRecords(): SourceRecords {
  if (cached) return cached;
  const files = readSourceFiles(sourceFilesIn());
  const names = new Map(files.flatMap((f) => f.entities.map((e) => [e.id, e.name] as const)));
  const labels = new Map(files.flatMap((f) => f.entities.map((e) => [e.id, e.labels] as const)));
  const sources = [...new Map(files.flatMap((f) => [f.source, ...f.citedSources]).map((s) => [s.id, s])).values()];
  cached = {
    files,
    sources,
    name: (id) => names.get(id) ?? id,
    labels: (id) => labels.get(id) ?? [],
    facts: files.flatMap((f) => f.relationships.map((r) => ({ ...r, sourceId: f.source.id }))),
    figures: files.flatMap((f) => f.metrics.map((m) => ({ ...m, sourceId: f.source.id }))),
  };
  return cached;
}
