// What a failed load says about why it failed: the operator's words for Neo4j's errors, with
// Neo4j's own detail kept. (Which phase and which graph readers see: test/load-swap.test.ts.)
import { describe, expect, it } from "vitest";
import { whyLoadFailed } from "../../src/graph/load-failure.ts";

const neo4jError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("whyLoadFailed", () => {
  it.each([
    // What the loader printed, alone, on a full disk although its swap had committed.
    [neo4jError("Neo.DatabaseError.Transaction.TransactionCommitFailed", "Unable to complete transaction."), /^Neo4j could not write the transaction; its disk may be full/],
    [neo4jError("Neo.DatabaseError.General.UnknownError", "java.io.IOException: No space left on device"), /^Neo4j's disk is full/],
    [neo4jError("ServiceUnavailable", "Failed to connect to server. Caused by: connect ECONNREFUSED 127.0.0.1:7687"), /^Neo4j went away \(stopped, killed or unreachable\)/],
    [neo4jError("SessionExpired", "The connection was closed"), /^Neo4j went away/],
    [neo4jError("Neo.TransientError.General.DatabaseUnavailable", "Database 'neo4j' unavailable"), /^Neo4j's database was unavailable \(stopping or starting\)/],
    [neo4jError("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "timed out"), /^a step took longer than its timeout of 300 s/],
    [neo4jError("Neo.ClientError.Transaction.LockClientStopped", "The transaction has been terminated."), /^its transaction was terminated, by a load that took over its lease or by an administrator/],
    [neo4jError("Neo.TransientError.Transaction.Terminated", "terminated"), /^its transaction was terminated/],
  ])("explains %s", (error, expected) => {
    const why = whyLoadFailed(error, 300_000);
    expect(why).toMatch(expected);
    // Neo4j's own code and message stay, for whoever reads Neo4j's log next.
    expect(why).toContain(`(Neo4j: ${(error as { code: string }).code}: `);
  });

  it("keeps any other error's message as it is", () => {
    expect(whyLoadFailed(new Error("something else"), 300_000)).toBe("something else");
  });
});
