// Where an uncached API request's time goes, measured interleaved in one run: the HTTP round trip
// alone, a GraphQL request that touches no data, the same operation executed in-process by
// @neo4j/graphql (no HTTP), and the hand-written Cypher in an explicit and an auto-commit
// transaction. The differences between columns are the cost of each layer.
import { graphql, type GraphQLSchema } from "graphql";
import type { Driver } from "neo4j-driver";
import { buildSchema } from "../api/schema.ts";
import { GenerationPin } from "../api/one-generation.ts";
import type { ApiContext } from "../api/resolvers.ts";
import { postGraphQL, timeInterleaved, type Latency } from "./measure.ts";
import type { Operation } from "./operations.ts";

export interface Breakdown {
  operation: string;
  httpOnly: Latency;
  graphqlNoData: Latency;
  inProcess: Latency;
  httpApi: Latency;
  cypher: Latency;
  cypherAutoCommit: Latency;
}

export async function inProcessSchema(driver: Driver): Promise<GraphQLSchema> {
  return buildSchema(driver);
}

export async function breakdown(
  op: Operation & { statement: NonNullable<Operation["statement"]> },
  schema: GraphQLSchema,
  driver: Driver,
  serviceUrl: string,
  iterations: number,
): Promise<Breakdown> {
  const pin = new GenerationPin();
  const contextValue: ApiContext = { reqId: "bench", pin, query: { driver, timeoutMs: 60_000, pin }, maxPageSize: 100 };
  const health = serviceUrl.replace(/\/graphql$/, "/health");
  const times = await timeInterleaved(
    [
      async () => (await fetch(health)).json(),
      () => postGraphQL(serviceUrl, { query: "{ __typename }", variables: {} }),
      async () => {
        const result = await graphql({ schema, source: op.graphql.query, variableValues: op.graphql.variables, contextValue });
        if (result.errors?.length) throw result.errors[0];
      },
      () => postGraphQL(serviceUrl, op.graphql),
      () => driver.executeQuery(op.statement.query, op.statement.params, { routing: "READ" }),
      async () => {
        const session = driver.session({ defaultAccessMode: "READ" });
        try {
          await session.run(op.statement.query, op.statement.params);
        } finally {
          await session.close();
        }
      },
    ],
    iterations,
    Math.max(3, Math.floor(iterations / 10)),
  );
  const [httpOnly, graphqlNoData, inProcess, httpApi, cypher, cypherAutoCommit] = times as [Latency, Latency, Latency, Latency, Latency, Latency];
  return { operation: op.name, httpOnly, graphqlNoData, inProcess, httpApi, cypher, cypherAutoCommit };
}
