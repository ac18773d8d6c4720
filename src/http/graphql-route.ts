// The HTTP side of /graphql, in the order a request meets it: CORS, the rate limit (before the body
// is read), the body (size, UTF-8 JSON), the token limit and the variables' nesting, then a
// concurrency slot held until Apollo, and so Neo4j, is done (admission.ts); Apollo's handler
// (express-handler.ts) runs inside the slot. A body the parser refuses gets a coded error.
// GET /api-limits.json says what a client must know to page without a refusal.
import type { ApolloServer } from "@apollo/server";
import cors from "cors";
import express, { type Router } from "express";
import type { ServiceConfig } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { ServiceAvailability } from "../api/availability.ts";
import { ErrorCode } from "../api/errors.ts";
import type { ApiContext } from "../api/resolvers.ts";
import { concurrencyCapped, rateLimiter, type AdmissionLimits } from "./admission.ts";
import { requireUtf8Body } from "./body-charset.ts";
import { sendError } from "./error-response.ts";
import { graphQLHandler } from "./express-handler.ts";
import { tokenLimit, variablesDepthLimit } from "./limits.ts";
import { markLogged } from "./request-log.ts";

export interface GraphQLRouteDeps {
  config: ServiceConfig;
  server: ApolloServer<ApiContext>;
  /** A fresh context for each attempt of a request (src/api/server.ts). */
  contextFor: (reqId: string, onLogged?: () => void) => ApiContext;
  availability: ServiceAvailability;
  log: Logger;
}

export function graphqlRoute({ config, server, contextFor, availability, log }: GraphQLRouteDeps): Router {
  const limits: AdmissionLimits = {
    ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxConcurrent: config.MAX_CONCURRENT_QUERIES,
    waitMs: config.ADMISSION_WAIT_MS,
  };
  const apollo = graphQLHandler(server, (req, res) => contextFor(String((req as { id?: unknown }).id ?? ""), () => markLogged(res)), log);
  const router = express.Router();
  // What a client must know to page without a refusal; the explorer reads its page size here.
  router.get("/api-limits.json", (_req, res) => {
    res.setHeader("cache-control", "public, max-age=300");
    res.json({ maxPageSize: config.MAX_PAGE_SIZE, maxListLength: config.MAX_LIST_LENGTH });
  });
  router.use(
    "/graphql",
    cors({ origin: config.CORS_ORIGINS.includes("*") ? true : config.CORS_ORIGINS, methods: ["GET", "POST"] }),
    // A client over its rate is refused before its body is read.
    rateLimiter(limits),
    express.json({ limit: config.MAX_BODY_BYTES, verify: requireUtf8Body }),
    tokenLimit(config.MAX_QUERY_TOKENS),
    variablesDepthLimit(config.MAX_VARIABLES_DEPTH),
    // Only parsed requests wait for a slot, and each holds it until Apollo (and so Neo4j) is done.
    concurrencyCapped(limits, availability, async (req, res) => {
      await apollo(req, res);
    }),
  );
  // A body the parser refuses (too large, not JSON, an unknown charset or content encoding) gets
  // a GraphQL-shaped error with a code, not Express's HTML page.
  router.use("/graphql", (error: { type?: string; status?: number; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error.type === "entity.too.large") sendError(res, 413, ErrorCode.REQUEST_TOO_LARGE, `Request body exceeds ${config.MAX_BODY_BYTES} bytes`);
    else if (error.type === "entity.parse.failed") sendError(res, 400, ErrorCode.BAD_REQUEST, "Request body is not valid JSON");
    else if (error.type === "charset.unsupported" || error.type === "encoding.unsupported") {
      // body-parser's message names the charset or encoding, e.g. unsupported charset "LATIN9".
      sendError(res, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, `${error.message}; send UTF-8 JSON, uncompressed or gzip, deflate or br`);
    } else if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
      sendError(res, error.status, ErrorCode.BAD_REQUEST, error.message ?? "Bad request");
    } else next(error);
  });
  return router;
}
