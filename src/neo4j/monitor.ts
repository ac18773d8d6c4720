// Keeps track of whether Neo4j is reachable. At start-up and after a failure it retries with
// exponential back-off, so the service becomes ready by itself when Neo4j comes back.
import type { Driver } from "neo4j-driver";
import { readServerInfo, type ConnectionFailure, type Neo4jTarget, type ServerInfo } from "./driver.ts";
import type { Logger } from "../logger.ts";

export interface Neo4jState {
  connected: boolean;
  info: ServerInfo | null;
  error: string | null;
  reason: ConnectionFailure | null;
  checkedAt: string | null;
}

export class Neo4jMonitor {
  private state: Neo4jState = { connected: false, info: null, error: null, reason: null, checkedAt: null };
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private attempt = 0;

  constructor(
    private readonly driver: Driver,
    private readonly target: Neo4jTarget,
    private readonly log: Logger,
    private readonly options: {
      minDelayMs?: number;
      maxDelayMs?: number;
      healthyIntervalMs?: number;
      /** Called each time Neo4j becomes reachable (at start-up or after an outage); awaited. */
      onConnected?: () => void | Promise<void>;
    } = {},
  ) {}

  get current(): Neo4jState {
    return this.state;
  }

  /** First check; resolves with the outcome (never throws for a connection failure). */
  async start(): Promise<Neo4jState> {
    await this.check();
    return this.state;
  }

  /** Re-checks now; used by /ready so that readiness follows Neo4j without waiting for the timer. */
  async check(): Promise<Neo4jState> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      const info = await readServerInfo(this.driver, this.target);
      if (!this.state.connected) {
        this.log.info({ neo4j: info, uri: this.target.uri }, "connected to Neo4j");
      }
      const wasConnected = this.state.connected;
      this.attempt = 0;
      this.state = { connected: true, info, error: null, reason: null, checkedAt: new Date().toISOString() };
      if (!wasConnected && this.options.onConnected) await this.options.onConnected();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = (error as { reason?: ConnectionFailure }).reason ?? "other";
      if (this.state.connected || this.state.error !== message) {
        this.log.error({ uri: this.target.uri, reason }, message);
      }
      this.attempt += 1;
      this.state = { connected: false, info: this.state.info, error: message, reason, checkedAt: new Date().toISOString() };
    }
    this.schedule();
    return this.state;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const { minDelayMs = 500, maxDelayMs = 30_000, healthyIntervalMs = 15_000 } = this.options;
    const delay = this.state.connected
      ? healthyIntervalMs
      : Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(this.attempt - 1, 16));
    this.timer = setTimeout(() => void this.check(), delay);
    this.timer.unref();
  }
}
