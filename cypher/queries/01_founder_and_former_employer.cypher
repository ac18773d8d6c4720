// Who founded MiniMax, and where did they work before?
MATCH (p:Person)-[f:FOUNDED]->(c:Company {id: 'minimax'})
OPTIONAL MATCH (p)-[w:WORKED_AT]->(before:Company)
RETURN p.name AS founder, p.nameZhHant AS founderZh, before.name AS workedAt,
       w.evidence AS evidence, w.sourceId AS source;
