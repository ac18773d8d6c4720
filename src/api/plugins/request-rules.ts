// Rules checked once the operation is known: the API is read-only (a mutation gets READ_ONLY, not
// an execution error), and no page may exceed maxPageSize (the generated @limit caps silently, and
// a dashboard should learn that its page was too large rather than get fewer rows). Limit
// rejections, these and armor's, are client errors (400).
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, visit, type ValueNode } from "graphql";
import { ErrorCode } from "../errors.ts";

const PAGE_ARGUMENTS = new Set(["limit", "first"]);
const LIMIT_CODES = new Set<string>([
  ErrorCode.DEPTH_LIMIT_EXCEEDED,
  ErrorCode.ALIAS_LIMIT_EXCEEDED,
  ErrorCode.COST_LIMIT_EXCEEDED,
  ErrorCode.TOKEN_LIMIT_EXCEEDED,
  ErrorCode.DIRECTIVE_LIMIT_EXCEEDED,
]);

function numericValue(node: ValueNode, variables: Record<string, unknown> | undefined): number | null {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return typeof value === "number" ? value : null;
  }
  return null;
}

export function requestRules(maxPageSize: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          if (errors?.length && errors.every((e) => LIMIT_CODES.has(String(e.extensions?.code)))) response.http.status = 400;
        },
        async didResolveOperation({ document, request, operation }) {
          if (operation && operation.operation !== "query") {
            throw new GraphQLError(`This API is read-only: ${operation.operation} operations are not served`, {
              extensions: { code: ErrorCode.READ_ONLY, http: { status: 400 } },
            });
          }
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
