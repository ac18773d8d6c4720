// Admission control for a public endpoint, in front of Apollo (Express middleware on /graphql):
//  - a per-client rate limit (express-rate-limit): 429 with Retry-After. Answers served from the
//    response cache are refunded, since they cost Neo4j nothing; what is limited is Neo4j work.
//  - a cap on concurrent requests (async-mutex's semaphore): a request beyond the cap waits up to
//    ADMISSION_WAIT_MS for a slot, then gets 503 with Retry-After, so a burst queues briefly
//    instead of piling transactions onto Neo4j until every one of them times out.
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
    requestWasSuccessful: (_req, res) => res.statusCode < 400 && res.getHeader("age") !== undefined,
    handler: (_req, res, _next, options) => {
      const retryAfter = Number(res.getHeader("Retry-After")) || Math.ceil(options.windowMs / 1000);
      refusal(res, 429, retryAfter, ErrorCode.RATE_LIMITED, `Too many requests: at most ${options.limit} a minute per client; retry after ${retryAfter} s`);
    },
  });
}

/** 503 when every slot stayed busy for waitMs; the slot is freed when the response ends. */
export function concurrencyCap(limits: AdmissionLimits): RequestHandler {
  const slots = withTimeout(new Semaphore(limits.maxConcurrent), limits.waitMs);
  const retryAfter = Math.max(1, Math.ceil(limits.waitMs / 1000));
  return async (_req: Request, res: Response, next: NextFunction) => {
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
    let released = false;
    const releaseOnce = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    // 'close' follows 'finish', and also fires when the client goes away first.
    res.once("close", releaseOnce);
    next();
  };
}

export function admission(limits: AdmissionLimits): RequestHandler[] {
  return [rateLimiter(limits), concurrencyCap(limits)];
}
