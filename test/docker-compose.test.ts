// docker-compose.yml and the Dockerfile cannot run here (no Docker engine); this checks what can be
// checked without one, and runs the API's health check command against a stand-in HTTP server.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, loadServiceConfig, PROJECT_ROOT } from "../src/config.ts";
import { pinnedNeo4jVersion } from "../src/neo4j/classpath.ts";
import { freePort } from "../src/ports.ts";

interface Compose {
  services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(PROJECT_ROOT, "docker-compose.yml"), "utf8")) as Compose;
const dockerfile = readFileSync(path.join(PROJECT_ROOT, "Dockerfile"), "utf8");

/** The Dockerfile's stages: each FROM line with the instructions up to the next. */
const stages = dockerfile
  .split(/^(?=FROM )/m)
  .filter((stage) => stage.startsWith("FROM "))
  .map((stage) => stage.split("\n").filter((line) => /^[A-Z]+ /.test(line)));

describe("docker-compose.yml", () => {
  it("runs the official Neo4j Community image of the local Neo4j's patch (src/neo4j/pom.xml), with APOC, a health check and a named volume", () => {
    const neo4j = compose.services.neo4j!;
    expect(neo4j.image).toBe(`neo4j:${pinnedNeo4jVersion()}-community`);
    expect(JSON.parse(neo4j.environment!.NEO4J_PLUGINS!)).toContain("apoc");
    expect(neo4j.ports).toEqual(expect.arrayContaining([expect.stringMatching(/:7687$/), expect.stringMatching(/:7474$/)]));
    expect((neo4j.healthcheck as { test: string[] }).test.join(" ")).toContain("apoc.version()");
    expect(neo4j.volumes).toEqual(["neo4j-data:/data"]);
    expect(compose.volumes).toHaveProperty("neo4j-data");
  });

  it("builds the API from this repository and starts it only once Neo4j is healthy", () => {
    const api = compose.services.api!;
    expect(api.build).toBe(".");
    expect(api.environment!.NEO4J_URI).toBe("bolt://neo4j:7687");
    expect(api.depends_on).toEqual({ neo4j: { condition: "service_healthy" } });
    expect(api.volumes).toEqual([expect.stringMatching(new RegExp(`:${api.environment!.SOURCE_TEXTS_DIR}:ro$`))]);
  });

  it("asks for a password of the user's own: the API runs in production, which refuses none and the development default", () => {
    const api = compose.services.api!.environment!;
    expect(api.NODE_ENV).toBe("production");
    // Compose's ${VAR:?message} stops `docker compose up` naming the variable when it is unset.
    for (const value of [compose.services.neo4j!.environment!.NEO4J_AUTH!, api.NEO4J_PASSWORD!]) {
      expect(value).toMatch(/\$\{NEO4J_PASSWORD:\?[^}]+\}/);
    }
    const withPassword = (password: string | undefined) =>
      Object.fromEntries(
        Object.entries(api).map(([name, value]) => [name, value.replace(/\$\{NEO4J_PASSWORD:\?[^}]+\}/, password ?? "")]),
      );
    // The API's environment as compose gives it passes the production rules with a password of one's own...
    expect(loadServiceConfig(withPassword("a-password-of-ones-own")).NEO4J_PASSWORD).toBe("a-password-of-ones-own");
    // ...and the development default, which compose used to fill in, is refused.
    expect(() => loadServiceConfig(withPassword("llmgraph-dev"))).toThrow(ConfigError);
  });

  it("restarts the API unless stopped and health-checks it over HTTP with Node (the slim image has no curl)", () => {
    const api = compose.services.api!;
    expect(api.restart).toBe("unless-stopped");
    const test = (api.healthcheck as { test: string[] }).test;
    expect(test.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
    expect(test[3]).toMatch(/\/(ready|health)'/);
  });

  it("the API's health check command passes on 200, fails on 503 and when nothing listens", async () => {
    const [, node, ...args] = (compose.services.api!.healthcheck as { test: string[] }).test;
    expect(node).toBe("node");
    const probe = async (port: number) => {
      try {
        await promisify(execFile)(process.execPath, args, { env: { PORT: String(port) }, timeout: 10_000 });
        return 0;
      } catch (error) {
        return (error as { code?: number }).code;
      }
    };
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(status).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await probe(port)).toBe(0);
      status = 503;
      expect(await probe(port)).toBe(1);
      expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^\/(ready|health)$/)]));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await probe(await freePort())).toBe(1);
  });
});

describe("Dockerfile", () => {
  it("builds and checks in one stage, and runs the compiled service on node:20-slim without dev dependencies", () => {
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string[], string[]];
    expect(build[0]).toMatch(/^FROM node:20\S* AS build$/);
    for (const script of ["lint", "typecheck", "build"]) {
      expect(build.join("\n")).toContain(`npm run ${script}`);
    }
    expect(runtime[0]).toBe("FROM node:20-slim");
    expect(runtime.join("\n")).toMatch(/npm ci --omit=dev/);
    expect(runtime).toContain("COPY --from=build /app/dist ./dist");
    // The service loads the source files when it finds an empty database.
    expect(runtime).toContain("COPY data ./data");
    expect(runtime).toContain("USER node");
    expect(runtime.at(-1)).toBe('CMD ["node", "dist/main.js"]');
    expect(runtime.join("\n")).not.toMatch(/tsx/);
  });
});
