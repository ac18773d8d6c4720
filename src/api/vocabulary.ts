// The model's closed vocabularies as GraphQL enums, so that clients discover them by introspection
// and a misspelt metric or unit is refused by validation. Declared once, in src/graph/model.ts;
// `npm run schema:generate` writes them to schema/05-vocabulary.graphql, and a test fails while
// that file is stale.
import path from "node:path";
import {
  ACCESS_KINDS,
  ARCHITECTURES,
  CERTAINTIES,
  COMPANY_ROLE_LABELS,
  COMPARATORS,
  CORROBORATIONS,
  CURRENCIES,
  DATE_PRECISIONS,
  DERIVATIONS,
  ENTITY_LABELS,
  EVIDENCE_KINDS,
  FACT_STATUSES,
  METRIC_KINDS,
  METRICS,
  MODALITIES,
  RELATIONSHIP_TYPES,
  RELEASE_STAGES,
  SOURCE_KINDS,
  UNITS,
} from "../graph/model.ts";
import { SCHEMA_DIR } from "./schema-files.ts";

export const VOCABULARY_FILE = path.join(SCHEMA_DIR, "05-vocabulary.graphql");

const ENUMS: Array<[name: string, description: string, values: readonly string[]]> = [
  ["MetricName", "What a figure measures (camelCase).", METRICS],
  ["Unit", "A figure's unit. Never sum or plot different units together.", UNITS],
  ["Currency", "The currency of an amount.", CURRENCIES],
  ["Comparator", "How exact a figure is: eq as stated; gt a lower bound (超62億); approx an approximation (約93億).", COMPARATORS],
  ["MetricKind", "actual, forecast (by a third party, see forecastBy) or plan (a stated intention).", METRIC_KINDS],
  [
    "Certainty",
    "How sure a source is of a fact: stated (it asserts it) or hedged (it qualifies how sure it is, with words such as 基本, 似乎, 或許, 有望, 預計; the words are in qualifier). A change the source asserts is under way (演進, 正在) is stated, with status ongoing. A fact a source denies or questions is never in the graph.",
    CERTAINTIES,
  ],
  ["FactStatus", "When a fact holds, not how sure it is: ongoing, a change the source describes as under way (a rebrand 演進, a transition 正在…轉型).", FACT_STATUSES],
  [
    "DatePrecision",
    "How precisely a date is known. A date of year or month precision is stored as its first day (validFrom, validTo) or, for a figure's periodEnd, its last day.",
    DATE_PRECISIONS,
  ],
  ["RelationshipType", "The type of a fact relationship between entities.", Object.keys(RELATIONSHIP_TYPES)],
  ["EntityType", "An entity's main label.", ENTITY_LABELS],
  ["EvidenceKind", "quote: the source's own words, checked verbatim; paraphrase: our words for a source whose text is not held.", EVIDENCE_KINDS],
  ["Corroboration", "Counted by the loader, never typed: single, one publisher among the graph's sources states this fact or figure; corroborated, two or more distinct publishers state the same (same type and ends, or metric, subject and period, and any value both give equal within rounding). publisherCount and corroboratingSourceIds say how many and which.", CORROBORATIONS],
  ["Derivation", "How a derived figure follows from its inputs (npm run audit recomputes it).", DERIVATIONS],
];

/**
 * Closed vocabularies of string fields (a source's kind is "web-article", not a GraphQL name):
 * Query.vocabularies lists them beside the enums, for clients to discover.
 */
const STRING_VOCABULARIES: Array<[name: string, description: string, values: readonly string[]]> = [
  ["SourceKind", "Source.kind: what a source is.", SOURCE_KINDS],
  // Company.roles stays a list of strings (schema/10-entities.graphql says why).
  ["CompanyRole", "Company.roles: a startup, a big-tech group, a cloud provider.", COMPANY_ROLE_LABELS],
  // Strings, not enums: GraphQL names cannot hold their hyphens (open-weights, vision-language).
  ["ReleaseStage", "Release.stage: announced (said, not yet out) or released.", RELEASE_STAGES],
  ["Access", "Release.access: open weights, an API only, or closed (in a product only).", ACCESS_KINDS],
  ["Architecture", "Release.architecture: dense, or a mixture of experts (moe).", ARCHITECTURES],
  ["Modality", "Release.modality: what the model takes and gives.", MODALITIES],
];

/** Every closed vocabulary of the API, for Query.vocabularies: the enums and the string-valued ones. */
export const vocabularies = () => [
  ...ENUMS.map(([name, description, values]) => ({ name, description, values: [...values], isEnum: true })),
  ...STRING_VOCABULARIES.map(([name, description, values]) => ({ name, description, values: [...values], isEnum: false })),
];

export function vocabularyTypeDefs(): string {
  const blocks = ENUMS.map(([name, description, values]) => `"""\n${description}\n"""\nenum ${name} {\n${values.map((v) => `  ${v}`).join("\n")}\n}\n`);
  return `# Generated from src/graph/model.ts by \`npm run schema:generate\`; do not edit.\n\n${blocks.join("\n")}`;
}
