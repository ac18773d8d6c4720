// What a failed load tells its operator: which phase failed, why in plain words, and which graph
// readers see now. On a full disk the loader once printed only "Unable to complete transaction"
// although its swap had committed and the new graph was live; when Neo4j died it printed the
// driver's raw message.
import type { Driver } from "neo4j-driver";
import { ErrorCode } from "../api/errors.ts";
import { SourceDataError } from "./source-file.ts";

export class LoadFailedError extends Error {
  override name = "LoadFailedError";
  constructor(
    readonly phase: string,
    readonly why: string,
    readonly readersSee: string,
    options: { cause: unknown },
  ) {
    super(`The load failed in phase '${phase}': ${why}. ${readersSee}`, options);
  }
}

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? "");
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The cause of a load's failure in words an operator can act on, with Neo4j's own detail. */
export function whyLoadFailed(error: unknown, stepTimeoutMs: number): string {
  const code = codeOf(error);
  const message = messageOf(error);
  const detail = `(Neo4j: ${code ? `${code}: ` : ""}${message.split("\n")[0]!.slice(0, 300)})`;
  if (/No space left on device|disk.*full/i.test(message)) return `Neo4j's disk is full ${detail}`;
  if (code === "ServiceUnavailable" || code === "SessionExpired" || /ECONNREFUSED|ECONNRESET|connection.*(closed|lost)/i.test(message)) {
    return `Neo4j went away (stopped, killed or unreachable) ${detail}`;
  }
  if (code === "Neo.TransientError.General.DatabaseUnavailable") return `Neo4j's database was unavailable (stopping or starting) ${detail}`;
  if (/TransactionTimedOut/.test(code)) return `a step took longer than its timeout of ${stepTimeoutMs / 1000} s ${detail}`;
  if (/Transaction\.(Terminated|LockClientStopped)$/.test(code)) {
    return `its transaction was terminated, by a load that took over its lease or by an administrator ${detail}`;
  }
  // A commit Neo4j could not write: the transaction log's disk full or failing (its log says which).
  if (/^Neo\.DatabaseError\./.test(code) || /Unable to complete transaction/i.test(message)) {
    return `Neo4j could not write the transaction; its disk may be full (see Neo4j's debug.log) ${detail}`;
  }
  return message;
}

/** The graph currently published, or null when there is none. */
export async function publishedGraph(driver: Driver, database: string | undefined): Promise<{ contentHash: string; loadedAt: string } | null> {
  const { records } = await driver.executeQuery(
    "MATCH (g:GraphMeta {id: 'graph'}) RETURN g.contentHash AS contentHash, toString(g.loadedAt) AS loadedAt",
    {},
    { database, transactionConfig: { timeout: 5_000 } },
  );
  return (records[0]?.toObject() as { contentHash: string; loadedAt: string } | undefined) ?? null;
}

/**
 * Which graph readers see after a failure: asked of Neo4j when it answers (a commit whose answer
 * was lost may have happened), otherwise told from how far the load got.
 */
export async function whatReadersSee(
  driver: Driver,
  database: string | undefined,
  loads: { previous: { contentHash: string; loadedAt: string } | null; contentHash: string; swapCommitted: boolean; swapStarted: boolean },
): Promise<string> {
  const previous = loads.previous ? `the previous graph (content ${loads.previous.contentHash}, loaded ${loads.previous.loadedAt})` : "no graph (the database had none)";
  const next = `the new graph (content ${loads.contentHash})`;
  let now: Awaited<ReturnType<typeof publishedGraph>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Bounded: a dead Neo4j must not hold up the message about it.
    now = await Promise.race([publishedGraph(driver, database), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 6_000)))]);
  } catch {
    now = undefined;
  } finally {
    clearTimeout(timer);
  }
  if (now === undefined) {
    if (loads.swapCommitted) return `Readers see ${next}: its swap had committed before the failure.`;
    if (!loads.swapStarted) return `Readers see ${previous}, unchanged: the load failed before its swap.`;
    return `Neo4j cannot be asked now: readers see either ${previous} or ${next} (the swap is one transaction), never a mix.`;
  }
  if (now === null) return "Readers see no graph (the database has none).";
  if (loads.previous && now.loadedAt === loads.previous.loadedAt) return `Readers see ${previous}, unchanged.`;
  if (now.contentHash === loads.contentHash) {
    return `Readers see ${next}, loaded ${now.loadedAt}: its swap had committed before the failure; the next load removes what is left of the replaced graph.`;
  }
  return `Readers see the graph of content ${now.contentHash}, loaded ${now.loadedAt} by another load.`;
}

/** Why the service's last load failed, as /ready shows it: a code, the message, and the source
 *  files or the phase it names. */
export interface LoadFailureReport {
  code: typeof ErrorCode.SOURCE_DATA_INVALID | typeof ErrorCode.LOAD_FAILED;
  message: string;
  /** The source files the problems are in (SOURCE_DATA_INVALID). */
  files?: string[];
  problems?: string[];
  phase?: string;
  at: string;
}

/** At most this many problems in /ready's body; the message says how many there are. */
const MAX_PROBLEMS_SHOWN = 20;

export function loadFailureReport(error: unknown, at: Date = new Date()): LoadFailureReport {
  if (error instanceof SourceDataError) {
    // Each problem starts with the file it is in ("data/sources/x.json: ...").
    const files = [...new Set(error.problems.map((p) => /^(.+?\.json):/.exec(p)?.[1]).filter((f): f is string => Boolean(f)))];
    const message = `the source data has ${error.problems.length} problem(s); nothing was written`;
    return { code: ErrorCode.SOURCE_DATA_INVALID, message, files, problems: error.problems.slice(0, MAX_PROBLEMS_SHOWN), at: at.toISOString() };
  }
  if (error instanceof LoadFailedError) return { code: ErrorCode.LOAD_FAILED, message: error.message, phase: error.phase, at: at.toISOString() };
  return { code: ErrorCode.LOAD_FAILED, message: messageOf(error), at: at.toISOString() };
}
