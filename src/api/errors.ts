// Stable error codes: every rejected request says which rule or limit it hit.
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";

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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const userError = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) =>
  new GraphQLError(message, { extensions: { code } });

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
  const code = (error as { code?: string } | null)?.code ?? "";
  if (/TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(code)) return ErrorCode.QUERY_TIMEOUT;
  if (code === "ServiceUnavailable" || code === "SessionExpired") return ErrorCode.DATABASE_UNAVAILABLE;
  return null;
}

/** Apollo's formatError: limits and Neo4j failures get their code; production hides internals. */
export function formatError(formatted: GraphQLFormattedError, error: unknown, production: boolean): GraphQLFormattedError {
  const limitCode = limitCodeOf(error);
  if (limitCode) return { message: formatted.message, extensions: { code: limitCode } };
  const dbCode = databaseCodeFor(unwrapResolverError(error));
  if (dbCode) {
    const message = dbCode === ErrorCode.QUERY_TIMEOUT ? "The query took longer than allowed" : "The database is unavailable";
    return { message, path: formatted.path, extensions: { code: dbCode } };
  }
  if (production && formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
    return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  return formatted;
}
