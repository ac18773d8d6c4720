// Every refusal carries a stable code: graphql-armor's limit rejections (coded by each limit) and
// Neo4j's failures mapped to the codes clients see (src/api/errors.ts).
import { buildSchema, GraphQLError, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { databaseCodeFor, ErrorCode, formatError, isInternalError, limitCodeOf, userError } from "../../src/api/errors.ts";
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
    // While Neo4j starts, before its database is online: not a timeout.
    ["Neo.TransientError.General.DatabaseUnavailable", ErrorCode.DATABASE_UNAVAILABLE],
    // What Neo4j 5.26 reports for a transaction stopped (by its timeout) while it waited for a lock.
    ["Neo.ClientError.Transaction.LockClientStopped", ErrorCode.QUERY_TIMEOUT],
    // Neo4j 5's codes when a query exhausts transaction memory: its own limit, the pool, the heap.
    ["Neo.TransientError.General.TransactionMemoryLimit", ErrorCode.QUERY_MEMORY_LIMIT_EXCEEDED],
    ["Neo.TransientError.General.MemoryPoolOutOfMemoryError", ErrorCode.QUERY_MEMORY_LIMIT_EXCEEDED],
    ["Neo.TransientError.General.OutOfMemoryError", ErrorCode.QUERY_MEMORY_LIMIT_EXCEEDED],
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

describe("formatError and isInternalError", () => {
  const neo4jError = (code: string, message: string) => new GraphQLError("wrapped", { path: ["companies"], originalError: Object.assign(new Error(message), { code }) });

  it("answers transaction memory exhaustion with a code and a message naming the limit, never Neo4j's text", () => {
    const error = neo4jError("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "The allocation of an extra 2.0 MiB would use more than the limit 358.4 MiB. db.memory.transaction.total.max threshold reached");
    const formatted = formatError({ message: "The allocation of an extra 2.0 MiB …", path: ["companies"] }, error, false);
    expect(formatted.extensions).toEqual({ code: "QUERY_MEMORY_LIMIT_EXCEEDED" });
    expect(formatted.message).toMatch(/transaction memory limit/);
    expect(formatted.message).not.toMatch(/MiB|threshold/);
    expect(isInternalError(error)).toBe(false);
  });

  it("codes Apollo's persisted-query hash mismatch instead of an internal error", () => {
    const error = new GraphQLError("provided sha does not match query", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
    const formatted = formatError({ message: error.message, extensions: { code: "INTERNAL_SERVER_ERROR" } }, error, true);
    expect(formatted.extensions).toEqual({ code: "PERSISTED_QUERY_HASH_MISMATCH" });
    expect(isInternalError(error)).toBe(false);
  });

  it("calls an uncoded failure internal, and a coded or database one not", () => {
    expect(isInternalError(new GraphQLError("Cannot return null for non-nullable field X.y", { originalError: new TypeError("x") }))).toBe(true);
    expect(isInternalError(new GraphQLError("x", { extensions: { code: "INTERNAL_SERVER_ERROR" } }))).toBe(true);
    expect(isInternalError(userError("bad"))).toBe(false);
    expect(isInternalError(neo4jError("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "timed out"))).toBe(false);
    expect(isInternalError(neo4jError("Neo.ClientError.Statement.ArgumentError", "SKIP: Invalid input. '-5'"))).toBe(true);
  });
});
