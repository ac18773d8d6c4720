// Which of the six tigers pivoted, and to what?
MATCH (c:Company)-[:MEMBER_OF]->(:Group {id: 'six-tigers'})
MATCH (c)-[p:PIVOTED_TO]->(s:Sector)
RETURN c.name AS company, s.name AS pivotedTo, p.evidence AS evidence
ORDER BY company;
