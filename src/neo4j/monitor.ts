// Keeps track of whether Neo4j is reachable. At start-up and after a failure it retries with
// exponential back-off, so the service becomes ready by itself when Neo4j comes back. Every check
// is bounded in time: a frozen server (accepting connections, answering nothing) counts as down
// instead of holding the check, and whoever waits for it, forever. Down needs evidence: a failed
// connection, or TIMEOUTS_BEFORE_DOWN checks in a row that did not answer in time. One slow check
// on a busy machine is not an outage (it used to turn every request into a 503).
import type { Driver } from "neo4j-driver";
import { readServerInfo, type ConnectionFailure, type Neo4jTarget, type ServerInfo } from "./driver.ts";
import type { Logger } from "../logger.ts";

export interface Neo4jState {
  connected: boolean;
  /** Checks in a row that did not answer within the check's timeout (a slow or frozen server). */
  timeoutsInARow: number;
  /** When Neo4j became reachable again after an outage (ms since the epoch); null if it never
   *  went away. A server that just (re)started is still warming up. */
  recoveredAt: number | null;
  info: ServerInfo | null;
  error: string | null;
  reason: ConnectionFailure | null;
  checkedAt: string | null;
}

/** The longest one check may take; past it Neo4j counts as unreachable. */
export const CHECK_TIMEOUT_MS = 2000;
/** A request that finds Neo4j down (or waits on it) asks for a new check at most this often. */
const RECHECK_ON_DEMAND_MS = 250;
/** Checks in a row that must time out before a reachable Neo4j counts as down: a frozen server is
 *  down within about two checks (4-5 s), a busy machine's one slow check changes nothing. */
export const TIMEOUTS_BEFORE_DOWN = 2;

/** What one check found: Neo4j answered, did not answer in time, or failed (refused, reset, auth). */
export type CheckOutcome = "answered" | "timed-out" | "failed";

/** Whether Neo4j counts as reachable after a check, from what it counted as before. */
export function judgeCheck(
  before: Pick<Neo4jState, "connected" | "timeoutsInARow">,
  outcome: CheckOutcome,
): Pick<Neo4jState, "connected" | "timeoutsInARow"> {
  if (outcome === "answered") return { connected: true, timeoutsInARow: 0 };
  if (outcome === "failed") return { connected: false, timeoutsInARow: 0 };
  const timeoutsInARow = before.timeoutsInARow + 1;
  return { connected: before.connected && timeoutsInARow < TIMEOUTS_BEFORE_DOWN, timeoutsInARow };
}

/** A failed check's outcome: Neo4j slow to answer (the check's deadline, a connection that did not
 *  open in time) is "timed-out"; anything saying it is not there (refused, reset, auth) "failed". */
export function checkOutcomeOf(error: unknown): Exclude<CheckOutcome, "answered"> {
  if ((error as { timedOut?: boolean }).timedOut) return "timed-out";
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : "";
  // The driver's words for a connection not opened or not acquired in time.
  return /timed out|timeout|Failed to establish connection in/i.test(detail) ? "timed-out" : "failed";
}

export class Neo4jMonitor {
  private state: Neo4jState = { connected: false, timeoutsInARow: 0, recoveredAt: null, info: null, error: null, reason: null, checkedAt: null };
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private attempt = 0;
  private inFlight: Promise<Neo4jState> | null = null;
  private lastCheckStarted = 0;
  /** This outage saw a failed connection (Neo4j went away, so it restarts cold), not only slowness. */
  private outageSawFailure = false;
  private readonly listeners = new Set<(state: Neo4jState) => void>();

  constructor(
    private readonly driver: Driver,
    private readonly target: Neo4jTarget,
    private readonly log: Logger,
    private readonly options: {
      minDelayMs?: number;
      maxDelayMs?: number;
      healthyIntervalMs?: number;
      checkTimeoutMs?: number;
      /** What a check asks of Neo4j; readServerInfo unless a test scripts slow and failed checks. */
      readInfo?: () => Promise<ServerInfo>;
      /** Called each time Neo4j becomes reachable (at start-up or after an outage), saying whether
       *  it restarted (cold) meanwhile; not awaited by checks. */
      onConnected?: (how: { restarted: boolean }) => void | Promise<void>;
    } = {},
  ) {}

  get current(): Neo4jState {
    return this.state;
  }

  /** Calls `listener` each time Neo4j turns reachable or unreachable; returns the unsubscribe. */
  onChange(listener: (state: Neo4jState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** First check; resolves with the outcome (never throws for a connection failure). */
  async start(): Promise<Neo4jState> {
    return this.check();
  }

  /** Re-checks now (joining a check already running); used by /ready so that readiness follows
   *  Neo4j without waiting for the timer. */
  check(): Promise<Neo4jState> {
    this.inFlight ??= this.runCheck().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Starts a check unless one ran very recently; for callers that must not wait (a request
   *  refused because Neo4j was down is a reason to look again, so recovery is seen at once). */
  checkSoon(): void {
    if (!this.stopped && Date.now() - this.lastCheckStarted >= RECHECK_ON_DEMAND_MS) void this.check();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async runCheck(): Promise<Neo4jState> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.lastCheckStarted = Date.now();
    const timeoutMs = this.options.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
    const wasConnected = this.state.connected;
    let deadline: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        this.options.readInfo ? this.options.readInfo() : readServerInfo(this.driver, this.target),
        new Promise<never>((_resolve, reject) => {
          deadline = setTimeout(
            () =>
              reject(Object.assign(new Error(`Neo4j at ${this.target.uri} did not answer within ${timeoutMs} ms`), { reason: "unreachable", timedOut: true })),
            timeoutMs,
          );
        }),
      ]);
      if (!this.state.connected) {
        this.log.info({ neo4j: info, uri: this.target.uri }, "connected to Neo4j");
      }
      this.attempt = 0;
      // The first connection is no recovery: then the service, not Neo4j, has just started. Nor is
      // the end of an outage of timeouts only: a server that was slow or paused is not cold.
      const restarted = !wasConnected && this.state.checkedAt !== null && this.state.info !== null && this.outageSawFailure;
      this.outageSawFailure = false;
      const recoveredAt = restarted ? Date.now() : this.state.recoveredAt;
      this.state = { ...judgeCheck(this.state, "answered"), recoveredAt, info, error: null, reason: null, checkedAt: new Date().toISOString() };
      if (!wasConnected && this.options.onConnected) {
        // Not awaited: what runs on reconnection (a load) must not hold up the checks.
        void Promise.resolve(this.options.onConnected({ restarted })).catch((error: unknown) => this.log.error({ err: error }, "after reconnecting"));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = (error as { reason?: ConnectionFailure }).reason ?? "other";
      const outcome = checkOutcomeOf(error);
      const judged = judgeCheck(this.state, outcome);
      if (judged.connected) {
        this.log.warn({ uri: this.target.uri, timeoutsInARow: judged.timeoutsInARow }, `${message}; not counted as down until ${TIMEOUTS_BEFORE_DOWN} checks in a row time out`);
      } else {
        if (this.state.connected || this.state.error !== message) this.log.error({ uri: this.target.uri, reason }, message);
        if (this.state.connected) this.outageSawFailure = false;
        if (outcome === "failed") this.outageSawFailure = true;
        this.attempt += 1;
      }
      this.state = { ...this.state, ...judged, error: message, reason, checkedAt: new Date().toISOString() };
    } finally {
      clearTimeout(deadline);
    }
    if (this.state.connected !== wasConnected) for (const listener of this.listeners) listener(this.state);
    this.schedule();
    return this.state;
  }

  private schedule(): void {
    if (this.stopped) return;
    // Healthy: a check every 2 s (two trivial queries) notices an outage before many requests do.
    // Down: back-off from 0.5 s to 1 s (a refused connection costs nothing, and Neo4j back is seen
    // within a second even with no request asking); requests and /ready also ask for checks
    // (checkSoon, check). A check that timed out is confirmed or cleared soon, so a frozen server
    // is down in seconds.
    const { minDelayMs = 500, maxDelayMs = 1_000, healthyIntervalMs = 2_000 } = this.options;
    const delay = this.state.connected
      ? this.state.timeoutsInARow > 0
        ? minDelayMs
        : healthyIntervalMs
      : Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(this.attempt - 1, 16));
    this.timer = setTimeout(() => void this.check(), delay);
    this.timer.unref();
  }
}
