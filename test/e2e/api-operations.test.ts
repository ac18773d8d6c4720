// Operating the service: readiness follows Neo4j going away and coming back without a restart of
// the service, an empty database gets the graph loaded in the background (the service listens
// meanwhile and /ready says it is loading), and SIGTERM drains and exits cleanly.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalNeo4jConfig } from "../../src/config.ts";
import { startLocalNeo4j, stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { throwawayNeo4jConfig } from "../support/throwaway-neo4j.ts";
import { startServiceAndWait, waitForOutput, type ServiceRun } from "../support/service.ts";

describe("a service whose Neo4j stops and comes back", () => {
  let config: LocalNeo4jConfig;
  let service: ServiceRun;
  /** /ready as soon as the service listens, and whether the graph had been loaded by then. */
  let firstReady: Awaited<ReturnType<typeof ready>>;
  let loadedBeforeFirstReady: boolean;

  beforeAll(async () => {
    config = await throwawayNeo4jConfig("ops", "operations-pass");
    const neo4j = await startLocalNeo4j(config);
    service = await startServiceAndWait({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: config.NEO4J_PASSWORD });
    firstReady = await ready();
    loadedBeforeFirstReady = /graph loaded/.test(service.output());
  });
  afterAll(async () => {
    await service?.stop();
    await stopLocalNeo4j(config);
    rmSync(config.NEO4J_DATA_DIR, { recursive: true, force: true });
  });

  const ready = async () => {
    const response = await fetch(`${service.url}/ready`);
    return { status: response.status, body: (await response.json()) as { ready: boolean; loading?: boolean; checks: Record<string, boolean> } };
  };

  async function waitUntilReady(expected: boolean, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let last = await ready();
    while (last.body.ready !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      last = await ready();
    }
    return last;
  }

  it("listens at once, answers /ready with loading while it loads the empty database, then becomes ready", async () => {
    expect(loadedBeforeFirstReady).toBe(false);
    expect(firstReady.status).toBe(503);
    expect(firstReady.body).toMatchObject({ ready: false, loading: true });
    await waitForOutput(service, /graph loaded/, 60_000);
    const output = service.output();
    expect(output.indexOf("service listening")).toBeLessThan(output.indexOf("graph loaded"));
    const result = await waitUntilReady(true);
    expect(result.status).toBe(200);
    expect(result.body.checks).toEqual({ neo4j: true, apoc: true, schema: true, graph: true });
  });

  it("is not ready while Neo4j is stopped, and ready again after it restarts, without a service restart", async () => {
    await stopLocalNeo4j(config);
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.neo4j).toBe(false);
    // Liveness stays up: the process still serves.
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    const query = await fetch(`${service.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ companies(limit: 1) { name } }" }),
    });
    expect(((await query.json()) as any).errors[0].extensions.code).toBe("DATABASE_UNAVAILABLE");

    await startLocalNeo4j(config);
    const up = await waitUntilReady(true);
    expect(up.status).toBe(200);
    expect(service.process.exitCode).toBeNull();
    expect(service.output()).toMatch(/Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1/);
  });

  it("drains and exits with code 0 on SIGTERM", async () => {
    service.process.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(service.output()).toMatch(/shutting down: draining requests/);
  });
});
