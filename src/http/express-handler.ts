// Apollo Server on Express for /graphql, in place of @as-integrations/express5's middleware: the
// same translation of the request and the response, plus one thing it cannot do, running a
// request again from the start when its transactions read two generations of the graph (a load
// swapped graphs between them, src/api/one-generation.ts). Each attempt gets a fresh context, so
// its reads, the response cache's decision and the ETag are its own; only the last is sent.
import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from "@apollo/server";
import type { Request, Response } from "express";
import type { Logger } from "../logger.ts";
import { ErrorCode } from "../api/errors.ts";
import { sendError } from "./error-response.ts";
import { REQUEST_ATTEMPTS, retryDelayMs } from "../api/one-generation.ts";
import type { ApiContext } from "../api/resolvers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function graphQLRequestOf(req: Request): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const query = req.originalUrl.indexOf("?");
  return { method: req.method.toUpperCase(), headers, search: query === -1 ? "" : req.originalUrl.slice(query), body: req.body as unknown };
}

/** The /graphql handler: `contextFor` makes each attempt's context. A request read again (a
 *  transaction or the whole request) gets a log line saying how often: the swap probe counts them. */
export function graphQLHandler(server: ApolloServer<ApiContext>, contextFor: (req: Request, res: Response) => ApiContext, log: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const httpGraphQLRequest = graphQLRequestOf(req);
    let transactionRetries = 0;
    for (let attempt = 1; ; attempt++) {
      const context = contextFor(req, res);
      const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
      const { pin } = context;
      transactionRetries += pin.retries;
      const last = !pin.spanned || attempt >= REQUEST_ATTEMPTS;
      if (last && (attempt > 1 || transactionRetries > 0)) {
        log.info({ reqId: context.reqId, requestAttempts: attempt, transactionRetries, gaveUp: pin.failed }, "graph generation changed during the request: read again");
      }
      // Answered already (the deadline, src/http/graphql-guard.ts) or the client left: nothing to send.
      if (res.headersSent || req.socket.destroyed) return;
      if (!last) {
        await sleep(retryDelayMs(attempt));
        continue;
      }
      if (pin.failed) {
        return sendError(res, 503, ErrorCode.GRAPH_CHANGED, "A load replaced the graph while the query ran, on every attempt; retry in a moment", 1);
      }
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") {
        res.send(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
      return;
    }
  };
}
