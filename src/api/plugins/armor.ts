// graphql-armor's limits on query depth, aliases, cost and directives, and field suggestions.
// Each limit codes its own rejections through armor's onReject callback: the error it reports
// carries the limit's code (and is marked with it, errors.ts), so no code depends on the wording
// of armor's messages. Without this, armor's Apollo default reports a copy coded BAD_USER_INPUT.
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext } from "graphql";
import type { ServiceConfig } from "../../config.ts";
import { ErrorCode, markLimitRejection, refusal } from "../errors.ts";

const rejectWith = (code: ErrorCode) => ({
  // Reported by us instead of thrown: a validation error, answered with 400.
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, rejection: GraphQLError) => {
      const error = refusal(rejection.message, code);
      markLimitRejection(error, code);
      if (!context) throw error;
      context.reportError(error);
    },
  ],
});

export function armor(config: ServiceConfig, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true, ...rejectWith(ErrorCode.DEPTH_LIMIT_EXCEEDED) },
    maxAliases: { n: config.MAX_ALIASES, allowList: [], ...rejectWith(ErrorCode.ALIAS_LIMIT_EXCEEDED) },
    // The cost limit is ours (query-cost.ts): armor's counts selections, so nested lists of 100
    // items each passed; ours multiplies by the effective page sizes.
    costLimit: { enabled: false },
    // Counted before Apollo by tokenLimit() (src/http/limits.ts): armor's check throws inside a plugin
    // hook, which Apollo answers with a 500 instead of a client error.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, ...rejectWith(ErrorCode.DIRECTIVE_LIMIT_EXCEEDED) },
    // Suggestions ("Did you mean ...?") reveal the schema; off in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
