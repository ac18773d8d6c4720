// Before /ready turns 200, the service sends itself the documents the explorer sends first (an
// entity's page of each type, its disagreements, source titles, a search), through the whole
// Apollo path: @neo4j/graphql's translation, the plugins and Neo4j's query plans are then warm,
// and the first page a user opens does not time out on a cold Neo4j (it did, on a busy 2-core
// machine, and a reload worked). The documents are the explorer's own (src/explorer/queries.js).
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ApolloServer } from "@apollo/server";
import type { Driver } from "neo4j-driver";
import { PROJECT_ROOT } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { ApiContext } from "./resolvers.ts";

interface ExplorerQueries {
  ENTITY_QUERY: string;
  ENTITY_DISAGREEMENTS_QUERY: string;
  SOURCE_TITLES_QUERY: string;
  SEARCH_QUERY: string;
}

/** The explorer's first page size (src/explorer/pages.js, MAX_PAGE_SIZE there). */
const EXPLORER_PAGE = 100;
/** Operations sent at once: a cold Neo4j plans each query on one thread, so two use both cores of
 *  a small machine (the warm-up after a restart, 23 operations, is what /ready waits for). */
const WARM_UP_PARALLEL = 2;
/** Entity types whose page also asks for the figures sources disagree on. */
const WITH_FIGURES = ["Company", "Listing", "FundingRound", "RegulatoryAction", "Model", "Regulator"];

/** Read from the explorer's folder at run time: it is served as is and not compiled into dist/. */
export async function explorerQueries(): Promise<ExplorerQueries> {
  return (await import(pathToFileURL(path.join(PROJECT_ROOT, "src", "explorer", "queries.js")).href)) as ExplorerQueries;
}

export interface WarmUpResult {
  operations: number;
  failed: number;
  ms: number;
}

/** One operation per document and entity type; a failure is logged and counted, never thrown. */
export async function warmUp(
  server: ApolloServer<ApiContext>,
  context: () => ApiContext,
  driver: Driver,
  database: string | undefined,
  log: Logger,
): Promise<WarmUpResult> {
  const started = performance.now();
  const queries = await explorerQueries();
  const { records } = await driver.executeQuery(
    `MATCH (n:Entity) WITH [l IN labels(n) WHERE l <> 'Entity' AND l <> 'Event'][0] AS type, min(n.id) AS id
     RETURN type, id ORDER BY type`,
    {},
    { database },
  );
  const samples = records.map((r) => ({ type: r.get("type") as string, id: r.get("id") as string }));
  const { records: sources } = await driver.executeQuery("MATCH (s:Source) RETURN s.id AS id ORDER BY id LIMIT 100", {}, { database });
  const operations: Array<{ query: string; variables: Record<string, unknown> }> = [
    ...samples.map(({ id }) => ({ query: queries.ENTITY_QUERY, variables: { id, limit: EXPLORER_PAGE } })),
    ...samples.filter(({ type }) => WITH_FIGURES.includes(type)).map(({ id }) => ({ query: queries.ENTITY_DISAGREEMENTS_QUERY, variables: { id } })),
    { query: queries.SOURCE_TITLES_QUERY, variables: { ids: sources.map((r) => r.get("id") as string) } },
    { query: queries.SEARCH_QUERY, variables: { text: "zhipu", limit: 11 } },
  ];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    for (let operation = operations[next++]; operation; operation = operations[next++]) {
      try {
        const response = await server.executeOperation(operation, { contextValue: context() });
        const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
        if (errors?.length) throw new Error(errors.map((e) => e.message).join("; "));
      } catch (error) {
        failed += 1;
        log.warn({ variables: operation.variables, err: error }, `warm-up query failed: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: WARM_UP_PARALLEL }, worker));
  return { operations: operations.length, failed, ms: Math.round(performance.now() - started) };
}
