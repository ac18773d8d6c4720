// How is Tsinghua University connected to Alibaba Cloud? (facts only: no Source or Metric hops)
MATCH path = shortestPath((u:University {id: 'tsinghua-university'})-[*..8]-(c:CloudProvider {id: 'alibaba-cloud'}))
WHERE none(n IN nodes(path) WHERE n:Source OR n:Metric)
RETURN [n IN nodes(path) | n.name] AS via,
       [r IN relationships(path) | type(r) + ' (' + r.sourceId + '): ' + r.evidence] AS hops;
