// The one answer a request gets when Neo4j cannot do its work (down, warming up, gone mid-request):
// HTTP 503, Retry-After and a single DATABASE_UNAVAILABLE error without data, whichever gate gave
// it (the fail-fast gate, the deadline, admission) and also when the failure surfaced inside
// execution. Before, such a failure in a nullable field reached the client as HTTP 200 with
// `data: { neighbourhood: null }` and a field error, while the requests beside it got a 503.
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Response } from "express";
import type { GraphQLFormattedError } from "graphql";
import { ErrorCode } from "../api/errors.ts";
import { errorBody, sendError } from "./error-response.ts";

/** Seconds a refused client is asked to wait: Neo4j back is seen within about a second. */
export const UNAVAILABLE_RETRY_AFTER_S = 1;

export const UNAVAILABLE_MESSAGE = "The database is unavailable";
export const WARMING_UP_MESSAGE = "The database has just restarted and is still warming up; try again in a second";

export const unavailableBody = (message = UNAVAILABLE_MESSAGE) => errorBody(message, ErrorCode.DATABASE_UNAVAILABLE);

/** Answers an Express response with the one refusal. */
export function refuseUnavailable(res: Response, message = UNAVAILABLE_MESSAGE): void {
  sendError(res, 503, ErrorCode.DATABASE_UNAVAILABLE, message, UNAVAILABLE_RETRY_AFTER_S);
}

/** True when any error sent says the database was unavailable: the whole answer is then the refusal. */
export const saysUnavailable = (errors: readonly GraphQLFormattedError[] | undefined): boolean =>
  Boolean(errors?.some((error) => error.extensions?.code === ErrorCode.DATABASE_UNAVAILABLE));

/**
 * Apollo plugin: an answer carrying DATABASE_UNAVAILABLE (formatted by errors.ts from the driver's
 * failure) becomes the refusal, its partial data dropped; `onUnavailable` hears of it, so that the
 * service looks at Neo4j again at once. First among the plugins, so that the others (the request
 * log, the caches) see the 503.
 */
export function oneUnavailableAnswer<Context extends BaseContext>(onUnavailable: () => void): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !saysUnavailable(response.body.singleResult.errors)) return;
          onUnavailable();
          response.http.status = 503;
          response.http.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_S));
          response.body.singleResult = unavailableBody();
        },
      };
    },
  };
}
