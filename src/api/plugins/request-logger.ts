// One log line per GraphQL request that Apollo answers: id, operation, duration, HTTP status and
// the real outcome, read from the errors the client is sent (after formatError), so an error raised during
// execution (QUERY_TIMEOUT, DATABASE_UNAVAILABLE, an internal error) is logged as what it is.
// An internal error, a defect by definition, is also logged at error level with the request id
// and the original error (its stack), which the client is never sent.
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { isInternalError } from "../errors.ts";
import type { Logger } from "../../logger.ts";
import type { ApiContext } from "../resolvers.ts";

export function requestLogger(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    // Apollo answers such a request 500 without willSendResponse: its line is the HTTP log's
    // (src/http/request-log.ts), and the error itself is logged here.
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const err = error instanceof Error ? error : new Error(String(error));
      log.error({ reqId: requestContext.contextValue.reqId, operationName: requestContext.request.operationName ?? null, err }, "graphql internal error");
    },
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      const reqId = contextValue.reqId;
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isInternalError(error)) continue;
            const cause = unwrapResolverError(error);
            log.error(
              {
                reqId,
                operationName: operationName ?? request.operationName ?? null,
                path: error.path ?? null,
                err: cause instanceof Error ? cause : new Error(String(cause)),
              },
              "graphql internal error",
            );
          }
        },
        async willSendResponse({ response, operationName }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const result = response.body.kind === "single" ? response.body.singleResult : null;
          const sent = result?.errors ?? [];
          const codes = sent.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          log.info(
            {
              reqId,
              operationName: operationName ?? request.operationName ?? null,
              durationMs: Math.round(ms * 10) / 10,
              // Any error sent makes the request an error, even beside partial data.
              outcome: codes.length ? "error" : "ok",
              errorCodes: [...new Set(codes)],
              status: response.http.status ?? 200,
            },
            "graphql request",
          );
          contextValue.onLogged?.();
        },
      };
    },
  };
}
