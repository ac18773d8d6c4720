// Who were the cornerstone investors of Zhipu AI's listing, and per which sources?
MATCH (:Company {id: 'zhipu-ai'})-[:HAD_LISTING]->(l:Listing)<-[c:CORNERSTONE_IN]-(investor:Company)
RETURN investor.name AS investor, investor.nameZhHant AS investorZh, collect(DISTINCT c.sourceId) AS sources
ORDER BY investor;
