// Reads the public graph from Neo4j into the neutral graph (graph.ts): every Entity, Source and
// Metric with all its properties, and every relationship between them. The loader's bookkeeping
// (GraphMeta, GraphGeneration, the load lock, staged and retired nodes) is not public and stays out.
import type { Driver } from "neo4j-driver";
import { type GraphNode, type GraphRelationship, ID_SPACES, type IdSpace, type Properties, type ReleaseGraph, ReleaseError } from "./graph.ts";

/** What the load that published the graph recorded: its content hash and when it loaded. */
export interface PublishedLoad {
  contentHash: string;
  loadedAt: string;
}

const PUBLIC = "(n:Entity OR n:Source OR n:Metric)";

export async function readGraph(driver: Driver, database: string | undefined): Promise<ReleaseGraph> {
  const spaces = [...ID_SPACES];
  const nodes = await driver.executeQuery(
    `MATCH (n) WHERE ${PUBLIC}
     RETURN [l IN labels(n) WHERE l IN $spaces] AS spaces, labels(n) AS labels, properties(n) AS properties`,
    { spaces },
    { database },
  );
  const relationships = await driver.executeQuery(
    `MATCH (n)-[r]->(m) WHERE ${PUBLIC} AND (m:Entity OR m:Source OR m:Metric)
     RETURN type(r) AS type, [l IN labels(n) WHERE l IN $spaces] AS startSpaces, n.id AS startId,
            [l IN labels(m) WHERE l IN $spaces] AS endSpaces, m.id AS endId, properties(r) AS properties`,
    { spaces },
    { database },
  );
  const graphNodes: GraphNode[] = nodes.records.map((record) => {
    const properties = record.get("properties") as Properties;
    return {
      idSpace: oneSpace(record.get("spaces") as string[], properties.id),
      id: String(properties.id),
      labels: (record.get("labels") as string[]).slice().sort(),
      properties,
    };
  });
  const graphRelationships: GraphRelationship[] = relationships.records.map((record) => ({
    type: record.get("type") as string,
    start: { idSpace: oneSpace(record.get("startSpaces") as string[], record.get("startId")), id: record.get("startId") as string },
    end: { idSpace: oneSpace(record.get("endSpaces") as string[], record.get("endId")), id: record.get("endId") as string },
    properties: record.get("properties") as Properties,
  }));
  // A stable order, so that the same graph gives the same files byte for byte.
  graphNodes.sort((a, b) => compare(`${a.idSpace}\u0000${a.id}`, `${b.idSpace}\u0000${b.id}`));
  const relKey = (r: GraphRelationship) => `${r.type}\u0000${r.start.id}\u0000${r.end.id}\u0000${String(r.properties.sourceId ?? "")}\u0000${String(r.properties.evidence ?? "")}`;
  graphRelationships.sort((a, b) => compare(relKey(a), relKey(b)));
  return { nodes: graphNodes, relationships: graphRelationships };
}

export async function readPublishedLoad(driver: Driver, database: string | undefined): Promise<PublishedLoad | null> {
  const { records } = await driver.executeQuery(
    "MATCH (g:GraphMeta {id: 'graph'}) RETURN g.contentHash AS contentHash, toString(g.loadedAt) AS loadedAt",
    {},
    { database },
  );
  return (records[0]?.toObject() as PublishedLoad | undefined) ?? null;
}

/** Nodes per label and relationships per type among the public nodes, as Neo4j counts them. */
export async function countsInDatabase(driver: Driver, database: string | undefined): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const { records } = await driver.executeQuery(
    `CALL () { MATCH (n) WHERE ${PUBLIC} UNWIND labels(n) AS label WITH label, count(*) AS c ORDER BY label RETURN collect([label, c]) AS labels }
     CALL () { MATCH (n)-[r]->(m) WHERE ${PUBLIC} AND (m:Entity OR m:Source OR m:Metric) WITH type(r) AS type, count(*) AS c ORDER BY type RETURN collect([type, c]) AS types }
     RETURN labels, types`,
    {},
    { database },
  );
  const pairs = (key: string) => Object.fromEntries((records[0]!.get(key) as [string, unknown][]).map(([k, c]) => [k, Number(c)]));
  return { labels: pairs("labels"), types: pairs("types") };
}

function oneSpace(spaces: string[], id: unknown): IdSpace {
  if (spaces.length !== 1) throw new ReleaseError(`node '${String(id)}' carries ${spaces.length} of the labels ${ID_SPACES.join(", ")}; a release needs exactly one`);
  return spaces[0] as IdSpace;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
