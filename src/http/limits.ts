// The token limit, counted on the query text before Apollo parses it, and the nesting limit of
// the variables, measured before anything walks them (Express middleware). The other limits are
// Apollo plugins: plugins/armor.ts (depth, aliases, cost, directives) and
// plugins/request-rules.ts (page size, read-only).
import type { NextFunction, Request, Response } from "express";
import { Lexer, Source, TokenKind } from "graphql";
import { ErrorCode } from "../api/errors.ts";
import { sendError } from "./error-response.ts";

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
          return sendError(res, 400, ErrorCode.TOKEN_LIMIT_EXCEEDED, `Token limit of ${maxTokens} exceeded.`);
        }
      }
    } catch {
      // A syntax error: Apollo reports it with its position.
    }
    next();
  };
}

/** How deeply a JSON value nests (a scalar is 0, `[1]` is 1), counted without recursion: a value
 *  nested 20,000 deep overflows the stack of every recursive walk (graphql's coercion, JSON.stringify). */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Rejects variables nested deeper than maxDepth, in a POST body or a GET's query string. */
export function variablesDepthLimit(maxDepth: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    let variables = (req.body as { variables?: unknown } | undefined)?.variables;
    const inQuery = req.query?.variables;
    if (variables === undefined && typeof inQuery === "string") {
      try {
        variables = JSON.parse(inQuery);
      } catch {
        return next(); // Apollo answers variables that are not JSON.
      }
    }
    const depth = nestingDepth(variables);
    if (depth <= maxDepth) return next();
    sendError(res, 400, ErrorCode.VARIABLES_DEPTH_LIMIT_EXCEEDED, `Variables nest ${depth} levels deep; at most ${maxDepth} are allowed (MAX_VARIABLES_DEPTH)`);
  };
}
