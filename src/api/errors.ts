// Stable error codes: every rejected request says which rule or limit it hit.
import { GraphQLError } from "graphql";

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

// graphql-armor reports its limits as messages; these map them to codes.
const ARMOR_MESSAGES: Array<[RegExp, ErrorCode]> = [
  [/Query depth limit of \d+ exceeded/, ErrorCode.DEPTH_LIMIT_EXCEEDED],
  [/Aliases limit of \d+ exceeded/, ErrorCode.ALIAS_LIMIT_EXCEEDED],
  [/Query Cost limit of \d+ exceeded/, ErrorCode.COST_LIMIT_EXCEEDED],
  [/Token limit of \d+ exceeded/, ErrorCode.TOKEN_LIMIT_EXCEEDED],
  [/Directives limit of \d+ exceeded/, ErrorCode.DIRECTIVE_LIMIT_EXCEEDED],
];

/** The code a limit rejection should carry, or null if the message is not one. */
export function limitCodeFor(message: string): ErrorCode | null {
  return ARMOR_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

/** Neo4j failures that a client should see as a code rather than an internal error. */
export function databaseCodeFor(error: unknown): ErrorCode | null {
  const code = (error as { code?: string } | null)?.code ?? "";
  if (/TransactionTimedOut|TransactionTimedOutClientConfiguration/.test(code)) return ErrorCode.QUERY_TIMEOUT;
  if (code === "ServiceUnavailable" || code === "SessionExpired") return ErrorCode.DATABASE_UNAVAILABLE;
  return null;
}
