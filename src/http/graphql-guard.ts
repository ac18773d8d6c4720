// What /graphql answers when Neo4j cannot: the one refusal (unavailable.ts) at once while Neo4j
// is known to be down, within a second while it warms up after a restart, at once for every request
// in flight when it is seen to go down, and at the latest after QUERY_TIMEOUT_MS whatever happens
// below. Neo4j's own transaction timeout is checked only every few seconds and does not count the
// wait for a connection or a retry, so responses took 5.6-15 s with QUERY_TIMEOUT_MS=5000; and
// during an outage requests hung up to 15 s.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { ErrorCode } from "../api/errors.ts";
import type { Availability, ServiceAvailability } from "../api/availability.ts";
import { errorBody } from "./error-response.ts";
import { refuseUnavailable, UNAVAILABLE_MESSAGE, WARMING_UP_MESSAGE } from "./unavailable.ts";
import type { Logger } from "../logger.ts";


/** A request's budget while Neo4j warms up: its answer, or the refusal, comes within a second
 *  (a cold Neo4j planned a query for 3-13 s, and such a request was refused only at 5 s). */
export const WARMING_BUDGET_MS = 600;
/** A request still unanswered after this is a reason to look at Neo4j now: a stopped or killed
 *  Neo4j is then seen down within about half a second, not at the next scheduled check (2 s). */
export const SUSPECT_AFTER_MS = 400;

/** How long a request arriving now may take before the guard answers it; null: refused at once. */
export function budgetFor(availability: Availability, timeoutMs: number): number | null {
  if (availability === "down") return null;
  return availability === "warming" ? Math.min(WARMING_BUDGET_MS, timeoutMs) : timeoutMs;
}

export type GuardAnswer = "unavailable" | "warming-up" | "timed-out";

/** The answer at a request's deadline: QUERY_TIMEOUT only for a request that had its whole budget
 *  on a Neo4j that was up and still is; otherwise the cause is Neo4j, not the query's cost. */
export function deadlineAnswer(admittedAs: Availability, now: Availability): GuardAnswer {
  if (now === "down") return "unavailable";
  return admittedAs === "warming" ? "warming-up" : "timed-out";
}

/** The GraphQL route behind a fail-fast gate and a response deadline. */
export function guardGraphQL(
  graphql: Router,
  { availability, timeoutMs, log }: { availability: ServiceAvailability; timeoutMs: number; log: Logger },
): Router {
  // Every request in flight, by the function that answers it now.
  const inFlight = new Set<(answer: GuardAnswer) => void>();
  availability.onChange((state) => {
    if (state === "down") for (const answerNow of [...inFlight]) answerNow("unavailable");
  });

  const router = express.Router();
  router.use("/graphql", (req: Request, res: Response, next: NextFunction) => {
    // CORS preflights and the like never reach Neo4j.
    if (req.method !== "GET" && req.method !== "POST") return next();
    const admittedAs = availability.current;
    const budget = budgetFor(admittedAs, timeoutMs);
    if (budget === null) {
      // Nothing was executed, so 503 and a hint when to try again; the request is also a reason
      // to look again, so that the first request after Neo4j returns is served.
      availability.suspect();
      return refuseUnavailable(res);
    }
    // Admission (admission.ts) holds no request past it.
    res.locals.deadlineAt = performance.now() + budget;
    const answerNow = (answer: GuardAnswer) => {
      if (res.headersSent) return;
      res.locals.answeredByGuard = true;
      log.warn({ reqId: (req as { id?: unknown }).id, budgetMs: budget, answer }, "answered before the API did");
      if (answer === "timed-out") res.json(errorBody("The query took longer than allowed", ErrorCode.QUERY_TIMEOUT));
      else refuseUnavailable(res, answer === "warming-up" ? WARMING_UP_MESSAGE : UNAVAILABLE_MESSAGE);
    };
    const suspect = setTimeout(() => availability.suspect(), Math.min(SUSPECT_AFTER_MS, budget));
    const deadline = setTimeout(() => answerNow(deadlineAnswer(admittedAs, availability.current)), budget);
    inFlight.add(answerNow);
    res.once("close", () => {
      clearTimeout(suspect);
      clearTimeout(deadline);
      inFlight.delete(answerNow);
    });
    next();
  });
  router.use(graphql);
  // The work behind an answered request still ends (Neo4j times the transaction out); its late
  // attempt to answer fails with ERR_HTTP_HEADERS_SENT, which is expected and goes no further.
  router.use("/graphql", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.locals.answeredByGuard) return;
    next(error);
  });
  return router;
}
