// The real service over HTTP against the test run's Neo4j, with the article's graph loaded.
import { loadGraph } from "../../src/graph/load.ts";
import { testDatabase, testDriver } from "./db.ts";
import { neo4jEnv, startServiceAndWait, type ServiceRun } from "./service.ts";

export interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

export interface Api {
  run: ServiceRun;
  url: string;
  gql: (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;
  /** The first error's code, failing the test if there is none. */
  errorCode: (response: GraphQLResponse) => string;
  stop: () => Promise<unknown>;
}

export async function startApi(env: Record<string, string> = {}): Promise<Api> {
  const driver = testDriver();
  try {
    await loadGraph(driver, { database: testDatabase() });
  } finally {
    await driver.close();
  }
  const run = await startServiceAndWait({ ...neo4jEnv(), ...env });
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${run.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse["body"] };
  };
  return {
    run,
    url: run.url,
    gql,
    errorCode: (response) => {
      const code = response.body.errors?.[0]?.extensions?.code;
      if (!code) throw new Error(`expected an error with a code, got ${JSON.stringify(response.body)}`);
      return code as string;
    },
    stop: () => run.stop(),
  };
}
