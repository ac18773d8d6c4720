// Reads and checks the source data files in data/sources/ before anything is written. Every
// problem is reported at once, each naming the file, the record and what is wrong.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { loadSourcesConfig, PROJECT_ROOT } from "../config.ts";
import { datedFrom, type DatePrecision } from "./dates.ts";
import {
  ACCESS_KINDS,
  ARCHITECTURES,
  CERTAINTIES,
  CITED_SOURCE_KINDS,
  COMPANY_ROLE_LABELS,
  DERIVATIONS,
  EVENT_LABELS,
  COMPARATORS,
  CURRENCIES,
  DATE_PRECISIONS,
  ENTITY_LABELS,
  FACT_STATUSES,
  METRIC_KINDS,
  METRICS,
  MODALITIES,
  QUOTED_SOURCE_KINDS,
  RELATIONSHIP_TYPES,
  RELEASE_STAGES,
  SOURCE_KINDS,
  UNITS,
  type RelationshipType,
} from "./model.ts";
import { nameProblems, namesEntity } from "./names.ts";
import {
  type EvidenceManifest,
  type EvidenceReport,
  type LoadedManifest,
  manifestEntry,
  readEvidenceManifest,
  sha256,
  type TextCheck,
  WRITE_MANIFEST_COMMAND,
} from "./evidence-manifest.ts";

export const SOURCES_DIR = path.join(PROJECT_ROOT, "data", "sources");
/**
 * Where the full texts of sources live (not copied into the project); evidence is checked against
 * them. The default of readSourceFiles and loadGraph; the service and `npm run load` pass theirs.
 */
/** The folder of source texts, read when a load asks for it (not at import: a bad setting then
 *  fails the command that reads it, with its message). */
const sourceTextsDir = (): string => loadSourcesConfig().SOURCE_TEXTS_DIR;

const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]*(\/[a-z0-9.-]+)*$/, "must be a lower-case slug such as 'zhipu-ai'");
const isoDate = z.string().refine((v) => datedFrom(v)?.precision === "day", "must be a calendar date YYYY-MM-DD");
const text = z.string().trim().min(1, "must not be empty");
/** Evidence states a fact: a single character or a word cannot (MIN_EVIDENCE_LENGTH). */
export const MIN_EVIDENCE_LENGTH = 4;
const evidenceText = z.string().trim().min(MIN_EVIDENCE_LENGTH, `must be at least ${MIN_EVIDENCE_LENGTH} characters: a span that states the fact`);
/** A date as precise as the source gives it. */
const partialDate = z.string().refine((v) => datedFrom(v) !== null, "must be a calendar date YYYY, YYYY-MM or YYYY-MM-DD");
/** How sure the source is, and whom it attributes the fact to; shared by relationships and figures. */
/** Corroboration is counted by the loader (corroboration.ts); a typed one would go stale. */
const countedNotTyped = z
  .never({ error: "corroboration is counted by the loader from the distinct publishers (source.publisherId) that state the same fact; remove it" })
  .optional();

const qualification = {
  certainty: z.enum(CERTAINTIES).default("stated"),
  qualifier: text.optional(),
  citedSourceId: slug.optional(),
};

const sourceSchema = z.strictObject({
  id: slug,
  title: text,
  publisher: text,
  /** The original publisher as a slug (scmp for an SCMP article republished elsewhere): corroboration
   *  counts distinct publisherIds. Required on a file's own source. */
  publisherId: slug.optional(),
  author: text.optional(),
  platform: text.optional(),
  language: z.string().regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, "must be a language tag such as zh-Hant"),
  /** Optional only for a cited document the citing source does not date (dateNote then says so). */
  date: partialDate.optional(),
  datePrecision: z.enum(DATE_PRECISIONS).optional(),
  dateNote: text.optional(),
  kind: z.enum(SOURCE_KINDS),
  url: z.url().optional(),
  /** When a web article was read (YYYY-MM-DD); required for kind web-article. */
  retrieved: isoDate.optional(),
  textFile: text.optional(),
  /** A lab's own file (kind repository): its repository (owner/name), path and the commit read. */
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name, as GitHub spells it").optional(),
  path: text.optional(),
  commit: z.string().regex(/^[0-9a-f]{40}$/, "must be a full 40-hex commit id").optional(),
  note: text.optional(),
});

const entitySchema = z.strictObject({
  id: slug,
  labels: z.array(z.enum([...ENTITY_LABELS, ...COMPANY_ROLE_LABELS])).min(1),
  name: text,
  nameZhHans: text,
  nameZhHant: text,
  aliases: z.array(text).default([]),
  kind: text.optional(),
  /** An event's date (Listing, FundingRound), as precise as known: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: partialDate.optional(),
  /** A listing's stock code, board and listing rule (e.g. Main Board, Chapter 18C). */
  ticker: text.optional(),
  board: text.optional(),
  listingRule: text.optional(),
  /** A funding round's stage (angel, A, B+, strategic, ...). */
  stage: text.optional(),
  /** A licence's SPDX identifier, where one exists (MIT, Apache-2.0). */
  spdxId: z.string().regex(/^[A-Za-z0-9.+-]+$/, "must be an SPDX licence identifier such as Apache-2.0").optional(),
  /** Characters of nameZhHant that OpenCC would convert but that are correct here (杰 in a name). */
  scriptExceptions: z.array(z.strictObject({ char: z.string().refine((c) => [...c].length === 1, "must be one character"), reason: text })).optional(),
});

const relationshipSchema = z.strictObject({
  type: z.enum(Object.keys(RELATIONSHIP_TYPES) as [RelationshipType, ...RelationshipType[]]),
  from: slug,
  to: slug,
  evidence: evidenceText,
  amount: z.number().finite().optional(),
  currency: z.enum(CURRENCIES).optional(),
  comparator: z.enum(COMPARATORS).optional(),
  ...qualification,
  validFrom: partialDate.optional(),
  validTo: partialDate.optional(),
  status: z.enum(FACT_STATUSES).optional(),
  /** A holding (SHAREHOLDER_OF): the percentage held, and as of when. */
  stakePercent: z.number().min(0).max(100).optional(),
  asOf: partialDate.optional(),
  corroboration: countedNotTyped,
  note: text.optional(),
  /** A release (RELEASED): announced or released, how it can be used, its architecture, its
   *  modality, and the Hugging Face repository id where the source names it. */
  stage: z.enum(RELEASE_STAGES).optional(),
  access: z.enum(ACCESS_KINDS).optional(),
  architecture: z.enum(ARCHITECTURES).optional(),
  modality: z.enum(MODALITIES).optional(),
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be a Hugging Face repository id, owner/name").optional(),
  /** Terms of a licence the source states (LICENSED_UNDER). */
  condition: text.optional(),
  /** The role a source names (LEADS: CEO, chairman). */
  role: text.optional(),
});

/** Relationship properties that belong to one type only. */
const PROPERTIES_OF_TYPE: Partial<Record<keyof z.infer<typeof relationshipSchema>, RelationshipType[]>> = {
  stage: ["RELEASED"],
  access: ["RELEASED"],
  architecture: ["RELEASED"],
  modality: ["RELEASED"],
  repository: ["RELEASED"],
  condition: ["LICENSED_UNDER"],
  role: ["LEADS"],
};

const metricSchema = z.strictObject({
  id: slug.optional(),
  /** What the figure is about: a company, or an event (a listing, a funding round); an fxRate is about neither. */
  company: slug.optional(),
  event: slug.optional(),
  /** A figure of a model release (its size, context window, price), or of a regulator (a count of filings). */
  model: slug.optional(),
  regulator: slug.optional(),
  /** For an fxRate: the currency one unit of which is worth `value` `unit`. */
  baseCurrency: z.enum(CURRENCIES).optional(),
  metric: z.enum(METRICS),
  value: z.number().finite(),
  unit: z.enum(UNITS),
  unitNote: text.optional(),
  comparator: z.enum(COMPARATORS),
  periodStart: isoDate.optional(),
  periodEnd: isoDate,
  periodLabel: text,
  /** How precisely the text dates the figure (see docs/model.md, reading rules); periodEnd stands for it. */
  datePrecision: z.enum(DATE_PRECISIONS).default("day"),
  kind: z.enum(METRIC_KINDS).default("actual"),
  forecastBy: slug.optional(),
  scope: text.optional(),
  yoyGrowthPercent: z.number().finite().optional(),
  growthMultiple: z.number().finite().optional(),
  growthPeriod: text.optional(),
  /** A figure the source derives from others: their metric ids, and how (npm run audit recomputes it). */
  derivedFrom: z.array(slug).min(1).optional(),
  derivation: z.enum(DERIVATIONS).optional(),
  corroboration: countedNotTyped,
  /** The maintainers' gloss on the figure, never a fact. */
  note: text.optional(),
  ...qualification,
  evidence: evidenceText,
});

const fileSchema = z.strictObject({
  /** The JSON Schema an editor validates this file with (SOURCE_FILE_JSON_SCHEMA). */
  $schema: z.string().optional(),
  source: sourceSchema.meta({ description: "The source whose facts this file holds: an article or filing whose text is in SOURCE_TEXTS_DIR, or the background source." }),
  /** Documents the source attributes facts to (「招股書顯示」, 「中信證券預測」); their text is not held. */
  citedSources: z.array(sourceSchema).default([]),
  entities: z.array(entitySchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
  mentions: z.array(slug).default([]),
  metrics: z.array(metricSchema).default([]),
});

export type SourceRecord = z.infer<typeof sourceSchema>;
export type EntityRecord = z.infer<typeof entitySchema>;
export type RelationshipRecord = z.infer<typeof relationshipSchema>;
export type MetricRecord = z.infer<typeof metricSchema> & { id: string };
export interface SourceFile {
  file: string;
  source: SourceRecord;
  citedSources: SourceRecord[];
  entities: EntityRecord[];
  relationships: RelationshipRecord[];
  mentions: string[];
  metrics: MetricRecord[];
}

export class SourceDataError extends Error {
  override name = "SourceDataError";
  constructor(readonly problems: string[]) {
    super(`The source data has ${problems.length} problem(s); nothing was written:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** The source-file contract as JSON Schema, emitted from the zod schema above by
 *  `npm run sources:schema`, committed, and named by `$schema` in every source file. It describes
 *  the shape; the cross-checks (ids, labels, verbatim evidence, names) run in the loader. */
export const SOURCE_FILE_JSON_SCHEMA = path.join(PROJECT_ROOT, "schema", "source-file.schema.json");

export function sourceFileJsonSchema(): string {
  const schema = z.toJSONSchema(fileSchema, { io: "input" });
  return `${JSON.stringify({ ...schema, title: "china-llm-graph source file" }, null, 2)}\n`;
}

export function sourceFilesIn(dir: string = SOURCES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Parses and cross-checks every file. Entities may be declared in any file and used from any
 * other; a declaration repeated elsewhere must be identical. Throws SourceDataError listing all
 * problems.
 */
export function readSourceFiles(files: string[], textsDir: string = sourceTextsDir(), options: EvidenceOptions = {}): SourceFile[] {
  return readSourceData(files, textsDir, options).files;
}

export interface EvidenceOptions {
  /** The evidence manifest to check quotes against where a text is absent; default the committed one. */
  manifest?: LoadedManifest | null;
  /** Refuse a quoted source whose text is absent even if the manifest covers it (CI: REQUIRE_SOURCE_TEXTS). */
  requireTexts?: boolean;
}

/** readSourceFiles, with a report of how each quoted text's evidence was checked. */
export function readSourceData(files: string[], textsDir: string = sourceTextsDir(), options: EvidenceOptions = {}): { files: SourceFile[]; evidence: EvidenceReport } {
  const manifest = options.manifest === undefined ? readEvidenceManifest() : options.manifest;
  const checks: TextCheck[] = [];
  const problems: string[] = [];
  const parsed: SourceFile[] = [];
  for (const file of files) {
    const name = displayPath(file);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${name}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const result = fileSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${name}: ${describeRecord(raw, issue.path)}: ${issue.message}`);
      continue;
    }
    // A web article restates what others state too: its figures' ids carry its own id, so that two
    // sources giving one figure make two Metrics, each with its source.
    const suffix = result.data.source.kind === "web-article" || result.data.source.kind === "repository" ? `/${result.data.source.id}` : "";
    const metrics = result.data.metrics.map((m) => ({ ...m, id: m.id ?? `${defaultMetricId(m)}${suffix}` }));
    parsed.push({ file: name, ...result.data, metrics });
  }

  const entities = new Map<string, { record: EntityRecord; file: string }>();
  const sources = new Map<string, { record: SourceRecord; file: string }>();
  const declareSource = (where: string, record: SourceRecord, file: string, cited: boolean) => {
    const given = record.date ? datedFrom(record.date) : null;
    if (given && record.datePrecision !== given.precision) {
      problems.push(`${where}: datePrecision must be '${given.precision}' for date '${record.date}'`);
    }
    const seen = sources.get(record.id);
    // A document may be cited by several sources, declared identically by each.
    if (!seen) sources.set(record.id, { record, file });
    else if (!cited || JSON.stringify(seen.record) !== JSON.stringify(record)) {
      problems.push(`${where}: source '${record.id}' is also declared in ${seen.file}${cited ? " differently" : ""}`);
    }
  };
  for (const data of parsed) {
    declareSource(`${data.file}: source`, data.source, data.file, false);
    if (!data.source.publisherId) {
      problems.push(`${data.file}: source: 'publisherId' is required: a slug of the original publisher (the same for every site that republishes it), by which corroboration is counted`);
    }
    if (data.source.kind === "web-article" && (!data.source.url || !data.source.retrieved)) {
      problems.push(`${data.file}: source: a web-article needs its 'url' and the day it was 'retrieved'`);
    }
    const repositoryFields = [data.source.repository, data.source.path, data.source.commit, data.source.url, data.source.retrieved];
    if (data.source.kind === "repository" && repositoryFields.some((f) => f === undefined)) {
      problems.push(`${data.file}: source: a repository file needs 'repository', 'path', 'commit', its 'url' and the day it was 'retrieved'`);
    }
    if (data.source.kind !== "repository" && (data.source.repository || data.source.path || data.source.commit)) {
      problems.push(`${data.file}: source: 'repository', 'path' and 'commit' are only for kind 'repository'`);
    }
    if (data.source.kind === "repository" && data.source.commit && data.source.url && !data.source.url.includes(data.source.commit)) {
      problems.push(`${data.file}: source: the url must name the commit read (${data.source.commit.slice(0, 12)}…), not a moving branch`);
    }
    // A republished web page or a repository file may not show its date: then a dateNote says what is known of it.
    const undatedAllowed = (data.source.kind === "web-article" || data.source.kind === "repository") && data.source.dateNote;
    if (!data.source.date && !undatedAllowed) problems.push(`${data.file}: source: 'date' is required (as precise as known, with datePrecision)`);
    data.citedSources.forEach((cited, i) => {
      const where = `${data.file}: citedSources[${i}] (${cited.id})`;
      declareSource(where, cited, data.file, true);
      if (!(CITED_SOURCE_KINDS as readonly string[]).includes(cited.kind)) {
        problems.push(`${where}: a cited source's kind must be one of ${CITED_SOURCE_KINDS.join(", ")}, not '${cited.kind}'`);
      }
      if (!cited.date && !cited.dateNote) problems.push(`${where}: a cited source without 'date' needs a 'dateNote' saying what is known of its date`);
      if (cited.textFile) problems.push(`${where}: a cited source has no 'textFile'; its facts are quoted from the citing source`);
    });
    data.entities.forEach((entity, i) => {
      const where = `${data.file}: entities[${i}] (${entity.id})`;
      problems.push(...labelProblems(entity).map((p) => `${where}: ${p}`));
      problems.push(...nameProblems(entity).map((p) => `${where}: ${p}`));
      const isEvent = entity.labels.some((l) => (EVENT_LABELS as readonly string[]).includes(l));
      if (isEvent && !entity.date) problems.push(`${where}: an event (${EVENT_LABELS.join(", ")}) needs a 'date'`);
      if (entity.spdxId !== undefined && !entity.labels.includes("License")) problems.push(`${where}: 'spdxId' is only for a License`);
      for (const field of ["date", "ticker", "board", "listingRule", "stage"] as const) {
        if (!isEvent && entity[field] !== undefined) problems.push(`${where}: '${field}' is only for an event (${EVENT_LABELS.join(", ")})`);
      }
      const seen = entities.get(entity.id);
      if (!seen) entities.set(entity.id, { record: entity, file: data.file });
      else if (JSON.stringify(seen.record) !== JSON.stringify(entity)) {
        problems.push(`${where}: declared differently in ${seen.file}; declare an entity once, or identically`);
      }
    });
  }

  const labelsOf = (id: string) => entities.get(id)?.record.labels;
  // Metric ids are global: a derived figure may name inputs in another file.
  const allMetricIds = new Set(parsed.flatMap((d) => d.metrics.map((m) => m.id)));
  const metricFileById = new Map<string, string>();
  for (const data of parsed) {
    const verifier = quoteVerifier(data, textsDir, { manifest: manifest?.manifest ?? null, requireTexts: options.requireTexts ?? false }, problems);
    if (verifier) checks.push(verifier.check);
    const citedIds = new Set(data.citedSources.map((c) => c.id));
    // What every fact and figure shares: the evidence is verbatim and names the entities it is
    // about, a hedge keeps its words, an attribution names a document this source cites.
    const checkStatement = (where: string, record: { evidence: string; certainty: string; qualifier?: string | undefined; citedSourceId?: string | undefined }, about: string[]) => {
      const unverified = verifier?.problem(record.evidence);
      if (unverified) problems.push(`${where}: ${unverified}`);
      // A quote, or a paraphrase in our own words, names what it is about.
      if (verifier || data.source.kind === "web-article" || data.source.kind === "repository") {
        for (const id of about) {
          const entity = entities.get(id)?.record;
          // An event's name is ours ("Zhipu AI Hong Kong listing (2026)"); a text names it by its
          // company and date, which a string match cannot see.
          const isEvent = entity?.labels.some((l) => (EVENT_LABELS as readonly string[]).includes(l));
          if (entity && !isEvent && !namesEntity(record.evidence, entity)) {
            problems.push(`${where}: evidence does not name '${id}' (by name or alias, in any script); extend the span to where the text names it: "${record.evidence.slice(0, 60)}"`);
          }
        }
      }
      if (record.certainty === "hedged" && !record.qualifier) problems.push(`${where}: a hedged fact needs 'qualifier', the hedging words of its evidence`);
      if (record.certainty === "stated" && record.qualifier) problems.push(`${where}: 'qualifier' is only for certainty 'hedged'`);
      if (record.qualifier && !record.evidence.includes(record.qualifier)) {
        problems.push(`${where}: qualifier '${record.qualifier}' is not in its evidence`);
      }
      if (record.citedSourceId && !citedIds.has(record.citedSourceId)) {
        problems.push(`${where}: citedSourceId '${record.citedSourceId}' is not among this file's citedSources`);
      }
    };
    const seenFacts = new Set<string>();
    data.relationships.forEach((rel, i) => {
      const where = `${data.file}: relationships[${i}] (${rel.type} ${rel.from} -> ${rel.to})`;
      const rule = RELATIONSHIP_TYPES[rel.type];
      for (const [end, id, label] of [
        ["from", rel.from, rule.from],
        ["to", rel.to, rule.to],
      ] as const) {
        const labels = labelsOf(id);
        if (!labels) problems.push(`${where}: unknown entity id '${id}'`);
        else if (!(labels as string[]).includes(label)) {
          problems.push(`${where}: '${end}' must be a ${label}, but '${id}' is ${labels.join(":")}`);
        }
      }
      if (rel.amount !== undefined && !rel.currency) problems.push(`${where}: an amount needs a currency`);
      const from = rel.validFrom ? datedFrom(rel.validFrom) : null;
      const to = rel.validTo ? datedFrom(rel.validTo) : null;
      if (from && to && from.precision !== to.precision) {
        problems.push(`${where}: validFrom and validTo must be given to the same precision (${from.precision} vs ${to.precision})`);
      }
      if (from && to && from.date > to.date) problems.push(`${where}: validFrom ${rel.validFrom} is after validTo ${rel.validTo}`);
      for (const [property, types] of Object.entries(PROPERTIES_OF_TYPE)) {
        if (rel[property as keyof typeof rel] !== undefined && !types.includes(rel.type)) problems.push(`${where}: '${property}' is only for ${types.join(", ")}`);
      }
      // A source may state a release's announcement and its release: two facts of one type.
      const key = `${rel.type}|${rel.from}|${rel.to}|${rel.stage ?? ""}`;
      if (seenFacts.has(key)) problems.push(`${where}: stated twice in this file`);
      seenFacts.add(key);
      checkStatement(where, rel, [rel.from, rel.to]);
    });
    data.mentions.forEach((id, i) => {
      if (!entities.has(id)) problems.push(`${data.file}: mentions[${i}]: unknown entity id '${id}'`);
    });
    data.metrics.forEach((metric, i) => {
      const where = `${data.file}: metrics[${i}] (${metric.id})`;
      const subject = metricSubject(metric);
      const given = SUBJECT_FIELDS.filter((field) => metric[field] !== undefined);
      if (given.length > 1) problems.push(`${where}: give one of ${SUBJECT_FIELDS.join(", ")}, not ${given.join(" and ")}`);
      if (metric.metric === "fxRate") {
        if (subject) problems.push(`${where}: an fxRate is about no company or event`);
        if (!metric.baseCurrency) problems.push(`${where}: an fxRate needs 'baseCurrency' (value is in 'unit' per one baseCurrency)`);
      } else if (!subject) problems.push(`${where}: a figure needs one of ${SUBJECT_FIELDS.join(", ")}`);
      else {
        const labels = labelsOf(subject);
        const field = given[0]!;
        const wanted = SUBJECT_LABELS[field];
        if (!labels) problems.push(`${where}: unknown entity id '${subject}'`);
        else if (!labels.some((l) => wanted.includes(l))) {
          problems.push(`${where}: '${field}' must be a ${wanted.join(" or ")}, but '${subject}' is ${labels.join(":")}`);
        }
      }
      // A derivation without inputs is a derived figure whose inputs the source does not give.
      if (metric.derivedFrom && !metric.derivation) problems.push(`${where}: 'derivedFrom' needs its 'derivation'`);
      for (const input of metric.derivedFrom ?? []) if (!allMetricIds.has(input)) problems.push(`${where}: derivedFrom names no figure '${input}'`);
      if (metric.periodStart && metric.periodStart > metric.periodEnd) {
        problems.push(`${where}: periodStart ${metric.periodStart} is after periodEnd ${metric.periodEnd}`);
      }
      if (metric.kind === "forecast" && !metric.forecastBy) problems.push(`${where}: a forecast needs 'forecastBy'`);
      if (metric.forecastBy) {
        const by = labelsOf(metric.forecastBy);
        if (!by) problems.push(`${where}: unknown entity id '${metric.forecastBy}' in forecastBy`);
        else if (!by.includes("Company")) problems.push(`${where}: 'forecastBy' must be a Company`);
        if (metric.kind !== "forecast") problems.push(`${where}: 'forecastBy' is only for kind 'forecast'`);
      }
      const seenIn = metricFileById.get(metric.id);
      if (seenIn === data.file) problems.push(`${where}: metric id '${metric.id}' is used twice; give one an explicit 'id'`);
      else if (seenIn) problems.push(`${where}: metric id '${metric.id}' is also used in ${seenIn}; give one an explicit 'id'`);
      else metricFileById.set(metric.id, data.file);
      // An event's name is ours, so only a company's, model's or regulator's is looked for in the evidence.
      checkStatement(where, metric, [...(subject && !metric.event ? [subject] : []), ...(metric.forecastBy ? [metric.forecastBy] : [])]);
    });
  }
  if (problems.length > 0) throw new SourceDataError(problems);
  return { files: parsed, evidence: { checks, manifest } };
}

/** Every entity a file names: declared, related, measured or listed under `mentions`. */
export function mentionedEntityIds(data: SourceFile): string[] {
  const ids = new Set<string>([...data.entities.map((e) => e.id), ...data.mentions]);
  for (const rel of data.relationships) ids.add(rel.from).add(rel.to);
  for (const metric of data.metrics) {
    const subject = metricSubject(metric);
    if (subject) ids.add(subject);
    if (metric.forecastBy) ids.add(metric.forecastBy);
  }
  return [...ids].sort();
}

/** A relationship's stored properties besides its provenance: dates as the first day of the year,
 *  month or day the source gives (YYYY-MM-DD), with that precision in datePrecision. */
export function relationshipProperties(rel: RelationshipRecord): Record<string, string | number> {
  const from = rel.validFrom ? datedFrom(rel.validFrom) : null;
  const to = rel.validTo ? datedFrom(rel.validTo) : null;
  const asOf = rel.asOf ? datedFrom(rel.asOf) : null;
  const props: Record<string, string | number | undefined> = {
    amount: rel.amount,
    currency: rel.currency,
    comparator: rel.comparator,
    certainty: rel.certainty,
    qualifier: rel.qualifier,
    citedSourceId: rel.citedSourceId,
    status: rel.status,
    stakePercent: rel.stakePercent,
    note: rel.note,
    stage: rel.stage,
    access: rel.access,
    architecture: rel.architecture,
    modality: rel.modality,
    repository: rel.repository,
    condition: rel.condition,
    role: rel.role,
    asOf: asOf?.date,
    validFrom: from?.date,
    validTo: to?.date,
    datePrecision: (from ?? to ?? asOf)?.precision satisfies DatePrecision | undefined,
  };
  return Object.fromEntries(Object.entries(props).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}

/** The entity a figure is about: its company or event (none for an exchange rate). */
export const metricSubject = (m: { company?: string | undefined; event?: string | undefined; model?: string | undefined; regulator?: string | undefined }): string | undefined =>
  m.company ?? m.event ?? m.model ?? m.regulator;

/** The fields that name a figure's subject, and the labels each must carry. */
const SUBJECT_FIELDS = ["company", "event", "model", "regulator"] as const;
const SUBJECT_LABELS: Record<(typeof SUBJECT_FIELDS)[number], readonly string[]> = {
  company: ["Company"],
  event: EVENT_LABELS,
  model: ["Model"],
  regulator: ["Regulator"],
};

function labelProblems(entity: EntityRecord): string[] {
  const primary = entity.labels.filter((l) => (ENTITY_LABELS as readonly string[]).includes(l));
  const roles = entity.labels.filter((l) => (COMPANY_ROLE_LABELS as readonly string[]).includes(l));
  const problems: string[] = [];
  if (primary.length !== 1) problems.push(`needs exactly one of ${ENTITY_LABELS.join(", ")}; has ${primary.join(", ") || "none"}`);
  if (roles.length > 0 && primary[0] !== "Company") problems.push(`role labels ${roles.join(", ")} apply to a Company only`);
  return problems;
}

/** How one file's quotes are checked: verbatim against its text where present, else against the
 *  evidence manifest. Null for a source whose evidence is not a quote (web article, background). */
function quoteVerifier(
  data: SourceFile,
  textsDir: string,
  { manifest, requireTexts }: { manifest: EvidenceManifest | null; requireTexts: boolean },
  problems: string[],
): { check: TextCheck; problem: (quote: string) => string | null } | null {
  const quoted = (QUOTED_SOURCE_KINDS as readonly string[]).includes(data.source.kind);
  const textFile = data.source.textFile;
  if (!textFile) {
    if (quoted) problems.push(`${data.file}: source: 'textFile' is required for a ${data.source.kind}, so evidence can be checked`);
    return null;
  }
  const entry = manifest?.texts[textFile];
  const file = path.join(textsDir, textFile);
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    // The manifest must describe this very text: a changed text would make its offsets lie.
    if (entry && (entry.sha256 !== sha256(text) || entry.length !== text.length)) {
      problems.push(`${data.file}: source: text file '${textFile}' differs from the one the evidence manifest records (SHA-256 or length); if the new text is right, run ${WRITE_MANIFEST_COMMAND}`);
    }
    const recorded = new Set(entry?.quotes.map((q) => q.sha256));
    return {
      check: { textFile, by: "text", inManifest: entry !== undefined },
      problem: (quote) => {
        if (!text.includes(quote)) return `evidence is not a verbatim span of ${textFile}: "${quote.slice(0, 60)}"`;
        if (entry && !recorded.has(sha256(quote))) return `evidence is verbatim but not yet in the evidence manifest; run ${WRITE_MANIFEST_COMMAND}: "${quote.slice(0, 60)}"`;
        return null;
      },
    };
  }
  // Never silently unchecked: a typo in textFile or a missing folder would let any evidence in.
  if (!entry || requireTexts) {
    problems.push(
      `${data.file}: source: text file '${textFile}' not found in SOURCE_TEXTS_DIR (${textsDir})` +
        (requireTexts ? " and REQUIRE_SOURCE_TEXTS is set" : " and not in the evidence manifest") +
        `; its evidence cannot be checked. Set SOURCE_TEXTS_DIR to the folder of source texts, or correct 'textFile'`,
    );
    return null;
  }
  const recorded = new Map(entry.quotes.map((q) => [q.sha256, q]));
  return {
    check: { textFile, by: "manifest" },
    problem: (quote) => {
      const at = recorded.get(sha256(quote));
      if (at && at.length === quote.length) return null;
      return (
        `evidence is not among the quotes the evidence manifest records for ${textFile}, and the text is not here to check it ` +
        `(set SOURCE_TEXTS_DIR to the folder of source texts, then run ${WRITE_MANIFEST_COMMAND}): "${quote.slice(0, 60)}"`
      );
    },
  };
}

/** The manifest entries of every quoted text, computed from the texts in textsDir (all must be present). */
export function evidenceManifestFor(files: SourceFile[], textsDir: string): Record<string, ReturnType<typeof manifestEntry>> {
  const quotesByText = new Map<string, string[]>();
  for (const data of files) {
    const textFile = data.source.textFile;
    if (!textFile) continue;
    const quotes = quotesByText.get(textFile) ?? [];
    quotes.push(...data.relationships.map((r) => r.evidence), ...data.metrics.map((m) => m.evidence));
    quotesByText.set(textFile, quotes);
  }
  const texts: Record<string, ReturnType<typeof manifestEntry>> = {};
  for (const [textFile, quotes] of quotesByText) {
    const file = path.join(textsDir, textFile);
    if (!existsSync(file)) throw new SourceDataError([`text file '${textFile}' not found in SOURCE_TEXTS_DIR (${textsDir}); the manifest is written from the texts`]);
    texts[textFile] = manifestEntry(readFileSync(file, "utf8"), quotes);
  }
  return texts;
}

function defaultMetricId(m: z.infer<typeof metricSchema>): string {
  const scope = m.scope ? `/${m.scope.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}` : "";
  const subject = metricSubject(m) ?? `fx-${m.baseCurrency?.toLowerCase()}`;
  return `${subject}/${m.metric.toLowerCase()}/${m.periodStart ?? "asof"}-${m.periodEnd}${scope}/${m.kind}-${m.unit.toLowerCase()}`;
}

function describeRecord(raw: unknown, issuePath: PropertyKey[]): string {
  const [section, index, ...rest] = issuePath;
  if (typeof section !== "string") return "file";
  if (typeof index !== "number") return [section, index, ...rest].filter((p) => p !== undefined).join(".");
  const record = (raw as Record<string, Array<Record<string, unknown>>>)[section]?.[index];
  const label = record?.id ?? (record?.type ? `${record.type} ${record.from} -> ${record.to}` : (record?.company ?? record?.event));
  const field = rest.length ? ` field '${rest.join(".")}'` : "";
  return `${section}[${index}]${label ? ` (${String(label)})` : ""}${field}`;
}

/** Paths inside the project are shown relative to it, others in full. */
export function displayPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, file);
  return relative.startsWith("..") ? path.resolve(file) : relative;
}
