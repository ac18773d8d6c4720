// Revenue of Zhipu AI and MiniMax over time, in the currency each reports (never summed across units).
MATCH (c:Company)-[:HAS_METRIC]->(m:Metric {metric: 'revenue', kind: 'actual'})
WHERE c.id IN ['zhipu-ai', 'minimax']
RETURN c.name AS company, m.periodLabel AS period, m.value AS value, m.unit AS unit,
       m.comparator AS comparator, m.yoyGrowthPercent AS yoyGrowthPercent
ORDER BY company, m.periodEnd;
