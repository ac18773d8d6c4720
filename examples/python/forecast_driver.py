"""Who forecast Zhipu AI's revenue, and what did they say? (the official neo4j Python driver)"""
import os

from neo4j import GraphDatabase

uri = os.environ.get("NEO4J_URI", f"bolt://127.0.0.1:{os.environ.get('NEO4J_BOLT_PORT', '7687')}")
auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", "llmgraph-dev"))

with GraphDatabase.driver(uri, auth=auth) as driver:
    records, _, _ = driver.execute_query(
        """
        MATCH (f:Company)-[r:FORECASTS]->(m:Metric)<-[:HAS_METRIC]-(c:Company {id: $company})
        RETURN f.name AS forecaster, m.value AS value, m.unit AS unit, m.comparator AS comparator,
               m.periodLabel AS period, r.evidence AS evidence
        ORDER BY unit
        """,
        company="zhipu-ai",
    )
    for r in records:
        print(f'{r["forecaster"]}: {r["comparator"]} {r["value"]:,.0f} {r["unit"]} for {r["period"]} ({r["evidence"]})')
