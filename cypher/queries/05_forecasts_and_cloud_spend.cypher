// Who forecast what for whom, and who buys cloud from whom for how much?
MATCH (f:Company)-[r:FORECASTS]->(m:Metric)<-[:HAS_METRIC]-(c:Company)
RETURN f.name AS who, 'forecasts ' + m.metric + ', ' + m.periodLabel AS what, c.name AS about,
       m.comparator AS comparator, m.value AS amount, m.unit AS unit, r.evidence AS evidence
UNION ALL
MATCH (c:Company)-[r:BUYS_CLOUD_FROM]->(p:CloudProvider)
RETURN c.name AS who, 'buys cloud from' AS what, p.name AS about,
       r.comparator AS comparator, r.amount AS amount, r.currency AS unit, r.evidence AS evidence;
