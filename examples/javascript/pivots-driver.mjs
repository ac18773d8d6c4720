// Which of the six tigers pivoted, and to what? (neo4j-driver, straight to the database)
import neo4j from "neo4j-driver";

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT ?? "7687"}`,
  neo4j.auth.basic(process.env.NEO4J_USERNAME ?? "neo4j", process.env.NEO4J_PASSWORD ?? "llmgraph-dev"),
);
try {
  const { records } = await driver.executeQuery(
    `MATCH (c:Company)-[:MEMBER_OF]->(:Group {id: $group})
     MATCH (c)-[p:PIVOTED_TO]->(s:Sector)
     RETURN c.name AS company, s.name AS sector, p.evidence AS evidence ORDER BY company`,
    { group: "six-tigers" },
  );
  for (const r of records) console.log(`${r.get("company")} -> ${r.get("sector")}  (${r.get("evidence")})`);
} finally {
  await driver.close();
}
