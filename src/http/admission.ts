// Admission control for a public endpoint, in front of Apollo (Express middleware on /graphql):
//  - a per-client rate limit (express-rate-limit): 429 with Retry-After. Answers served from the
//    response cache are refunded, since they cost Neo4j nothing; what is limited is Neo4j work.
//  - a cap on concurrent requests (Slots, below) around Apollo's handler: a request beyond the cap
//    waits for a slot, so a burst queues briefly instead of piling transactions onto Neo4j until
//    every one of them times out. It waits only as long as it can still win: at most
//    ADMISSION_WAIT_MS, and never past what its budget (the guard's deadline, http/graphql-guard.ts)
//    leaves for the work itself. A request that by the queue's pace would not get a slot in that
//    time is refused at once (503 OVERLOADED, Retry-After), not after waiting for nothing; one
//    that waits is refused when its time is up. While Neo4j is down or warming up the refusal is
//    the one answer of unavailable.ts (DATABASE_UNAVAILABLE), and every queued request gets it
//    the moment Neo4j is seen down: a queue behind requests stuck on a vanished Neo4j used to hold
//    each one 2 s for an OVERLOADED.
// The rate limit goes before the body is read; the cap after it (graphql-route.ts).
// Every refusal is GraphQL-shaped JSON with a code, like every other refusal of this API.
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import type { Availability, ServiceAvailability } from "../api/availability.ts";
import { ErrorCode } from "../api/errors.ts";
import { sendError } from "./error-response.ts";
import { refuseUnavailable } from "./unavailable.ts";

export interface AdmissionLimits {
  /** Requests one client (IP address) may make per minute; 0 turns the limit off. */
  ratePerMinute: number;
  /** GraphQL requests executing at once. */
  maxConcurrent: number;
  /** How long a request waits for a slot before it is refused. */
  waitMs: number;
}

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
      sendError(res, 429, ErrorCode.RATE_LIMITED, `Too many requests: at most ${options.limit} a minute per client; retry after ${retryAfter} s`, retryAfter);
    },
  });
}

/** What the queue looks like to a request arriving now. */
export interface QueueView {
  /** Slots free now, and requests waiting for one. */
  free: number;
  queued: number;
  maxConcurrent: number;
  /** How long a request has held its slot, recently (a moving average; 0 before any). */
  typicalHoldMs: number;
  /** ADMISSION_WAIT_MS. */
  waitMs: number;
  /** What the request's budget leaves (Infinity without a deadline). */
  budgetLeftMs: number;
  availability: Availability;
}

export type AdmissionDecision =
  | { action: "run" }
  | { action: "wait"; upToMs: number }
  | { action: "refuse"; code: typeof ErrorCode.OVERLOADED | typeof ErrorCode.DATABASE_UNAVAILABLE };

/** The refusal's code: while Neo4j is down or warming up, the one answer for that, not OVERLOADED. */
export const refusalCode = (availability: Availability) => (availability === "up" ? ErrorCode.OVERLOADED : ErrorCode.DATABASE_UNAVAILABLE);

/** Requests executing at once while Neo4j warms up: the service's warm-up comes first (with the cap
 *  alone, the requests let through beside it, each holding a cold query until QUERY_TIMEOUT_MS,
 *  made the warm-up 2-9 times as long), and one is enough to see whether Neo4j answers yet. */
export const WARMING_MAX_CONCURRENT = 1;

/** Run now, wait (for how long at most), or refuse now. Pure: the queue's state in, a decision out. */
export function decideAdmission(view: QueueView): AdmissionDecision {
  if (view.availability === "down") return { action: "refuse", code: ErrorCode.DATABASE_UNAVAILABLE };
  if (view.availability === "warming") {
    // No queue: a budget of under a second leaves no time to wait for a cold query to end.
    const running = view.maxConcurrent - view.free;
    return running < Math.min(WARMING_MAX_CONCURRENT, view.maxConcurrent) && view.queued === 0
      ? { action: "run" }
      : { action: "refuse", code: ErrorCode.DATABASE_UNAVAILABLE };
  }
  // First come, first served: a free slot goes to the queue's head, not to a newcomer.
  if (view.free > 0 && view.queued === 0) return { action: "run" };
  // A slot won later than this is of no use: the work itself still needs about the typical hold
  // before the deadline answers for it.
  const upToMs = Math.min(view.waitMs, view.budgetLeftMs - view.typicalHoldMs);
  // Slots free up at about maxConcurrent per typicalHoldMs: the n-th in line waits n such shares.
  const expectedMs = ((view.queued + 1) * view.typicalHoldMs) / view.maxConcurrent;
  if (upToMs <= 0 || expectedMs > upToMs) return { action: "refuse", code: refusalCode(view.availability) };
  return { action: "wait", upToMs };
}

/** Weight of the latest hold in the moving average: about the last ten requests count. */
const HOLD_AVERAGE_WEIGHT = 0.2;

/** A counting semaphore with a first-in, first-out queue whose waiters each have their own limit. */
export class Slots {
  private running = 0;
  private readonly waiting: Array<(won: boolean) => void> = [];
  /** Moving average of how long a slot was held. */
  typicalHoldMs = 0;

  constructor(readonly max: number) {}

  get free(): number {
    return this.max - this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Takes a free slot (the caller checked there is one); returns its release. */
  take(): () => void {
    this.running += 1;
    return this.holder();
  }

  /** Waits at most upToMs for a slot: its release, or null when the time ran out or cancelAll came. */
  wait(upToMs: number): Promise<(() => void) | null> {
    return new Promise((resolve) => {
      const waiter = (won: boolean) => {
        clearTimeout(timer);
        resolve(won ? this.holder() : null);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve(null);
      }, upToMs);
      this.waiting.push(waiter);
    });
  }

  /** Ends every wait now, unsuccessfully. */
  cancelAll(): void {
    for (const waiter of this.waiting.splice(0)) waiter(false);
  }

  private holder(): () => void {
    const since = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const held = performance.now() - since;
      this.typicalHoldMs = this.typicalHoldMs === 0 ? held : this.typicalHoldMs + HOLD_AVERAGE_WEIGHT * (held - this.typicalHoldMs);
      // The slot passes straight to the queue's head, so a newcomer cannot take it first.
      const next = this.waiting.shift();
      if (next) next(true);
      else this.running -= 1;
    };
  }
}

/**
 * Apollo's handler behind a cap on concurrent requests (see the top of this file). The slot is
 * held until Apollo's handling has ended, i.e. until the request's Neo4j work is over, not until
 * the response closes: the guard answers at the deadline while Neo4j still runs the transaction,
 * and a client that goes away does not stop it either. Mounted after the body parser and the
 * token limit, so only parsed requests compete for slots (a slow upload holds none).
 */
export function concurrencyCapped(
  limits: AdmissionLimits,
  availability: Pick<ServiceAvailability, "current" | "onChange">,
  handler: (req: Request, res: Response) => Promise<void>,
): RequestHandler {
  const slots = new Slots(limits.maxConcurrent);
  availability.onChange((state) => {
    if (state === "down") slots.cancelAll();
  });
  const retryAfter = Math.max(1, Math.ceil(limits.waitMs / 1000));
  const refuse = (res: Response, code: ErrorCode) => {
    // The guard may have answered already (its deadline, Neo4j seen down).
    if (res.headersSent) return;
    if (code === ErrorCode.DATABASE_UNAVAILABLE) return refuseUnavailable(res);
    sendError(res, 503, code, `The service is at its limit of ${limits.maxConcurrent} queries at once; retry after ${retryAfter} s`, retryAfter);
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    const deadlineAt = res.locals.deadlineAt as number | undefined;
    const decision = decideAdmission({
      free: slots.free,
      queued: slots.queued,
      maxConcurrent: slots.max,
      typicalHoldMs: slots.typicalHoldMs,
      waitMs: limits.waitMs,
      budgetLeftMs: deadlineAt === undefined ? Infinity : deadlineAt - performance.now(),
      availability: availability.current,
    });
    if (decision.action === "refuse") return refuse(res, decision.code);
    const release = decision.action === "run" ? slots.take() : await slots.wait(decision.upToMs);
    if (!release) return refuse(res, refusalCode(availability.current));
    // The client may have left while waiting, or the guard answered it: nothing to run for it.
    if (res.headersSent || res.writableEnded || req.socket.destroyed) return release();
    try {
      await handler(req, res);
    } catch (error) {
      next(error);
    } finally {
      release();
    }
  };
}
