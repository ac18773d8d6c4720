// Stable error codes: every rejected request says which rule or limit it hit.
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type ASTNode, type GraphQLFormattedError } from "graphql";
import { GenerationChangedError } from "./one-generation.ts";

export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  READ_ONLY: "READ_ONLY",
  PAGE_SIZE_LIMIT_EXCEEDED: "PAGE_SIZE_LIMIT_EXCEEDED",
  DEPTH_LIMIT_EXCEEDED: "DEPTH_LIMIT_EXCEEDED",
  ALIAS_LIMIT_EXCEEDED: "ALIAS_LIMIT_EXCEEDED",
  COST_LIMIT_EXCEEDED: "COST_LIMIT_EXCEEDED",
  TOKEN_LIMIT_EXCEEDED: "TOKEN_LIMIT_EXCEEDED",
  DIRECTIVE_LIMIT_EXCEEDED: "DIRECTIVE_LIMIT_EXCEEDED",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
  DATABASE_UNAVAILABLE: "DATABASE_UNAVAILABLE",
  /** A list in an argument longer than MAX_LIST_LENGTH. */
  LIST_LENGTH_LIMIT_EXCEEDED: "LIST_LENGTH_LIMIT_EXCEEDED",
  FILTER_DEPTH_LIMIT_EXCEEDED: "FILTER_DEPTH_LIMIT_EXCEEDED",
  VARIABLES_DEPTH_LIMIT_EXCEEDED: "VARIABLES_DEPTH_LIMIT_EXCEEDED",
  /** The query needed more memory than Neo4j lets a transaction use. */
  QUERY_MEMORY_LIMIT_EXCEEDED: "QUERY_MEMORY_LIMIT_EXCEEDED",
  /** Too many requests from one client (HTTP 429, Retry-After). */
  RATE_LIMITED: "RATE_LIMITED",
  /** Every slot for Neo4j work stayed busy while the request waited (HTTP 503, Retry-After). */
  OVERLOADED: "OVERLOADED",
  /** A persisted query whose sha256Hash is not the hash of the query sent with it. */
  PERSISTED_QUERY_HASH_MISMATCH: "PERSISTED_QUERY_HASH_MISMATCH",
  /** A body in a charset or content encoding the endpoint does not read (HTTP 415). */
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  /** A load swapped graphs while the request ran, on every attempt (HTTP 503, Retry-After). */
  GRAPH_CHANGED: "GRAPH_CHANGED",
  /** A body that is not a GraphQL request (not JSON, aborted, wrong length). */
  BAD_REQUEST: "BAD_REQUEST",
  /** /ready: the service's load of the graph was refused because the source files have problems. */
  SOURCE_DATA_INVALID: "SOURCE_DATA_INVALID",
  /** /ready: the service's load of the graph failed while writing (LoadFailedError names the phase). */
  LOAD_FAILED: "LOAD_FAILED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one way an error for the client is built: its message, its code and, for a refusal before
 *  execution, the HTTP status Apollo answers with and where in the document the problem is. */
export function userError(
  message: string,
  code: ErrorCode = ErrorCode.BAD_USER_INPUT,
  { status, nodes }: { status?: number; nodes?: ASTNode | readonly ASTNode[] } = {},
): GraphQLError {
  return new GraphQLError(message, { ...(nodes ? { nodes } : {}), extensions: { code, ...(status === undefined ? {} : { http: { status } }) } });
}

/** A request refused before execution (a rule or a limit): HTTP 400. */
export const refusal = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT, nodes?: ASTNode | readonly ASTNode[]) =>
  userError(message, code, { status: 400, ...(nodes ? { nodes } : {}) });

// A limit's rejection, marked by the limit itself when it rejects (plugins/armor.ts, through
// graphql-armor's onReject callback), so the code never depends on the wording of a message.
const limitRejections = new WeakMap<object, ErrorCode>();

export function markLimitRejection(error: object, code: ErrorCode): void {
  limitRejections.set(error, code);
}

/** The code a limit gave its rejection, looking through the errors that wrap it; null if none did. */
export function limitCodeOf(error: unknown): ErrorCode | null {
  for (let e = error; typeof e === "object" && e !== null; e = (e as { originalError?: unknown }).originalError) {
    const code = limitRejections.get(e);
    if (code) return code;
  }
  return null;
}

/** Neo4j failures that a client should see as a code rather than an internal error. */
export function databaseCodeFor(error: unknown): ErrorCode | null {
  if (error instanceof GenerationChangedError) return ErrorCode.GRAPH_CHANGED;
  const code = (error as { code?: string } | null)?.code ?? "";
  if (/TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(code)) return ErrorCode.QUERY_TIMEOUT;
  if (code === "ServiceUnavailable" || code === "SessionExpired") return ErrorCode.DATABASE_UNAVAILABLE;
  // A database still starting or stopping.
  if (code === "Neo.TransientError.General.DatabaseUnavailable") return ErrorCode.DATABASE_UNAVAILABLE;
  // A transaction stopped while it waited for a lock; in this read-only API only its timeout stops one.
  if (/^Neo\.(Client|Transient)Error\.Transaction\.LockClientStopped$/.test(code)) return ErrorCode.QUERY_TIMEOUT;
  // Neo4j 5: one transaction over db.memory.transaction.max (TransactionMemoryLimit), or all of
  // them over db.memory.transaction.total.max (MemoryPoolOutOfMemoryError), or the heap itself.
  if (/^Neo\.TransientError\.General\.(TransactionMemoryLimit|MemoryPoolOutOfMemoryError|OutOfMemoryError)$/.test(code)) {
    return ErrorCode.QUERY_MEMORY_LIMIT_EXCEEDED;
  }
  return null;
}

const DATABASE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.QUERY_TIMEOUT]: "The query took longer than allowed",
  [ErrorCode.DATABASE_UNAVAILABLE]: "The database is unavailable",
  [ErrorCode.GRAPH_CHANGED]: "A load replaced the graph while the query ran, on every attempt; retry in a moment",
  [ErrorCode.QUERY_MEMORY_LIMIT_EXCEEDED]:
    "The query needed more memory than the database allows a query (Neo4j's transaction memory limit); ask for smaller pages or fewer nested lists",
};

/** Apollo's own request errors that are the client's doing, coded by their (fixed) message. */
function apolloRequestCodeFor(formatted: GraphQLFormattedError): ErrorCode | null {
  if (formatted.message === "provided sha does not match query") return ErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
  return null;
}

/** True when an error would reach the client as INTERNAL_SERVER_ERROR: a defect, to be logged. */
export function isInternalError(error: unknown): boolean {
  if (limitCodeOf(error) || databaseCodeFor(unwrapResolverError(error))) return false;
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (code === undefined || code === "INTERNAL_SERVER_ERROR") {
    const message = (error as { message?: unknown } | null)?.message;
    return !(typeof message === "string" && apolloRequestCodeFor({ message }));
  }
  return false;
}

/** Apollo's formatError: limits and Neo4j failures get their code; production hides internals. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const limitCode = limitCodeOf(error);
  if (limitCode) return { message: formatted.message, extensions: { code: limitCode } };
  const dbCode = databaseCodeFor(unwrapResolverError(error));
  if (dbCode) return { message: DATABASE_MESSAGES[dbCode]!, path: formatted.path, extensions: { code: dbCode } };
  const requestCode = apolloRequestCodeFor(formatted);
  if (requestCode) return { message: "The persisted query's sha256Hash is not the SHA-256 of its query", extensions: { code: requestCode } };
  if (production && formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  return formatted;
}
