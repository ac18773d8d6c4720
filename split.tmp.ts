import { graphql } from "graphql";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { readTypeDefs } from "./src/api/server.ts";
import { resolvers } from "./src/api/resolvers.ts";
const driver = neo4j.driver("bolt://127.0.0.1:7687", neo4j.auth.basic("neo4j", "llmgraph-dev"));
const schema = await new Neo4jGraphQL({ typeDefs: readTypeDefs(), driver, resolvers, features: { complexityEstimators: true } }).getSchema();
const ops = [
  ["entity by id", "query ($id: ID!) { companies(where: { id: { eq: $id } }) { id name nameZhHans } }", "MATCH (c:Company {id: $id}) RETURN c { .id, .name, .nameZhHans } AS c"],
  ["company with rels", `query ($id: ID!) { companies(where: { id: { eq: $id } }) { name
          foundersConnection { edges { properties { sourceId evidence } node { name } } }
          developsConnection { edges { properties { sourceId evidence } node { name } } }
          competesWithConnection { edges { properties { sourceId evidence } node { name } } } } }`,
   `MATCH (c:Company {id: $id}) RETURN c.name AS name,
             [(p:Person)-[r:FOUNDED]->(c) | {sourceId: r.sourceId, evidence: r.evidence, name: p.name}] AS founders,
             [(c)-[r:DEVELOPS]->(p:Product) | {sourceId: r.sourceId, evidence: r.evidence, name: p.name}] AS develops,
             [(c)-[r:COMPETES_WITH]-(o:Company) | {sourceId: r.sourceId, evidence: r.evidence, name: o.name}] AS competesWith`],
];
const variableValues = { id: "syn-co-7142" };
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, q, c] of ops) {
  const t = { cypher: [] as number[], inproc: [] as number[], http: [] as number[] };
  for (let i = 0; i < 200; i++) {
    let s = performance.now(); await driver.executeQuery(c!, variableValues, { routing: "READ" }); t.cypher.push(performance.now() - s);
    s = performance.now(); const r = await graphql({ schema, source: q!, variableValues, contextValue: {} }); if (r.errors) throw r.errors[0]; t.inproc.push(performance.now() - s);
    s = performance.now(); const h = await fetch("http://127.0.0.1:4100/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: q, variables: variableValues }) }); await h.json(); t.http.push(performance.now() - s);
  }
  console.log(name, "cypher", median(t.cypher).toFixed(2), "in-process graphql", median(t.inproc).toFixed(2), "http service", median(t.http).toFixed(2));
}
await driver.close();
