// Which open-weight models did Chinese labs release in 2025, under which licence? Each release
// date, its access and its licence with the source that states it.
MATCH (lab:Company)-[r:RELEASED]->(m:Model)
WHERE r.access = 'open-weights' AND r.validFrom >= date('2025-01-01') AND r.validFrom < date('2026-01-01')
OPTIONAL MATCH (m)-[l:LICENSED_UNDER]->(licence:License)
RETURN lab.name AS lab, m.name AS model, toString(r.validFrom) AS released, r.datePrecision AS precision,
       r.sourceId AS releaseSource, licence.name AS licence, l.sourceId AS licenceSource
ORDER BY released, model, licence;
