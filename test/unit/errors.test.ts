// Every refusal carries a stable code: graphql-armor's limit rejections (coded by each limit) and
// Neo4j's failures mapped to the codes clients see (src/api/errors.ts).
import { buildSchema, GraphQLError, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { databaseCodeFor, ErrorCode, limitCodeOf, userError } from "../../src/api/errors.ts";
import { armor } from "../../src/api/plugins/armor.ts";
import { loadServiceConfig } from "../../src/config.ts";

describe("limit rejections", () => {
  // graphql-armor's own validation rules on a small schema, with low limits: each rejection is
  // coded by the limit that made it (its onReject callback), whatever its message says.
  const schema = buildSchema("type Query { node(id: ID): Node } type Node { id: ID, child: Node }");
  // Each case lowers one limit only, so that only it can reject.
  const rejection = (env: Record<string, string>, query: string): unknown => {
    const protection = armor(loadServiceConfig(env), false);
    return validate(schema, parse(query), protection.validationRules)[0] ?? null;
  };

  it.each([
    ["too deep", { MAX_QUERY_DEPTH: "3" }, "{ node { child { child { child { child { id } } } } } }", ErrorCode.DEPTH_LIMIT_EXCEEDED],
    ["with too many aliases", { MAX_ALIASES: "2" }, "{ a: node { id } b: node { id } c: node { id } }", ErrorCode.ALIAS_LIMIT_EXCEEDED],
    ["too costly", { MAX_QUERY_COST: "10" }, "{ node { child { child { id } } } x: node { child { child { id } } } }", ErrorCode.COST_LIMIT_EXCEEDED],
    ["with too many directives", {}, `{ node { id ${"@include(if: true) ".repeat(21)} } }`, ErrorCode.DIRECTIVE_LIMIT_EXCEEDED],
  ])("codes a query %s, and Apollo's wrapping keeps the code", (_what, env, query, code) => {
    const error = rejection(env, query);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe(code);
    expect(limitCodeOf(error)).toBe(code);
    // Apollo reports a validation error wrapped (ValidationError, originalError): found through it.
    expect(limitCodeOf(new GraphQLError("wrapped", { originalError: error as Error }))).toBe(code);
  });

  it("codes no other error, whatever its message", () => {
    expect(limitCodeOf(new GraphQLError("Syntax Error: Query depth limit of 10 exceeded, found 13."))).toBeNull();
    expect(limitCodeOf(new Error("x"))).toBeNull();
    expect(limitCodeOf(null)).toBeNull();
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
