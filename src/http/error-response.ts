// The one writer of the refusals the HTTP layer answers itself, before or beside Apollo (rate
// limit, body, token and variables limits, admission, the guard, a request read on two graphs,
// an unexpected error): GraphQL-shaped JSON with one coded error, like Apollo's own refusals.
// The codes are those of src/api/errors.ts.
import type { Response } from "express";
import type { ErrorCode } from "../api/errors.ts";

type Code = ErrorCode | "INTERNAL_SERVER_ERROR";

/** The body of a refusal: one error with its code, no data. */
export const errorBody = (message: string, code: Code) => ({ errors: [{ message, extensions: { code } }] });

/** Answers `res` with the refusal; `retryAfterSeconds` tells the client when to try again. */
export function sendError(res: Response, status: number, code: Code, message: string, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(retryAfterSeconds));
  res.status(status).json(errorBody(message, code));
}
