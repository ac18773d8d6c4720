// Which figures do sources give differently? Every version stays, each with its source.
MATCH (s:Entity)-[:HAS_METRIC]->(m:Metric)
WITH s, m.metric AS metric, m.periodEnd AS periodEnd, m.unit AS unit, collect(m) AS figures
WHERE size(apoc.coll.toSet([f IN figures | f.value])) > 1 AND size(apoc.coll.toSet([f IN figures | f.sourceId])) > 1
UNWIND figures AS f
RETURN s.name AS subject, metric, unit, f.value AS value, f.scope AS scope, f.sourceId AS source
ORDER BY subject, metric, value, source;
