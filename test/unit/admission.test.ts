// Admission's decisions (src/http/admission.ts) and its queue, without a database: a request runs,
// waits only as long as it can still win a slot, or is refused at once; while Neo4j is down or
// warming up the refusal is DATABASE_UNAVAILABLE, and every queued request gets it when Neo4j goes.
import { describe, expect, it } from "vitest";
import { decideAdmission, refusalCode, Slots, WARMING_MAX_CONCURRENT, type QueueView } from "../../src/http/admission.ts";

const view = (over: Partial<QueueView> = {}): QueueView => ({
  free: 0,
  queued: 0,
  maxConcurrent: 4,
  typicalHoldMs: 100,
  waitMs: 2000,
  budgetLeftMs: 5000,
  availability: "up",
  ...over,
});

describe("decideAdmission", () => {
  it("runs a request at once when a slot is free and nobody waits", () => {
    expect(decideAdmission(view({ free: 1 }))).toEqual({ action: "run" });
  });

  it("lets a newcomer not take a free slot ahead of the queue", () => {
    expect(decideAdmission(view({ free: 1, queued: 2 }))).toMatchObject({ action: "wait" });
  });

  it("queues a request that can win a slot, for at most ADMISSION_WAIT_MS", () => {
    expect(decideAdmission(view())).toEqual({ action: "wait", upToMs: 2000 });
  });

  it("waits no longer than the budget leaves for the work after the slot", () => {
    expect(decideAdmission(view({ budgetLeftMs: 900, typicalHoldMs: 300 }))).toEqual({ action: "wait", upToMs: 600 });
  });

  it("refuses at once a request whose wait would exceed its budget", () => {
    // The work alone needs about as long as the budget has left.
    expect(decideAdmission(view({ budgetLeftMs: 300, typicalHoldMs: 300 }))).toEqual({ action: "refuse", code: "OVERLOADED" });
    // Forty ahead, four slots freeing every second: about ten seconds, far past the 2 s it may wait.
    expect(decideAdmission(view({ queued: 40, typicalHoldMs: 1000 }))).toEqual({ action: "refuse", code: "OVERLOADED" });
    // Seven ahead: about two seconds at that pace, just within it.
    expect(decideAdmission(view({ queued: 7, typicalHoldMs: 1000 }))).toEqual({ action: "wait", upToMs: 2000 });
  });

  it("refuses with DATABASE_UNAVAILABLE while Neo4j is down, slot or not", () => {
    expect(decideAdmission(view({ free: 4, availability: "down" }))).toEqual({ action: "refuse", code: "DATABASE_UNAVAILABLE" });
    expect(decideAdmission(view({ availability: "down" }))).toEqual({ action: "refuse", code: "DATABASE_UNAVAILABLE" });
  });

  it("while Neo4j warms up, runs one request at a time and refuses the rest at once with DATABASE_UNAVAILABLE", () => {
    expect(WARMING_MAX_CONCURRENT).toBe(1);
    expect(decideAdmission(view({ free: 4, availability: "warming" }))).toEqual({ action: "run" });
    expect(decideAdmission(view({ free: 3, availability: "warming" }))).toEqual({ action: "refuse", code: "DATABASE_UNAVAILABLE" });
    // Never queued: under a second of budget leaves no time to wait for a cold query.
    expect(decideAdmission(view({ free: 0, availability: "warming", typicalHoldMs: 0 }))).toEqual({ action: "refuse", code: "DATABASE_UNAVAILABLE" });
  });

  it("names the one code per state", () => {
    expect(refusalCode("up")).toBe("OVERLOADED");
    expect(refusalCode("warming")).toBe("DATABASE_UNAVAILABLE");
    expect(refusalCode("down")).toBe("DATABASE_UNAVAILABLE");
  });
});

describe("Slots", () => {
  it("hands a released slot to the queue's head, first come first served", async () => {
    const slots = new Slots(1);
    const release = slots.take();
    expect(slots.free).toBe(0);
    const order: string[] = [];
    const first = slots.wait(10_000).then((r) => (order.push("first"), r));
    const second = slots.wait(10_000).then((r) => (order.push("second"), r));
    expect(slots.queued).toBe(2);
    release();
    const firstRelease = await first;
    expect(firstRelease).not.toBeNull();
    expect(slots.free).toBe(0);
    firstRelease!();
    (await second)!();
    expect(order).toEqual(["first", "second"]);
    expect(slots.free).toBe(1);
    expect(slots.queued).toBe(0);
  });

  it("ends a wait whose time ran out without a slot, and leaves the queue", async () => {
    const slots = new Slots(1);
    slots.take();
    expect(await slots.wait(5)).toBeNull();
    expect(slots.queued).toBe(0);
  });

  it("ends every wait at once on cancelAll (Neo4j seen down)", async () => {
    const slots = new Slots(1);
    const release = slots.take();
    const waits = [slots.wait(60_000), slots.wait(60_000)];
    slots.cancelAll();
    expect(await Promise.all(waits)).toEqual([null, null]);
    release();
    expect(slots.free).toBe(1);
  });

  it("counts a release once, and learns how long slots are held", async () => {
    const slots = new Slots(2);
    const release = slots.take();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    release();
    expect(slots.free).toBe(2);
    expect(slots.typicalHoldMs).toBeGreaterThan(0);
  });
});
