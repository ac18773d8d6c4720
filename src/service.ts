// The service as one call: bind the port, connect to Neo4j, build the GraphQL endpoint and the
// HTTP app, and serve it. An empty database gets the graph loaded in the background meanwhile
// (/ready: loading). main.ts runs it as the process (`npm start`: signals, exit codes); tests run
// it in-process on a free port (PORT 0).
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Driver } from "neo4j-driver";
import type { ServiceConfig } from "./config.ts";
import { createDriver, serviceDriverTimeouts } from "./neo4j/driver.ts";
import { guardGraphQL } from "./http/graphql-guard.ts";
import { graphqlRoute } from "./http/graphql-route.ts";
import { createGraphQLEndpoint, type GraphQLEndpoint } from "./api/server.ts";
import { createApp } from "./http/app.ts";
import { listen } from "./http/listen.ts";
import { ErrorCode } from "./api/errors.ts";
import { errorBody } from "./http/error-response.ts";
import { checkReadiness } from "./neo4j/readiness.ts";
import { graphIsLoaded, loadGraph } from "./graph/load.ts";
import { LoadInProgressError } from "./graph/load-lock.ts";
import { type LoadFailureReport, loadFailureReport } from "./graph/load-failure.ts";
import { SourceDataError } from "./graph/source-file.ts";
import type { Logger } from "./logger.ts";
import { resolveNeo4jTarget } from "./neo4j/target.ts";
import { Neo4jMonitor } from "./neo4j/monitor.ts";
import { ServiceAvailability } from "./api/availability.ts";

/** Neo4j refused the service for a reason that will not fix itself (credentials, database). */
export class StartupError extends Error {}

export interface RunningService {
  /** http://HOST:port, with the port actually bound (PORT 0 picks a free one). */
  url: string;
  /** Stops accepting connections, drains the requests in flight, then stops Apollo and the driver. */
  stop: () => Promise<void>;
}

export async function startService({ config, log }: { config: ServiceConfig; log: Logger }): Promise<RunningService> {
  // The port first: one in use stops the start at once, naming it (src/http/listen.ts).
  const { server, serve } = await listen(config.PORT, config.HOST, (req, res) => {
    log.info({ url: req.url, method: req.method, status: 503 }, "answered while the service is starting");
    res.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "1" });
    res.end(JSON.stringify(errorBody("The service is starting; try again in a moment", ErrorCode.DATABASE_UNAVAILABLE)));
  });
  try {
    return await serveOn(server, serve, config, log);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
}

async function serveOn(server: Server, serve: (app: RequestListener) => void, config: ServiceConfig, log: Logger): Promise<RunningService> {
  const target = await resolveNeo4jTarget(config, log);

  const driver = createDriver(target, serviceDriverTimeouts(config.QUERY_TIMEOUT_MS));
  // The load of an empty database runs in the background: the service listens meanwhile, and /ready
  // answers 503 with `loading: true` until it ends. One load at a time, however often Neo4j returns.
  let loading: Promise<void> | null = null;
  // Why the last load failed, for /ready, until a load succeeds.
  let loadError: LoadFailureReport | null = null;
  // The endpoint is built after Neo4j first answers; the warm-up that follows a load waits for it.
  let endpointBuilt!: (endpoint: GraphQLEndpoint) => void;
  const endpoint = new Promise<GraphQLEndpoint>((resolve) => (endpointBuilt = resolve));
  const monitor: Neo4jMonitor = new Neo4jMonitor(driver, target, log, {
    // Each time Neo4j is (back) up: load an empty database, then warm the first queries' plans,
    // which a restarted Neo4j has lost; /ready stays 503 (loading) until both are done, and after
    // a restart requests meanwhile get a short budget (api/availability.ts: warming).
    onConnected: ({ restarted }) => {
      const started = loading === null;
      loading ??= ensureGraphLoaded(driver, { database: target.database, textsDir: config.SOURCE_TEXTS_DIR, requireTexts: config.REQUIRE_SOURCE_TEXTS }, log)
        .then(async (failure) => {
          loadError = failure;
          if (failure || !config.WARM_UP) return;
          const result = await (await endpoint).warmUp();
          log.info({ ...result }, "warmed up the explorer's first queries");
        })
        .catch((error: unknown) => log.warn({ err: error }, `warm-up failed: ${(error as Error).message}`))
        .finally(() => {
          loading = null;
        });
      if (started && restarted) availability.warmingUntil(loading);
    },
  });
  const availability = new ServiceAvailability(monitor);
  const first = await monitor.start();
  if (!first.connected && (first.reason === "auth" || first.reason === "database")) {
    // Wrong credentials or database will not fix themselves; retrying would only hide the cause.
    monitor.stop();
    await driver.close();
    throw new StartupError(first.error ?? "Neo4j refused the connection");
  }

  const graphql = await createGraphQLEndpoint(config, driver, target.database, log, availability);
  endpointBuilt(graphql);
  const app = createApp({
    log,
    monitor,
    graphql: guardGraphQL(graphqlRoute({ config, server: graphql.server, contextFor: graphql.contextFor, availability, log }), {
      availability,
      timeoutMs: config.QUERY_TIMEOUT_MS,
      log,
    }),
    readiness: () => checkReadiness(driver, target.database, monitor, { loading: loading !== null, loadError }),
    trustProxy: config.TRUST_PROXY,
  });
  serve(app);
  const url = `http://${config.HOST}:${(server.address() as AddressInfo).port}`;
  log.info({ url }, "service listening");

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      monitor.stop();
      server.close(() => resolve());
      server.closeIdleConnections();
    })
      // A load in progress finishes first rather than leaving its staged nodes to the next start.
      .then(() => loading)
      .then(() => graphql.stop())
      .then(() => driver.close());
    return stopped;
  };
  return { url, stop };
}

/** Loads the graph into an empty database; a database that has one is left as it is. Answers why
 *  the load failed (logged here, once, at error level), or null. */
async function ensureGraphLoaded(
  driver: Driver,
  { database, textsDir, requireTexts }: { database: string | undefined; textsDir: string; requireTexts: boolean },
  log: Logger,
): Promise<LoadFailureReport | null> {
  try {
    if (await graphIsLoaded(driver, database)) return null;
    log.info("the database has no graph yet: loading data/sources");
    const result = await loadGraph(driver, {
      database,
      textsDir,
      requireTexts,
      onPhase: (phase, ms) => log.debug({ phase, ms: Math.round(ms) }, "load phase done"),
      onProgress: (message) => log.info(`load: ${message}`),
    });
    log.info({ ...result }, "graph loaded");
    return null;
  } catch (error) {
    // Replicas starting together on an empty database: one loads, the others wait for its graph.
    if (error instanceof LoadInProgressError) {
      log.info(`not loading: ${error.message}`);
      return null;
    }
    const failure = loadFailureReport(error);
    // A data problem is no defect of the service: its problems, not a stack trace.
    if (error instanceof SourceDataError) log.error({ code: failure.code, files: failure.files, problems: error.problems }, `loading the graph failed: ${error.message}`);
    else log.error({ code: failure.code, phase: failure.phase, err: error }, `loading the graph failed: ${(error as Error).message}`);
    return failure;
  }
}
