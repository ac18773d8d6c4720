// Which big-tech groups invested in, or hold stakes in, which of the six tigers?
MATCH (t:Company)-[:MEMBER_OF]->(:Group {id: 'six-tigers'})
MATCH (g:Company:BigTech)
OPTIONAL MATCH (g)-[s:SHAREHOLDER_OF]->(t)
OPTIONAL MATCH (g)-[i:INVESTED_IN]->(r:FundingRound)<-[:RAISED]-(t)
OPTIONAL MATCH (g)-[k:CORNERSTONE_IN]->(:Listing)<-[:HAD_LISTING]-(t)
WITH g, t, collect(DISTINCT CASE WHEN s IS NULL THEN null ELSE toString(s.stakePercent) + '% as of ' + toString(s.asOf) + ' (' + s.sourceId + ')' END) AS stakes,
     collect(DISTINCT r.name) AS rounds, count(k) > 0 AS cornerstone
WHERE size(stakes) > 0 OR size(rounds) > 0 OR cornerstone
RETURN g.name AS group, t.name AS tiger, stakes, rounds, cornerstone
ORDER BY group, tiger;
