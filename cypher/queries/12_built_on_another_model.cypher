// Which models are built on another model, across labs too: fine-tuned, distilled, quantized,
// merged or (how unstated) based on it, each hop with its source.
MATCH (derived:Model)-[r:FINE_TUNED_FROM|DISTILLED_FROM|QUANTIZED_FROM|MERGED_FROM|BASED_ON]->(base:Model)
OPTIONAL MATCH (derivedLab:Company)-[:RELEASED]->(derived)
OPTIONAL MATCH (baseLab:Company)-[:RELEASED]->(base)
WITH derived, r, base, collect(DISTINCT derivedLab.name) AS derivedLabs, collect(DISTINCT baseLab.name) AS baseLabs
RETURN derived.name AS model, derivedLabs, type(r) AS how, base.name AS builtOn, baseLabs,
       r.sourceId AS source, r.evidence AS evidence
ORDER BY model, builtOn, source;
