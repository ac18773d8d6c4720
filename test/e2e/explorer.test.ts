// The built-in explorer end to end, in headless Chromium (Debian's package, driven by
// playwright-core; no browser download), against the real service, spawned as `npm start` runs
// it, and Neo4j.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../support/chromium.ts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The page loads data over HTTP after each action: give polls time on a busy 2-core machine.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
import { PROJECT_ROOT } from "../../src/config.ts";
import { spawnApi, type Api } from "../support/api.ts";

// Screenshots for the README are refreshed with SCREENSHOTS_DIR=docs/screenshots npx vitest run test/e2e/explorer.test.ts (out of src/, so the explorer does not serve them).
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? path.join(PROJECT_ROOT, ".local", "screenshots");

let api: Api;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  api = await spawnApi();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${api.url}/`);
});
afterEach(async () => {
  await page?.close();
});

/** Each view, once its `ready` selector shows, fits a 375 px screen without scrolling sideways. */
async function fitsNarrowScreen(views: Array<[route: string, ready: string]>) {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [route, ready] of views) {
    await page.goto(`${api.url}/${route}`);
    await page.waitForSelector(ready);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), route).toBeLessThanOrEqual(1);
  }
}

async function searchFor(text: string) {
  await page.fill("#search-text", text);
  await page.press("#search-text", "Enter");
  await page.waitForSelector("#result-list li");
}

describe("explorer", () => {
  it.each([["智谱"], ["智譜"], ["zhipu"]])("search %j lists Zhipu AI first", async (text) => {
    await searchFor(text);
    await poll(() => page.locator("#result-list li").first().textContent()).toContain("Zhipu AI");
    if (text === "智譜") await page.screenshot({ path: path.join(SCREENSHOTS, "search.png") });
  });

  it("opens an entity with its facts and evidence, its network and its charts, one unit per chart", async () => {
    await searchFor("智譜");
    await page.locator("#result-list li button").first().click();
    await poll(() => page.textContent("#entity-title")).toBe("Zhipu AI");
    await poll(() => page.textContent("#entity-names")).toContain("智譜");
    const tsinghua = page.locator("#fact-list li", { hasText: "Tsinghua University" });
    await poll(() => tsinghua.textContent()).toContain("SPUN_OUT_OF");
    await poll(() => tsinghua.locator("blockquote").textContent()).toBe("作為清華大學技術成果轉化的標桿企業,智譜");
    // The network is drawn (cytoscape renders into canvases inside #network).
    await poll(() => page.locator("#network canvas").count()).toBeGreaterThan(0);
    // Revenue in CNY over full years is one chart (the forecast a second series in it); the USD
    // forecast, a different currency, is a card of its own.
    const revenue = page.locator('#charts figure[data-series="revenue|CNY||12"]');
    await poll(() => revenue.getAttribute("data-periods")).toBe("FY2022|FY2024|FY2025 (forecast)");
    expect(await revenue.locator("table").textContent()).toContain("CNY 57.4 M");
    await poll(() => page.locator('#figure-cards .figure-card[data-metric="revenue"][data-unit="USD"]').count()).toBe(1);
  });

  it("follows a fact to the other entity", async () => {
    await page.goto(`${api.url}/#/entity/minimax`);
    await page.locator("#fact-list li", { hasText: "Yan Junjie" }).locator("button").click();
    await poll(() => page.textContent("#entity-title")).toBe("Yan Junjie");
    await poll(() => page.textContent("#fact-list")).toContain("SenseTime");
  });

  it("finds the shortest connection between two entities named in Chinese, with evidence on every hop", async () => {
    await page.fill("#connect-from", "清华大学");
    await page.fill("#connect-to", "阿里雲");
    await page.click("#connect-form button");
    await page.waitForSelector("#hop-list li");
    const hops = await page.$$eval("#hop-list li", (items) =>
      items.map((li) => ({ text: li.textContent, evidence: li.querySelector(".evidence")?.textContent, quoted: li.querySelector("blockquote") !== null })),
    );
    // Four hops tie; the API picks by entity ids: through Yang Zhilin, Moonshot AI and Alibaba.
    expect(hops).toHaveLength(4);
    expect(hops[0]!.text).toContain("Tsinghua University");
    expect(hops.at(-1)!.text).toContain("Alibaba Cloud");
    for (const hop of hops) expect(hop.evidence?.length).toBeGreaterThan(0);
    // Web sources and the background source are paraphrased, never set as quotes.
    for (const hop of hops) if (hop.text!.includes("paraphrase (our words)")) expect(hop.quoted).toBe(false);
    await page.locator("#connect").screenshot({ path: path.join(SCREENSHOTS, "connection.png") });
  });

  it("marks a hedged fact with the source's own hedging words: 01.AI has 「基本」 exited", async () => {
    await page.goto(`${api.url}/#/entity/01-ai`);
    const exited = page.locator("#fact-list li", { hasText: "EXITED" });
    await poll(() => exited.locator(".badge.hedged").textContent()).toBe("hedged 「基本」");
    await poll(() => exited.textContent()).toContain("General-purpose foundation models");
    // A stated fact has no badge.
    await poll(() => page.locator("#fact-list li", { hasText: "PIVOTED_TO" }).locator(".badge.hedged").count()).toBe(0);
    // The network draws it too (cytoscape's edge label).
    await poll(() => page.locator("#network canvas").count()).toBeGreaterThan(0);
  });

  it("shows the rebrand Tongyi → Qwen as ongoing, and not hedged: 「演進」 says it is under way, not doubtful", async () => {
    await page.goto(`${api.url}/#/entity/tongyi`);
    const rebrand = page.locator("#fact-list li", { hasText: "REBRANDED_AS" });
    await poll(() => rebrand.textContent()).toContain("Qwen");
    await poll(() => rebrand.locator(".badge.ongoing").textContent()).toBe("ongoing");
    expect(await rebrand.locator(".badge.hedged").count()).toBe(0);
  });

  it("dates a fact as precisely as its source: from Jan 2026, from 2024", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator("#fact-list li", { hasText: "LISTED_ON" }).locator(".badge.when").textContent()).toBe("from Jan 2026");
    await page.goto(`${api.url}/#/entity/bytedance`);
    await poll(() => page.locator("#fact-list li", { hasText: "Doubao" }).locator(".badge.when").textContent()).toBe("from 2024");
  });

  it("attributes Zhipu's figures to its prospectus, as reported by the article, and opens the prospectus's digest", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    const revenue = page.locator('#charts figure[data-series="revenue|CNY||12"]');
    const fy2022 = revenue.locator("tbody tr", { hasText: "FY2022" });
    await poll(() => fy2022.locator("td").last().textContent()).toBe(
      "according to Zhipu AI's prospectus for its Hong Kong listing (招股書), as cited by the article, " +
        "as reported by Zhipu AI and MiniMax list in Hong Kong: two commercial paths for China's LLM industry (news analysis)" +
        // The loader found no other publisher stating this figure.
        " single source",
    );
    // CITIC's forecast is attributed to CITIC's report; the IPO plan is a plan, dated to the month.
    await poll(() => revenue.locator("tbody tr", { hasText: "forecast" }).textContent()).toContain("according to CITIC Securities' forecast");
    const plan = page.locator('#figure-cards .figure-card[data-metric="ipoProceedsToRndShare"][data-kind="plan"]');
    await poll(() => plan.locator("h4").textContent()).toBe(
      "Share of IPO proceeds for R&D · % · share of IPO proceeds planned for model R&D and AI infrastructure · point in time");
    expect(await plan.textContent()).toContain("IPO plan; undated, as of the article (Jan 2026)");
    // Figures the article states itself name it with no "according to".
    const developers = page.locator('#figure-cards .figure-card[data-metric="developers"] .sources li');
    await poll(() => developers.textContent()).toMatch(/^Zhipu AI and MiniMax list in Hong Kong/);
    expect(await developers.textContent()).not.toContain("according to");

    await fy2022.locator('a[data-source="src-zhipu-prospectus"]').click();
    await poll(() => page.textContent("#source-title")).toBe("Zhipu AI's prospectus for its Hong Kong listing (招股書), as cited by the article");
    await poll(() => page.textContent("#source-meta")).toContain("undated");
    await poll(() => page.textContent("#source-cites")).toContain("Cited by: Zhipu AI and MiniMax list in Hong Kong");
    const figures = await page.textContent("#source-figure-table");
    expect(figures).toContain("CNY 57.4 M");
    expect(figures).toContain("more than CNY 6.2 bn");
    await poll(() => page.textContent("#source-figure-attribution")).toContain("according to Zhipu AI's prospectus");
    expect(await page.isHidden("#entity")).toBe(true);
  });

  it("lists in the article's digest the documents it cites and every fact with its qualifications", async () => {
    await page.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
    await poll(() => page.textContent("#source-cites")).toContain("CITIC Securities' forecast of Zhipu AI's 2025 revenue");
    const cloud = page.locator("#source-fact-list li", { hasText: "BUYS_CLOUD_FROM" });
    await poll(() => cloud.textContent()).toContain("according to MiniMax's prospectus");
    const shifting = page.locator("#source-fact-list li", { hasText: "SHIFTING_TO" });
    await poll(() => shifting.locator(".badge.ongoing").count()).toBe(1);
    // 「正在」 says the shift is under way (ongoing), not that the article doubts it.
    expect(await shifting.locator(".badge.hedged").count()).toBe(0);
  });

  it("works by keyboard alone", async () => {
    await page.goto(`${api.url}/`);
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // title link
    await page.keyboard.press("Tab"); // language switch
    await page.keyboard.press("Tab"); // search box
    await page.keyboard.type("商湯");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#result-list li button");
    await page.focus("#result-list li button");
    await page.keyboard.press("Enter");
    await poll(() => page.textContent("#entity-title")).toBe("SenseTime");
  });

  it("answers a search sent before the page's script ran (?text=…) as the search's permalink", async () => {
    await page.goto(`${api.url}/?text=${encodeURIComponent("商湯")}`);
    await poll(() => page.locator("#result-list li button").allTextContents()).toContainEqual(expect.stringContaining("SenseTime"));
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe("#/search/商湯");
    expect(new URL(page.url()).search).toBe("");
  });

  it("fits a narrow screen without horizontal scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await page.waitForSelector("#charts figure");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // The README's picture: a chart with its legend and table, as it reads on a phone.
    await page.locator("#charts figure").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "narrow.png") });
    // A source's digest too: its wide figure table scrolls inside its own box.
    await page.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
    await page.waitForSelector("#source-figure-table tbody tr");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });

  it("needs nothing from any host but the service, in any view", async () => {
    const requests: string[] = [];
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    fresh.on("request", (request) => void requests.push(request.url()));
    try {
      // Every view: the start page, search, an entity with its network and charts, a connection
      // and a source's digest.
      await fresh.goto(`${api.url}/`);
      await fresh.fill("#search-text", "智譜");
      await fresh.press("#search-text", "Enter");
      await fresh.waitForSelector("#result-list li");
      await fresh.goto(`${api.url}/#/entity/zhipu-ai`);
      await fresh.waitForSelector('#charts figure[data-metric="revenue"] canvas');
      await poll(() => fresh.locator("#network canvas").count()).toBeGreaterThan(0);
      await fresh.goto(`${api.url}/#/connect`);
      await fresh.fill("#connect-from", "清华大学");
      await fresh.fill("#connect-to", "阿里雲");
      await fresh.click("#connect-form button");
      await fresh.waitForSelector("#hop-list li");
      await fresh.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
      await fresh.waitForSelector("#source-figure-table tbody tr");
      await fresh.goto(`${api.url}/#/compare/revenue/zhipu-ai,minimax/USD`);
      await fresh.waitForSelector("#compare-output figure canvas");
      await fresh.goto(`${api.url}/#/sources`);
      await fresh.waitForSelector("#source-index tbody tr");
    } finally {
      await fresh.close();
    }
    // The views did load their libraries and data from the service...
    // (the style table too: src/analyst/style.ts's copy, the colours Bloom uses)
    expect(requests).toEqual(
      expect.arrayContaining([`${api.url}/vendor/cytoscape.min.js`, `${api.url}/vendor/chart.umd.min.js`, `${api.url}/label-style.json`]),
    );
    expect(requests.some((url) => url.startsWith(`${api.url}/graphql`))).toBe(true);
    // ...and from nowhere else.
    expect(requests.filter((url) => !url.startsWith(`${api.url}/`) && !url.startsWith("data:"))).toEqual([]);
  });
});

// Appended by the explorer's owner while test/e2e is being reorganised: the audit, the
// disagreements and the events (listings, funding rounds) with web sources' paraphrased evidence.
describe("explorer: audit, disagreements and events", () => {
  it("#/audit, reached by keyboard from the navigation, recomputes Zhipu's revenue CAGR: stated 130%, computed 133.3% — differs", async () => {
    await page.focus('nav a[data-view="audit"]');
    await page.keyboard.press("Enter");
    const cagr = page.locator('#audit-table tr[data-subject="zhipu-ai"][data-metric="revenueCagr"]');
    await poll(() => cagr.locator(".badge.verdict").textContent()).toBe("differs");
    const row = (await cagr.textContent())!;
    expect(row).toContain("Zhipu AI");
    expect(row).toContain("Revenue CAGR");
    expect(row).toContain("CNY 57.4 M (FY2022)");
    expect(row).toContain("CNY 312.4 M (FY2024)");
    expect(row).toContain("130%");
    expect(row).toContain("133.3%");
    expect(row).toContain("range 133.2% – 133.4%");
    expect(row).toContain("−3.3 percentage points");
    // The evidence is the article's own words, quoted.
    expect(await cagr.locator("blockquote").textContent()).toContain("年復合增長率高達130%");
    // A figure its inputs do bear out is not flagged.
    await poll(() => page.locator('#audit-table tr[data-metric="arrGrowthMultiple"] .badge.verdict').textContent()).toBe("consistent");
    expect(await page.getAttribute('nav a[data-view="audit"]', "aria-current")).toBe("page");
    await page.locator("#audit").screenshot({ path: path.join(SCREENSHOTS, "audit.png") });

    // The company's page notes the audit next to the figure.
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator('#figure-cards .figure-card[data-metric="revenueCagr"] .audit-note').textContent()).toBe(
      "audit: differs stated 130%, computed 133.3% from CNY 57.4 M (FY2022) → CNY 312.4 M (FY2024) — differs",
    );
  });

  it("#/disagreements shows MiniMax's HKD 4.8 bn and HKD 5.54 bn proceeds side by side, each with its sources", async () => {
    await page.goto(`${api.url}/#/disagreements`);
    const proceeds = page.locator('#disagreement-list .disagreement[data-subject="minimax-hk-listing"][data-metric="grossProceeds"]');
    // A version is one value in one scope: Reuters and SCMP give HKD 4.8 bn, each describing it in
    // its own terms (two versions), CLS and Wallstreetcn HKD 5.54 bn with the over-allotment.
    await poll(() => proceeds.locator(".version").count()).toBe(3);
    const versions = await proceeds.locator(".version").allTextContents();
    const lower = versions.filter((v) => v.includes("about HKD 4.8 bn")).join("\n");
    const higher = versions.find((v) => v.includes("about HKD 5.54 bn"))!;
    expect(versions.filter((v) => v.includes("about HKD 4.8 bn"))).toHaveLength(2);
    expect(lower).toContain("before the over-allotment option");
    expect(lower).toContain("MiniMax, China's second 'AI tiger' to go public, soars in Hong Kong debut"); // Reuters
    expect(lower).toContain("Chinese AI start-up MiniMax shines on Hong Kong IPO debut"); // SCMP
    expect(higher).toContain("about HKD 5.54 bn");
    expect(higher).toContain("assuming the over-allotment option is fully exercised");
    expect(higher).toContain("MiniMax挂牌上市"); // CLS
    // Web articles' evidence is our paraphrase, and says so; it is never set as a quote.
    expect(await proceeds.locator(".badge.paraphrase").first().textContent()).toBe("paraphrase (our words)");
    expect(await proceeds.locator("blockquote").count()).toBe(0);

    // Each source opens its page.
    await proceeds.locator('a[data-source="src-web-cls-minimax-listing"]').click();
    await poll(() => page.textContent("#source-title")).toBe("MiniMax挂牌上市");

    // The listing's own page says the sources disagree, with the same versions.
    await page.goto(`${api.url}/#/entity/minimax-hk-listing`);
    const onPage = page.locator('#entity-disagreements .disagreement[data-metric="grossProceeds"]');
    await poll(() => onPage.locator(".version .value").allTextContents()).toEqual(["about HKD 4.8 bn", "about HKD 4.8 bn", "about HKD 5.54 bn"]);
    expect(await page.isVisible("#entity-disagreements-title")).toBe(true);
  });

  it("the Zhipu listing's page shows its date, ticker, offer price HKD 116.20 with its sources, and its cornerstone investors", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-hk-listing`);
    await poll(() => page.textContent("#event-title")).toBe("Listing");
    const details = (await page.textContent("#event-details"))!;
    expect(details).toContain("Zhipu AI");
    expect(details).toContain("2026-01-08");
    expect(details).toContain("02513");
    expect(details).toContain("Main Board");
    const offer = page.locator('#event-figures .event-figure[data-metric="offerPrice"]');
    await poll(() => offer.locator(".value").first().textContent()).toContain("HKD 116.20");
    expect(await offer.textContent()).toContain("3 sources");
    expect(await offer.locator(".badge.paraphrase").count()).toBeGreaterThan(0);
    // Two sources give the first-day gain differently: the card says so.
    await poll(() => page.locator('#event-figures .event-figure[data-metric="sharePriceChange"] .badge.disagree').textContent()).toBe("sources disagree");

    await poll(() => page.textContent("#event-investors-title")).toBe("Cornerstone investors");
    const investors = await page.locator("#event-investors li > button").allTextContents();
    expect(investors).toEqual(expect.arrayContaining([
      "Gaoyi Asset Management (高毅資產)", "JSC International Investment Fund SPC (JSC國際投資基金)", "Taikang Life Insurance (泰康人壽)",
    ]));
    // An investor leads to its own page.
    await page.locator("#event-investors li > button", { hasText: "Taikang Life Insurance" }).click();
    await poll(() => page.textContent("#entity-title")).toBe("Taikang Life Insurance");
  });

  it("a shareholder's fact gives its stake and date; a web article's page gives its publisher, link, date note and retrieval, and marks paraphrase and single source", async () => {
    await page.goto(`${api.url}/#/entity/minimax`);
    const alibaba = page.locator("#fact-list li", { hasText: "SHAREHOLDER_OF" }).filter({ hasText: "Alibaba Group" });
    await poll(() => alibaba.locator(".badge.stake").textContent()).toBe("stake 12.52% as of 2026-01-09");
    expect(await alibaba.locator(".badge.single").textContent()).toBe("single source");

    await page.goto(`${api.url}/#/source/src-web-aipress-minimax-holders`);
    await poll(() => page.textContent("#source-meta")).toContain("web-article · AIPress.com.cn");
    const meta = (await page.textContent("#source-meta"))!;
    expect(meta).toContain("undated · Not shown on the republished page");
    expect(meta).toContain("retrieved 2026-11-29");
    expect(await page.getAttribute("#source-link a", "href")).toBe("http://tousu.huashangw.com/news/170176.html");
    const holding = page.locator("#source-fact-list li", { hasText: "Alibaba Group" });
    await poll(() => holding.locator(".badge.paraphrase").textContent()).toBe("paraphrase (our words)");
    expect(await holding.locator("blockquote").count()).toBe(0);
    expect(await holding.locator(".badge.single").textContent()).toBe("single source");
    expect(await holding.textContent()).toContain("stake 12.52%");
  });

  it("fits a narrow screen in the new views", async () => {
    await fitsNarrowScreen([
      ["#/audit", "#audit-table tbody tr"],
      ["#/disagreements", "#disagreement-list .disagreement"],
      ["#/entity/zhipu-hk-listing", "#event-figures .event-figure"],
    ]);
  });
});

// Issue #12, item 3: honest charts, figure cards, readable numbers, evidence on every figure,
// forecasters, not-found and no-connection states, comparison, permalinks, languages, exports,
// and a network with a legend whose labels do not overlap.
describe("explorer: a researcher's views", () => {
  /** The text of the file a download button gives. */
  async function downloaded(button: ReturnType<Page["locator"]>): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    return readFileSync((await download.path())!, "utf8");
  }

  it("draws Zhipu's revenue on a time axis: FY2022 → FY2024 spans two years, each block one year wide; H1 2025 is its own card", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    const chart = page.locator('#charts figure[data-series="revenue|CNY||12"]');
    await chart.locator("canvas").waitFor();
    const DAY = 86_400_000;
    // The markers sit mid-period on a linear time axis, not evenly by index; each block spans its year.
    interface Drawn { axis: string; markers: Array<{ label: string; x: number[]; periods: string[] }>; blocks: number[][] }
    const series: Drawn = await chart.locator("canvas").evaluate((canvas) => {
      const chart = (window as any).Chart.getChart(canvas);
      return {
        axis: chart.options.scales.x.type,
        markers: chart.data.datasets.filter((d: any) => d.isMarker).map((d: any) => ({ label: d.label, x: d.data.map((p: any) => p.x), periods: d.data.map((p: any) => p.figure.periodLabel) })),
        blocks: chart.data.datasets.filter((d: any) => d.isBlock).map((d: any) => d.data.filter((p: any) => p.y !== null).map((p: any) => p.x)),
      };
    });
    expect(series.axis).toBe("linear");
    const actual = series.markers.find((m) => m.label === "actual")!;
    expect(actual.periods).toEqual(["FY2022", "FY2024"]);
    expect((actual.x[1]! - actual.x[0]!) / DAY).toBeCloseTo(731, -1); // two years, not one step
    const [start, end] = series.blocks[0]!;
    expect((end! - start!) / DAY).toBe(365); // FY2022 is a year wide
    expect(series.markers.find((m) => m.label === "forecast (CITIC Securities)")?.periods).toEqual(["FY2025 (forecast)"]);
    // No chart joins periods of different lengths, scopes or units: the half year, the cumulative
    // loss and each revenue share are cards; every chart covers two periods or more.
    const h1 = page.locator('#figure-cards .figure-card[data-series="revenue|CNY||6"]');
    await poll(() => h1.textContent()).toContain("H1 2025");
    expect(await h1.locator("h4").textContent()).toBe("Revenue · CNY · half year");
    expect(await page.locator('#figure-cards .figure-card[data-metric="revenueShare"]').count()).toBe(2);
    expect(await page.locator('#figure-cards .figure-card[data-series="loss|CNY|cumulative|42"]').count()).toBe(1);
    for (const periods of await page.locator("#charts figure").evaluateAll((figures) => figures.map((f) => f.getAttribute("data-periods")!))) {
      expect(new Set(periods.split("|")).size).toBeGreaterThan(1);
    }
    // A legend names each series and what the markers mean; "more than" has its own marker.
    expect(await chart.locator(".legend li").allTextContents()).toEqual(["actual", "forecast (CITIC Securities)", "●as stated"]);
    const arr = page.locator('#charts figure[data-metric="arr"]');
    expect(await arr.locator('.legend li[data-marker="gt"]').textContent()).toBe("▲lower bound (more than)");
    // Titles are words, never camelCase ids.
    for (const title of await page.locator("#figures h4").allTextContents()) expect(title).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    await page.locator("#figures").screenshot({ path: path.join(SCREENSHOTS, "charts.png") });
  });

  it("gives every figure on a company's page its certainty, evidence and source", async () => {
    await page.goto(`${api.url}/#/entity/minimax`);
    await page.locator("#charts figure tbody tr").first().waitFor();
    const rows = page.locator("#charts figure tbody tr");
    expect(await rows.count()).toBeGreaterThan(1);
    for (const row of await rows.all()) {
      const cells = row.locator("td");
      expect((await cells.nth(2).textContent())!.trim()).toMatch(/^(stated|hedged)/);
      expect((await cells.nth(3).textContent())!.trim().length).toBeGreaterThan(5);
      expect(await cells.nth(4).locator("a[data-source]").count()).toBeGreaterThan(0);
    }
    const cards = page.locator("#figure-cards .figure-card");
    expect(await cards.count()).toBeGreaterThan(3);
    for (const card of await cards.all()) {
      expect(await card.locator(".sources li a[data-source]").count()).toBeGreaterThan(0);
      expect(await card.locator(".evidence").count()).toBeGreaterThan(0);
      expect(await card.locator(".badge.certainty, .badge.hedged").count()).toBeGreaterThan(0);
    }
    // MiniMax's nine-month revenue never sits in the series of its full years.
    expect(await page.getAttribute('#charts figure[data-series="revenue|USD||12"]', "data-periods")).toBe("FY2023|FY2024");
    expect(await page.locator('#figure-cards [data-series="revenue|USD||9"]').textContent()).toContain("USD 53.44 M");
  });

  it("a forecaster's page (CITIC Securities) lists the forecasts it made, with evidence and source", async () => {
    await page.goto(`${api.url}/#/entity/citic-securities`);
    await poll(() => page.isVisible("#forecasts")).toBe(true);
    const rows = page.locator("#forecast-list tbody tr");
    expect(await rows.count()).toBe(2);
    const text = (await rows.allTextContents()).join("\n");
    expect(text).toContain("Zhipu AI");
    expect(text).toContain("CNY 738 M");
    expect(text).toContain("more than USD 100 M");
    expect(text).toContain("中信證券預測");
    for (const row of await rows.all()) expect(await row.locator("a[data-source]").count()).toBeGreaterThan(0);
    // Its facts and network show whom it forecast for, instead of an empty page.
    await poll(() => page.locator("#fact-list li.forecast-fact").textContent()).toBe("FORECASTS → Zhipu AI (智譜) 2 forecasts, with their sources, below");
    await poll(() => page.evaluate(() => (document.getElementById("network") as any).cy?.nodes().map((n: any) => n.id()).sort())).toEqual(["citic-securities", "zhipu-ai"]);
    await page.locator("#entity").screenshot({ path: path.join(SCREENSHOTS, "forecaster.png") });
  });

  it("opens one entity of every type (people, universities, products, groups, listings, funding rounds …) without an error", async () => {
    const { entities } = (await api.gql(`{ entities(limit: 100, sort: [{ id: ASC }]) { id name type } }`)).body.data!;
    const firstOfType = new Map<string, { id: string; name: string }>();
    for (const e of entities as Array<{ id: string; name: string; type: string }>) if (!firstOfType.has(e.type)) firstOfType.set(e.type, e);
    expect(firstOfType.size).toBeGreaterThanOrEqual(10);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    for (const [type, entity] of firstOfType) {
      await page.goto(`${api.url}/#/entity/${encodeURIComponent(entity.id)}`);
      await poll(() => page.textContent("#entity-title")).toBe(entity.name);
      await poll(() => page.locator("#fact-list li").count()).toBeGreaterThan(0);
      // Everything the page asks for has answered once "Loading…" is gone; no error is on screen.
      await poll(() => page.textContent("#status")).not.toMatch(/Loading/);
      expect(await page.getAttribute("#status", "class"), `${type} ${entity.id}: ${await page.textContent("#status")}`).not.toBe("error");
    }
    expect(errors).toEqual([]);
  });

  it("a bad id says not found instead of leaving the previous entity on screen", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.textContent("#entity-title")).toBe("Zhipu AI");
    await page.goto(`${api.url}/#/entity/no-such-entity`);
    await poll(() => page.isVisible("#not-found")).toBe(true);
    expect(await page.textContent("#not-found-text")).toBe("No entity with id “no-such-entity”.");
    expect(await page.isHidden("#entity")).toBe(true);
    await page.goto(`${api.url}/#/source/no-such-source`);
    await poll(() => page.textContent("#not-found-text")).toBe("No source with id “no-such-source”.");
  });

  it("says so when two entities have no connection, and clears the previous one", async () => {
    await page.goto(`${api.url}/#/connect/tsinghua-university/alibaba-cloud`);
    await poll(() => page.locator("#hop-list li").count()).toBe(4);
    await page.fill("#connect-from", "智譜");
    await page.fill("#connect-to", "citic-securities");
    await page.click("#connect-form button");
    await poll(() => page.isVisible("#connect-none")).toBe(true);
    expect(await page.textContent("#connect-none-text")).toContain("No connection between Zhipu AI and CITIC Securities");
    expect(await page.locator("#hop-list li").count()).toBe(0);
    expect(await page.textContent("#connect")).not.toContain("0 hop");
    // The permalink names both ends by id.
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe("#/connect/zhipu-ai/citic-securities");
  });

  it("permalinks: a connection typed in Chinese reopens from its link, by ids", async () => {
    await page.goto(`${api.url}/#/connect/${encodeURIComponent("清华大学")}/${encodeURIComponent("阿里雲")}`);
    await poll(() => page.locator("#hop-list li").count()).toBe(4);
    await poll(() => new URL(page.url()).hash).toBe("#/connect/tsinghua-university/alibaba-cloud");
    // The path exports hop by hop, each with its source and evidence.
    const hops = JSON.parse(await downloaded(page.locator('#connect-result button[data-format="json"]'))) as Array<Record<string, unknown>>;
    expect(hops.map((h) => `${h.fromId} ${h.relationship} ${h.toId}`)).toEqual([
      "tsinghua-university STUDIED_AT yang-zhilin", "yang-zhilin FOUNDED moonshot-ai", "moonshot-ai SHAREHOLDER_OF alibaba", "alibaba SUBSIDIARY_OF alibaba-cloud"]);
    for (const hop of hops) expect(hop).toMatchObject({ evidence: expect.any(String), sourceId: expect.stringMatching(/^src-/) });
    const fresh = await browser.newPage();
    try {
      await fresh.goto(page.url());
      await poll(() => fresh.locator("#hop-list li").count()).toBe(4);
      expect(await fresh.locator("#hop-list li").first().textContent()).toContain("Tsinghua University");
    } finally {
      await fresh.close();
    }
  });

  it("lists the other shortest routes (allShortestConnections), one per chain of entities, every hop with its evidence", async () => {
    await page.goto(`${api.url}/#/connect/tsinghua-university/alibaba-cloud`);
    const routes = page.locator("#other-route-list > li.route");
    await poll(() => routes.count()).toBeGreaterThan(1);
    const summaries = await routes.locator(".route-summary").allTextContents();
    // Each a different chain, none the one already shown above them.
    expect(new Set(summaries).size).toBe(summaries.length);
    expect(summaries).not.toContain("Tsinghua University → Yang Zhilin → Moonshot AI → Alibaba Group → Alibaba Cloud");
    for (const summary of summaries) expect(summary).toMatch(/^Tsinghua University → .+ → Alibaba Cloud$/);
    for (const route of await routes.all()) {
      const hops = route.locator(":scope > ol > li");
      expect(await hops.count()).toBe(4);
      for (const hop of await hops.all()) expect(await hop.locator(".evidence").count()).toBeGreaterThan(0);
    }
  });

  it("#/releases lists every dated release as its source dates it, filters by open weights, licence and lab, and keeps the filters in its address", async () => {
    await page.click('nav a[data-view="releases"]');
    const rows = page.locator("#release-list tbody tr");
    await poll(() => rows.count()).toBeGreaterThan(40);
    // MiniMax-M2: 27 October 2025 (Youkuaiyun) and 7 November 2025 (ApX), two rows.
    const m2 = page.locator('#release-list tr[data-model="minimax-m2"]');
    expect(await m2.count()).toBe(2);
    expect((await m2.allTextContents()).join(" ")).toMatch(/27 Oct 2025|2025-10-27|Oct 27, 2025/);
    const dates = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-model")));
    expect(dates.length).toBeGreaterThan(40);

    await page.check("#releases-open");
    await poll(() => new URL(page.url()).hash).toBe("#/releases/open//");
    await poll(async () => (await page.locator("#release-list tbody tr td:nth-child(4)").allTextContents()).every((text) => text === "open-weights")).toBe(true);
    await page.selectOption("#releases-licence", "mit");
    await poll(() => new URL(page.url()).hash).toBe("#/releases/open/mit/");
    await poll(async () => (await page.locator("#release-list tbody tr td:nth-child(5)").allTextContents()).every((text) => /\bMIT\b/.test(text))).toBe(true);
    expect(await page.locator('#release-list tr[data-model="minimax-m2"]').count()).toBeGreaterThan(0);
    // The permalink reopens the same filtered list.
    // Only the hash changes, so the previous list stays on screen until the new one is drawn: wait
    // for the lab filter itself rather than for rows (a CI run read the old rows and an empty lab).
    await page.goto(`${api.url}/#/releases/open/mit/minimax`);
    await poll(() => page.inputValue("#releases-lab")).toBe("minimax");
    await poll(() => page.locator("#release-list tbody tr").count()).toBeGreaterThan(0);
    expect(await page.isChecked("#releases-open")).toBe(true);
    for (const text of await page.locator("#release-list tbody tr").allTextContents()) expect(text).toContain("MiniMax");
  });

  it("a model's page gives its earliest release date, open weights and its figures, each with its source", async () => {
    await page.goto(`${api.url}/#/entity/minimax-m2`);
    await poll(() => page.textContent("#event-title")).toBe("Model release");
    expect(await page.textContent("#event-details")).toContain("2025-10-27");
    expect(await page.textContent("#event-details")).toContain("yes, as a source states");
    const size = page.locator('#event-figures article[data-metric="parametersTotal"]');
    await poll(() => size.count()).toBe(1);
    // Two sources, two values: both shown, and the card says they disagree.
    expect(await size.locator(".badge.disagree").count()).toBe(1);
    await poll(() => page.isVisible("#entity-disagreements")).toBe(true);
  });

  it("#/sources lists every source the graph holds, each leading to its page", async () => {
    const { body } = await api.gql("{ sourcesConnection { totalCount } }");
    const total = body.data!.sourcesConnection.totalCount as number;
    await page.click('nav a[data-view="sources"]');
    await poll(() => page.locator("#source-index tbody tr").count()).toBe(Math.min(total, 100)); // the explorer asks a page of 100; a longer list says so (cut lists)
    const cls = page.locator('#source-index tr[data-source="src-web-cls-minimax-listing"]');
    expect(await cls.textContent()).toContain("web-article");
    await cls.locator("a").click();
    await poll(() => page.textContent("#source-title")).toBe("MiniMax挂牌上市");
    expect(new URL(page.url()).hash).toBe("#/source/src-web-cls-minimax-listing");
  });

  it("a view whose query times out is cleared, not left under the new address, and says the code with a retry", async () => {
    await page.click('nav a[data-view="sources"]');
    await poll(() => page.locator("#source-index tbody tr").count()).toBeGreaterThan(10);
    // The API's own answer to a query over QUERY_TIMEOUT_MS, for the source page's queries only.
    const timeout = { errors: [{ message: "The query took longer than allowed", extensions: { code: "QUERY_TIMEOUT" } }] };
    await page.route("**/graphql", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(timeout) }));
    await page.goto(`${api.url}/#/source/src-web-cls-minimax-listing`);
    await poll(() => page.textContent("#status")).toContain("The query took longer than allowed (QUERY_TIMEOUT)");
    expect(await page.getAttribute("#status", "class")).toBe("error");
    expect(await page.isHidden("#sources")).toBe(true);
    expect(await page.isHidden("#source")).toBe(true);
    await page.unroute("**/graphql");
    await page.click("#retry");
    await poll(() => page.textContent("#source-title")).toBe("MiniMax挂牌上市");
    expect(await page.getAttribute("#status", "class")).not.toBe("error");
  });

  it("compares Zhipu AI and MiniMax on revenue in USD at the sources' own exchange rates, full years in one chart, other periods apart", async () => {
    // From a company's figures to the comparison, the company already in it.
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await page.locator("#figures-compare a").click();
    await poll(() => new URL(page.url()).hash).toBe("#/compare/revenue/zhipu-ai");
    await poll(() => page.inputValue("#compare-companies")).toBe("Zhipu AI");
    await page.selectOption("#compare-metric", "revenue");
    await page.fill("#compare-companies", "智譜, MiniMax");
    await page.selectOption("#compare-currency", "USD");
    await page.click("#compare-form button");
    await poll(() => new URL(page.url()).hash).toBe("#/compare/revenue/zhipu-ai,minimax/USD");
    const chart = page.locator('#compare-output figure[data-series="revenue|USD||12"]');
    await poll(() => chart.locator(".legend li[data-series]").allTextContents()).toEqual(["Zhipu AI", "MiniMax"]);
    const zhipu2024 = chart.locator("tbody tr").filter({ has: page.locator('button[data-entity="zhipu-ai"]') }).filter({ hasText: "FY2024" });
    expect(await zhipu2024.locator("td.number").textContent()).toBe("about USD 44.5 Mconverted from CNY 312.4 M");
    // The rates are sourced figures, named with their sources.
    const rates = (await page.textContent("#compare-output .rates"))!;
    expect(rates).toContain("1 HKD = 0.9 CNY");
    expect(rates).toContain("1 USD = 7.794 HKD");
    // Zhipu's half year and MiniMax's nine months are cards, not points in the annual series.
    expect(await page.locator('#compare-output .figure-card[data-series="revenue|USD||6"]').textContent()).toContain("Zhipu AI");
    expect(await page.locator('#compare-output .figure-card[data-series="revenue|USD||9"]').textContent()).toContain("MiniMax");
    // Its export keeps the original value, the rate and the rates' sources.
    const csv = await downloaded(chart.locator('.export button[data-format="csv"]'));
    expect(csv).toContain("convertedFrom");
    expect(csv).toContain("312400000");
    expect(csv).toContain("src-web-zhidx-zhipu-listing src-web-thestar-minimax-debut");
    await page.locator("#compare").screenshot({ path: path.join(SCREENSHOTS, "compare.png") });
  });

  it("exports a table as CSV and JSON, each figure with its evidence and source", async () => {
    await page.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
    const exportBar = page.locator("#source-figure-table .export");
    await exportBar.waitFor();
    const csv = await downloaded(exportBar.locator('button[data-format="csv"]'));
    const [header, ...lines] = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header).toContain("evidence");
    expect(header).toContain("sourceId");
    expect(lines.length).toBe(await page.locator("#source-figure-table tbody tr").count());
    expect(csv).toContain("智譜2022年至2024年收入從5740萬元增長至3.124億元");
    const records = JSON.parse(await downloaded(exportBar.locator('button[data-format="json"]'))) as Array<Record<string, unknown>>;
    const revenue2024 = records.find((r) => r.subjectId === "zhipu-ai" && r.metric === "revenue" && r.periodLabel === "FY2024")!;
    expect(revenue2024).toMatchObject({ value: 312400000, unit: "CNY", reads: "CNY 312.4 M", sourceId: "src-000-zhipu-minimax-hk-listings", citedSourceId: "src-zhipu-prospectus" });
    expect(String(revenue2024.evidence)).toContain("3.124億元");
    // An event's figures too.
    await page.goto(`${api.url}/#/entity/zhipu-hk-listing`);
    const listing = JSON.parse(await downloaded(page.locator('#event-figures-export button[data-format="json"]'))) as Array<Record<string, unknown>>;
    expect(listing.find((r) => r.metric === "offerPrice")).toMatchObject({ subjectId: "zhipu-hk-listing", value: 116.2, unit: "HKD", reads: "HKD 116.20" });
    // The audit's table too.
    await page.goto(`${api.url}/#/audit`);
    const audit = JSON.parse(await downloaded(page.locator('#audit-export button[data-format="json"]'))) as Array<Record<string, unknown>>;
    expect(audit.find((r) => r.metric === "revenueCagr" && r.subjectId === "zhipu-ai")).toMatchObject({ verdict: "differs", stated: 130 });
    await page.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
    await page.locator("#source-figure-table tbody tr").first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "source.png") });
  });

  it("switches the interface to 简体 and 繁體: strings, names in that script, and numbers in 萬/億", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.textContent("#entity-title")).toBe("Zhipu AI");
    await page.selectOption("#language", "zh-Hant");
    await poll(() => page.textContent("#entity-title")).toBe("智譜");
    expect(await page.textContent("header h1")).toBe("中國大模型產業圖譜");
    expect(await page.getAttribute("html", "lang")).toBe("zh-Hant");
    const revenue = page.locator('#charts figure[data-series="revenue|CNY||12"]');
    await poll(() => revenue.locator("h4").textContent()).toBe("收入 · CNY · 全年");
    expect(await revenue.locator("tbody").textContent()).toContain("3.124億元");
    expect(await page.locator('#figure-cards [data-series="loss|CNY|cumulative|42"] .value').textContent()).toBe("超過62億元");
    expect(await page.locator("#fact-list").textContent()).toContain("清華大學");
    // Relationships and the marks on evidence are in words of the language too.
    expect(await page.locator('#fact-list .rel[data-relationship="SPUN_OUT_OF"]').first().textContent()).toBe("孵化自 →");
    expect(await page.locator("#fact-list .badge.paraphrase").first().textContent()).toBe("轉述（非原文）");
    await page.screenshot({ path: path.join(SCREENSHOTS, "zh-hant.png") });

    await page.selectOption("#language", "zh-Hans");
    await poll(() => page.textContent("#entity-title")).toBe("智谱");
    await poll(() => revenue.locator("tbody").textContent()).toContain("3.124亿元");
    expect(await page.textContent('nav a[data-view="compare"]')).toBe("公司比较");
    // The choice holds on the next visit.
    await page.reload();
    await poll(() => page.textContent("#entity-title")).toBe("智谱");
    await page.selectOption("#language", "en");
    await poll(() => page.textContent("#entity-title")).toBe("Zhipu AI");
  });

  it("draws the network with a colour legend of the types on it, and no two node labels overlapping", async () => {
    const style = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "src", "explorer", "label-style.json"), "utf8")) as { labels: Record<string, { color: string }> };
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator("#network-legend li[data-type]").count()).toBeGreaterThan(3);
    const legend = await page.locator("#network-legend li[data-type]").evaluateAll((items) =>
      items.map((li) => ({ type: li.getAttribute("data-type")!, colour: (li.querySelector(".swatch") as HTMLElement).style.backgroundColor })));
    const toRgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
    for (const { type, colour } of legend.filter((l) => l.type !== "hedged")) expect(colour, type).toBe(toRgb(style.labels[type]!.color));
    expect(legend.map((l) => l.type)).toEqual(expect.arrayContaining(["Company", "Person", "University", "Product"]));
    // Every type on the network is in the legend.
    await poll(() => page.evaluate(() => Boolean((document.getElementById("network") as any).cy))).toBe(true);
    const { types, overlaps } = await page.evaluate(() => {
      const cy = (document.getElementById("network") as any).cy;
      const boxes = cy.nodes().map((n: any) => ({ id: n.id(), box: n.boundingBox({ includeLabels: true, includeNodes: true, includeEdges: false }) }));
      const found: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].box, boxes[j].box];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) found.push(`${boxes[i].id} × ${boxes[j].id}`);
        }
      return { types: cy.nodes().length, overlaps: found };
    });
    expect(types).toBeGreaterThan(10);
    expect(overlaps).toEqual([]);
    await page.goto(`${api.url}/#/entity/01-ai`);
    await poll(() => page.locator('#network-legend li[data-type="hedged"]').count()).toBe(1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, "entity.png") });
  });

  it("fits a narrow screen in the comparison, a forecaster's page, the sources and the routes", async () => {
    await fitsNarrowScreen([
      ["#/compare/revenue/zhipu-ai,minimax/USD", "#compare-output figure canvas"],
      ["#/entity/citic-securities", "#forecast-list tbody tr"],
      ["#/sources", "#source-index tbody tr"],
      ["#/connect/tsinghua-university/alibaba-cloud", "#other-route-list li"],
    ]);
  });
});

describe("explorer: cut lists and failures are said, not hidden", () => {
  /** How many items the API counts (never a number written here). */
  const count = async (query: string, variables: Record<string, unknown>, pick: (data: any) => number) => {
    const response = await api.gql(query, variables);
    expect(response.body.errors).toBeUndefined();
    return pick(response.body.data);
  };
  /** The "showing N of M" note in `container`: what it says and the numbers it carries. */
  const cutIn = (container: string) => page.locator(`${container} .note.cut`);
  const numbers = async (container: string) => {
    const note = cutIn(container);
    return { shown: Number(await note.getAttribute("data-shown")), total: Number(await note.getAttribute("data-total")) };
  };

  it("an entity's facts cut at its page (neighbourhood's limit) say 'showing 5 of N' with totalFacts, and 'Show more' asks a larger page", async () => {
    const total = await count(`query($id: ID!) { neighbourhood(id: $id) { totalFacts } }`, { id: "zhipu-ai" }, (d) => d.neighbourhood.totalFacts);
    expect(total).toBeGreaterThan(10);
    await page.goto(`${api.url}/?pageSize=5#/entity/zhipu-ai`);
    await poll(() => cutIn("#facts-cut").textContent()).toBe(`Showing 5 of ${total} facts. Show more`);
    // The network draws the facts the list holds: the entity and at most five neighbours.
    await poll(() => page.evaluate(() => (document.getElementById("network") as any).cy?.nodes().length)).toBeLessThanOrEqual(6);
    await cutIn("#facts-cut").locator("button").click();
    await poll(() => numbers("#facts-cut")).toEqual({ shown: 10, total });
    // The whole list (the default page of 100 holds Zhipu's facts) says nothing.
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator("#fact-list li").count()).toBeGreaterThan(10);
    expect(await cutIn("#facts-cut").count()).toBe(0);
  });

  it("pages with the API's own MAX_PAGE_SIZE (served at /api-limits.json): a service allowing 10 at a time still draws an entity", async () => {
    const small = await spawnApi({ MAX_PAGE_SIZE: "10" });
    try {
      expect(await (await fetch(`${small.url}/api-limits.json`)).json()).toMatchObject({ maxPageSize: 10 });
      const figures = await count(`query($id: ID!) { companies(where: { id: { eq: $id } }) { metricsConnection { aggregate { count { nodes } } } } }`,
        { id: "zhipu-ai" }, (d) => d.companies[0].metricsConnection.aggregate.count.nodes);
      expect(figures).toBeGreaterThan(10);
      const errors: string[] = [];
      page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
      await page.goto(`${small.url}/#/entity/zhipu-ai`);
      await poll(() => numbers("#figures-cut")).toEqual({ shown: 10, total: figures });
      expect(await cutIn("#figures-cut").textContent()).toBe(`Showing 10 of ${figures} figures. The API answers at most 10 at a time.`);
      expect(errors.filter((e) => /PAGE_SIZE_LIMIT_EXCEEDED|largest page/.test(e))).toEqual([]);
      expect(await page.locator("#status.error").count()).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it("a company's figures and a forecaster's forecasts cut by the API (extensions.cutLists) say how many there are", async () => {
    const figures = await count(`query($id: ID!) { companies(where: { id: { eq: $id } }) { metricsConnection { aggregate { count { nodes } } } } }`,
      { id: "zhipu-ai" }, (d) => d.companies[0].metricsConnection.aggregate.count.nodes);
    await page.goto(`${api.url}/?pageSize=5#/entity/zhipu-ai`);
    await poll(() => numbers("#figures-cut")).toEqual({ shown: 5, total: figures });
    expect(await cutIn("#figures-cut").textContent()).toBe(`Showing 5 of ${figures} figures. Show more`);
    await cutIn("#figures-cut").locator("button").click();
    await poll(() => numbers("#figures-cut")).toEqual({ shown: 10, total: figures });
    const forecasts = await count(`query($id: ID!) { companies(where: { id: { eq: $id } }) { forecastsConnection { aggregate { count { nodes } } } } }`,
      { id: "citic-securities" }, (d) => d.companies[0].forecastsConnection.aggregate.count.nodes);
    await page.goto(`${api.url}/?pageSize=1#/entity/citic-securities`);
    await poll(() => numbers("#forecasts-cut")).toEqual({ shown: 1, total: forecasts });
    await poll(() => page.locator("#forecast-list tbody tr").count()).toBe(1);
  });

  it("an event's figures, a source's figures and the list of sources say when their page cuts them", async () => {
    const event = await count(`query($id: ID!) { listings(where: { id: { eq: $id } }) { metricsConnection { aggregate { count { nodes } } } } }`,
      { id: "zhipu-hk-listing" }, (d) => d.listings[0].metricsConnection.aggregate.count.nodes);
    await page.goto(`${api.url}/?pageSize=5#/entity/zhipu-hk-listing`);
    await poll(() => numbers("#event-figures-cut")).toEqual({ shown: 5, total: event });

    const source = "src-000-zhipu-minimax-hk-listings";
    const ofSource = await count(
      `query($id: String!) { metricsConnection(where: { OR: [{ sourceId: { eq: $id } }, { citedSourceId: { eq: $id } }] }) { aggregate { count { nodes } } } }`,
      { id: source }, (d) => d.metricsConnection.aggregate.count.nodes);
    await page.goto(`${api.url}/?pageSize=5#/source/${source}`);
    await poll(() => numbers("#source-figures-cut")).toEqual({ shown: 5, total: ofSource });

    const sources = await count(`{ sourcesConnection { totalCount } }`, {}, (d) => d.sourcesConnection.totalCount);
    await page.goto(`${api.url}/?pageSize=10#/sources`);
    await poll(() => page.locator("#source-index tbody tr").count()).toBe(10);
    expect(await numbers("#source-index")).toEqual({ shown: 10, total: sources });
    await cutIn("#source-index").locator("button").click();
    await poll(() => page.locator("#source-index tbody tr").count()).toBe(20);
  });

  it("a search with more hits than its first ten says so, and 'Show more' lists the rest", async () => {
    const hits = await count(`query($text: String!) { search(text: $text, limit: 100) { score } }`, { text: "ai" }, (d) => d.search.length);
    expect(hits).toBeGreaterThan(10);
    await page.goto(`${api.url}/#/search/ai`);
    await poll(() => page.locator("#result-list li").count()).toBe(10);
    await poll(() => cutIn("#results-cut").textContent()).toBe("The 10 best matches; there are more. Show more");
    // Each 'Show more' adds ten, until every hit is listed and the note is gone.
    for (let shown = 10; shown < hits; shown += 10) {
      await cutIn("#results-cut").locator("button").click();
      await poll(() => page.locator("#result-list li").count()).toBe(Math.min(shown + 10, hits));
    }
    expect(await cutIn("#results-cut").count()).toBe(0);
  });

  it("an allShortestConnections refused by the API (its cost limit) shows the error's message and code, not 'no other route'", async () => {
    // The same service with a cost limit that lets the shortest connection through (cost about 600)
    // and refuses the query for every route (limit 30: cost over 13,000).
    const strict = await spawnApi({ MAX_QUERY_COST: "5000" });
    try {
      await page.goto(`${strict.url}/#/connect/tsinghua-university/alibaba-cloud`);
      await poll(() => page.locator("#hop-list li").count()).toBe(4);
      await poll(() => page.isVisible("#other-routes-error")).toBe(true);
      const error = await page.textContent("#other-routes-error");
      expect(error).toMatch(/^Other routes could not be found: Query cost \d+ is above the limit of 5000.*\(COST_LIMIT_EXCEEDED\)$/);
      expect(await page.locator("#other-route-list li").count()).toBe(0);
    } finally {
      await strict.stop();
    }
  });
});

describe("explorer: 简体 and 繁體 beyond the headings", () => {
  it("in 繁體, dates, status messages, notes, the audit, the disagreements and the cut notes read in Chinese", async () => {
    await page.evaluate(() => localStorage.setItem("explorer-language", "zh-Hant"));
    await page.goto(`${api.url}/?pageSize=5#/entity/zhipu-ai`);
    await poll(() => page.textContent("#entity-title")).toBe("智譜");
    const total = (await api.gql(`{ neighbourhood(id: "zhipu-ai") { totalFacts } }`)).body.data!.neighbourhood.totalFacts;
    await poll(() => page.locator("#facts-cut .note.cut").textContent()).toBe(`顯示 ${total} 項事實中的 5 項。 顯示更多`);
    expect(await page.textContent("#figures .note")).toMatch(/^圖表只合併同一指標/);
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator("#fact-list li", { hasText: "上市於" }).locator(".badge.when").textContent()).toBe("自2026年1月起");
    await page.goto(`${api.url}/#/search/智譜`);
    await poll(() => page.textContent("#status")).toMatch(/^「智譜」的結果：\d+ 項。$/);
    await page.goto(`${api.url}/#/audit`);
    const cagr = page.locator('#audit-table tr[data-subject="zhipu-ai"][data-verdict="differs"]').first();
    await poll(() => cagr.locator(".badge.verdict").textContent()).toBe("不符");
    expect(await page.textContent("#audit-table thead")).toContain("來源數值");
    await page.goto(`${api.url}/#/disagreements`);
    // A listing's figures, in a currency (a model's are in parameters or tokens).
    await poll(() => page.locator('#disagreement-list article[data-subject="zhipu-hk-listing"] h3').first().textContent()).toMatch(/，單位 [A-Z]{3}，截至 \d{4}-\d{2}-\d{2}$/);
  });
});
