// The relational questions of researchers and dashboards, over HTTP, answered as the article says,
// with evidence on each edge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleOffset } from "./support/source-texts.ts";
import { startApi, type Api, type GraphQLResponse } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";

const ARTICLE = "src-000-zhipu-minimax-hk-listings";
let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

/** The response's extensions (where cut lists are named). */
const extensionsOf = (response: GraphQLResponse) => (response.body as { extensions?: unknown }).extensions;

async function data(query: string, variables?: Record<string, unknown>) {
  const response = await api.gql(query, variables);
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data!;
}

describe("relational questions", () => {
  it("who founded MiniMax and where did they work before, with evidence", async () => {
    const { companies } = await data(`{
      companies(where: { id: { eq: "minimax" } }) {
        foundersConnection { edges { properties { sourceId evidence } node { name nameZhHant
          workedAtConnection { edges { properties { sourceId evidence } node { name } } } } } }
      }
    }`);
    const founder = companies[0].foundersConnection.edges[0];
    expect(founder.node.name).toBe("Yan Junjie");
    expect(founder.node.nameZhHant).toBe("閆俊杰");
    expect(founder.properties.sourceId).toBe(ARTICLE);
    expect(articleOffset(founder.properties.evidence)).toBeGreaterThanOrEqual(0);
    const before = founder.node.workedAtConnection.edges[0];
    expect(before.node.name).toBe("SenseTime");
    expect(before.properties.evidence).toBe("創始人閆俊杰來自商湯");
  });

  it("Zhipu AI is Tsinghua University's spin-off", async () => {
    const { universities } = await data(`{
      universities(where: { nameZhHans: { eq: "清华大学" } }) {
        name spinOutsConnection { edges { properties { evidence sourceId } node { id name } } }
      }
    }`);
    // One edge per source that states it: the article's words, and two reports paraphrased.
    const edges = universities[0].spinOutsConnection.edges;
    expect(edges).toContainEqual({ properties: { evidence: "作為清華大學技術成果轉化的標桿企業,智譜", sourceId: ARTICLE }, node: { id: "zhipu-ai", name: "Zhipu AI" } });
    expect(edges.map((e: any) => e.properties.sourceId).sort()).toEqual([ARTICLE, "src-web-geekpark-zhipu", "src-web-wirechina-zhipu"].sort());
    for (const edge of edges) expect(edge.node.id).toBe("zhipu-ai");
  });

  it("MiniMax buys cloud from Alibaba Cloud: USD 71 million", async () => {
    const { companies } = await data(`{
      companies(where: { id: { eq: "minimax" } }) {
        buysCloudFromConnection { edges { properties { amount currency comparator evidence sourceId } node { name roles } } }
      }
    }`);
    const [edge] = companies[0].buysCloudFromConnection.edges;
    expect(edge.node).toEqual({ name: "Alibaba Cloud", roles: ["CloudProvider"] });
    expect(edge.properties).toMatchObject({ amount: 71_000_000, currency: "USD", comparator: "eq", sourceId: ARTICLE });
    expect(articleOffset(edge.properties.evidence)).toBeGreaterThanOrEqual(0);
  });

  it("the six tigers that pivoted, and to what", async () => {
    const { groups } = await data(`{
      groups(where: { id: { eq: "six-tigers" } }) {
        membersConnection(sort: [{ node: { name: ASC } }]) {
          edges { properties { sourceId } node { name pivotedToConnection { edges { properties { evidence } node { name } } } } }
        }
      }
    }`);
    const edges = groups[0].membersConnection.edges;
    expect(edges.map((e: any) => e.node.name)).toEqual(["01.AI", "Baichuan AI", "MiniMax", "Moonshot AI", "StepFun", "Zhipu AI"]);
    const pivoted = edges.filter((e: any) => e.node.pivotedToConnection.edges.length > 0);
    expect(pivoted.map((e: any) => [e.node.name, e.node.pivotedToConnection.edges[0].node.name])).toEqual([
      ["01.AI", "Medical AI and other vertical domains"],
      ["Baichuan AI", "Medical AI and other vertical domains"],
    ]);
    for (const e of pivoted) expect(articleOffset(e.node.pivotedToConnection.edges[0].properties.evidence)).toBeGreaterThanOrEqual(0);
    // Membership of Moonshot AI and StepFun comes from the named background source, not the article.
    const sources = Object.fromEntries(edges.map((e: any) => [e.node.name, e.properties.sourceId]));
    expect(sources).toMatchObject({ "Moonshot AI": "src-background", StepFun: "src-background", MiniMax: ARTICLE });
  });

  it("each company's revenue as a time series, ordered, with units", async () => {
    const { zhipu, minimax } = await data(`{
      zhipu: metricSeries(companyId: "zhipu-ai", metric: revenue) { company { name } points { periodEnd periodLabel value unit comparator yoyGrowthPercent evidence } }
      minimax: metricSeries(companyId: "minimax", metric: revenue) { points { periodEnd value unit yoyGrowthPercent } }
    }`);
    expect(zhipu.points.map((p: any) => [p.periodEnd, p.value, p.unit])).toEqual([
      ["2022-12-31", 57_400_000, "CNY"],
      ["2024-12-31", 312_400_000, "CNY"],
      ["2025-06-30", 191_000_000, "CNY"],
    ]);
    expect(zhipu.points[2].yoyGrowthPercent).toBe(325);
    for (const p of zhipu.points) expect(articleOffset(p.evidence)).toBeGreaterThanOrEqual(0);
    expect(minimax.points.map((p: any) => [p.periodEnd, p.value, p.unit, p.yoyGrowthPercent])).toEqual([
      ["2023-12-31", 3_500_000, "USD", null],
      ["2024-12-31", 30_500_000, "USD", 782.2],
      ["2025-09-30", 53_440_000, "USD", 175],
    ]);
  });

  it("the forecast and who made it", async () => {
    const { metricSeries } = await data(`{
      metricSeries(companyId: "zhipu-ai", metric: revenue, kind: forecast) { points { metricId value unit comparator periodLabel } }
    }`);
    const byUnit = (a: any[], b: any[]) => String(a[1]).localeCompare(String(b[1]));
    expect(metricSeries.points.map((p: any) => [p.value, p.unit, p.comparator]).sort(byUnit)).toEqual([
      [738_000_000, "CNY", "eq"],
      [100_000_000, "USD", "gt"],
    ]);
    const { metrics } = await data(
      `query ($ids: [ID!]!) { metrics(where: { id: { in: $ids } }) { value forecastByConnection { edges { properties { evidence } node { name } } } } }`,
      { ids: metricSeries.points.map((p: any) => p.metricId) },
    );
    for (const metric of metrics) {
      expect(metric.forecastByConnection.edges[0].node.name).toBe("CITIC Securities");
      expect(metric.forecastByConnection.edges[0].properties.evidence).toMatch(/^中信證券預測/);
    }
  });

  it("compares companies side by side without mixing units", async () => {
    const { compareCompanies } = await data(`{
      compareCompanies(companyIds: ["minimax", "zhipu-ai"], metric: revenueShare) { company { id } points { value unit scope periodLabel } }
    }`);
    expect(compareCompanies.map((s: any) => s.company.id)).toEqual(["minimax", "zhipu-ai"]);
    expect(compareCompanies[0].points.map((p: any) => [p.value, p.scope])).toEqual([
      [71.1, "consumer (C-end) revenue"],
      [73, "overseas markets"],
    ]);
    for (const series of compareCompanies) for (const p of series.points) expect(p.unit).toBe("percent");
  });

  it("unknown companies and metrics are named in the error", async () => {
    const unknownCompany = await api.gql(`{ metricSeries(companyId: "no-such-co", metric: revenue) { metric } }`);
    expect(api.errorCode(unknownCompany)).toBe("NOT_FOUND");
    expect(unknownCompany.body.errors![0]!.message).toContain("no-such-co");
    // Metrics are an enum: a misspelt one is refused by validation, naming the value and the enum.
    const unknownMetric = await api.gql(`{ metricSeries(companyId: "minimax", metric: profit) { metric } }`);
    expect(api.errorCode(unknownMetric)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(unknownMetric.body.errors![0]!.message).toContain('Value "profit" does not exist in "MetricName" enum');
    const asVariable = await api.gql(`query ($m: MetricName!) { metricSeries(companyId: "minimax", metric: $m) { metric } }`, { m: "profit" });
    expect(asVariable.status).toBe(400);
    expect(asVariable.body.errors![0]!.message).toContain('Value "profit" does not exist in "MetricName" enum');
  });

  it("everything a source says", async () => {
    const { sourceDigest } = await data(`{
      sourceDigest(id: "${ARTICLE}") { title kind entities { id type } facts { from { id } relationship to { id } evidence } figures { company { id } metric point { value unit } } }
    }`);
    expect(sourceDigest.kind).toBe("article");
    expect(sourceDigest.entities.length).toBeGreaterThanOrEqual(35);
    expect(sourceDigest.facts.length).toBe(37);
    expect(sourceDigest.figures.length).toBe(39);
    for (const fact of sourceDigest.facts) expect(articleOffset(fact.evidence)).toBeGreaterThanOrEqual(0);
    expect((await data(`{ sourceDigest(id: "nope") { id } }`)).sourceDigest).toBeNull();
  });

  it("a web article's digest lists the figures of the events it reports, not only of companies", async () => {
    const { sourceDigest } = await data(`{
      sourceDigest(id: "src-web-infoq-zhipu-listing") { kind figures { company { id type } metric point { value unit } } }
    }`);
    expect(sourceDigest.kind).toBe("web-article");
    const figures = sourceDigest.figures.map((f: any) => `${f.company.id} ${f.company.type} ${f.metric} ${f.point.value} ${f.point.unit}`);
    expect(figures).toEqual(expect.arrayContaining(["zhipu-hk-listing Listing offerPrice 116.2 HKD", "zhipu-hk-listing Listing firstDayClose 131.5 HKD"]));
  });

  it("a cited document's digest: what the article attributes to it, as reported by the article", async () => {
    const { sourceDigest } = await data(`{
      sourceDigest(id: "src-citic-securities-zhipu-forecast") {
        kind citedBy { id } facts { relationship }
        figures { company { id } metric point { value unit kind sourceId evidence citedSource { id } } }
      }
    }`);
    expect(sourceDigest.kind).toBe("broker-report");
    expect(sourceDigest.citedBy).toEqual([{ id: ARTICLE }]);
    expect(sourceDigest.facts).toEqual([]);
    expect(sourceDigest.figures.map((f: any) => [f.metric, f.point.value, f.point.unit, f.point.kind])).toEqual([
      ["revenue", 738_000_000, "CNY", "forecast"],
      ["revenue", 100_000_000, "USD", "forecast"],
    ]);
    for (const { point } of sourceDigest.figures) {
      expect(point.sourceId).toBe(ARTICLE);
      expect(point.citedSource).toEqual({ id: "src-citic-securities-zhipu-forecast" });
      expect(articleOffset(point.evidence)).toBeGreaterThanOrEqual(0);
    }
  });

  it("compares companies in one currency at sourced exchange rates, saying which and from where", async () => {
    const { compareCompanies } = await data(`{
      compareCompanies(companyIds: ["zhipu-ai", "minimax"], metric: revenue, currency: USD) {
        company { id }
        points { periodLabel value unit conversion { fromValue fromUnit rate rates { metricId baseCurrency unit value sourceId source { kind } } } }
      }
    }`);
    const [zhipu, minimax] = compareCompanies;
    for (const p of [...zhipu.points, ...minimax.points]) expect(p.unit).toBe("USD");
    // MiniMax reports in dollars: nothing to convert.
    for (const p of minimax.points) expect(p.conversion).toBeNull();
    const fy2024 = zhipu.points.find((p: any) => p.periodLabel === "FY2024");
    expect(fy2024.conversion.fromValue).toBe(312_400_000);
    expect(fy2024.conversion.fromUnit).toBe("CNY");
    // Yuan to Hong Kong dollars to US dollars, at the rates two reports' own conversions imply.
    expect(fy2024.conversion.rates.map((r: any) => `${r.baseCurrency}/${r.unit} ${r.value} ${r.source.kind}`)).toEqual(["HKD/CNY 0.9 web-article", "USD/HKD 7.794 web-article"]);
    expect(fy2024.value).toBeCloseTo(312_400_000 / 0.9 / 7.794, 0);
    // Without a currency each company keeps its own.
    const own = await data(`{ compareCompanies(companyIds: ["zhipu-ai"], metric: revenue) { points { unit conversion { rate } } } }`);
    expect(own.compareCompanies[0].points.map((p: any) => [p.unit, p.conversion])).toEqual([["CNY", null], ["CNY", null], ["CNY", null]]);
  });

  // The article's own derived figures, recomputed: its 130 % CAGR does not follow from its revenues
  // (57.4 M → 312.4 M yuan give 133.3 %), its 782.2 % does once 350萬 and 3050萬 are taken as
  // rounded, and two growth rates cannot be checked because it omits the year-before figures.
  it("audits every derived figure of the article against its inputs", async () => {
    const { derivedFigureAudit } = await data(`{
      derivedFigureAudit(sourceId: "${ARTICLE}") {
        figure { metricId subject { id } metric value } derivation inputs { value } stated computed computedLow computedHigh difference verdict explanation
      }
    }`);
    const verdicts = Object.fromEntries(derivedFigureAudit.map((r: any) => [`${r.figure.subject.id} ${r.figure.metric} ${r.stated}`, r.verdict]));
    expect(verdicts).toEqual({
      "zhipu-ai revenueCagr 130": "differs",
      "minimax revenueGrowth 782.2": "consistentWithinRounding",
      "minimax revenueGrowth 175": "unverifiable",
      "zhipu-ai revenueGrowth 325": "unverifiable",
      "zhipu-ai arrGrowthMultiple 25": "consistent",
      "zhipu-ai lossMonthlyAverage 300000000": "unverifiable",
    });
    const cagr = derivedFigureAudit.find((r: any) => r.figure.metric === "revenueCagr");
    expect(cagr.inputs.map((i: any) => i.value)).toEqual([57_400_000, 312_400_000]);
    expect(cagr.computed).toBeCloseTo(133.29, 2);
    const multiple = derivedFigureAudit.find((r: any) => r.figure.metric === "arrGrowthMultiple");
    expect(multiple.computedHigh).toBeNull();
  });

  it("the generated API gives a figure's source and the document it is attributed to", async () => {
    const { metrics } = await data(`{
      metrics(where: { metric: { eq: ipoProceedsToRndShare } }, sort: [{ id: ASC }]) {
        kind certainty citedSourceId source { id kind } citedSource { id kind citedBy { id } }
      }
    }`);
    expect(metrics).toEqual([
      { kind: "plan", certainty: "stated", citedSourceId: "src-minimax-prospectus", source: { id: ARTICLE, kind: "article" }, citedSource: { id: "src-minimax-prospectus", kind: "prospectus", citedBy: [{ id: ARTICLE }] } },
      { kind: "plan", certainty: "stated", citedSourceId: "src-zhipu-prospectus", source: { id: ARTICLE, kind: "article" }, citedSource: { id: "src-zhipu-prospectus", kind: "prospectus", citedBy: [{ id: ARTICLE }] } },
    ]);
  });

  it("a fact seen from its entity says how sure the article is and since when it holds", async () => {
    const { neighbourhood } = await data(`{
      neighbourhood(id: "01-ai") { facts { relationship other { id } certainty qualifier status validFrom datePrecision } }
    }`);
    expect(neighbourhood.facts.find((f: any) => f.relationship === "EXITED")).toEqual({
      relationship: "EXITED",
      other: { id: "general-foundation-models" },
      certainty: "hedged",
      qualifier: "基本",
      status: null,
      validFrom: null,
      datePrecision: null,
    });
    const tongyi = await data(`{ neighbourhood(id: "tongyi") { facts { relationship certainty qualifier status } } }`);
    expect(tongyi.neighbourhood.facts.find((f: any) => f.relationship === "REBRANDED_AS")).toEqual({
      relationship: "REBRANDED_AS",
      // 推動…演進: a rebrand under way, which the article asserts, not a hedge.
      certainty: "stated",
      qualifier: null,
      status: "ongoing",
    });
    const doubao = await data(`{ neighbourhood(id: "doubao") { facts { relationship certainty validFrom datePrecision } } }`);
    // The article's one fact of Doubao (its models' IN_FAMILY facts come from other sources).
    expect(doubao.neighbourhood.facts.filter((f: any) => f.relationship === "DEVELOPS")).toEqual([
      { relationship: "DEVELOPS", certainty: "stated", validFrom: "2024-01-01", datePrecision: "year" },
    ]);
  });
});

describe("search and connections", () => {
  it.each([
    ["智谱", "zhipu-ai", "Company"],
    ["智譜", "zhipu-ai", "Company"],
    ["zhipu", "zhipu-ai", "Company"],
    ["閆俊杰", "yan-junjie", "Person"],
    ["清华", "tsinghua-university", "University"],
    ["千問", "qwen", "Product"],
  ])("search %j finds %s (%s) first", async (text, id, type) => {
    const { search } = await data(`query ($text: String!) { search(text: $text, limit: 5) { score entity { id type } } }`, { text });
    expect(search[0].entity).toEqual({ id, type });
  });

  it("search returns the Entity interface: a hit expands like any generated entity (... on Company { metrics })", async () => {
    const { search } = await data(`query ($text: String!) {
      search(text: $text, limit: 3) {
        score
        entity { id type name nameZhHans nameZhHant __typename ...Figures }
      }
    }
    fragment Figures on Company { revenue: metrics(where: { metric: { eq: revenue }, kind: { eq: actual } }, sort: [{ periodEnd: ASC }]) { periodLabel value unit } }`, { text: "智譜" });
    expect(search[0].entity).toMatchObject({ id: "zhipu-ai", type: "Company", __typename: "Company", name: "Zhipu AI", nameZhHant: "智譜" });
    expect(search[0].score).toBeGreaterThan(search[1].score);
    expect(search[0].entity.revenue.map((m: any) => [m.value, m.unit])).toEqual([
      [57_400_000, "CNY"],
      [312_400_000, "CNY"],
      [191_000_000, "CNY"],
    ]);
    // A hit of another type has its own fields and none of Company's.
    const listing = search.find((hit: any) => hit.entity.type === "Listing");
    expect(listing.entity.__typename).toBe("Listing");
    expect(listing.entity.revenue).toBeUndefined();
  });

  it("allShortestConnections: every shortest path, in a fixed order, the first being shortestConnection's; counted and cut visibly", async () => {
    const hopsOf = (path: any) => path.hops.map((h: any) => `${h.from.id}-${h.relationship}/${h.sourceId}->${h.to.id}`).join(" ");
    const query = `query ($limit: Int!) {
      allShortestConnections(fromId: "tsinghua-university", toId: "alibaba-cloud", limit: $limit) {
        length totalCount totalCountCapped cut paths { length hops { from { id } to { id } relationship sourceId evidence } }
      }
      shortestConnection(fromId: "tsinghua-university", toId: "alibaba-cloud") { length hops { from { id } to { id } relationship sourceId evidence } }
    }`;
    const all = await data(query, { limit: 50 });
    const { length, totalCount, totalCountCapped, cut, paths } = all.allShortestConnections;
    expect(length).toBe(all.shortestConnection.length);
    expect(cut).toBe(false);
    expect(totalCountCapped).toBe(false);
    expect(paths).toHaveLength(totalCount);
    expect(totalCount).toBeGreaterThan(1);
    expect(hopsOf(paths[0])).toBe(hopsOf(all.shortestConnection));
    const keys = paths.map(hopsOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const path of paths) {
      expect(path.length).toBe(length);
      expect(path.hops[0].from.id).toBe("tsinghua-university");
      expect(path.hops.at(-1).to.id).toBe("alibaba-cloud");
      for (const hop of path.hops) expect(hop.evidence.length).toBeGreaterThan(0);
    }
    // A smaller page is the same list cut, and says so.
    const page = (await data(query, { limit: 2 })).allShortestConnections;
    expect(page).toMatchObject({ totalCount, cut: true });
    expect(page.paths.map(hopsOf)).toEqual(keys.slice(0, 2));
    // No path: null; too many asked: a coded error.
    expect((await data(`{ allShortestConnections(fromId: "tsinghua-university", toId: "alibaba-cloud", maxHops: 2) { length } }`)).allShortestConnections).toBeNull();
    expect((await data(`{ allShortestConnections(fromId: "no-such-entity", toId: "zhipu-ai") { length } }`)).allShortestConnections).toBeNull();
    const tooMany = await api.gql(`{ allShortestConnections(fromId: "tsinghua-university", toId: "alibaba-cloud", limit: 51) { length } }`);
    expect(api.errorCode(tooMany)).toBe("PAGE_SIZE_LIMIT_EXCEEDED");
  });

  it("allShortestConnections says when it stopped counting: over 1000 shortest paths, totalCount was a silent 1000", async () => {
    // Two entities joined through 1001 middle ones: 1001 shortest paths of two hops. Removed after.
    const driver = testDriver();
    const create = `CREATE (a:Entity {id: 'cap-probe-a', name: 'Cap probe A'}), (b:Entity {id: 'cap-probe-b', name: 'Cap probe B'})
      WITH a, b UNWIND range(1, 1001) AS i
      CREATE (a)-[:PARTNERS_WITH {sourceId: 'src-cap-probe', evidence: 'probe'}]->(m:Entity {id: 'cap-probe-m' + i, name: 'Cap probe ' + i})
      CREATE (m)-[:PARTNERS_WITH {sourceId: 'src-cap-probe', evidence: 'probe'}]->(b)`;
    try {
      await driver.executeQuery(create, {}, { database: testDatabase() });
      const { allShortestConnections } = await data(`{ allShortestConnections(fromId: "cap-probe-a", toId: "cap-probe-b", limit: 3) {
        length totalCount totalCountCapped cut paths { length } } }`);
      expect(allShortestConnections).toMatchObject({ length: 2, totalCount: 1000, totalCountCapped: true, cut: true });
      expect(allShortestConnections.paths).toHaveLength(3);
      // One path fewer than the cap is counted in full, and its order is fixed: by the middle entity's id.
      await driver.executeQuery("MATCH (m:Entity) WHERE m.id IN ['cap-probe-m1000', 'cap-probe-m1001'] DETACH DELETE m", {}, { database: testDatabase() });
      const under = `{ allShortestConnections(fromId: "cap-probe-a", toId: "cap-probe-b", limit: 3) { totalCount totalCountCapped cut paths { hops { to { id } } } } }`;
      const counted = (await data(under)).allShortestConnections;
      expect(counted).toMatchObject({ totalCount: 999, totalCountCapped: false, cut: true });
      expect(counted.paths.map((p: any) => p.hops[0].to.id)).toEqual(["cap-probe-m1", "cap-probe-m10", "cap-probe-m100"]);
    } finally {
      await driver.executeQuery("MATCH (n:Entity) WHERE n.id STARTS WITH 'cap-probe-' DETACH DELETE n", {}, { database: testDatabase() });
      await driver.close();
    }
  });

  it("no connection is null, not a path of 0 hops: an unknown id, or no path within maxHops", async () => {
    const unknown = await data(`{ shortestConnection(fromId: "no-such-entity", toId: "zhipu-ai") { length } }`);
    expect(unknown.shortestConnection).toBeNull();
    const tooShort = await data(`{ shortestConnection(fromId: "tsinghua-university", toId: "alibaba-cloud", maxHops: 2) { length } }`);
    expect(tooShort.shortestConnection).toBeNull();
  });

  it("the shortest connection from Tsinghua University to Alibaba Cloud has a source on every hop", async () => {
    const { shortestConnection } = await data(`{
      shortestConnection(fromId: "tsinghua-university", toId: "alibaba-cloud") {
        length hops { from { id type } to { id type } relationship direction sourceId evidence }
      }
    }`);
    const { hops, length } = shortestConnection;
    expect(length).toBe(hops.length);
    expect(hops[0].from.id).toBe("tsinghua-university");
    expect(hops.at(-1).to.id).toBe("alibaba-cloud");
    for (let i = 1; i < hops.length; i++) expect(hops[i].from.id).toBe(hops[i - 1].to.id);
    for (const hop of hops) {
      expect(hop.sourceId).toMatch(/^src-/);
      expect(hop.evidence.length).toBeGreaterThan(0);
      if (hop.sourceId === ARTICLE) expect(articleOffset(hop.evidence)).toBeGreaterThanOrEqual(0);
      expect(["Source", "Metric"]).not.toContain(hop.from.type);
    }
    // Equally short paths are common; the answer is the same on every database (ids in order).
    expect(length).toBe(4);
    const again = await data(`{ shortestConnection(fromId: "tsinghua-university", toId: "alibaba-cloud") { hops { to { id } } } }`);
    expect(again.shortestConnection.hops.map((h: any) => h.to.id)).toEqual(hops.map((h: any) => h.to.id));
  });
});

describe("dashboards", () => {
  it("offset pagination over sorted companies", async () => {
    const all = (await data(`{ companies(sort: [{ name: ASC }]) { name } }`)).companies.map((c: any) => c.name);
    const page = (await data(`{ companies(sort: [{ name: ASC }], limit: 3, offset: 2) { name } }`)).companies.map((c: any) => c.name);
    expect(page).toEqual(all.slice(2, 5));
  });

  it("cursor pagination walks every company exactly once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount: number | null = null;
    let pages = 0;
    // More pages than the graph has companies: reaching this many means the cursor never ended.
    const MAX_PAGES = 20;
    while (totalCount === null) {
      expect(pages, `still a next page after ${MAX_PAGES} pages`).toBeLessThan(MAX_PAGES);
      const { companiesConnection } = await data(
        `query ($after: String) { companiesConnection(first: 5, after: $after, sort: [{ name: ASC }]) {
           totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`,
        { after },
      );
      pages += 1;
      seen.push(...companiesConnection.edges.map((e: any) => e.node.name));
      if (companiesConnection.pageInfo.hasNextPage) after = companiesConnection.pageInfo.endCursor;
      else totalCount = companiesConnection.totalCount as number;
    }
    // Several pages were walked, together exactly the companies, each once and in order.
    expect(pages).toBeGreaterThan(1);
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen]).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("the generated aggregates refuse value: Zhipu's revenue max took CNY and USD, actual and forecast together", async () => {
    const response = await api.gql(`{
      metricsConnection(where: { metric: { eq: revenue }, company: { id: { eq: "zhipu-ai" } } }) { aggregate { node { value { max } } } }
    }`);
    expect(api.errorCode(response)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors![0]!.message).toContain('"value"');
    // Nor may amounts of investments (in several currencies) be summed on edges.
    const edges = await api.gql(`{ companies { investedInConnection { aggregate { edge { amount { sum } } } } } }`);
    expect(api.errorCode(edges)).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("metricSummary groups figures by metric, unit, kind, period length and scope: no aggregate mixes them", async () => {
    const { metricSummary } = await data(`{
      metricSummary(subjectId: "zhipu-ai", metric: revenue) { metric unit kind periodMonths scope count min max sum comparators metricIds }
    }`);
    const groups = metricSummary.map((g: any) => [g.unit, g.kind, g.periodMonths, g.count, g.min, g.max, g.sum, g.comparators]);
    expect(groups).toEqual([
      ["CNY", "actual", 6, 1, 191_000_000, 191_000_000, 191_000_000, ["eq"]],
      ["CNY", "actual", 12, 2, 57_400_000, 312_400_000, 57_400_000 + 312_400_000, ["eq"]],
      ["CNY", "forecast", 12, 1, 738_000_000, 738_000_000, 738_000_000, ["eq"]],
      ["USD", "forecast", 12, 1, 100_000_000, 100_000_000, 100_000_000, ["gt"]],
    ]);
    // Each group's figures really share what the group says they share.
    for (const group of metricSummary) {
      const { metrics } = await data(`query ($ids: [ID!]!) { metrics(where: { id: { in: $ids } }) { metric unit kind scope value } }`, { ids: group.metricIds });
      expect(metrics).toHaveLength(group.count);
      for (const m of metrics) expect([m.metric, m.unit, m.kind, m.scope]).toEqual([group.metric, group.unit, group.kind, group.scope]);
      expect(Math.max(...metrics.map((m: any) => m.value))).toBe(group.max);
    }
  });

  it("metricSummary gives no sum for levels or percentages, which do not add up", async () => {
    const { metricSummary } = await data(`{ metricSummary(metric: marketCap) { unit periodMonths count max sum } }`);
    expect(metricSummary.length).toBeGreaterThan(0);
    for (const group of metricSummary) expect([group.periodMonths, group.sum]).toEqual([null, null]);
    for (const group of (await data(`{ metricSummary(metric: revenueShare) { unit sum } }`)).metricSummary) expect(group).toEqual({ unit: "percent", sum: null });
  });

  it("a figure has one company (an object, not a list); a figure about an event has none, and names the event as subject", async () => {
    const { revenue, offer, fx } = await data(`{
      revenue: metrics(where: { company: { id: { eq: "zhipu-ai" } }, metric: { eq: revenue } }, limit: 1) { company { id name } subject { id __typename } }
      offer: metrics(where: { metric: { eq: offerPrice }, listing: { id: { eq: "zhipu-hk-listing" } } }) { company { id } listing { id } subject { id __typename } }
      fx: metrics(where: { metric: { eq: fxRate } }) { id company { id } subject { id } }
    }`);
    expect(revenue[0].company).toEqual({ id: "zhipu-ai", name: "Zhipu AI" });
    expect(revenue[0].subject).toEqual({ id: "zhipu-ai", __typename: "Company" });
    expect(offer.length).toBeGreaterThan(0);
    for (const figure of offer) expect(figure).toEqual({ company: null, listing: { id: "zhipu-hk-listing" }, subject: { id: "zhipu-hk-listing", __typename: "Listing" } });
    // An exchange rate is about no entity.
    expect(fx.length).toBeGreaterThan(0);
    for (const figure of fx) expect([figure.company, figure.subject]).toEqual([null, null]);
  });

  it("a cut list says so: sources { mentions } gave 20 of 37 without a word; extensions.cutLists names each cut list, with its total when asked", async () => {
    const query = `query ($offset: Int) {
      sources(where: { id: { eq: "${ARTICLE}" } }) {
        mentions { id }
        page: mentions(limit: 10, offset: $offset) { id }
        all: mentions(limit: 100) { id }
        mentionsConnection { totalCount }
      }
    }`;
    const response = await api.gql(query, { offset: 5 });
    expect(response.body.errors).toBeUndefined();
    const source = response.body.data!.sources[0];
    const total = source.mentionsConnection.totalCount;
    expect(total).toBeGreaterThan(20);
    expect(source.mentions).toHaveLength(20);
    expect(source.page).toHaveLength(10);
    expect(source.all).toHaveLength(total);
    // Only the lists that go on past their page are named; the item past the page and the hidden ids are not in data.
    expect(extensionsOf(response)).toEqual({
      cutLists: [
        { path: "sources.0.mentions", returned: 20, offset: 0 },
        { path: "sources.0.page", returned: 10, offset: 5 },
      ],
    });
    expect(Object.keys(source).sort()).toEqual(["all", "mentions", "mentionsConnection", "page"]);
    // The first items of the page are those of the whole list: the extra item was dropped from the end.
    expect(source.mentions).toEqual(source.all.slice(0, 20));
    // Asked for (the explorer does), each cut list's total is counted, with its filter.
    const withTotals = async (text: string, variables?: Record<string, unknown>) => {
      const answer = await fetch(`${api.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: text, variables, extensions: { cutListTotals: true } }),
      });
      return (await answer.json()) as { data: Record<string, any>; extensions?: Record<string, unknown> };
    };
    expect((await withTotals(query, { offset: 5 })).extensions).toEqual({
      cutLists: [
        { path: "sources.0.mentions", returned: 20, offset: 0, total },
        { path: "sources.0.page", returned: 10, offset: 5, total },
      ],
    });
    const root = await withTotals(`{ companies(limit: 3, where: { roles: { includes: "Startup" } }) { id } c: companiesConnection(where: { roles: { includes: "Startup" } }) { totalCount } }`);
    expect(root.data.c.totalCount).toBeGreaterThan(3);
    expect(root.extensions).toEqual({ cutLists: [{ path: "companies", returned: 3, offset: 0, total: root.data.c.totalCount }] });
    // An answer with a cut list is served from the cache (Age: no query ran), still saying it is cut.
    await expect.poll(async () => (await api.gql(query, { offset: 5 })).headers.get("age"), { timeout: 5000 }).not.toBeNull();
    const again = await api.gql(query, { offset: 5 });
    expect(again.headers.get("age")).not.toBeNull();
    expect(again.body.data).toEqual(response.body.data);
    expect(extensionsOf(again)).toEqual(extensionsOf(response));
    // A page size from a variable's default is a page like a literal one: 3 of 37 used to pass unnamed.
    const byDefault = await api.gql(`query ($l: Int = 3) { sources(where: { id: { eq: "${ARTICLE}" } }) { id mentions(limit: $l) { id } } }`);
    expect(byDefault.body.errors).toBeUndefined();
    expect(byDefault.body.data!.sources[0].mentions).toHaveLength(3);
    expect(extensionsOf(byDefault)).toEqual({ cutLists: [{ path: "sources.0.mentions", returned: 3, offset: 0 }] });
    // A list exactly as long as its page, and a complete list, say nothing.
    const exact = await api.gql(`{ sources(where: { id: { eq: "${ARTICLE}" } }) { mentions(limit: ${total}) { id } } }`);
    expect(exact.body.data!.sources[0].mentions).toHaveLength(total);
    expect(extensionsOf(exact)).toBeUndefined();
    const complete = await api.gql(`{ sources(where: { id: { eq: "${ARTICLE}" } }) { cites { id } } }`);
    expect(extensionsOf(complete)).toBeUndefined();
  });

  it("closed vocabularies are discoverable: enums by introspection and Query.vocabularies, which also lists string ones", async () => {
    const { vocabularies, sources } = await data(`{ vocabularies { name isEnum values } sources(limit: 100) { kind } }`);
    const byName = new Map(vocabularies.map((v: any) => [v.name, v]));
    for (const name of ["MetricName", "Unit", "Comparator", "MetricKind", "Certainty", "EvidenceKind", "Corroboration", "Derivation"]) {
      const vocabulary: any = byName.get(name);
      expect(vocabulary?.isEnum, name).toBe(true);
      const { __type } = await data(`query ($name: String!) { __type(name: $name) { enumValues { name } } }`, { name });
      expect(__type.enumValues.map((v: any) => v.name), name).toEqual(vocabulary.values);
    }
    // A source's kind is not a GraphQL name ("web-article"): a string field, listed with its values.
    const sourceKinds: any = byName.get("SourceKind");
    expect(sourceKinds.isEnum).toBe(false);
    for (const { kind } of sources) expect(sourceKinds.values).toContain(kind);
    // A misspelt value of a former string field is now refused by validation, naming it.
    const misspelt = await api.gql(`{ metrics(where: { evidenceKind: { eq: quotes } }) { id } }`);
    expect(api.errorCode(misspelt)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(misspelt.body.errors![0]!.message).toContain("quotes");
    const { metrics } = await data(`{ metrics(where: { derivation: { eq: cagr } }) { derivation evidenceKind } }`);
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) expect(m.derivation).toBe("cagr");
  });

  it("a neighbourhood cut at limit says how many facts there are", async () => {
    const { all, page } = await data(`{
      all: neighbourhood(id: "zhipu-ai", limit: 100) { totalFacts facts { relationship other { id } } }
      page: neighbourhood(id: "zhipu-ai", limit: 3) { totalFacts facts { relationship other { id } } }
    }`);
    expect(all.totalFacts).toBe(all.facts.length);
    expect(all.totalFacts).toBeGreaterThan(3);
    expect(page.totalFacts).toBe(all.totalFacts);
    expect(page.facts).toEqual(all.facts.slice(0, 3));
  });

  it("filters and sorts figures; values beyond 32 bits come back whole", async () => {
    const { metrics } = await data(`{
      metrics(where: { metric: { eq: marketCap } }, sort: [{ periodEnd: ASC }]) { value unit comparator periodEnd company { id } }
    }`);
    expect(metrics.map((m: any) => [m.company.id, m.value, m.unit, m.comparator])).toEqual([
      ["zhipu-ai", 100_000_000_000, "HKD", "gt"],
      ["minimax", 100_000_000_000, "HKD", "gt"],
    ]);
  });
});
