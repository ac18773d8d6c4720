// When the service counts Neo4j as down (src/neo4j/monitor.ts): only on evidence that it is not
// there (a failed connection) or on TIMEOUTS_BEFORE_DOWN checks in a row that timed out. One slow
// check on a busy machine used to mark it down, and every /graphql request then got a 503, and
// slow queries "warming up" 503s for a minute after. The checks are scripted here (slow, refused,
// answered); what a real stopped or frozen Neo4j does is tested in test/e2e/api-operations.test.ts.
import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { Neo4jConnectionError, type ServerInfo } from "../../src/neo4j/driver.ts";
import { checkOutcomeOf, judgeCheck, Neo4jMonitor, TIMEOUTS_BEFORE_DOWN, type CheckOutcome } from "../../src/neo4j/monitor.ts";
import { createLogger } from "../../src/logger.ts";

const INFO: ServerInfo = { neo4jVersion: "5.26.0", edition: "community", apocVersion: "5.26.0" };
const TARGET = { uri: "bolt://127.0.0.1:1", username: "neo4j", password: "unused" };
// Never connects: the checks below are scripted, the driver only fills the constructor's place.
const driver = neo4j.driver(TARGET.uri, neo4j.auth.basic(TARGET.username, TARGET.password));
afterAll(() => driver.close());

const CHECK_TIMEOUT_MS = 30;
/** An error as the driver raises it: its message and code. */
const newError = (message: string, code = "") => Object.assign(new Error(message), { code });
const refused = () => new Neo4jConnectionError(`Cannot reach Neo4j at ${TARGET.uri}`, "unreachable", { cause: newError("connect ECONNREFUSED 127.0.0.1:1", "ServiceUnavailable") });

/** A monitor whose checks do what `script` says, in turn; timers far off, so only check() runs them. */
function scriptedMonitor(script: CheckOutcome[], onConnected?: (how: { restarted: boolean }) => void) {
  let logged = "";
  const monitor = new Neo4jMonitor(driver, TARGET, createLogger("info", { write: (line: string) => void (logged += line) }), {
    checkTimeoutMs: CHECK_TIMEOUT_MS,
    minDelayMs: 60_000,
    maxDelayMs: 60_000,
    healthyIntervalMs: 60_000,
    ...(onConnected ? { onConnected } : {}),
    readInfo: async () => {
      const outcome = script.shift();
      if (outcome === "failed") throw refused();
      // Slow: answers, but well after the check's deadline.
      if (outcome === "timed-out") await new Promise((resolve) => setTimeout(resolve, CHECK_TIMEOUT_MS * 4));
      return INFO;
    },
  });
  return { monitor, logged: () => logged };
}

describe("judgeCheck", () => {
  it("keeps a reachable Neo4j up after one timed-out check, and counts it down after two in a row", () => {
    expect(TIMEOUTS_BEFORE_DOWN).toBe(2);
    const once = judgeCheck({ connected: true, timeoutsInARow: 0 }, "timed-out");
    expect(once).toEqual({ connected: true, timeoutsInARow: 1 });
    expect(judgeCheck(once, "timed-out")).toEqual({ connected: false, timeoutsInARow: 2 });
    expect(judgeCheck(once, "answered")).toEqual({ connected: true, timeoutsInARow: 0 });
  });

  it("counts a failed connection as down at once, and a down Neo4j stays down until a check answers", () => {
    expect(judgeCheck({ connected: true, timeoutsInARow: 0 }, "failed")).toEqual({ connected: false, timeoutsInARow: 0 });
    expect(judgeCheck({ connected: false, timeoutsInARow: 0 }, "timed-out")).toEqual({ connected: false, timeoutsInARow: 1 });
    expect(judgeCheck({ connected: false, timeoutsInARow: 3 }, "answered")).toEqual({ connected: true, timeoutsInARow: 0 });
  });
});

describe("checkOutcomeOf", () => {
  it("tells a slow Neo4j (the check's deadline, a connection not opened in time) from one that is not there", () => {
    expect(checkOutcomeOf(Object.assign(new Error("did not answer within 2000 ms"), { timedOut: true }))).toBe("timed-out");
    const slowConnection = newError("Failed to establish connection in 1000ms", "ServiceUnavailable");
    expect(checkOutcomeOf(new Neo4jConnectionError("Cannot reach Neo4j", "unreachable", { cause: slowConnection }))).toBe("timed-out");
    const acquisition = newError("Connection acquisition timed out in 3000 ms. Pool status: Active conn count = 1, Idle conn count = 0.");
    expect(checkOutcomeOf(new Neo4jConnectionError("Neo4j failed", "other", { cause: acquisition }))).toBe("timed-out");
    expect(checkOutcomeOf(refused())).toBe("failed");
    const auth = newError("The client is unauthorized due to authentication failure.", "Neo.ClientError.Security.Unauthorized");
    expect(checkOutcomeOf(new Neo4jConnectionError("rejected the credentials", "auth", { cause: auth }))).toBe("failed");
  });
});

describe("Neo4jMonitor", () => {
  it("stays connected through one slow check, with no warm-up after it, and says so in the log", async () => {
    const { monitor, logged } = scriptedMonitor(["answered", "timed-out", "answered"]);
    expect((await monitor.start()).connected).toBe(true);
    const slow = await monitor.check();
    expect(slow).toMatchObject({ connected: true, timeoutsInARow: 1, recoveredAt: null });
    expect(slow.error).toMatch(/did not answer within 30 ms/);
    expect(logged()).toMatch(/not counted as down until 2 checks in a row time out/);
    expect(await monitor.check()).toMatchObject({ connected: true, timeoutsInARow: 0, recoveredAt: null, error: null });
    monitor.stop();
  });

  it("counts a frozen Neo4j down after two timed-out checks; back, it is not taken for a cold restart", async () => {
    const { monitor } = scriptedMonitor(["answered", "timed-out", "timed-out", "answered"]);
    await monitor.start();
    await monitor.check();
    expect((await monitor.check()).connected).toBe(false);
    expect(await monitor.check()).toMatchObject({ connected: true, recoveredAt: null });
    monitor.stop();
  });

  it("counts a refused connection down at once; back, Neo4j restarted and is warming up", async () => {
    const { monitor } = scriptedMonitor(["answered", "failed", "answered"]);
    await monitor.start();
    expect(await monitor.check()).toMatchObject({ connected: false, reason: "unreachable" });
    const back = await monitor.check();
    expect(back.connected).toBe(true);
    expect(back.recoveredAt).toBeGreaterThan(Date.now() - 5000);
    monitor.stop();
  });

  it("tells listeners each time Neo4j turns unreachable or reachable, and onConnected whether it restarted", async () => {
    const connections: boolean[] = [];
    const { monitor } = scriptedMonitor(["answered", "failed", "failed", "answered", "timed-out", "timed-out", "answered"], ({ restarted }) => connections.push(restarted));
    const changes: boolean[] = [];
    monitor.onChange((state) => changes.push(state.connected));
    await monitor.start();
    for (let i = 0; i < 6; i++) await monitor.check();
    // Up at start, down, back (restarted: it was gone), down by timeouts, back (not restarted: only slow).
    expect(changes).toEqual([true, false, true, false, true]);
    expect(connections).toEqual([false, true, false]);
    monitor.stop();
  });
});
