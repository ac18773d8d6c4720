// docker-compose.yml cannot run here (no Docker engine); this checks what can be checked without one.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../src/config.ts";

interface Compose {
  services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(PROJECT_ROOT, "docker-compose.yml"), "utf8")) as Compose;

describe("docker-compose.yml", () => {
  it("runs the official Neo4j 5.26 Community image with APOC, a health check and a named volume", () => {
    const neo4j = compose.services.neo4j!;
    expect(neo4j.image).toBe("neo4j:5.26-community");
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
    expect(readFileSync(path.join(PROJECT_ROOT, "Dockerfile"), "utf8")).toMatch(/^FROM node:20/m);
  });
});
