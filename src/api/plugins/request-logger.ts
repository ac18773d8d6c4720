// One log line per GraphQL request: id, operation, duration and outcome.
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "../../logger.ts";
import type { ApiContext } from "../resolvers.ts";

export function requestLogger(log: Logger): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      const reqId = contextValue.reqId;
      return {
        async willSendResponse({ response, operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (errors ?? []).map((e) => e.extensions?.code).filter(Boolean);
          log.info(
            {
              reqId,
              operationName: operationName ?? request.operationName ?? null,
              durationMs: Math.round(ms * 10) / 10,
              outcome: codes.length ? "error" : "ok",
              errorCodes: codes,
              status: response.http.status ?? 200,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
