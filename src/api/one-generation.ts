// Every answer computed on exactly one graph. Each read transaction of a request (the generated
// resolvers' through a driver wrapper, the relational queries', the cut lists' count) reads the
// graph's generation mark (src/graph/generation.ts) before and after its statements, in the same
// transaction, so on the same database member as the data it read:
//  - a swap committing (the mark odd), or the mark moved during the transaction: the transaction's
//    rows may mix two graphs; it is run again after a short wait, while nothing else of the
//    request has read the graph;
//  - a transaction that read another generation than an earlier one of the same request: the
//    request as a whole mixes graphs; it is marked, and the HTTP handler runs it again from the
//    start (src/http/express-handler.ts), up to a bound, then answers 503 GRAPH_CHANGED.
// The generation a request's transactions read is the one it was computed on: the response cache
// and the ETag record that one (plugins/response-cache.ts, http-caching.ts), not the poller's.
import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionConfig } from "neo4j-driver";
import { READ_GENERATION_CYPHER, readGenerationParams } from "../graph/generation.ts";

type TransactionConfig = Parameters<Session["executeRead"]>[1];
type Outcome<T> = { retry: "swapping" | "changed" } | { result: T; generation: string };

/** How often one transaction is run again while a swap commits or after the mark moved. */
export const TRANSACTION_ATTEMPTS = 10;
/** How often the HTTP handler runs a whole request again whose transactions read two generations. */
export const REQUEST_ATTEMPTS = 5;
/** The wait before attempt n+1 (n from 1): 10, 20, 40, ... ms, at most 250; ten attempts span about 1.3 s. */
export const retryDelayMs = (attempt: number): number => Math.min(10 * 2 ** (attempt - 1), 250);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request's transactions failed to agree on one generation: the request must start again. */
export class GenerationChangedError extends Error {
  override name = "GenerationChangedError";
  constructor(readonly reason: "swapping" | "changed") {
    super(
      reason === "swapping"
        ? "A load was swapping in a new graph for longer than this service waits; retry in a moment"
        : "The graph changed while the query ran, each time it was tried; retry in a moment",
    );
  }
}

/** What one request's reads saw: the generation, and whether they read two. */
export class GenerationPin {
  /** The generation every transaction of this request read so far; null before the first. */
  seen: string | null = null;
  /** Set when a transaction read another generation than `seen`: the request is to be run again. */
  spanned = false;
  /** Set when a read gave up (GenerationChangedError): the answer is not to be sent as it is. */
  failed = false;
  /** Transactions run again (a swap committing or the mark moved); for the probe and the log. */
  retries = 0;

  /** The error that ends this request's attempt; `spanned` when the request must start again. */
  giveUp(reason: "swapping" | "changed", spanned: boolean): GenerationChangedError {
    this.failed = true;
    if (spanned) this.spanned = true;
    return new GenerationChangedError(reason);
  }
}

async function generationIn(tx: ManagedTransaction): Promise<{ generation: string; swapping: boolean }> {
  const { records } = await tx.run(READ_GENERATION_CYPHER, readGenerationParams);
  return { generation: records[0]!.get("generation") as string, swapping: records[0]!.get("swapping") as boolean };
}

/**
 * Runs `work` in a read transaction between two reads of the generation mark; runs it again while
 * the reads disagree or a swap commits, and records the generation in the request's pin. Throws
 * GenerationChangedError when the request must start again (another generation than its earlier
 * reads) or when the attempts ran out.
 */
export async function readOnOneGeneration<T>(
  session: Pick<Session, "executeRead">,
  pin: GenerationPin,
  work: (tx: ManagedTransaction) => Promise<T>,
  config?: TransactionConfig,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await session.executeRead(async (tx): Promise<Outcome<T>> => {
      const before = await generationIn(tx);
      if (before.swapping) return { retry: "swapping" };
      const result = await work(tx);
      const after = await generationIn(tx);
      if (after.swapping || after.generation !== before.generation) return { retry: "changed" };
      return { result, generation: before.generation };
    }, config);
    if ("result" in outcome) {
      if (pin.seen === null) pin.seen = outcome.generation;
      if (pin.seen === outcome.generation) return outcome.result;
      throw pin.giveUp("changed", true);
    }
    pin.retries += 1;
    // An earlier transaction of this request read the graph: this one cannot catch up alone.
    if (pin.seen !== null) throw pin.giveUp(outcome.retry, true);
    if (attempt >= TRANSACTION_ATTEMPTS) throw pin.giveUp(outcome.retry, false);
    await sleep(retryDelayMs(attempt));
  }
}

/** Runs one parameterised read statement on one generation; its records. */
export async function readRecords(
  target: { driver: Driver; database?: string | undefined; pin: GenerationPin },
  cypher: string,
  params: Record<string, unknown>,
  config?: TransactionConfig,
) {
  const session = target.driver.session({ database: target.database, defaultAccessMode: neo4j.session.READ });
  try {
    return await readOnOneGeneration(session, target.pin, async (tx) => (await tx.run(cypher, params)).records, config);
  } finally {
    await session.close();
  }
}

/**
 * The driver @neo4j/graphql is given per request (context.executionContext): its sessions' read
 * transactions run on one generation and record it in the request's pin. @neo4j/graphql asks a
 * driver for `session()` and the bookmark manager of executeQuery, and a session for executeRead,
 * executeWrite and close (its Executor); the API is read-only, so a write goes through unchanged.
 */
export function oneGenerationDriver(driver: Driver, pin: GenerationPin) {
  return {
    executeQueryBookmarkManager: driver.executeQueryBookmarkManager,
    session(config: SessionConfig) {
      const session = driver.session(config);
      return {
        executeRead: <T>(work: (tx: ManagedTransaction) => Promise<T>, txConfig?: TransactionConfig) =>
          readOnOneGeneration(session, pin, async (tx) => await work(tx), txConfig),
        executeWrite: session.executeWrite.bind(session),
        close: () => session.close(),
      };
    },
  };
}
