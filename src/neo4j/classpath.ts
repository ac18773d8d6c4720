// Resolves the jars of the local Neo4j through Maven once, then reuses the resolved list, so a
// second start needs neither Maven nor the network.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";

export const POM_PATH = path.join(PROJECT_ROOT, "src", "neo4j", "pom.xml");
const CACHE_DIR = path.join(PROJECT_ROOT, ".local", "classpath");

export interface Classpath {
  jars: string[];
  /** The APOC jars, which also go in the plugins folder: Neo4j only registers procedures from there. */
  pluginJars: string[];
  neo4jVersion: string;
  /** True when Maven was asked this time; false when the cached resolution was reused. */
  resolvedNow: boolean;
}

export class ProvisionError extends Error {
  override name = "ProvisionError";
}

export function pinnedNeo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM_PATH, "utf8"));
  if (!match?.[1]) throw new ProvisionError(`${POM_PATH} has no <neo4j.version> property`);
  return match[1];
}

export function resolveClasspath(mvn: string, log: (line: string) => void = () => {}): Classpath {
  const pom = readFileSync(POM_PATH);
  // Keyed by the pom's content, so a version bump resolves again instead of reusing stale jars.
  const key = createHash("sha256").update(pom).digest("hex").slice(0, 16);
  const cacheFile = path.join(CACHE_DIR, `${key}.txt`);
  const neo4jVersion = pinnedNeo4jVersion();

  let resolvedNow = false;
  let jars = existsSync(cacheFile) ? readJarList(cacheFile) : [];
  if (jars.length === 0 || !jars.every((jar) => existsSync(jar))) {
    log(`Fetching Neo4j ${neo4jVersion} and APOC from Maven Central with '${mvn}' (first start only)...`);
    mkdirSync(CACHE_DIR, { recursive: true });
    const outFile = `${cacheFile}.tmp`;
    const result = spawnSync(
      mvn,
      ["-B", "-q", "-f", POM_PATH, "dependency:build-classpath", `-Dmdep.outputFile=${outFile}`],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    if (result.error) {
      throw new ProvisionError(
        `Cannot run Maven ('${mvn}'): ${result.error.message}. Maven and Java 17 are needed to fetch ` +
          `Neo4j the first time; install them, set MVN to Maven's path, or set NEO4J_URI to use an existing Neo4j.`,
      );
    }
    if (result.status !== 0) {
      const output = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-20).join("\n");
      throw new ProvisionError(`Maven could not resolve the Neo4j jars (exit ${result.status}):\n${output}`);
    }
    jars = readJarList(outFile);
    writeFileSync(cacheFile, jars.join("\n"));
    resolvedNow = true;
  }
  const pluginJars = jars.filter((jar) => /[\\/]apoc-(core|common)-[^\\/]+\.jar$/.test(jar));
  if (pluginJars.length !== 2) {
    throw new ProvisionError(`Expected apoc-core and apoc-common among the resolved jars, found ${pluginJars.length}`);
  }
  return { jars, pluginJars, neo4jVersion, resolvedNow };
}

function readJarList(file: string): string[] {
  return readFileSync(file, "utf8")
    .split(/[\n:]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
