// The HTTP surface of the service. Routes for the GraphQL API and the explorer plug in here.
import cors from "cors";
import express, { type Express, type Router } from "express";
import { createRequire } from "node:module";
import path from "node:path";
import { GENERATED_SDL_FILE } from "../api/schema.ts";
import { PROJECT_ROOT } from "../config.ts";
import { graphiqlRoutes } from "./graphiql.ts";
import { answerUnexpectedError, requestLog } from "./request-log.ts";
import type { Logger } from "../logger.ts";
import type { Neo4jMonitor } from "../neo4j/monitor.ts";
import type { Readiness } from "../neo4j/readiness.ts";

export interface AppDeps {
  log: Logger;
  monitor: Neo4jMonitor;
  readiness: () => Promise<Readiness>;
  graphql: Router;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies may name the client, for the rate limit. */
  trustProxy?: boolean | number | string[];
}

export function createApp({ log, monitor, readiness, graphql, trustProxy = false }: AppDeps): Express {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.disable("x-powered-by");
  // GET /graphql answers carry the graph version's ETag (src/http/http-caching.ts); Express's own,
  // a hash of each body, would tag POST answers and errors as well.
  app.set("etag", false);
  app.use(requestLog(log));

  // Liveness: the process serves requests. It also reports the last known Neo4j and APOC versions.
  app.get("/health", (_req, res) => {
    const state = monitor.current;
    res.json({
      status: "ok",
      neo4j: {
        connected: state.connected,
        version: state.info?.neo4jVersion ?? null,
        edition: state.info?.edition ?? null,
        apocVersion: state.info?.apocVersion ?? null,
        error: state.error,
        checkedAt: state.checkedAt,
      },
    });
  });

  // Readiness: Neo4j, APOC, schema and graph are all in place; 503 with the failing checks if not.
  app.get("/ready", async (_req, res) => {
    const result = await readiness();
    res.status(result.ready ? 200 : 503).json(result);
  });

  app.use(graphql);
  // GraphiQL at /graphiql, with its libraries from node_modules (no CDN).
  app.use(graphiqlRoutes());

  // The explorer at /: static files, with its two libraries served from node_modules (no CDN).
  const explorer = path.join(PROJECT_ROOT, "src", "explorer");
  const require = createRequire(import.meta.url);
  const vendor: Record<string, string> = {
    // Their package exports hide dist/; the main entry sits in the same folder.
    "cytoscape.min.js": path.join(path.dirname(require.resolve("cytoscape")), "cytoscape.min.js"),
    "chart.umd.min.js": path.join(path.dirname(require.resolve("chart.js")), "chart.umd.min.js"),
  };
  app.get("/vendor/:file", (req, res, next) => {
    const file = vendor[req.params.file];
    if (file) res.sendFile(file, { maxAge: "1d" });
    else next();
  });
  app.use(express.static(explorer, { index: "index.html" }));

  // The public contract as SDL, for code generators and schema registries: the committed snapshot,
  // which a test keeps equal to the schema this service builds.
  app.get("/schema.graphql", (_req, res) => {
    res.type("text/plain; charset=utf-8").setHeader("cache-control", "public, max-age=300");
    res.sendFile(GENERATED_SDL_FILE);
  });

  // The Neo4j Browser guide, for `:play http://localhost:4000/guide`. Browser fetches it from its
  // own origin with an X-Requested-With header, so it first sends a CORS preflight (OPTIONS) that
  // must allow that origin and header; this one public, read-only document allows any origin.
  const guideCors = cors({ origin: "*", methods: ["GET", "HEAD"] });
  app.options("/guide", guideCors);
  app.get("/guide", guideCors, (_req, res) => {
    res.sendFile(path.join(PROJECT_ROOT, "cypher", "guide", "china-llm-graph.html"));
  });
  app.use(answerUnexpectedError);
  return app;
}
