// `npm start` as a user runs it: which Neo4j it uses, and what it says when the settings are wrong.
import { spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, inject, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { freePort } from "../../src/ports.ts";
import { childEnv, neo4jEnv, spawnService, startServiceAndWait, waitForOutput, type ServiceRun } from "../support/service.ts";

const runs: ServiceRun[] = [];
afterEach(async () => {
  await Promise.all(runs.splice(0).map((run) => run.stop()));
});
const track = (run: ServiceRun) => (runs.push(run), run);

async function health(run: ServiceRun) {
  const response = await fetch(`${run.url}/health`);
  expect(response.status).toBe(200);
  return (await response.json()) as { neo4j: Record<string, unknown> };
}

describe("service start-up", () => {
  it("with NEO4J_URI set, uses that server and reports Neo4j and APOC versions on /health", async () => {
    const run = track(await startServiceAndWait(neo4jEnv()));
    const body = await health(run);
    expect(body.neo4j).toMatchObject({ connected: true, edition: "community" });
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.apocVersion).toBe(body.neo4j.version);
    expect(run.output()).not.toMatch(/started the local Neo4j|reusing the running local Neo4j/);
  });

  it("without NEO4J_URI, reuses the local Neo4j that already runs in NEO4J_DATA_DIR", async (context) => {
    const local = inject("neo4j").local;
    if (!local) {
      context.skip("this run uses an external NEO4J_URI, so no local Neo4j is running to reuse");
      return;
    }
    const run = track(
      await startServiceAndWait({
        NEO4J_DATA_DIR: local.dataDir,
        NEO4J_BOLT_PORT: String(local.boltPort),
        NEO4J_HTTP_PORT: String(local.httpPort),
        NEO4J_PASSWORD: inject("neo4j").password,
      }),
    );
    expect(run.output()).toMatch(/reusing the running local Neo4j/);
    expect((await health(run)).neo4j).toMatchObject({ connected: true });
  });

  it("stops with a message naming NEO4J_PASSWORD when the password is wrong", async () => {
    const run = track(await spawnService({ ...neo4jEnv(), NEO4J_PASSWORD: "definitely-wrong" }));
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/rejected the credentials of user 'neo4j': check NEO4J_USERNAME and NEO4J_PASSWORD/);
    expect(run.output()).not.toContain("definitely-wrong");
  });

  it("says which URI it cannot reach, keeps serving, and reports Neo4j as down", async () => {
    const closedPort = await freePort();
    const uri = `bolt://127.0.0.1:${closedPort}`;
    const run = track(await spawnService({ ...neo4jEnv(), NEO4J_URI: uri }));
    await waitForOutput(run, /service listening/);
    expect(run.output()).toContain(`Cannot reach Neo4j at ${uri}: check NEO4J_URI`);
    expect((await health(run)).neo4j).toMatchObject({ connected: false, version: null });
  });

  it.each([
    ["not a uri", /NEO4J_URI: 'not a uri' is not a URI/],
    ["http://localhost:7474", /NEO4J_URI: scheme 'http' is not supported; use one of bolt, bolt\+s/],
  ])("refuses the malformed NEO4J_URI %j before connecting", async (uri, message) => {
    const run = track(await spawnService({ ...neo4jEnv(), NEO4J_URI: uri }));
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(message);
  });

  it("stops at once with exit code 1 and a message naming PORT when the port is in use, not a TypeError", async () => {
    const occupier = createServer();
    await new Promise<void>((resolve) => occupier.listen(0, "127.0.0.1", resolve));
    const port = (occupier.address() as AddressInfo).port;
    try {
      const run = track(await spawnService({ ...neo4jEnv(), PORT: String(port) }));
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Cannot listen on PORT ${port} on HOST 127.0.0.1: the port is already in use by another process`);
      expect(run.output()).not.toMatch(/TypeError|\n\s+at /);
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });

  it("refuses a PORT that is not a port, naming the variable", async () => {
    const run = track(await spawnService({ ...neo4jEnv(), PORT: "eighty" }));
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT: must be a HTTP port number/);
  });

  it.each([
    ["no password", { NEO4J_PASSWORD: "" }, /NEO4J_PASSWORD: must be set in production/],
    ["the development password", { NEO4J_PASSWORD: "llmgraph-dev" }, /NEO4J_PASSWORD: must be set in production/],
    ["a weak password", { NEO4J_PASSWORD: "12345678" }, /NEO4J_PASSWORD: too weak for production: it is shorter than 12 characters/],
    ["CORS_ORIGINS=*", { CORS_ORIGINS: "*" }, /CORS_ORIGINS: \* lets any web site call the API/],
  ])("in production refuses to start with %s", async (_case, env: Record<string, string>, message) => {
    // An empty variable counts as unset (config.ts), as a compose file's NEO4J_PASSWORD= would be.
    const run = track(await spawnService({ ...neo4jEnv(), NODE_ENV: "production", ...env }));
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Refusing to start with NODE_ENV=production/);
    expect(run.output()).toMatch(message);
    expect(run.output()).not.toContain("llmgraph-dev");
  });

  it("refuses NODE_ENV=prod instead of running as development", async () => {
    const run = track(await spawnService({ ...neo4jEnv(), NODE_ENV: "prod" }));
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/NODE_ENV: must be one of development, production, test/);
  });
});

describe("npm run db:start", () => {
  it("reports the running local Neo4j without printing its password", (context) => {
    const local = inject("neo4j").local;
    if (!local) {
      context.skip("this run uses an external NEO4J_URI, so there is no local Neo4j to report");
      return;
    }
    const result = spawnSync("npm", ["run", "--silent", "db:start"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: {
        ...childEnv(),
        NEO4J_DATA_DIR: local.dataDir,
        NEO4J_BOLT_PORT: String(local.boltPort),
        NEO4J_HTTP_PORT: String(local.httpPort),
        NEO4J_PASSWORD: inject("neo4j").password,
      },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Neo4j was already running; reused it/);
    expect(result.stdout).toMatch(/password: the value of NEO4J_PASSWORD \(not shown\)/);
    expect(result.stdout + result.stderr).not.toContain(inject("neo4j").password);
  });
});
