// The graph's generation: a sequence number on one GraphGeneration node, odd while a swap commits,
// and an id that every completed swap replaces. Neo4j's read-committed isolation lets a query that
// overlaps the swap's commit read part of it, so a reader reads this mark before and after its
// query in the query's own transaction and keeps the answer only when both are the same and even
// (src/api/one-generation.ts). It works because the marks are their own transactions, ordered
// around the swap's commit:
//   1. markSwapping (own transaction) commits: seq odd. It runs once the swap's statements are done
//      and before its commit, so the odd window is the commit alone (milliseconds);
//   2. the swap's transaction commits;
//   3. markSwapped (own transaction), after the swap's commit has returned: seq even, a new id.
// A query that saw any of 2 ended after 1 had committed, so its second read sees seq moved on.
// The id never repeats (a random UUID per swap), unlike the content hash, which does when a graph is
// loaded again: response caches and ETags key answers by it.
import { randomUUID } from "node:crypto";
import type { Driver } from "neo4j-driver";

export const GENERATION_LABEL = "GraphGeneration";

/** An odd mark older than this is a load killed between its marks, not a commit under way: a
 *  swap's commit takes milliseconds here (the swap of a million-node graph about a minute, of which
 *  the commit is a small part). Readers then read on, under an identity of their own (see below). */
export const SWAP_MARK_STALE_MS = 30_000;

/** The mark in one row: the identity of what readers see, and whether a swap is committing now.
 *  The identity is the id and the sequence number together: after a load killed between its marks,
 *  the odd number tells the graph it may have swapped in apart from the one before it. */
export const READ_GENERATION_CYPHER = `
  OPTIONAL MATCH (g:${GENERATION_LABEL} {id: 'graph'})
  RETURN coalesce(g.generation, 'none') + '/' + toString(coalesce(g.seq, 0)) AS generation,
         coalesce(g.seq % 2 = 1 AND g.swappingSince > datetime() - duration({milliseconds: $staleMs}), false) AS swapping`;

export const readGenerationParams = { staleMs: SWAP_MARK_STALE_MS };

const txConfig = (metadata: Record<string, unknown>) => ({ metadata, timeout: 15_000 });

/** Step 1: seq odd (kept odd when a killed load left it so), with when and by which load. */
export async function markSwapping(driver: Driver, database: string | undefined, metadata: Record<string, unknown>): Promise<void> {
  await driver.executeQuery(
    `MERGE (g:${GENERATION_LABEL} {id: 'graph'})
     SET g.seq = CASE WHEN coalesce(g.seq, 0) % 2 = 1 THEN g.seq ELSE coalesce(g.seq, 0) + 1 END,
         g.swappingSince = datetime(), g.swappingLoad = $loadId`,
    { loadId: String(metadata.loadId ?? "") },
    { database, transactionConfig: txConfig(metadata) },
  );
}

/** Step 3: seq even and a new id, whether or not the swap committed (a new id for the same graph
 *  costs a cache refill; the same id for another graph would serve the wrong answers). */
export async function markSwapped(driver: Driver, database: string | undefined, metadata: Record<string, unknown>): Promise<void> {
  await driver.executeQuery(
    `MERGE (g:${GENERATION_LABEL} {id: 'graph'})
     SET g.seq = CASE WHEN coalesce(g.seq, 0) % 2 = 1 THEN g.seq + 1 ELSE coalesce(g.seq, 0) + 2 END,
         g.generation = $generation, g.swappedAt = datetime()
     REMOVE g.swappingSince, g.swappingLoad`,
    { generation: randomUUID() },
    { database, transactionConfig: txConfig(metadata) },
  );
}

/** What readers see now, as readers identify it; for tests and the loader's own report. */
export async function currentGeneration(driver: Driver, database?: string): Promise<{ generation: string; swapping: boolean }> {
  const { records } = await driver.executeQuery(READ_GENERATION_CYPHER, readGenerationParams, { database });
  return { generation: records[0]!.get("generation") as string, swapping: records[0]!.get("swapping") as boolean };
}
