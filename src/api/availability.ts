// Whether the API can do Neo4j work now, as one of three states that every gate in front of Neo4j
// reads (the fail-fast gate and deadline in http/graphql-guard.ts, http/admission.ts):
//  - down: the monitor (neo4j/monitor.ts) counts Neo4j unreachable; requests are refused at once.
//  - warming: Neo4j came back from an outage in which it was gone (so it restarted cold) and the
//    service's own work after it (a load of an empty database, the warm-up) has not ended; /ready
//    says 503 meanwhile. Requests are served, but only what a cold Neo4j answers within a second:
//    the rest is refused then, not after QUERY_TIMEOUT_MS (a refusal that waits 5 s is no fail-fast).
//  - up: everything else; requests have their whole QUERY_TIMEOUT_MS.
// The service's first start is not "warming": Neo4j had not necessarily just started, and requests
// before /ready's first 200 keep their whole budget.
import type { Neo4jMonitor } from "../neo4j/monitor.ts";

export type Availability = "up" | "warming" | "down";

export const availabilityOf = (connected: boolean, warming: boolean): Availability => (!connected ? "down" : warming ? "warming" : "up");

export class ServiceAvailability {
  private warming = false;
  private readonly listeners = new Set<(availability: Availability) => void>();

  constructor(private readonly monitor: Pick<Neo4jMonitor, "current" | "onChange" | "checkSoon">) {
    monitor.onChange(() => this.emit());
  }

  get current(): Availability {
    return availabilityOf(this.monitor.current.connected, this.warming);
  }

  /** Warming from now until `work` (what the service does after Neo4j restarted) settles. */
  warmingUntil(work: Promise<unknown>): void {
    this.warming = true;
    this.emit();
    const done = () => {
      this.warming = false;
      this.emit();
    };
    void work.then(done, done);
  }

  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onChange(listener: (availability: Availability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A request saw a sign that Neo4j may be gone (an error, a slow answer): look now, not at the
   *  next scheduled check, so that every request in flight is answered as soon as it is seen down. */
  suspect(): void {
    this.monitor.checkSoon();
  }

  private emit(): void {
    const availability = this.current;
    for (const listener of this.listeners) listener(availability);
  }
}
