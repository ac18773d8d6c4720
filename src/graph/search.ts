// Name search over three full-text indexes: Latin and CJK for partial matches, and the entities'
// normalised search keys (names.ts) for whole names in either script or in pinyin. User text is
// escaped for Lucene and passed as a parameter, never spliced into the query.
import neo4j, { type Driver } from "neo4j-driver";
import { ENTITY_LABELS } from "./model.ts";
import { queryKeys } from "./names.ts";

export interface SearchHit {
  id: string;
  name: string;
  nameZhHans: string;
  nameZhHant: string;
  /** The main label (Company, Person, ...), as in every other API result. */
  type: string;
  score: number;
}

export const MAX_QUERY_LENGTH = 200;
const CANDIDATES_PER_INDEX = 100;

/** Escapes Lucene's operators and lower-cases, so AND/OR/NOT are words, not operators. */
export function toLuceneQuery(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`);
}

/** The query's normalised keys as Lucene phrases joined by OR: "zhi pu" must match as a phrase,
 *  not as any entity with a "pu" in a key. */
export function toSearchKeysQuery(keys: string[]): string {
  return keys.map((key) => `"${toLuceneQuery(key)}"`).join(" OR ");
}

// Each index yields only its best candidates: a common word ("company") matches most of a large
// graph, and ranking every hit made a search at 1M nodes take 0.7 s. Lucene already ranks a full
// name match near the top, so the whole-name boost below only reorders these candidates.
const SEARCH_CYPHER = `
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names_latin', $lucene, {limit: $candidates}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names_cjk', $lucene, {limit: $candidates}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_search_keys', $keysLucene, {limit: $candidates}) YIELD node, score RETURN node, score
}
WITH node, max(score) AS score
// A whole name or alias, in either script or in pinyin, outranks a partial match (智谱 finds 智谱
// before 智谱AI's other owners; 智譜 and "zhi pu" rank Zhipu AI as high as 智谱 does).
WITH node, score + CASE WHEN any(key IN $keys WHERE key IN coalesce(node.searchKeys, [])) THEN 10 ELSE 0 END AS score
RETURN node { .id, .name, .nameZhHans, .nameZhHant } AS entity,
       [l IN labels(node) WHERE l IN $entityLabels][0] AS type, score
ORDER BY score DESC, entity.id
LIMIT $limit`;

/** The search statement and its parameters, or null when the text has nothing to search for. */
export function searchStatement(text: string, limit: number): { cypher: string; params: Record<string, unknown> } | null {
  const lucene = toLuceneQuery(text);
  const keys = queryKeys(text);
  if (!lucene || keys.length === 0) return null;
  return {
    cypher: SEARCH_CYPHER,
    params: {
      lucene,
      keysLucene: toSearchKeysQuery(keys),
      keys,
      limit: neo4j.int(Math.trunc(limit)),
      candidates: neo4j.int(Math.max(CANDIDATES_PER_INDEX, Math.trunc(limit))),
      entityLabels: ENTITY_LABELS,
    },
  };
}

export async function searchEntities(
  driver: Driver,
  text: string,
  limit: number,
  database?: string,
  timeoutMs?: number,
): Promise<SearchHit[]> {
  const statement = searchStatement(text, limit);
  if (!statement) return [];
  const { records } = await driver.executeQuery(statement.cypher, statement.params, {
    database,
    routing: neo4j.routing.READ,
    transactionConfig: timeoutMs ? { timeout: timeoutMs } : {},
  });
  return searchHits(records);
}

/** The search statement's rows as hits. */
export function searchHits(records: Array<{ get: (key: string) => unknown }>): SearchHit[] {
  return records.map((r) => ({
    ...(r.get("entity") as Omit<SearchHit, "type" | "score">),
    type: r.get("type") as string,
    score: r.get("score") as number,
  }));
}
