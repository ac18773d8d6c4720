// The built-in explorer end to end, in headless Chromium (Debian's package, driven by
// playwright-core; no browser download), against the real service and Neo4j.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// The page loads data over HTTP after each action: give polls time on a busy 2-core machine.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
import { PROJECT_ROOT } from "../src/config.ts";
import { startApi, type Api } from "./support/api.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Screenshots for the README are refreshed with SCREENSHOTS_DIR=src/explorer/screenshots npm test.
const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? path.join(PROJECT_ROOT, ".local", "screenshots");

let api: Api;
let browser: Browser;
let page: Page;
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  api = await startApi();
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
  page.on("request", (request) => {
    if (!request.url().startsWith(api.url) && !request.url().startsWith("data:")) foreignRequests.push(request.url());
  });
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
    const hops = await page.$$eval("#hop-list li", (items) => items.map((li) => ({ text: li.textContent, evidence: li.querySelector("blockquote")?.textContent })));
    expect(hops.length).toBeGreaterThanOrEqual(2);
    expect(hops[0]!.text).toContain("Tsinghua University");
    expect(hops.at(-1)!.text).toContain("Alibaba Cloud");
    for (const hop of hops) expect(hop.evidence?.length).toBeGreaterThan(0);
    await page.locator("#connect").screenshot({ path: path.join(SCREENSHOTS, "connection.png") });
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
  });

  it("needed nothing from any host but the service", () => {
    expect(foreignRequests).toEqual([]);
  });
});
