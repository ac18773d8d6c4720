// The loaded graph's version (GraphMeta.contentHash), polled from Neo4j. Cached responses are keyed
// by it, so a load that changes the graph invalidates every replica's cache within one poll
// interval, with no shared state between replicas other than Neo4j itself.
import neo4j, { type Driver } from "neo4j-driver";
import type { Logger } from "../logger.ts";

export class GraphVersion {
  private value: string | null = null;
  private degreeTable: ReadonlyMap<string, number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /** The last version read; null until one was read (responses are then not cached). */
  get current(): string | null {
    return this.value;
  }

  /** The largest degree of each relationship type and direction ("FOUNDED<") in the loaded graph,
   *  as its load recorded them; null before a graph loaded by this version of the loader. */
  get degrees(): ReadonlyMap<string, number> | null {
    return this.degreeTable;
  }

  async refresh(): Promise<string | null> {
    try {
      const { records } = await this.driver.executeQuery(
        "MATCH (g:GraphMeta {id: 'graph'}) RETURN g.contentHash AS hash, g.degrees AS degrees",
        {},
        { database: this.database, routing: neo4j.routing.READ },
      );
      const next = (records[0]?.get("hash") as string | undefined) ?? null;
      if (next !== this.value) {
        this.log.info({ from: this.value, to: next }, "graph version changed: cached responses retired");
        const degrees = records[0]?.get("degrees") as string | null | undefined;
        this.degreeTable = degrees ? new Map(Object.entries(JSON.parse(degrees) as Record<string, number>)) : null;
      }
      this.value = next;
    } catch {
      // Neo4j unreachable: keep serving; the monitor reports the outage.
      this.value = null;
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
