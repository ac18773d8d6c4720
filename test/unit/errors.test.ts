// Every refusal carries a stable code: graphql-armor's limit messages and Neo4j's failures mapped
// to the codes clients see (src/api/errors.ts).
import { describe, expect, it } from "vitest";
import { databaseCodeFor, ErrorCode, limitCodeFor, userError } from "../../src/api/errors.ts";

describe("limitCodeFor", () => {
  it.each([
    ["Syntax Error: Query depth limit of 10 exceeded, found 13.", ErrorCode.DEPTH_LIMIT_EXCEEDED],
    ["Syntax Error: Aliases limit of 15 exceeded, found 40.", ErrorCode.ALIAS_LIMIT_EXCEEDED],
    ["Syntax Error: Query Cost limit of 5000 exceeded, found 9000.", ErrorCode.COST_LIMIT_EXCEEDED],
    ["Syntax Error: Token limit of 2000 exceeded.", ErrorCode.TOKEN_LIMIT_EXCEEDED],
    ["Syntax Error: Directives limit of 20 exceeded, found 21.", ErrorCode.DIRECTIVE_LIMIT_EXCEEDED],
  ])("maps %j to %s", (message, code) => {
    expect(limitCodeFor(message)).toBe(code);
  });

  it("leaves any other message alone", () => {
    expect(limitCodeFor('Cannot query field "companie" on type "Query".')).toBeNull();
  });
});

describe("databaseCodeFor", () => {
  it.each([
    ["Neo.ClientError.Transaction.TransactionTimedOut", ErrorCode.QUERY_TIMEOUT],
    // What Neo4j 5 reports when the transaction timeout the driver sent (QUERY_TIMEOUT_MS) runs out.
    ["Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", ErrorCode.QUERY_TIMEOUT],
    ["ServiceUnavailable", ErrorCode.DATABASE_UNAVAILABLE],
    ["SessionExpired", ErrorCode.DATABASE_UNAVAILABLE],
  ])("maps a driver error with code %s to %s", (code, expected) => {
    expect(databaseCodeFor(Object.assign(new Error("failed"), { code }))).toBe(expected);
  });

  it.each([
    ["a syntax error", Object.assign(new Error("x"), { code: "Neo.ClientError.Statement.SyntaxError" })],
    ["an error without a code", new Error("x")],
    ["null", null],
    ["a string", "ServiceUnavailable"],
  ])("gives no code for %s: it stays an internal error", (_what, error) => {
    expect(databaseCodeFor(error)).toBeNull();
  });
});

describe("userError", () => {
  it("is a GraphQL error with BAD_USER_INPUT unless told another code", () => {
    expect(userError("bad").extensions).toEqual({ code: "BAD_USER_INPUT" });
    expect(userError("gone", ErrorCode.NOT_FOUND).extensions).toEqual({ code: "NOT_FOUND" });
  });
});
