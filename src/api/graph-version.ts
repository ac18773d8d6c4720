// The loaded graph's generation (src/graph/generation.ts: an id no other load has, and the swap's
// sequence number), polled from Neo4j. Cached responses and ETags are keyed by it, so a load
// retires them on every replica within one poll interval, with no shared state between replicas
// other than Neo4j itself; reloading a graph loaded before gives a new generation, never the old one.
import type { Driver } from "neo4j-driver";
import type { Logger } from "../logger.ts";
import { GenerationPin, readRecords } from "./one-generation.ts";

export class GraphVersion {
  private value: string | null = null;
  private degreeTable: ReadonlyMap<string, number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: Array<(from: string | null, to: string | null) => void> = [];

  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** Called with the old and new generation whenever the generation read changes. */
  onChange(listener: (from: string | null, to: string | null) => void): void {
    this.listeners.push(listener);
  }

  /** The last generation read; null until one was read (responses are then not cached). */
  get current(): string | null {
    return this.value;
  }

  /** The largest degree of each relationship type and direction ("FOUNDED<") in the loaded graph,
   *  as its load recorded them; null before a graph loaded by this version of the loader. */
  get degrees(): ReadonlyMap<string, number> | null {
    return this.degreeTable;
  }

  async refresh(): Promise<string | null> {
    let next: string | null = null;
    let degrees: string | null | undefined;
    try {
      // Read on one generation, as the answers are: never the degrees of one graph with the id of another.
      const pin = new GenerationPin();
      const records = await readRecords({ driver: this.driver, database: this.database, pin }, "MATCH (g:GraphMeta {id: 'graph'}) RETURN g.degrees AS degrees", {});
      next = pin.seen;
      degrees = records[0]?.get("degrees") as string | null | undefined;
    } catch {
      // Neo4j unreachable or a swap committing: nothing is cached until a generation is known; the
      // monitor reports an outage.
      next = null;
    }
    if (next !== this.value) {
      const from = this.value;
      this.value = next;
      if (next !== null) this.degreeTable = degrees ? new Map(Object.entries(JSON.parse(degrees) as Record<string, number>)) : null;
      this.log.info({ from, to: next }, "graph generation changed: cached responses retired");
      for (const listener of this.listeners) listener(from, next);
    }
    return this.value;
  }

  start(): void {
    const tick = async () => {
      await this.refresh();
      this.timer = setTimeout(() => void tick(), this.intervalMs);
      this.timer.unref();
    };
    void tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
