// The Neo4j Bloom perspective, built from the public model so that it covers every label and
// relationship type. `npm run export:bloom` writes cypher/bloom/china-llm-graph.perspective.json;
// a test checks that the committed file is current and follows the rules of Bloom's own exports, and
// that its search phrases run. Colours and captions come from the style table the explorer shares
// (style.ts); the same command writes the explorer's copy of it.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";
import { cypherStatements, graphRows, SCHEMA_FILE } from "../graph/load.ts";
import { COMPANY_ROLE_LABELS, ENTITY_LABELS, EVENT_LABEL, INTERNAL_LABELS, RELATIONSHIP_PROPERTIES, RELATIONSHIP_TYPES } from "../graph/model.ts";
import { readSourceFiles, sourceFilesIn } from "../graph/source-file.ts";
import { EXPLORER_STYLE_FILE, explorerStyle, HEDGED_COLOUR, LABEL_STYLE } from "./style.ts";

// Hedged facts and figures take HEDGED_COLOUR, with the hedging words as caption.
export { HEDGED_COLOUR };

export const PERSPECTIVE_FILE = path.join(PROJECT_ROOT, "cypher", "bloom", "china-llm-graph.perspective.json");

// Fixed, so that re-exporting gives the same file.
const CREATED = 1_795_000_000_000;

const ENTITY_PROPERTIES = ["id", "name", "nameZhHans", "nameZhHant", "aliases"];
/** Events (Listing, FundingRound, both also Event) carry a date as precise as known and their particulars. */
const EVENT_PROPERTIES: Record<string, string[]> = {
  Listing: ["date", "datePrecision", "ticker", "board", "listingRule"],
  FundingRound: ["date", "datePrecision", "stage"],
  [EVENT_LABEL]: ["date", "datePrecision"],
};
/** A figure: what, how much, when (as precisely as known), whose words, how sure, according to whom. */
export const METRIC_PROPERTIES = [
  "metric", "value", "unit", "comparator", "periodLabel", "periodStart", "periodEnd", "datePrecision", "kind", "scope",
  "yoyGrowthPercent", "growthMultiple", "growthPeriod", "unitNote", "baseCurrency", "derivation", "note",
  "sourceId", "evidence", "evidenceKind", "corroboration", "publisherCount", "corroboratingSourceIds", "certainty", "qualifier", "citedSourceId",
];
const SOURCE_PROPERTIES = ["id", "title", "publisher", "publisherId", "author", "platform", "language", "date", "datePrecision", "dateNote", "kind"];
/** Every fact relationship: its source and words, then what it states, how sure, according to whom and when. */
export const FACT_RELATIONSHIP_PROPERTIES = ["sourceId", "evidence", ...RELATIONSHIP_PROPERTIES];
/** Relationships that are not facts: a source naming an entity, and a source citing a document. */
const PLAIN_RELATIONSHIP_TYPES = ["MENTIONS", "CITES", "DERIVED_FROM"];
/** The properties of those: a derived figure names how it follows from its inputs. */
const PLAIN_RELATIONSHIP_PROPERTIES: Record<string, string[]> = { DERIVED_FROM: ["derivation"] };

/** Bloom's icon for a category drawn without one: its exports use Bloom's own icon ids or this. */
export const BLOOM_NO_ICON = "no-icon";

/** Properties Neo4j stores as numbers (floats, and the integer publisherCount), dates and lists; every other property is a string. An Event's
 *  date is a Neo4j date, a Source's a string as precise as known ("2026-01"). */
const NUMBER_PROPERTIES = new Set(["value", "yoyGrowthPercent", "growthMultiple", "amount", "stakePercent", "publisherCount"]);
const DATE_PROPERTIES = new Set(["periodStart", "periodEnd", "validFrom", "validTo", "asOf"]);
const LIST_PROPERTIES = new Set(["aliases", "corroboratingSourceIds"]);
/** The data type Bloom gives a property of a label or relationship type: its filters and range rules
 *  compare numbers and dates only when they are typed so. */
export function bloomDataType(owner: string, property: string): "number" | "date" | "array" | "string" {
  if (NUMBER_PROPERTIES.has(property)) return "number";
  if (DATE_PROPERTIES.has(property) || (property === "date" && owner !== "Source")) return "date";
  if (LIST_PROPERTIES.has(property)) return "array";
  return "string";
}

/** An entity whose name, Simplified or Traditional name, alias or pinyin is the parameter, as the
 *  search-keys index stores them (lower case, Simplified; src/graph/names.ts). Traditional names and
 *  aliases are matched as written. */
const byAnyName = (variable: string, parameter: string) =>
  `(toLower(trim(${parameter})) IN ${variable}.searchKeys OR trim(${parameter}) IN [${variable}.name, ${variable}.nameZhHans, ${variable}.nameZhHant] + ${variable}.aliases)`;

/** A group whose name, alias or pinyin holds the parameter ("six tigers" finds the Six Tigers of Chinese LLMs). */
const byNamePart = (variable: string, parameter: string) =>
  `(any(key IN ${variable}.searchKeys WHERE key CONTAINS toLower(trim(${parameter}))) OR any(n IN [${variable}.nameZhHans, ${variable}.nameZhHant] + ${variable}.aliases WHERE n CONTAINS trim(${parameter})))`;

interface Template {
  name: string;
  text: string;
  cypher: string;
  params: Array<{ name: string; dataType: string; suggestionLabel: string; suggestionProp: string }>;
  /** Values the test binds to run the phrase. */
  example: Record<string, string>;
}

export const SEARCH_PHRASES: Template[] = [
  {
    name: "founders",
    text: "Who founded $company and where did they work before?",
    cypher: `MATCH (c:Company) WHERE ${byAnyName("c", "$company")}\nMATCH (c)<-[f:FOUNDED]-(p:Person)\nOPTIONAL MATCH (p)-[w:WORKED_AT]->(before:Company)\nRETURN c, f, p, w, before`,
    params: [{ name: "$company", dataType: "String", suggestionLabel: "Company", suggestionProp: "name" }],
    example: { company: "MiniMax" },
  },
  {
    name: "connection",
    text: "What connects $from and $to?",
    cypher: `MATCH (a:Entity) WHERE ${byAnyName("a", "$from")}\nMATCH (b:Entity) WHERE ${byAnyName("b", "$to")}\nMATCH path = shortestPath((a)-[*..8]-(b))\nWHERE all(n IN nodes(path) WHERE n:Entity) AND all(r IN relationships(path) WHERE r.sourceId IS NOT NULL)\nRETURN path`,
    params: [
      { name: "$from", dataType: "String", suggestionLabel: "Entity", suggestionProp: "name" },
      { name: "$to", dataType: "String", suggestionLabel: "Entity", suggestionProp: "name" },
    ],
    example: { from: "Tsinghua University", to: "Alibaba Cloud" },
  },
  {
    name: "pivots",
    text: "Which members of $group pivoted, and to what?",
    cypher: `MATCH (g:Group) WHERE ${byNamePart("g", "$group")}\nMATCH (g)<-[m:MEMBER_OF]-(c:Company)-[p:PIVOTED_TO]->(s:Sector)\nRETURN g, m, c, p, s`,
    params: [{ name: "$group", dataType: "String", suggestionLabel: "Group", suggestionProp: "name" }],
    example: { group: "Six Tigers of Chinese LLMs" },
  },
  {
    name: "figures",
    text: "Figures of $company",
    cypher: `MATCH (c:Company) WHERE ${byAnyName("c", "$company")}\nMATCH (c)-[h:HAS_METRIC]->(m:Metric)\nOPTIONAL MATCH (f:Company)-[r:FORECASTS]->(m)\nRETURN c, h, m, f, r`,
    params: [{ name: "$company", dataType: "String", suggestionLabel: "Company", suggestionProp: "name" }],
    example: { company: "Zhipu AI" },
  },
  {
    name: "source",
    text: "Everything $source says",
    // The facts and figures the source states, not only what it names; found by part of its title.
    cypher:
      "MATCH (s:Source) WHERE toLower(s.title) CONTAINS toLower(trim($source))\nCALL (s) {\n  MATCH path = (:Entity)-[r]->(:Entity) WHERE r.sourceId = s.id AND type(r) <> 'MENTIONS' RETURN path\n  UNION\n  MATCH path = (:Entity)-[:HAS_METRIC]->(m:Metric) WHERE m.sourceId = s.id RETURN path\n}\nRETURN s, path",
    params: [{ name: "$source", dataType: "String", suggestionLabel: "Source", suggestionProp: "title" }],
    example: { source: "well-established industry facts" },
  },
  {
    name: "hedged",
    text: "Hedged facts",
    cypher: "MATCH path = (:Entity)-[r]->(:Entity)\nWHERE r.certainty = 'hedged'\nRETURN path",
    params: [],
    example: {},
  },
  {
    name: "attributed",
    text: "What sources attribute to $document",
    cypher:
      "MATCH (a:Source)-[c:CITES]->(d:Source {title: $document})\nCALL (d) {\n  MATCH path = (:Entity)-[r]->(:Entity) WHERE r.citedSourceId = d.id RETURN path\n  UNION\n  MATCH path = (:Company)-[:HAS_METRIC]->(m:Metric) WHERE m.citedSourceId = d.id RETURN path\n}\nRETURN a, c, d, path",
    params: [{ name: "$document", dataType: "String", suggestionLabel: "Source", suggestionProp: "title" }],
    example: { document: "MiniMax's prospectus for its Hong Kong listing (招股書), as cited by the article" },
  },
];

/** Bloom's rule-based style, in the shape of its 2.0 exports: a rule is keyed `<property>_<dataType>`
 *  and has an id; an element whose certainty is 'hedged' takes the hedged colour. */
const hedgedRule = (owner: string) => ({
  id: `hedged-${owner}`,
  type: "single",
  basedOn: "certainty_string",
  dataType: "string",
  condition: "equals",
  conditionValue: "hedged",
  minValue: null,
  maxValue: null,
  existenceValue: false,
  applyColor: true,
  color: HEDGED_COLOUR,
  applySize: false,
  size: 1,
  applyCaption: false,
  includeCategoryCaptions: true,
  disabled: false,
});

const property = (name: string, type: string) => ({ propertyKey: name, type, dataType: bloomDataType(type, name) });

function category(id: number, label: keyof typeof LABEL_STYLE, properties: string[], styleRules: object[] = []) {
  const style = LABEL_STYLE[label];
  const captionKey = style.caption;
  return {
    id,
    name: label,
    color: style.color,
    size: 1,
    icon: BLOOM_NO_ICON,
    labels: [label],
    properties: properties.map((name) => ({ name, exclude: false, isCaption: name === captionKey, dataType: bloomDataType(label, name) })),
    hiddenLabels: [],
    caption: [""],
    styleRules,
    createdAt: CREATED,
    lastEditedAt: CREATED,
  };
}

/** Every index of cypher/schema.cypher (the constraints' own indexes included), as Bloom lists them. */
function schemaIndexes(): Array<{ label: string; type: string; propertyKeys: string[] }> {
  return cypherStatements(SCHEMA_FILE).flatMap((statement) => {
    const match = /CREATE (CONSTRAINT|INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS FOR \(n:(\w+)\) (?:REQUIRE|ON(?: EACH)?) [([]?([^)\]]+)[)\]]?/.exec(statement);
    // The loader's own lease is no part of the graph an analyst explores.
    if (!match || (match[2] !== "Entity" && (INTERNAL_LABELS as string[]).includes(match[2]!))) return [];
    const keys = match[3]!.split(",").map((k) => k.trim().replace(/^n\./, "").replace(/ IS UNIQUE$/, ""));
    return [{ label: match[2]!, type: match[1] === "FULLTEXT INDEX" ? "fulltext" : match[1] === "CONSTRAINT" ? "unique" : "range", propertyKeys: keys }];
  });
}

/** How many nodes of each label and relationships of each type the loaded files make (metadata.stats). */
function graphStats(): { labels: Record<string, number>; relationshipTypes: Record<string, number> } {
  const rows = graphRows(readSourceFiles(sourceFilesIn()));
  const labels: Record<string, number> = { Source: rows.sources.length, Metric: rows.metrics.length };
  for (const group of rows.entityGroups) for (const label of group.labels) labels[label] = (labels[label] ?? 0) + group.entities.length;
  const relationshipTypes: Record<string, number> = {};
  const add = (type: string, n = 1) => (relationshipTypes[type] = (relationshipTypes[type] ?? 0) + n);
  for (const r of rows.relationships) add(r.type);
  for (const m of rows.metrics) {
    if (m.subject) add("HAS_METRIC");
    if (m.forecastBy) add("FORECASTS");
  }
  add("MENTIONS", rows.mentions.length);
  add("CITES", rows.cites.length);
  add("DERIVED_FROM", rows.derivations.length);
  const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { labels: sorted(labels), relationshipTypes: sorted(relationshipTypes) };
}

export function buildPerspective() {
  const stats = graphStats();
  // Role labels come first: Bloom styles a node by its first matching category.
  const entityLabels = [...COMPANY_ROLE_LABELS, ...ENTITY_LABELS];
  const categories = [
    ...entityLabels.map((label, i) => category(i + 1, label, [...ENTITY_PROPERTIES, ...(EVENT_PROPERTIES[label] ?? [])])),
    category(entityLabels.length + 1, "Metric", METRIC_PROPERTIES, [hedgedRule("Metric")]),
    category(entityLabels.length + 2, "Source", SOURCE_PROPERTIES),
    // Last: Listing and FundingRound nodes are Events too, and take their own category first.
    category(entityLabels.length + 3, EVENT_LABEL, [...ENTITY_PROPERTIES, ...EVENT_PROPERTIES[EVENT_LABEL]!]),
  ];
  const relationshipTypes = [...Object.keys(RELATIONSHIP_TYPES), "HAS_METRIC", "FORECASTS", ...PLAIN_RELATIONSHIP_TYPES].map((name) => {
    const isFact = !PLAIN_RELATIONSHIP_TYPES.includes(name);
    return {
      id: name,
      name,
      color: isFact ? "#848484" : "#D9D9D9",
      size: 1,
      // As Bloom exports them: the label's shape, {propertyKey, type, dataType}, with the type's name.
      properties: (isFact ? FACT_RELATIONSHIP_PROPERTIES : (PLAIN_RELATIONSHIP_PROPERTIES[name] ?? [])).map((p) => property(p, name)),
      styleRules: isFact ? [hedgedRule(name)] : [],
    };
  });
  const labels = Object.fromEntries([
    ...[...entityLabels, "Entity", EVENT_LABEL].map((label) => [label, [...ENTITY_PROPERTIES, ...(EVENT_PROPERTIES[label] ?? [])].map((p) => property(p, label))]),
    ["Metric", METRIC_PROPERTIES.map((p) => property(p, "Metric"))],
    ["Source", SOURCE_PROPERTIES.map((p) => property(p, "Source"))],
  ]);
  return {
    name: "China LLM industry graph",
    id: "0d6a6b86-5d7e-4f7b-9a1e-7c2f0b3c9e21",
    version: "2.0.0",
    createdAt: CREATED,
    lastEditedAt: CREATED,
    categories,
    labels,
    relationshipTypes,
    palette: { colors: Object.values(LABEL_STYLE).map((s) => s.color), currentIndex: 0 },
    hiddenRelationshipTypes: [],
    hiddenCategories: [],
    hideUncategorisedData: false,
    parentPerspectiveId: null,
    isAuto: false,
    templates: SEARCH_PHRASES.map((t, i) => ({
      id: `tmpl:${CREATED + i}`,
      name: t.name,
      text: t.text,
      cypher: t.cypher,
      createdAt: CREATED,
      hasCypherErrors: false,
      params: t.params.map((p) => ({ ...p, collapsed: false, suggestionBoolean: false, cypher: null })),
    })),
    metadata: {
      pathSegments: [
        ...Object.entries(RELATIONSHIP_TYPES).map(([type, rule]) => ({ source: rule.from, relationshipType: type, target: rule.to })),
        { source: "Source", relationshipType: "CITES", target: "Source" },
        { source: "Metric", relationshipType: "DERIVED_FROM", target: "Metric" },
      ],
      indexes: schemaIndexes(),
      stats,
    },
  };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  writeFileSync(PERSPECTIVE_FILE, `${JSON.stringify(buildPerspective(), null, 2)}\n`);
  writeFileSync(EXPLORER_STYLE_FILE, `${JSON.stringify(explorerStyle(), null, 2)}\n`);
  for (const file of [PERSPECTIVE_FILE, EXPLORER_STYLE_FILE]) console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
}
