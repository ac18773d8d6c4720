// The service's availability (src/api/availability.ts), the guard's budgets and deadline answers
// (src/http/graphql-guard.ts) and the one refusal (src/http/unavailable.ts), without a database:
// what a request is allowed while Neo4j is up, warming up after a restart, or down.
import { describe, expect, it } from "vitest";
import { availabilityOf, ServiceAvailability, type Availability } from "../../src/api/availability.ts";
import { saysUnavailable, unavailableBody } from "../../src/http/unavailable.ts";
import { budgetFor, deadlineAnswer, WARMING_BUDGET_MS } from "../../src/http/graphql-guard.ts";
import type { Neo4jState } from "../../src/neo4j/monitor.ts";

/** A monitor stand-in whose connected state the test flips, telling listeners as the monitor does. */
function fakeMonitor() {
  const listeners = new Set<(state: Neo4jState) => void>();
  const state = { connected: true } as Neo4jState;
  let checks = 0;
  return {
    current: state,
    onChange: (listener: (state: Neo4jState) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    checkSoon: () => void (checks += 1),
    set(connected: boolean) {
      state.connected = connected;
      for (const listener of listeners) listener(state);
    },
    checks: () => checks,
  };
}

describe("availabilityOf", () => {
  it("is down without Neo4j, warming while the service's work after a restart runs, else up", () => {
    expect(availabilityOf(false, false)).toBe("down");
    expect(availabilityOf(false, true)).toBe("down");
    expect(availabilityOf(true, true)).toBe("warming");
    expect(availabilityOf(true, false)).toBe("up");
  });
});

describe("ServiceAvailability", () => {
  it("follows the monitor and the warm-up, telling listeners each change", async () => {
    const monitor = fakeMonitor();
    const availability = new ServiceAvailability(monitor);
    const seen: Availability[] = [];
    availability.onChange((state) => seen.push(state));
    monitor.set(false);
    expect(availability.current).toBe("down");
    let finish!: () => void;
    monitor.set(true);
    availability.warmingUntil(new Promise<void>((resolve) => (finish = resolve)));
    expect(availability.current).toBe("warming");
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(availability.current).toBe("up");
    expect(seen).toEqual(["down", "up", "warming", "up"]);
  });

  it("ends warming also when the work fails", async () => {
    const availability = new ServiceAvailability(fakeMonitor());
    availability.warmingUntil(Promise.reject(new Error("load failed")));
    await new Promise((resolve) => setImmediate(resolve));
    expect(availability.current).toBe("up");
  });

  it("asks the monitor to look again when a request suspects Neo4j is gone", () => {
    const monitor = fakeMonitor();
    new ServiceAvailability(monitor).suspect();
    expect(monitor.checks()).toBe(1);
  });
});

describe("the guard's budgets", () => {
  it("refuses at once while down, gives under a second while warming, the whole timeout when up", () => {
    expect(budgetFor("down", 5000)).toBeNull();
    expect(WARMING_BUDGET_MS).toBeLessThan(1000);
    expect(budgetFor("warming", 5000)).toBe(WARMING_BUDGET_MS);
    expect(budgetFor("warming", 200)).toBe(200);
    expect(budgetFor("up", 5000)).toBe(5000);
  });

  it("answers QUERY_TIMEOUT at the deadline only for a request that had a Neo4j up all along", () => {
    expect(deadlineAnswer("up", "up")).toBe("timed-out");
    expect(deadlineAnswer("up", "down")).toBe("unavailable");
    expect(deadlineAnswer("warming", "warming")).toBe("warming-up");
    expect(deadlineAnswer("warming", "up")).toBe("warming-up");
  });
});

describe("the one refusal", () => {
  it("is a single DATABASE_UNAVAILABLE error without data", () => {
    expect(unavailableBody()).toEqual({ errors: [{ message: "The database is unavailable", extensions: { code: "DATABASE_UNAVAILABLE" } }] });
  });

  it("replaces any answer with a DATABASE_UNAVAILABLE among its errors, field-level ones included", () => {
    expect(saysUnavailable([{ message: "The database is unavailable", path: ["neighbourhood"], extensions: { code: "DATABASE_UNAVAILABLE" } }])).toBe(true);
    expect(saysUnavailable([{ message: "x", extensions: { code: "QUERY_TIMEOUT" } }])).toBe(false);
    expect(saysUnavailable(undefined)).toBe(false);
  });
});
