// The Browser guide played where analysts play it: the real Neo4j Browser, served by the test run's
// Neo4j at /browser/ (the neo4j-browser jar of src/neo4j/pom.xml), in headless Chromium. The Browser
// fetches `:play <url>` across origins, so this fails if the service's CORS preflight for /guide
// does, or if Neo4j does not allow the host (browser.remote_content_hostname_whitelist).
import { readFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium } from "../support/chromium.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GUIDE_FILE, guideQueries } from "../support/analyst-files.ts";
import { startApi, type Api } from "../support/api.ts";
import { sourceRecords } from "../support/source-records.ts";

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

const neo4j = inject("neo4j");
// The Browser of the run's own Neo4j, configured by local-server.ts to allow the guide's host. A run
// against NEO4J_URI skips this file: that server's Browser and its allow-list are not ours.
const BROWSER_URL = neo4j.local ? `http://127.0.0.1:${neo4j.local.httpPort}/browser/` : undefined;

/** The guide's slides as the file has them: each slide's title, in order. */
const slideTitles = [...readFileSync(GUIDE_FILE, "utf8").matchAll(/<slide[^>]*>[\s\S]*?<h3>([\s\S]*?)<\/h3>/g)].map((m) =>
  m[1]!.replace(/&amp;/g, "&").replace(/\s+/g, " ").trim(),
);

let api: Api;
let browser: Browser;
let page: Page;

/** Types a command into the Browser's main editor and runs it, as a user does. */
async function execute(command: string) {
  await page.click("#monaco-main-editor");
  await page.locator('[data-testid="activeEditor"] textarea').pressSequentially(command);
  await page.click('[data-testid="editor-Run"]');
}

describe.skipIf(!BROWSER_URL)("the guide in the real Neo4j Browser", () => {
  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(BROWSER_URL!);
    // Connect as an analyst does: the connect form of `:server connect`.
    const bolt = new URL(neo4j.uri);
    await page.waitForSelector('input[data-testid="boltaddress"]', { timeout: 60_000 });
    await page.fill('input[data-testid="boltaddress"]', bolt.host);
    await page.fill('input[data-testid="username"]', neo4j.username);
    await page.fill('input[data-testid="password"]', neo4j.password);
    await page.click('button[data-testid="connect"]');
    await page.waitForSelector('[data-testid="frameCommand"]:has-text(":play start")', { timeout: 60_000 });
    await execute(":clear");
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  let guide: Locator;

  // What the Browser sends before it fetches the guide (the reproduction): without these
  // headers in the answer Chromium never sends the GET, and Browser says "No guide by that name".
  it("answers the Browser's CORS preflight for /guide", async () => {
    const response = await fetch(`${api.url}/guide`, {
      method: "OPTIONS",
      headers: { origin: BROWSER_URL!.replace(/\/browser\/$/, ""), "access-control-request-method": "GET", "access-control-request-headers": "x-requested-with" },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-requested-with");
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("plays the guide from the service and pages through every slide", async () => {
    expect(slideTitles.length).toBeGreaterThanOrEqual(2);
    await execute(`:play ${api.url}/guide`);
    guide = page.locator('[data-testid="frame"]', { has: page.locator('[data-testid="frameCommand"]', { hasText: "/guide" }) });
    await poll(() => guide.locator("h3:visible").first().textContent().then((t) => t?.trim())).toBe(slideTitles[0]);
    expect(await guide.textContent()).not.toContain("No guide");
    for (const [i, title] of slideTitles.entries()) {
      await poll(() => guide.innerText()).toContain(`${i + 1} / ${slideTitles.length}`);
      await poll(() => guide.locator("h3:visible").first().textContent().then((t) => t?.replace(/\s+/g, " ").trim())).toBe(title);
      if (i < slideTitles.length - 1) await guide.locator('[data-testid="nextSlide"]').click();
    }
    // The last slide has no next, and the way back leads to the first.
    expect(await guide.locator('[data-testid="nextSlide"]').count()).toBe(0);
    for (let i = 1; i < slideTitles.length; i++) await guide.locator('[data-testid="previousSlide"]').click();
    await poll(() => guide.locator("h3:visible").first().textContent().then((t) => t?.trim())).toBe(slideTitles[0]);
  });

  it("runs a query of the guide from its code block and shows its rows", async () => {
    // The founders' table: the first runnable block whose query returns columns, not a path.
    const query = guideQueries().find((q) => /RETURN p\.name AS founder/.test(q));
    expect(query, "the guide asks who founded MiniMax, as a table").toBeDefined();
    // What the table must show, from the source files: MiniMax's founders and where they worked before.
    const { facts, name } = sourceRecords();
    const founded = facts.filter((f) => f.type === "FOUNDED" && f.to === "minimax");
    const founders = founded.map((f) => name(f.from));
    const formerEmployers = facts.filter((w) => w.type === "WORKED_AT" && founded.some((f) => f.from === w.from)).map((w) => name(w.to));
    expect(founders.length).toBeGreaterThan(0);
    expect(formerEmployers.length).toBeGreaterThan(0);

    const slide = slideTitles.findIndex((t) => /founded MiniMax/.test(t));
    for (let i = 0; i < slide; i++) await guide.locator('[data-testid="nextSlide"]').click();
    const block = guide.locator(".runnable:visible", { hasText: "AS founder" });
    await block.click();
    // Monaco draws spaces as no-break spaces.
    await poll(() => page.locator("#monaco-main-editor").innerText().then((t) => t.replace(/\u00a0/g, " "))).toContain("AS founder");
    await page.click('[data-testid="editor-Run"]');

    const result = page.locator('[data-testid="frame"]', { has: page.locator('[data-testid="frameCommand"]', { hasText: "AS founder" }) });
    for (const founder of founders) await poll(() => result.innerText()).toContain(founder);
    for (const employer of formerEmployers) await poll(() => result.innerText()).toContain(employer);
    await poll(() => result.innerText()).toContain("workedAt");
  });
});
