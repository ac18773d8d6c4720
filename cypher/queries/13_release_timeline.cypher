// Every dated release by lab, in order, with each source's date: two sources that date one
// release differently are two rows.
MATCH (lab:Company)-[r:RELEASED]->(m:Model)
WHERE r.validFrom IS NOT NULL
RETURN lab.name AS lab, m.name AS model, toString(r.validFrom) AS date, r.datePrecision AS precision,
       coalesce(r.stage, 'released') AS stage, r.access AS access, r.sourceId AS source
ORDER BY lab, date, model, source;
