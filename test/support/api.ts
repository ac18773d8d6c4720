// The service's API against the test run's Neo4j, with the article's graph loaded: in-process on a
// free port (startApi) for tests of what the API answers, or as a child process the way `npm start`
// runs it (spawnApi) for tests whose point is the process (the explorer end to end).
import { loadServiceConfig } from "../../src/config.ts";
import { loadGraph } from "../../src/graph/load.ts";
import { createLogger } from "../../src/logger.ts";
import { startService } from "../../src/service.ts";
import { testDatabase, testDriver } from "./db.ts";
import { neo4jEnv, startServiceAndWait, type ServiceRun } from "./service.ts";

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

export interface Api {
  url: string;
  gql: (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse>;
  /** The first error's code, failing the test if there is none. */
  errorCode: (response: GraphQLResponse) => string;
  /** What the service logged so far: its JSON lines. */
  output: () => string;
  stop: () => Promise<unknown>;
}

async function loadArticleGraph(): Promise<void> {
  const driver = testDriver();
  try {
    await loadGraph(driver, { database: testDatabase() });
  } finally {
    await driver.close();
  }
}

function client(url: string, output: () => string, stop: () => Promise<unknown>): Api {
  return {
    url,
    gql: async (query, variables, headers = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse["body"] };
    },
    errorCode: (response) => {
      const code = response.body.errors?.[0]?.extensions?.code;
      if (!code) throw new Error(`expected an error with a code, got ${JSON.stringify(response.body)}`);
      return code as string;
    },
    output,
    stop,
  };
}

/**
 * The service in this process (startService, as main.ts runs it) on a free port, configured by
 * exactly `env` plus the test run's Neo4j, as the spawned service would be; its log is kept in memory.
 */
export async function startApi(env: Record<string, string> = {}): Promise<Api> {
  await loadArticleGraph();
  const config = loadServiceConfig({ ...neo4jEnv(), ...env });
  let output = "";
  const log = createLogger(config.LOG_LEVEL, { write: (line: string) => void (output += line) });
  const service = await startService({ config: { ...config, PORT: env.PORT ? config.PORT : 0 }, log });
  return client(service.url, () => output, service.stop);
}

/** The service as a child process, the way `npm start` runs it. */
export async function spawnApi(env: Record<string, string> = {}): Promise<Api & { run: ServiceRun }> {
  await loadArticleGraph();
  const run = await startServiceAndWait({ ...neo4jEnv(), ...env });
  return { ...client(run.url, run.output, run.stop), run };
}
