// The local Neo4j that `npm run db:start` and the embedded default run on machines without Docker.
// These tests start their own instance (own port and folder), separate from the run's shared one.
// Its configuration's validation is a unit test (test/unit/config.test.ts).
import { rmSync } from "node:fs";
import net from "node:net";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalNeo4jConfig } from "../../src/config.ts";
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from "../../src/neo4j/local-server.ts";
import { throwawayNeo4jConfig } from "../support/throwaway-neo4j.ts";

describe("local Neo4j lifecycle", () => {
  let dataDir: string;
  let config: LocalNeo4jConfig;

  beforeAll(async () => {
    config = await throwawayNeo4jConfig("lifecycle", "lifecycle-pass");
    dataDir = config.NEO4J_DATA_DIR;
  });
  afterAll(async () => {
    await stopLocalNeo4j(config);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function query(cypher: string, params: Record<string, unknown> = {}) {
    const driver = neo4j.driver(
      `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`,
      neo4j.auth.basic("neo4j", config.NEO4J_PASSWORD),
    );
    try {
      return (await driver.executeQuery(cypher, params)).records;
    } finally {
      await driver.close();
    }
  }

  it("starts, keeps data across a clean stop and start, and needs no Maven the second time", async () => {
    const first = await startLocalNeo4j(config);
    expect(first.startedNow).toBe(true);
    expect(first.neo4jVersion).toMatch(/^5\.26\./);
    expect(first.apocVersion).toBe(first.neo4jVersion);
    expect(first.paths.home).toBe(dataDir);
    await query("CREATE (:LifecycleProbe {token: $token})", { token: "kept-across-restart" });

    // Starting again while it runs reuses the running server.
    const again = await startLocalNeo4j(config);
    expect(again.startedNow).toBe(false);
    expect(again.pid).toBe(first.pid);

    expect(await stopLocalNeo4j(config)).toEqual({ wasRunning: true, pid: first.pid });
    expect((await localNeo4jStatus(config)).running).toBe(false);
    expect(await stopLocalNeo4j(config)).toEqual({ wasRunning: false });

    // A Maven that cannot run proves the second start uses the cached jars and no network.
    const offline = { ...config, MVN: "/nonexistent/mvn" };
    const second = await startLocalNeo4j(offline);
    expect(second.startedNow).toBe(true);
    expect(second.resolvedJarsNow).toBe(false);
    const records = await query("MATCH (p:LifecycleProbe) RETURN p.token AS token");
    expect(records.map((r) => r.get("token"))).toEqual(["kept-across-restart"]);
    const status = await localNeo4jStatus(config);
    expect(status).toMatchObject({ running: true, pid: second.pid, boltAnswers: true });
  });

  it("refuses a password other than the one the folder was created with, naming NEO4J_PASSWORD", async () => {
    await stopLocalNeo4j(config);
    await expect(startLocalNeo4j({ ...config, NEO4J_PASSWORD: "another-password" })).rejects.toThrow(
      /initialised with another password than NEO4J_PASSWORD/,
    );
    // The failed start leaves nothing running behind.
    expect((await localNeo4jStatus(config)).running).toBe(false);
  });

  it("refuses a Bolt port that another process holds, naming NEO4J_BOLT_PORT", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(startLocalNeo4j({ ...config, NEO4J_BOLT_PORT: port })).rejects.toThrow(
        new RegExp(`Port ${port} \\(NEO4J_BOLT_PORT\\) is already in use`),
      );
    } finally {
      blocker.close();
    }
  });
});
