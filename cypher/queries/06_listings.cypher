// When did each listing happen, where, at what price, raising how much, and how did the first day go?
MATCH (c:Company)-[h:HAD_LISTING]->(l:Listing)-[:ON_EXCHANGE]->(x:StockExchange)
CALL (l) {
  MATCH (l)-[:HAS_METRIC]->(m:Metric)
  WHERE m.metric IN ['offerPrice', 'grossProceeds', 'netProceeds', 'firstDayClose', 'sharePriceChange']
  WITH m ORDER BY m.metric, m.value
  RETURN collect(m.metric + ' ' + toString(m.value) + ' ' + m.unit + ' (' + m.sourceId + ')') AS figures
}
RETURN c.name AS company, toString(l.date) AS listed, x.name AS exchange, l.ticker AS ticker, l.board AS board,
       l.listingRule AS rule, figures, collect(DISTINCT h.sourceId) AS sources
ORDER BY listed;
