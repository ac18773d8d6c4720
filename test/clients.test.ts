// The client examples a researcher pastes (curl, JavaScript, Python) run against the live service
// and database, and print what the article says.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/config.ts";
import { startApi, type Api } from "./support/api.ts";
import { childEnv, neo4jEnv } from "./support/service.ts";

const run = promisify(execFile);
const EXAMPLES = path.join(PROJECT_ROOT, "examples");
let api: Api;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startApi();
  env = { ...childEnv(), GRAPHQL_URL: `${api.url}/graphql`, ...neo4jEnv() };
});
afterAll(() => api.stop());

// Each example runs from its language's folder, as a reader would run it.
async function output(language: "javascript" | "python" | "shell", command: string, ...args: string[]) {
  const { stdout } = await run(command, args, { cwd: path.join(EXAMPLES, language), env, timeout: 60_000 });
  return stdout;
}

/** The examples' environment when a reader sets only the ports the service and Neo4j use (PORT,
 *  NEO4J_BOLT_PORT), as npm start takes them, and no URL. */
function portsOnly(): Record<string, string> {
  const rest = Object.fromEntries(Object.entries(env).filter(([name]) => name !== "GRAPHQL_URL" && name !== "NEO4J_URI"));
  return { ...rest, PORT: new URL(api.url).port, NEO4J_BOLT_PORT: new URL(env.NEO4J_URI!).port };
}

describe("client examples", () => {
  it.each([
    ["shell", "bash", "founders.sh"],
    ["javascript", process.execPath, "connection-graphql.mjs"],
    ["javascript", process.execPath, "pivots-driver.mjs"],
    ["python", "python3", "revenue_requests.py"],
    ["python", "python3", "forecast_driver.py"],
  ] as const)("%s %s %s reaches the service and Neo4j on the ports PORT and NEO4J_BOLT_PORT name, with no URL set", async (language, command, file) => {
    const { stdout } = await run(command, [file], { cwd: path.join(EXAMPLES, language), env: portsOnly(), timeout: 60_000 });
    expect(stdout.trim().length).toBeGreaterThan(10);
  });

  it("curl: MiniMax's founder and his former employer", async () => {
    const body = JSON.parse(await output("shell", "bash", "founders.sh"));
    const edge = body.data.companies[0].foundersConnection.edges[0];
    expect(edge.node).toEqual({ name: "Yan Junjie", nameZhHant: "閆俊杰", workedAt: [{ name: "SenseTime" }] });
    expect(edge.properties.sourceId).toBe("src-000-zhipu-minimax-hk-listings");
  });

  it("JavaScript fetch: Tsinghua University to Alibaba Cloud, hop by hop with sources", async () => {
    const lines = (await output("javascript", process.execPath, "connection-graphql.mjs")).trim().split("\n");
    // Four hops tie since the web sources; the API picks by entity ids, through Yang Zhilin (as the
    // explorer's test expects).
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Tsinghua University <-\[STUDIED_AT\]- Yang Zhilin {2}\[src-[a-z0-9-]+\] .+/);
    expect(lines.at(-1)).toMatch(/Alibaba Cloud {2}\[src-[a-z0-9-]+\] .+/);
  });

  it("JavaScript neo4j-driver: the six tigers that pivoted", async () => {
    expect((await output("javascript", process.execPath, "pivots-driver.mjs")).trim().split("\n")).toEqual([
      "01.AI -> Medical AI and other vertical domains  (百川智能與零一萬物,則已基本退出通用基礎模型的直接競爭,轉向醫療AI等垂直領域深耕)",
      "Baichuan AI -> Medical AI and other vertical domains  (百川智能與零一萬物,則已基本退出通用基礎模型的直接競爭,轉向醫療AI等垂直領域深耕)",
    ]);
  });

  it("Python requests: revenue series in each company's own currency", async () => {
    expect((await output("python", "python3", "revenue_requests.py")).trim().split("\n")).toEqual([
      "Zhipu AI\tFY2022\t57,400,000 CNY",
      "Zhipu AI\tFY2024\t312,400,000 CNY",
      "Zhipu AI\tH1 2025\t191,000,000 CNY",
      "MiniMax\tFY2023\t3,500,000 USD",
      "MiniMax\tFY2024\t30,500,000 USD",
      "MiniMax\tQ1–Q3 2025\t53,440,000 USD",
    ]);
  });

  it("Python neo4j driver: CITIC Securities' forecasts for Zhipu AI", async () => {
    expect((await output("python", "python3", "forecast_driver.py")).trim().split("\n")).toEqual([
      "CITIC Securities: eq 738,000,000 CNY for FY2025 (forecast) (中信證券預測,2025年智譜全年收入將達7.38億元)",
      "CITIC Securities: gt 100,000,000 USD for FY2025 (forecast) (中信證券預測,2025年智譜全年收入將達7.38億元,成為首家年收入突破1億美元的中國模型廠商)",
    ]);
  });
});
