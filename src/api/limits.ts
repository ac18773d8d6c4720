// The token limit, counted on the query text before Apollo parses it (Express middleware). The
// other limits are Apollo plugins: plugins/armor.ts (depth, aliases, cost, directives) and
// plugins/request-rules.ts (page size, read-only).
import type { NextFunction, Request, Response } from "express";
import { Lexer, Source, TokenKind } from "graphql";
import { ErrorCode } from "./errors.ts";

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
