// maxHops is 1 to 6, as the schema and docs/api.md say (7-10 used to be accepted): anything else
// is BAD_USER_INPUT before Neo4j is asked. What a path query answers: test/api-relational.test.ts.
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import type { Driver } from "neo4j-driver";
import { MAX_HOPS } from "../../src/api/relational.ts";
import { type ApiContext, resolvers } from "../../src/api/resolvers.ts";
import { GenerationPin } from "../../src/api/one-generation.ts";

/** A driver that says so when a resolver gets as far as asking Neo4j. */
const REACHED_NEO4J = "reached Neo4j";
const ctx = {
  reqId: "t",
  pin: new GenerationPin(),
  maxPageSize: 100,
  query: {
    driver: {
      executeQuery: () => Promise.reject(new Error(REACHED_NEO4J)),
      session: () => {
        throw new Error(REACHED_NEO4J);
      },
    } as unknown as Driver,
    timeoutMs: 1000,
  },
} satisfies ApiContext;

const ask = {
  shortestConnection: (maxHops: number) => resolvers.Query.shortestConnection(null, { fromId: "zhipu-ai", toId: "minimax", maxHops }, ctx),
  allShortestConnections: (maxHops: number) =>
    resolvers.Query.allShortestConnections(null, { fromId: "zhipu-ai", toId: "minimax", maxHops, limit: 10 }, ctx),
};

describe.each(Object.entries(ask))("%s's maxHops", (_query, query) => {
  it("is at most 6, as documented", () => {
    expect(MAX_HOPS).toBe(6);
  });

  it.each([0, -1, 7, 10, 50])("%i is BAD_USER_INPUT, saying the range, before Neo4j is asked", async (maxHops) => {
    const error = await query(maxHops).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe("maxHops must be between 1 and 6");
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
  });

  it.each([1, 6])("%i is accepted and goes on to Neo4j", async (maxHops) => {
    await expect(query(maxHops)).rejects.toThrow(REACHED_NEO4J);
  });
});
