// `neo4j-admin database import full` into the store of a local Neo4j (NEO4J_DATA_DIR), run from the
// project's Maven jars (org.neo4j.cli.AdminTool, with the import tool already on the classpath).
// The import writes a whole new store and needs the server stopped: it is for an empty database.
import { spawn } from "node:child_process";
import path from "node:path";
import { environment, type LocalNeo4jConfig } from "../config.ts";
import { ProvisionError, resolveClasspath } from "./classpath.ts";
import { LocalNeo4jError, localNeo4jStatus, localPaths, writeLocalConf } from "./local-server.ts";

export interface AdminImportResult {
  /** How long the import tool ran, JVM start included. */
  ms: number;
  /** What it printed, for a failure's message or a log. */
  output: string;
}

/**
 * Imports CSV files into `database` of the local Neo4j. `args` are the import options and files
 * (release.ts importArguments), relative to `cwd`. An existing store of that name is replaced.
 */
export async function importIntoLocalStore(
  config: LocalNeo4jConfig,
  args: string[],
  { cwd, database = "neo4j" }: { cwd: string; database?: string },
): Promise<AdminImportResult> {
  const status = await localNeo4jStatus(config);
  if (status.running) throw new LocalNeo4jError(`The local Neo4j in ${status.paths.home} is running (pid ${status.pid}); stop it before an import into its store.`);
  let classpath;
  try {
    classpath = resolveClasspath(config.MVN);
  } catch (error) {
    if (error instanceof ProvisionError) throw new LocalNeo4jError(error.message, { cause: error });
    throw error;
  }
  const paths = localPaths(config);
  writeLocalConf(config, paths);
  const started = performance.now();
  const child = spawn(
    config.JAVA,
    [
      `-Xmx${config.NEO4J_HEAP_SIZE}`,
      "-cp",
      classpath.jars.join(path.delimiter),
      "org.neo4j.cli.AdminTool",
      "database",
      "import",
      "full",
      "--overwrite-destination=true",
      ...args,
      database,
    ],
    { cwd, env: environment({ NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf }), stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", (error) => reject(new LocalNeo4jError(`Cannot run Java ('${config.JAVA}'): ${error.message}`)));
    child.once("exit", resolve);
  });
  if (code !== 0) {
    const lines = output.trim().split("\n").filter((l) => !/^[. ]+\d+% ∆/.test(l));
    throw new LocalNeo4jError(`neo4j-admin database import failed (exit ${code}):\n${lines.slice(-20).join("\n")}`);
  }
  return { ms: performance.now() - started, output };
}
