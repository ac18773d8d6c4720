// GraphiQL at /graphiql works in a real browser from the service alone: Chromium loads the page,
// GraphiQL fetches the schema by introspection and runs its default query against /graphql, and
// every request the page makes goes to the service's own origin (no CDN).
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/chromium.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type Api } from "../support/api.ts";


let api: Api;
let browser: Browser;

beforeAll(async () => {
  api = await startApi();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

describe("GraphiQL", () => {
  it("runs its default query against the service, loading everything from the service's origin", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origins = new Set<string>();
    const failures: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("data:")) origins.add(new URL(request.url()).origin);
    });
    page.on("pageerror", (error) => failures.push(error.message));
    page.on("response", (response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    try {
      const introspected = page.waitForResponse((r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("__schema"));
      await page.goto(`${api.url}/graphiql`);
      await page.waitForSelector(".graphiql-container", { timeout: 30_000 });
      // GraphiQL knows the schema by introspection, on by default.
      const schema = (await (await introspected).json()) as { data?: { __schema?: { queryType?: { name: string } } } };
      expect(schema.data?.__schema?.queryType?.name).toBe("Query");
      const ran = page.waitForResponse((r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("SearchAndExpand"));
      await page.click(".graphiql-execute-button");
      const answer = (await (await ran).json()) as { data?: any; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      expect(answer.data.search[0].entity).toMatchObject({ id: "zhipu-ai", type: "Company" });
      expect(answer.data.search[0].entity.metrics.length).toBeGreaterThan(0);
      expect(answer.data.metricSummary.length).toBeGreaterThan(0);
      // And the answer is on screen.
      await page.waitForFunction(() => document.querySelector(".result-window")?.textContent?.includes('"zhipu-ai"'), null, { timeout: 30_000 });
      expect(failures).toEqual([]);
      expect([...origins]).toEqual([new URL(api.url).origin]);
    } finally {
      await page.close();
    }
  });
});
