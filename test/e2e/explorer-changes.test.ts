// The explorer's "what's new" page end to end, in headless Chromium against the real service and
// Neo4j: after a load that adds a further source (graph B), the page lists the latest release's
// changes, each linked to its entity, in the navigation and in both Chinese scripts.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraph, type LoadResult } from "../../src/graph/load.ts";
import { spawnApi, type Api } from "../support/api.ts";
import { launchChromium } from "../support/chromium.ts";
import { testDatabase, testDriver } from "../support/db.ts";
import { filesWith, furtherSource } from "../support/source-fixtures.ts";

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

let api: Api;
let browser: Browser;
let page: Page;
let driver: Driver;
let dir: string;
let loadB: LoadResult;
const extra = furtherSource();

beforeAll(async () => {
  api = await spawnApi(); // graph A
  driver = testDriver();
  dir = mkdtempSync(path.join(os.tmpdir(), "llmgraph-explorer-changes-"));
  loadB = await loadGraph(driver, { database: testDatabase(), files: filesWith(dir, extra) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("explorer: what's new", () => {
  it("lists the latest release's changes, each entity linked, from the navigation", async () => {
    await page.goto(`${api.url}/`);
    await page.click('nav a[data-view="changes"]');
    await poll(() => new URL(page.url()).hash).toBe("#/changes");
    const release = page.locator("#change-releases section.release");
    await poll(() => release.count()).toBe(1);
    expect(await release.getAttribute("data-release")).toBe(String(loadB.changes.release!.number));
    expect(await release.locator("h3 code").textContent()).toBe(loadB.changes.release!.version);
    const added = release.locator(`li[data-id="${extra.entities[0]!.id}"][data-kind="entity"]`);
    expect(await added.getAttribute("data-change")).toBe("added");
    expect(await release.locator(`li[data-kind="source"][data-id="${extra.source.id}"]`).count()).toBe(1);
    expect(await release.locator("li[data-change]").count()).toBe(loadB.changes.first.length);
    await added.locator("a").click();
    await poll(() => page.textContent("#entity-title")).toBe(extra.entities[0]!.name);
  });

  it("reads in Traditional Chinese, and #/changes/<since> lists every release after it", async () => {
    await page.goto(`${api.url}/#/changes/1970-01-01`);
    await poll(() => page.locator("#change-releases section.release").count()).toBeGreaterThanOrEqual(2);
    const numbers = await page.locator("#change-releases section.release").evaluateAll((sections) => sections.map((s) => Number(s.getAttribute("data-release"))));
    expect(numbers[0]).toBe(loadB.changes.release!.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.selectOption("#language", "zh-Hant");
    await poll(() => page.textContent("#changes-title")).toBe("最新變化");
    await poll(() => page.locator('#change-releases li[data-change="added"] .badge.change').first().textContent()).toBe("新增");
  });
});
