// Name search over the two full-text indexes (Latin and CJK). User text is escaped for Lucene and
// passed as a parameter, never spliced into the query.
import neo4j, { type Driver } from "neo4j-driver";
import { ENTITY_LABELS } from "./model.ts";

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

// Each index yields only its best candidates: a common word ("company") matches most of a large
// graph, and ranking every hit made a search at 1M nodes take 0.7 s. Lucene already ranks a full
// name match near the top, so the exact-match boost below only reorders these candidates.
const SEARCH_CYPHER = `
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names_latin', $lucene, {limit: $candidates}) YIELD node, score RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names_cjk', $lucene, {limit: $candidates}) YIELD node, score RETURN node, score
}
WITH node, max(score) AS score
// An exact name or alias outranks a partial match (智谱 finds 智谱 before 智谱AI's other owners).
WITH node, score + CASE WHEN $exact IN [x IN [node.name, node.nameZhHans, node.nameZhHant] + coalesce(node.aliases, []) | toLower(x)]
                       THEN 10 ELSE 0 END AS score
RETURN node { .id, .name, .nameZhHans, .nameZhHant } AS entity,
       [l IN labels(node) WHERE l IN $entityLabels][0] AS type, score
ORDER BY score DESC, entity.id
LIMIT $limit`;

export async function searchEntities(
  driver: Driver,
  text: string,
  limit: number,
  database?: string,
  timeoutMs?: number,
): Promise<SearchHit[]> {
  const lucene = toLuceneQuery(text);
  if (!lucene) return [];
  const { records } = await driver.executeQuery(
    SEARCH_CYPHER,
    {
      lucene,
      exact: text.trim().toLowerCase(),
      limit: neo4j.int(Math.trunc(limit)),
      candidates: neo4j.int(Math.max(CANDIDATES_PER_INDEX, Math.trunc(limit))),
      entityLabels: ENTITY_LABELS,
    },
    { database, routing: neo4j.routing.READ, transactionConfig: timeoutMs ? { timeout: timeoutMs } : {} },
  );
  return records.map((r) => ({
    ...(r.get("entity") as Omit<SearchHit, "type" | "score">),
    type: r.get("type") as string,
    score: r.get("score") as number,
  }));
}
