// The built-in explorer end to end, in headless Chromium (Debian's package, driven by
// playwright-core; no browser download), against the real service, spawned as `npm start` runs
// it, and Neo4j.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The page loads data over HTTP after each action: give polls time on a busy 2-core machine.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
import { PROJECT_ROOT } from "../../src/config.ts";
import { spawnApi, type Api } from "../support/api.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Screenshots for the README are refreshed with SCREENSHOTS_DIR=src/explorer/screenshots npm test.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? path.join(PROJECT_ROOT, ".local", "screenshots");

let api: Api;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  api = await spawnApi();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${api.url}/`);
});

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
    // Revenue in CNY and the USD forecast are separate charts, each with one unit.
    await page.waitForSelector('#charts figure[data-metric="revenue"][data-unit="CNY"] canvas');
    const units = await page.$$eval('#charts figure[data-metric="revenue"]', (figures) => figures.map((f) => f.getAttribute("data-unit")));
    expect(units.sort()).toEqual(["CNY", "CNY", "USD"]);
    const revenueTable = await page.textContent('#charts figure[data-metric="revenue"][data-unit="CNY"] table');
    expect(revenueTable).toContain("57,400,000 CNY");
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, "entity.png"), fullPage: false });
    await page.locator("#figures").screenshot({ path: path.join(SCREENSHOTS, "charts.png") });
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

  it("shows the rebrand Tongyi → Qwen as ongoing, and hedged 「演進」", async () => {
    await page.goto(`${api.url}/#/entity/tongyi`);
    const rebrand = page.locator("#fact-list li", { hasText: "REBRANDED_AS" });
    await poll(() => rebrand.textContent()).toContain("Qwen");
    await poll(() => rebrand.locator(".badge.ongoing").textContent()).toBe("ongoing");
    await poll(() => rebrand.locator(".badge.hedged").textContent()).toBe("hedged 「演進」");
  });

  it("dates a fact as precisely as its source: from Jan 2026, from 2024", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await poll(() => page.locator("#fact-list li", { hasText: "LISTED_ON" }).locator(".badge.when").textContent()).toBe("from Jan 2026");
    await page.goto(`${api.url}/#/entity/bytedance`);
    await poll(() => page.locator("#fact-list li", { hasText: "Doubao" }).locator(".badge.when").textContent()).toBe("from 2024");
  });

  it("attributes Zhipu's figures to its prospectus, as reported by the article, and opens the prospectus's digest", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    const revenue = page.locator('#charts figure[data-metric="revenue"][data-unit="CNY"][data-kind="actual"]');
    await poll(() => revenue.locator("figcaption").textContent()).toBe(
      "according to Zhipu AI's prospectus for its Hong Kong listing (招股書), as cited by the article, " +
        "as reported by Zhipu AI and MiniMax list in Hong Kong: two commercial paths for China's LLM industry (news analysis)",
    );
    // CITIC's forecast is attributed to CITIC's report; the IPO plan is a plan, dated to the month.
    await poll(() => page.locator('#charts figure[data-metric="revenue"][data-unit="CNY"][data-kind="forecast"] figcaption').textContent())
      .toContain("according to CITIC Securities' forecast");
    const plan = page.locator('#charts figure[data-metric="ipoProceedsToRndShare"][data-kind="plan"]');
    await poll(() => plan.locator("h4").textContent()).toBe("ipoProceedsToRndShare (percent, plan)");
    await poll(() => plan.locator("table").textContent()).toContain("as of Jan 2026 (month)");
    // Figures the article states itself say so, with no "according to".
    await poll(() => page.locator('#charts figure[data-metric="developers"] figcaption').textContent()).toMatch(/^source: Zhipu AI and MiniMax/);

    await revenue.locator('figcaption a[data-source="src-zhipu-prospectus"]').click();
    await poll(() => page.textContent("#source-title")).toBe("Zhipu AI's prospectus for its Hong Kong listing (招股書), as cited by the article");
    await poll(() => page.textContent("#source-meta")).toContain("undated");
    await poll(() => page.textContent("#source-cites")).toContain("Cited by: Zhipu AI and MiniMax list in Hong Kong");
    const figures = await page.textContent("#source-figure-table");
    expect(figures).toContain("57,400,000 CNY");
    expect(figures).toContain("more than 6,200,000,000 CNY");
    await poll(() => page.textContent("#source-figure-attribution")).toContain("according to Zhipu AI's prospectus");
    expect(await page.isHidden("#entity")).toBe(true);
  });

  it("lists in the article's digest the documents it cites and every fact with its qualifications", async () => {
    await page.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
    await poll(() => page.textContent("#source-cites")).toContain("CITIC Securities' forecast of Zhipu AI's 2025 revenue");
    const cloud = page.locator("#source-fact-list li", { hasText: "BUYS_CLOUD_FROM" });
    await poll(() => cloud.textContent()).toContain("according to MiniMax's prospectus");
    const shifting = page.locator("#source-fact-list li", { hasText: "SHIFTING_TO" });
    await poll(() => shifting.locator(".badge.hedged").textContent()).toBe("hedged 「正在」");
    await poll(() => shifting.locator(".badge.ongoing").count()).toBe(1);
  });

  it("works by keyboard alone", async () => {
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // title link
    await page.keyboard.press("Tab"); // search box
    await page.keyboard.type("商湯");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#result-list li button");
    await page.focus("#result-list li button");
    await page.keyboard.press("Enter");
    await poll(() => page.textContent("#entity-title")).toBe("SenseTime");
  });

  it("fits a narrow screen without horizontal scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${api.url}/#/entity/zhipu-ai`);
    await page.waitForSelector("#charts figure");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
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
      await fresh.fill("#connect-from", "清华大学");
      await fresh.fill("#connect-to", "阿里雲");
      await fresh.click("#connect-form button");
      await fresh.waitForSelector("#hop-list li");
      await fresh.goto(`${api.url}/#/source/src-000-zhipu-minimax-hk-listings`);
      await fresh.waitForSelector("#source-figure-table tbody tr");
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
    expect(row).toContain("revenue CAGR");
    expect(row).toContain("57.4 million yuan (FY2022)");
    expect(row).toContain("312.4 million yuan (FY2024)");
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
    await poll(() => page.locator('#charts figure[data-metric="revenueCagr"] .audit-note').textContent()).toBe(
      "audit: differs stated 130%, computed 133.3% from 57.4 million yuan (FY2022) → 312.4 million yuan (FY2024) — differs",
    );
  });

  it("#/disagreements shows MiniMax's HK$4.8 billion and HK$5.54 billion proceeds side by side, each with its sources", async () => {
    await page.goto(`${api.url}/#/disagreements`);
    const proceeds = page.locator('#disagreement-list .disagreement[data-subject="minimax-hk-listing"][data-metric="grossProceeds"]');
    await poll(() => proceeds.locator(".version").count()).toBe(2);
    const [lower, higher] = await proceeds.locator(".version").allTextContents();
    expect(lower).toContain("about HK$4.8 billion");
    expect(lower).toContain("before the over-allotment option");
    expect(lower).toContain("MiniMax, China's second 'AI tiger' to go public, soars in Hong Kong debut"); // Reuters
    expect(lower).toContain("Chinese AI start-up MiniMax shines on Hong Kong IPO debut"); // SCMP
    expect(higher).toContain("about HK$5.54 billion");
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
    await poll(() => onPage.locator(".version .value").allTextContents()).toEqual(["about HK$4.8 billion", "about HK$5.54 billion"]);
    expect(await page.isVisible("#entity-disagreements-title")).toBe(true);
  });

  it("the Zhipu listing's page shows its date, ticker, offer price HK$116.20 with its sources, and its cornerstone investors", async () => {
    await page.goto(`${api.url}/#/entity/zhipu-hk-listing`);
    await poll(() => page.textContent("#event-title")).toBe("Listing");
    const details = (await page.textContent("#event-details"))!;
    expect(details).toContain("Zhipu AI");
    expect(details).toContain("2026-01-08");
    expect(details).toContain("02513");
    expect(details).toContain("Main Board");
    const offer = page.locator('#event-figures .event-figure[data-metric="offerPrice"]');
    await poll(() => offer.locator(".value").first().textContent()).toContain("HK$116.20");
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
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [route, ready] of [
      ["#/audit", "#audit-table tbody tr"],
      ["#/disagreements", "#disagreement-list .disagreement"],
      ["#/entity/zhipu-hk-listing", "#event-figures .event-figure"],
    ]) {
      await page.goto(`${api.url}/${route}`);
      await page.waitForSelector(ready!);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), route).toBeLessThanOrEqual(1);
    }
  });
});
