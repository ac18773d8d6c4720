// The HTTP surface of the service. Routes for the GraphQL API and the explorer plug in here.
import express, { type Express } from "express";
import { randomUUID } from "node:crypto";
import { pinoHttp } from "pino-http";
import type { Logger } from "../logger.ts";
import type { Neo4jMonitor } from "../neo4j-monitor.ts";

export interface AppDeps {
  log: Logger;
  monitor: Neo4jMonitor;
}

export function createApp({ log, monitor }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
    }),
  );

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

  return app;
}
