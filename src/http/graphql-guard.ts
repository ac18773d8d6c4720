// What /graphql answers when Neo4j cannot: at once while Neo4j is known to be down, and at the
// latest after QUERY_TIMEOUT_MS whatever happens below. Neo4j's own transaction timeout is checked
// only every few seconds and does not count the wait for a connection or a retry, so responses
// took 5.6-15 s with QUERY_TIMEOUT_MS=5000; and during an outage requests hung up to 15 s.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { ErrorCode } from "../api/errors.ts";
import type { Logger } from "../logger.ts";
import type { Neo4jMonitor } from "../neo4j/monitor.ts";

const UNAVAILABLE = { message: "The database is unavailable", extensions: { code: ErrorCode.DATABASE_UNAVAILABLE } };
const TIMED_OUT = { message: "The query took longer than allowed", extensions: { code: ErrorCode.QUERY_TIMEOUT } };
const WARMING_UP = {
  message: "The database has just started and is still warming up; try again in a few seconds",
  extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
};

/** A Neo4j that (re)started this recently is warming up: its first queries are planned by a cold
 *  JVM, and took 3-13 s after a restart here; those requests are not the client's doing. */
export const WARM_UP_MS = 60_000;

/** The GraphQL route behind a fail-fast gate and a response deadline. */
export function guardGraphQL(
  graphql: Router,
  { monitor, timeoutMs, log }: { monitor: Neo4jMonitor; timeoutMs: number; log: Logger },
): Router {
  const router = express.Router();
  router.use("/graphql", (req: Request, res: Response, next: NextFunction) => {
    // CORS preflights and the like never reach Neo4j.
    if (req.method !== "GET" && req.method !== "POST") return next();
    if (!monitor.current.connected) {
      // Nothing was executed, so 503 and a hint when to try again; the request is also a reason
      // to look again, so that the first request after Neo4j returns is served.
      monitor.checkSoon();
      res.status(503).setHeader("retry-after", "1");
      res.json({ errors: [UNAVAILABLE] });
      return;
    }
    const deadline = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.deadlinePassed = true;
      monitor.checkSoon();
      const { connected, recoveredAt } = monitor.current;
      const error = !connected ? UNAVAILABLE : recoveredAt !== null && Date.now() - recoveredAt < WARM_UP_MS ? WARMING_UP : TIMED_OUT;
      log.warn({ reqId: (req as { id?: unknown }).id, timeoutMs, code: error.extensions.code }, `answered at the request's deadline: ${error.message}`);
      if (error !== TIMED_OUT) res.status(503).setHeader("retry-after", "2");
      res.json({ errors: [error] });
    }, timeoutMs);
    res.once("close", () => clearTimeout(deadline));
    next();
  });
  router.use(graphql);
  // The work behind an answered deadline still ends (Neo4j times the transaction out); its late
  // attempt to answer fails with ERR_HTTP_HEADERS_SENT, which is expected and goes no further.
  router.use("/graphql", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.locals.deadlinePassed) return;
    next(error);
  });
  return router;
}
