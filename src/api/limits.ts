// Protection for a public endpoint: query depth, aliases, cost, tokens and directives through
// graphql-armor; page sizes through our own check (the generated @limit caps silently, and a
// dashboard should learn that its page was too large rather than get fewer rows).
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit, type ValueNode } from "graphql";
import type { ServiceConfig } from "../config.ts";
import { ErrorCode } from "./errors.ts";

const PAGE_ARGUMENTS = new Set(["limit", "first"]);

export function armor(config: ServiceConfig, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true },
    maxAliases: { n: config.MAX_ALIASES, allowList: [] },
    costLimit: { maxCost: config.MAX_QUERY_COST, ignoreIntrospection: true },
    maxTokens: { n: config.MAX_QUERY_TOKENS },
    maxDirectives: { n: 20 },
    // Suggestions ("Did you mean ...?") reveal the schema; off in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

function numericValue(node: ValueNode, variables: Record<string, unknown> | undefined): number | null {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return typeof value === "number" ? value : null;
  }
  return null;
}

export function pageSizeLimit(maxPageSize: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          visit(document, {
            Argument(node) {
              if (!PAGE_ARGUMENTS.has(node.name.value)) return;
              const value = numericValue(node.value, request.variables);
              if (value !== null && value > maxPageSize) {
                throw new GraphQLError(`Argument '${node.name.value}' is ${value}; the largest page is ${maxPageSize}`, {
                  extensions: { code: ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED, http: { status: 400 } },
                });
              }
            },
          });
        },
      };
    },
  };
}
