// Admission control for a public endpoint, in front of Apollo (Express middleware on /graphql):
//  - a per-client rate limit (express-rate-limit): 429 with Retry-After. Answers served from the
//    response cache are refunded, since they cost Neo4j nothing; what is limited is Neo4j work.
//  - a cap on concurrent requests (async-mutex's semaphore) around Apollo's handler: a request
//    beyond the cap waits up to ADMISSION_WAIT_MS for a slot, then gets 503 with Retry-After, so a
//    burst queues briefly instead of piling transactions onto Neo4j until every one of them times out.
// The rate limit goes before the body is read; the cap after it (server.ts).
// Both refusals are GraphQL-shaped JSON with a code, like every other refusal of this API.
import { E_TIMEOUT, Semaphore, withTimeout } from "async-mutex";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import { ErrorCode } from "./errors.ts";

export interface AdmissionLimits {
  /** Requests one client (IP address) may make per minute; 0 turns the limit off. */
  ratePerMinute: number;
  /** GraphQL requests executing at once. */
  maxConcurrent: number;
  /** How long a request waits for a slot before it is refused. */
  waitMs: number;
}

const refusal = (res: Response, status: number, retryAfterSeconds: number, code: ErrorCode, message: string) => {
  res.setHeader("Retry-After", String(retryAfterSeconds));
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** 429 for a client over its rate; the library sets Retry-After to the end of the window. */
export function rateLimiter(limits: AdmissionLimits): RequestHandler {
  if (limits.ratePerMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: limits.ratePerMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // A cached answer (the response cache sets Age on a hit) did no Neo4j work: refunded.
    skipSuccessfulRequests: true,
    // Refunded: answers that cost Neo4j nothing, a response-cache hit (Age) or a conditional GET's 304.
    requestWasSuccessful: (_req, res) => res.statusCode === 304 || (res.statusCode < 400 && res.getHeader("age") !== undefined),
    handler: (_req, res, _next, options) => {
      const retryAfter = Number(res.getHeader("Retry-After")) || Math.ceil(options.windowMs / 1000);
      refusal(res, 429, retryAfter, ErrorCode.RATE_LIMITED, `Too many requests: at most ${options.limit} a minute per client; retry after ${retryAfter} s`);
    },
  });
}

/**
 * Apollo's handler behind a cap on concurrent requests: 503 when every slot stayed busy for waitMs.
 * The slot is held until Apollo's handling has ended, i.e. until the request's Neo4j work is over,
 * not until the response closes: the deadline (graphql-guard.ts) answers at QUERY_TIMEOUT_MS while
 * Neo4j still runs the transaction, and a client that goes away does not stop it either. Mounted
 * after the body parser and the token limit, so only parsed requests compete for slots (a slow
 * upload holds none).
 */
export function concurrencyCapped(limits: AdmissionLimits, handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  const slots = withTimeout(new Semaphore(limits.maxConcurrent), limits.waitMs);
  const retryAfter = Math.max(1, Math.ceil(limits.waitMs / 1000));
  return async (req: Request, res: Response, next: NextFunction) => {
    let release: () => void;
    try {
      [, release] = await slots.acquire();
    } catch (error) {
      if (error !== E_TIMEOUT) return next(error);
      return refusal(
        res,
        503,
        retryAfter,
        ErrorCode.OVERLOADED,
        `The service is at its limit of ${limits.maxConcurrent} queries at once; retry after ${retryAfter} s`,
      );
    }
    // The client may have left while waiting: nothing to run for it.
    if (res.writableEnded || req.socket.destroyed) return release();
    try {
      await handler(req, res);
    } catch (error) {
      next(error);
    } finally {
      release();
    }
  };
}

