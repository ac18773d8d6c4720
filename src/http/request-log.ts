// One log line for every answer, 500s included. GraphQL requests that Apollo answers get theirs
// from the request logger (src/api/plugins/request-logger.ts: operation, outcome, codes); every
// other answer, on /graphql too (a body refused by the parser, the token limit, the rate limit,
// admission, Neo4j down, an error Apollo answers 500 without its plugins), gets pino-http's. Those
// used to leave no line at all: pino-http skipped every /graphql URL.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.ts";
import { sendError } from "./error-response.ts";

const isProbe = (url: string | undefined) => /^\/(ready|health)(\?|$)/.test(url ?? "");
/** pino-http's stand-in error for a response that merely has a 5xx status. */
const answeredStatus = (error: Error, status: number) => error.message === `failed with status code ${status}`;

/** Marks a response whose line the GraphQL request logger wrote. */
export function markLogged(res: Response): void {
  res.locals.requestLogged = true;
}

export function requestLog(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    customLogLevel: (req, res, err) => {
      if ((res as Response).locals?.requestLogged) return "silent";
      // An exception is an error. A probe's 503, and a 503 with Retry-After (Neo4j down, overloaded,
      // starting), is an answer given on purpose, not a failure of the service: what made it is
      // logged once, where it happens. Other 5xx answers are warnings.
      if (err || (res as { err?: unknown }).err) return "error";
      const deliberate = isProbe(req.url) || (res.statusCode === 503 && res.hasHeader("retry-after"));
      return res.statusCode >= 500 && !deliberate ? "warn" : "info";
    },
    // A status the app answered on purpose (a 503 from /ready) is no exception: no stack trace.
    customErrorObject: (_req, res, error, value: Record<string, unknown>) => (answeredStatus(error, res.statusCode) ? { ...value, err: undefined } : value),
    genReqId: (req, res) => {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
  }) as RequestHandler;
}

/** The last error handler: an error no route answered is a 500 with a code, in JSON (not Express's
 *  HTML page), and its line carries the error with its stack. */
export function answerUnexpectedError(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  (res as { err?: unknown }).err = error instanceof Error ? error : new Error(String(error));
  sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
}
