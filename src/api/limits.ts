// Protection for a public endpoint: query depth, aliases, cost, tokens and directives through
// graphql-armor; page sizes through our own check (the generated @limit caps silently, and a
// dashboard should learn that its page was too large rather than get fewer rows).
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import { GraphQLError, Kind, Lexer, Source, TokenKind, visit, type ValueNode } from "graphql";
import type { ServiceConfig } from "../config.ts";
import { ErrorCode } from "./errors.ts";

const PAGE_ARGUMENTS = new Set(["limit", "first"]);
const LIMIT_CODES = new Set<string>([
  ErrorCode.DEPTH_LIMIT_EXCEEDED,
  ErrorCode.ALIAS_LIMIT_EXCEEDED,
  ErrorCode.COST_LIMIT_EXCEEDED,
  ErrorCode.TOKEN_LIMIT_EXCEEDED,
  ErrorCode.DIRECTIVE_LIMIT_EXCEEDED,
]);

export function armor(config: ServiceConfig, production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_QUERY_DEPTH, ignoreIntrospection: true },
    maxAliases: { n: config.MAX_ALIASES, allowList: [] },
    costLimit: { maxCost: config.MAX_QUERY_COST, ignoreIntrospection: true },
    // Counted before Apollo by tokenLimit() below: armor's check throws inside a plugin hook,
    // which Apollo answers with a 500 instead of a client error.
    maxTokens: { enabled: false },
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

/**
 * Rules checked once the operation is known: the API is read-only (a mutation gets READ_ONLY, not
 * an execution error), and no page may exceed maxPageSize. Limit rejections are client errors (400).
 */
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

/** Rejects a query text with more than maxTokens lexical tokens before it is parsed. */
export function tokenLimit(maxTokens: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query?.query;
    if (typeof query !== "string") return next();
    const lexer = new Lexer(new Source(query));
    let count = 0;
    try {
      while (lexer.advance().kind !== TokenKind.EOF) {
        if (++count > maxTokens) {
          res.status(400).json({
            errors: [{ message: `Token limit of ${maxTokens} exceeded.`, extensions: { code: ErrorCode.TOKEN_LIMIT_EXCEEDED } }],
          });
          return;
        }
      }
    } catch {
      // A syntax error: Apollo reports it with its position.
    }
    next();
  };
}
