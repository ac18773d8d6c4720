// Direct access to the test run's Neo4j for tests that inspect the graph itself.
import neo4j, { type Driver } from "neo4j-driver";
import { inject } from "vitest";

export function testDriver(): Driver {
  const { uri, username, password } = inject("neo4j");
  return neo4j.driver(uri, neo4j.auth.basic(username, password));
}

export const testDatabase = (): string | undefined => inject("neo4j").database;

/** The whole graph as sorted, comparable text: labels, properties and relationships, no internal ids. */
export async function snapshotGraph(driver: Driver, database: string | undefined = testDatabase()): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (n) WHERE n:Entity OR n:Source OR n:Metric
     OPTIONAL MATCH (n)-[r]->(m)
     WITH n, r, m, properties(n) AS np
     RETURN apoc.convert.toJson({labels: apoc.coll.sort(labels(n)), props: apoc.map.sortedProperties(np)})
            + ' ' + CASE WHEN r IS NULL THEN ''
                    ELSE type(r) + apoc.convert.toJson(apoc.map.sortedProperties(properties(r))) + '->' + coalesce(m.id, '') END AS line`,
    {},
    { database },
  );
  return records.map((r) => r.get("line") as string).sort();
}

/** Nodes of the loader's bookkeeping still in the database: none once a load has finished or failed. */
export async function loaderLeftovers(driver: Driver): Promise<number> {
  const { records } = await driver.executeQuery(
    "MATCH (n) WHERE n:StagedEntity OR n:StagedSource OR n:StagedMetric OR n:Retired OR n:LoadLock RETURN count(n) AS n",
    {},
    { database: testDatabase() },
  );
  return Number(records[0]!.get("n"));
}
