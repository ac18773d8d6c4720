// Who founded each of the six tigers, and where had they studied or worked?
MATCH (c:Company)-[:MEMBER_OF]->(:Group {id: 'six-tigers'})
OPTIONAL MATCH (p:Person)-[f:FOUNDED]->(c)
OPTIONAL MATCH (p)-[b:STUDIED_AT|WORKED_AT]->(before)
WITH c, p, collect(DISTINCT f.sourceId) AS foundedPer,
     collect(DISTINCT CASE WHEN before IS NULL THEN null ELSE type(b) + ' ' + before.name END) AS background
RETURN c.name AS company, p.name AS founder, p.nameZhHant AS founderZh, background, foundedPer AS sources
ORDER BY company, founder;
