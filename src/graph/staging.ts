// Build beside, then swap. The new graph is written in many small transactions under staging
// labels (StagedEntity, StagedSource, StagedMetric) that no query of the API, the guide or the
// perspective matches; one transaction then retires the current graph (its nodes lose their labels
// and become Retired) and gives the staged nodes their real labels. Readers see the old graph or
// the new one, never a mix, and a failure before the swap leaves the current graph as it was.
// Retired nodes are deleted afterwards in batches. Transaction memory grows with a batch, and
// with the label changes of the swap, not with the whole graph's properties.
import type { Driver, ManagedTransaction } from "neo4j-driver";
import { RELATIONSHIP_PROPERTIES, STAGING_LABELS } from "./model.ts";

/** Rows per transaction while staging, and per statement inside the swap. */
const BATCH_SIZE = 10_000;
/** Transactions in flight while staging: 2 staged 100k nodes in 11.5 s against 15.6 s for 1 (same run). */
const WRITERS = 2;

export interface GraphRows {
  sources: Array<Record<string, unknown> & { id: string }>;
  /** Entities grouped by their label set, so the swap sets the same labels on a whole batch. */
  entityGroups: Array<{ labels: string[]; entities: Array<Record<string, unknown> & { id: string }> }>;
  relationships: Array<{ type: string; from: string; to: string; props: Record<string, unknown> }>;
  metrics: Array<{ company: string; forecastBy: string | null; provenance: { sourceId: string; evidence: string }; props: Record<string, unknown> & { id: string } }>;
  mentions: Array<{ source: string; entity: string }>;
}

const batches = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) out.push(rows.slice(i, i + BATCH_SIZE));
  return out;
};

// Properties written inline at CREATE: a later `SET rel = map` makes the planner add an Eager
// step, measured 1.5x slower (86 vs 58 ms for 1,428 rows, side by side). Null values are not stored.
// The keys are the model's own constants, never input.
const RELATIONSHIP_PROPERTY_MAP = ["sourceId", "evidence", ...RELATIONSHIP_PROPERTIES].map((key) => `${key}: r.props.${key}`).join(", ");

/** Runs `write` on each batch, WRITERS at a time: the driver serialises one batch while Neo4j writes another. */
async function eachBatch<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  const queue = batches(rows);
  const writer = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) await write(batch);
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

export async function stageGraph(driver: Driver, database: string | undefined, rows: GraphRows, phase: (name: string) => Promise<void>): Promise<void> {
  // A session runs one transaction at a time, so each write opens its own.
  const write = async (query: string, params: Record<string, unknown>) => {
    const session = driver.session({ database });
    try {
      await session.executeWrite((tx) => tx.run(query, params));
    } finally {
      await session.close();
    }
  };
  {
    await write(`UNWIND $sources AS s CREATE (n:StagedSource) SET n = s`, { sources: rows.sources });
    await eachBatch(rows.entityGroups.flatMap((g) => g.entities), (batch) => write(`UNWIND $batch AS e CREATE (n:StagedEntity) SET n = e`, { batch }));
    await phase("stage entities");
    await eachBatch(rows.relationships, (batch) =>
      write(
        `UNWIND $batch AS r
         MATCH (a:StagedEntity {id: r.from}), (b:StagedEntity {id: r.to})
         CREATE (a)-[rel:$(r.type) {${RELATIONSHIP_PROPERTY_MAP}}]->(b)`,
        { batch },
      ),
    );
    await phase("stage relationships");
    await eachBatch(rows.metrics, (batch) =>
      write(
        `UNWIND $batch AS m
         MATCH (c:StagedEntity {id: m.company})
         CREATE (c)-[:HAS_METRIC {sourceId: m.provenance.sourceId, evidence: m.provenance.evidence}]->(metric:StagedMetric)
         SET metric = m.props
         WITH m, metric WHERE m.forecastBy IS NOT NULL
         MATCH (f:StagedEntity {id: m.forecastBy})
         CREATE (f)-[:FORECASTS {sourceId: m.provenance.sourceId, evidence: m.provenance.evidence}]->(metric)`,
        { batch },
      ),
    );
    await phase("stage metrics");
    await eachBatch(rows.mentions, (batch) =>
      write(
        `UNWIND $batch AS m
         MATCH (s:StagedSource {id: m.source}), (e:StagedEntity {id: m.entity})
         CREATE (s)-[:MENTIONS]->(e)`,
        { batch },
      ),
    );
    await phase("stage mentions");
  }
}

export class LoadLeaseLostError extends Error {
  override name = "LoadLeaseLostError";
  constructor() {
    super("This load's lease was taken over by another load while it ran (was it paused for over a minute?); the current graph was left as it was.");
  }
}

/** The one transaction that replaces the current graph by the staged one. */
export async function swapInStaged(
  driver: Driver,
  database: string | undefined,
  leaseToken: string,
  rows: GraphRows,
  meta: { contentHash: string; sourceIds: string[] },
): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.executeWrite(async (tx: ManagedTransaction) => {
      // Holding the lease node's write lock for the whole swap: no other load can take it over now.
      const lease = await tx.run("MATCH (l:LoadLock {id: 'load', token: $leaseToken}) SET l.swappingAt = datetime() RETURN l", { leaseToken });
      if (lease.records.length === 0) throw new LoadLeaseLostError();
      await tx.run(
        `MATCH (n) WHERE n:Entity OR n:Source OR n:Metric
         WITH n, labels(n) AS current
         REMOVE n:$(current)
         SET n:Retired`,
      );
      for (const group of rows.entityGroups) {
        for (const batch of batches(group.entities.map((e) => e.id))) {
          await tx.run(
            `UNWIND $ids AS id
             MATCH (n:StagedEntity {id: id})
             REMOVE n:StagedEntity
             SET n:$($labels)`,
            { ids: batch, labels: group.labels },
          );
        }
      }
      await tx.run(`MATCH (n:StagedSource) REMOVE n:StagedSource SET n:Source`);
      await tx.run(`MATCH (n:StagedMetric) REMOVE n:StagedMetric SET n:Metric`);
      await tx.run(
        `MERGE (g:GraphMeta {id: 'graph'})
         SET g.contentHash = $contentHash, g.loadedAt = datetime(), g.sources = $sourceIds`,
        meta,
      );
    });
  } finally {
    await session.close();
  }
}

/** Deletes nodes of these labels (and their relationships) in batches of their own transactions. */
async function deleteInBatches(driver: Driver, database: string | undefined, labels: string[]): Promise<void> {
  const session = driver.session({ database });
  try {
    // CALL ... IN TRANSACTIONS needs an implicit transaction, hence session.run.
    for (const label of labels) {
      await session.run(`MATCH (n:$($label)) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`, { label });
    }
  } finally {
    await session.close();
  }
}

/** Removes what a failed or killed load staged. */
export const discardStaged = (driver: Driver, database?: string) =>
  deleteInBatches(driver, database, [STAGING_LABELS.entity, STAGING_LABELS.source, STAGING_LABELS.metric]);

/** Removes the graph a swap replaced. */
export const sweepRetired = (driver: Driver, database?: string) => deleteInBatches(driver, database, [STAGING_LABELS.retired]);
