// A newcomer's first start: when the service's load of an empty database fails, /ready says why
// (code, message, the files) and the log has it once, at error level, while /ready's polls add no
// stack traces. Here the load is refused for want of the article's text (REQUIRE_SOURCE_TEXTS with
// an empty texts folder), the failure a clone without ../shared met before the evidence manifest.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadServiceConfig } from "../src/config.ts";
import { loadGraph } from "../src/graph/load.ts";
import { createLogger } from "../src/logger.ts";
import { startService, type RunningService } from "../src/service.ts";
import { testDatabase, testDriver } from "./support/db.ts";
import { neo4jEnv } from "./support/service.ts";

let driver: Driver;
let emptyTexts: string;
let service: RunningService | undefined;
let output = "";

beforeAll(async () => {
  driver = testDriver();
  emptyTexts = mkdtempSync(path.join(os.tmpdir(), "llmgraph-no-texts-"));
  await driver.executeQuery("MATCH (n) DETACH DELETE n", {}, { database: testDatabase() });
});
afterAll(async () => {
  await service?.stop();
  // Leave the article's graph as the other test files expect it.
  await loadGraph(driver, { database: testDatabase() });
  await driver.close();
  rmSync(emptyTexts, { recursive: true, force: true });
});

const lines = () => output.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe("a service whose load of an empty database fails", () => {
  it("answers /ready 503 naming the code, the message and the file, and logs the failure once at error level", async () => {
    const config = loadServiceConfig({ ...neo4jEnv(), SOURCE_TEXTS_DIR: emptyTexts, REQUIRE_SOURCE_TEXTS: "true" });
    const log = createLogger("info", { write: (line: string) => void (output += line) });
    service = await startService({ config: { ...config, PORT: 0 }, log });

    let body: Record<string, any> = {};
    await expect
      .poll(async () => {
        const response = await fetch(`${service!.url}/ready`);
        expect(response.status).toBe(503);
        body = (await response.json()) as Record<string, any>;
        return body.loadError?.code;
      }, { timeout: 60_000, interval: 250 })
      .toBe("SOURCE_DATA_INVALID");
    expect(body).toMatchObject({ ready: false, checks: { neo4j: true, graph: false } });
    expect(body.loadError.message).toMatch(/the source data has 1 problem\(s\); nothing was written/);
    expect(body.loadError.files).toEqual(["data/sources/000_zhipu_minimax_hk_listings.json"]);
    expect(body.loadError.problems[0]).toMatch(/text file '000_40c4bf3fcd9b3358.txt' not found in SOURCE_TEXTS_DIR .*REQUIRE_SOURCE_TEXTS is set/);

    for (let i = 0; i < 5; i++) expect((await fetch(`${service!.url}/ready`)).status).toBe(503);
    const failures = lines().filter((l) => /loading the graph failed/.test(l.msg));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 50, code: "SOURCE_DATA_INVALID", files: ["data/sources/000_zhipu_minimax_hk_listings.json"] });
    // No line carries a stack: neither the data problem nor the polls' 503s.
    expect(output).not.toMatch(/"stack"/);
    const polls = lines().filter((l) => l.req?.url === "/ready");
    expect(polls.length).toBeGreaterThanOrEqual(6);
    for (const poll of polls) expect(poll).toMatchObject({ level: 30, res: { statusCode: 503 } });
  });
});
