// Runs a Neo4j Community server from Maven jars on the machine's Java, without Docker. One folder
// (NEO4J_DATA_DIR) holds everything of an instance: conf/, data/, logs/, plugins/ and run/.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { environment, type LocalNeo4jConfig } from "../config.ts";
import { createDriver, Neo4jConnectionError, readServerInfo, type Neo4jTarget, type ServerInfo } from "./driver.ts";
import { ProvisionError, resolveClasspath } from "./classpath.ts";

const USERNAME = "neo4j";

// The module openings of the stock neo4j.conf that Neo4j 5 needs on Java 17.
const JVM_FLAGS = [
  "-XX:+UseG1GC",
  "-XX:-OmitStackTraceInFastThrow",
  "-XX:+UnlockExperimentalVMOptions",
  "-XX:+TrustFinalNonStaticFields",
  "-XX:+DisableExplicitGC",
  "-Djdk.nio.maxCachedBufferSize=1024",
  "-Dio.netty.tryReflectionSetAccessible=true",
  "-Dlog4j2.disable.jmx=true",
  "-Dfile.encoding=UTF-8",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--enable-native-access=ALL-UNNAMED",
];

export interface LocalNeo4jPaths {
  home: string;
  conf: string;
  data: string;
  logs: string;
  plugins: string;
  pidFile: string;
  stateFile: string;
  consoleLog: string;
  neo4jLog: string;
}

export interface LocalNeo4jInfo extends ServerInfo {
  uri: string;
  username: string;
  password: string;
  httpUrl: string;
  pid: number;
  paths: LocalNeo4jPaths;
  /** False when an instance that was already running was reused. */
  startedNow: boolean;
  /** Whether Maven was asked for the jars on this start. */
  resolvedJarsNow: boolean;
}

interface RunState {
  pid: number;
  boltPort: number;
  httpPort: number;
}

export class LocalNeo4jError extends Error {
  override name = "LocalNeo4jError";
}

export function localPaths(config: LocalNeo4jConfig): LocalNeo4jPaths {
  const home = path.resolve(config.NEO4J_DATA_DIR);
  return {
    home,
    conf: path.join(home, "conf"),
    data: path.join(home, "data"),
    logs: path.join(home, "logs"),
    plugins: path.join(home, "plugins"),
    pidFile: path.join(home, "run", "neo4j.pid"),
    stateFile: path.join(home, "run", "state.json"),
    consoleLog: path.join(home, "logs", "console.log"),
    neo4jLog: path.join(home, "logs", "neo4j.log"),
  };
}

const targetFor = (port: number, password: string): Neo4jTarget => ({
  uri: `bolt://127.0.0.1:${port}`,
  username: USERNAME,
  password,
});

export async function startLocalNeo4j(
  config: LocalNeo4jConfig,
  log: (line: string) => void = () => {},
): Promise<LocalNeo4jInfo> {
  const paths = localPaths(config);
  const running = readRunningState(paths);
  if (running) {
    if (running.boltPort !== config.NEO4J_BOLT_PORT) {
      throw new LocalNeo4jError(
        `The local Neo4j in ${paths.home} already runs with Bolt on port ${running.boltPort}, not ` +
          `NEO4J_BOLT_PORT=${config.NEO4J_BOLT_PORT}; stop it first (npm run db:stop) or use its port.`,
      );
    }
    const info = await waitForBolt(config, paths, running.pid, 30);
    return { ...info, pid: running.pid, startedNow: false, resolvedJarsNow: false };
  }
  for (const [name, port] of [
    ["NEO4J_BOLT_PORT", config.NEO4J_BOLT_PORT],
    ["NEO4J_HTTP_PORT", config.NEO4J_HTTP_PORT],
  ] as const) {
    if (await portInUse(port)) {
      throw new LocalNeo4jError(`Port ${port} (${name}) is already in use by another process; choose another ${name}.`);
    }
  }

  let classpath;
  try {
    classpath = resolveClasspath(config.MVN, log);
  } catch (error) {
    if (error instanceof ProvisionError) throw new LocalNeo4jError(error.message, { cause: error });
    throw error;
  }
  writeLocalConf(config, paths);
  for (const jar of classpath.pluginJars) {
    const dest = path.join(paths.plugins, path.basename(jar));
    if (!existsSync(dest) || statSync(dest).size !== statSync(jar).size) copyFileSync(jar, dest);
  }

  const javaEnv = environment({ NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf });
  const classpathArg = classpath.jars.join(path.delimiter);
  if (!existsSync(path.join(paths.data, "dbms", "auth.ini"))) {
    // Must happen before the first start; afterwards the stored password is the one that counts.
    const result = spawnSync(
      config.JAVA,
      ["-cp", classpathArg, "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", config.NEO4J_PASSWORD],
      { env: javaEnv, encoding: "utf8" },
    );
    if (result.error || result.status !== 0) {
      throw new LocalNeo4jError(
        `Setting the initial Neo4j password failed: ${result.error?.message ?? result.stderr.trim()}`,
      );
    }
  }

  const out = openSync(paths.consoleLog, "a");
  const child = spawn(
    config.JAVA,
    [
      `-Xms${config.NEO4J_HEAP_SIZE}`,
      `-Xmx${config.NEO4J_HEAP_SIZE}`,
      ...JVM_FLAGS,
      "-cp",
      classpathArg,
      "org.neo4j.server.CommunityEntryPoint",
      `--home-dir=${paths.home}`,
      `--config-dir=${paths.conf}`,
    ],
    { env: javaEnv, detached: true, stdio: ["ignore", out, out] },
  );
  const pid = await new Promise<number>((resolve, reject) => {
    child.once("error", (error) =>
      reject(new LocalNeo4jError(`Cannot run Java ('${config.JAVA}'): ${error.message}. Java 17 is needed.`)),
    );
    child.once("spawn", () => resolve(child.pid as number));
  });
  child.unref();
  writeFileSync(paths.pidFile, String(pid));
  const state: RunState = { pid, boltPort: config.NEO4J_BOLT_PORT, httpPort: config.NEO4J_HTTP_PORT };
  writeFileSync(paths.stateFile, JSON.stringify(state));
  log(`Starting Neo4j ${classpath.neo4jVersion} (pid ${pid}); log: ${paths.neo4jLog}`);

  try {
    const info = await waitForBolt(config, paths, pid, config.NEO4J_START_TIMEOUT_S);
    return { ...info, pid, startedNow: true, resolvedJarsNow: classpath.resolvedNow };
  } catch (error) {
    // A half-started server would hold the ports and the store lock; leave nothing behind.
    await stopProcess(pid, 60);
    clearRunState(paths);
    throw error;
  }
}

export async function stopLocalNeo4j(config: LocalNeo4jConfig): Promise<{ wasRunning: boolean; pid?: number }> {
  const paths = localPaths(config);
  const running = readRunningState(paths);
  if (!running) {
    clearRunState(paths);
    return { wasRunning: false };
  }
  // SIGTERM runs Neo4j's shutdown hook, which checkpoints the store: a clean stop loses nothing.
  const stopped = await stopProcess(running.pid, 180);
  if (!stopped) {
    throw new LocalNeo4jError(
      `Neo4j (pid ${running.pid}) did not stop within 180 s; see ${paths.neo4jLog}. It was left running.`,
    );
  }
  clearRunState(paths);
  return { wasRunning: true, pid: running.pid };
}

export interface LocalNeo4jStatus {
  running: boolean;
  pid?: number;
  uri?: string;
  boltAnswers?: boolean;
  paths: LocalNeo4jPaths;
}

export async function localNeo4jStatus(config: LocalNeo4jConfig): Promise<LocalNeo4jStatus> {
  const paths = localPaths(config);
  const running = readRunningState(paths);
  if (!running) return { running: false, paths };
  const uri = targetFor(running.boltPort, config.NEO4J_PASSWORD).uri;
  return { running: true, pid: running.pid, uri, boltAnswers: await portInUse(running.boltPort), paths };
}

/** The instance's folders and its neo4j.conf, written before a start and before an import into its store. */
export function writeLocalConf(config: LocalNeo4jConfig, paths: LocalNeo4jPaths = localPaths(config)): void {
  for (const dir of [paths.conf, paths.data, paths.logs, paths.plugins, path.dirname(paths.pidFile)]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(path.join(paths.conf, "neo4j.conf"), neo4jConf(config, paths));
}

function neo4jConf(config: LocalNeo4jConfig, paths: LocalNeo4jPaths): string {
  const settings: Record<string, string> = {
    "server.default_listen_address": "127.0.0.1",
    "server.bolt.listen_address": `127.0.0.1:${config.NEO4J_BOLT_PORT}`,
    "server.bolt.advertised_address": `127.0.0.1:${config.NEO4J_BOLT_PORT}`,
    "server.http.listen_address": `127.0.0.1:${config.NEO4J_HTTP_PORT}`,
    "server.http.advertised_address": `127.0.0.1:${config.NEO4J_HTTP_PORT}`,
    "server.https.enabled": "false",
    "server.memory.pagecache.size": config.NEO4J_PAGECACHE_SIZE,
    "dbms.security.auth_enabled": "true",
    "dbms.security.procedures.unrestricted": "apoc.*",
    "server.directories.data": paths.data,
    "server.directories.logs": paths.logs,
    "server.directories.plugins": paths.plugins,
    "server.directories.run": path.dirname(paths.pidFile),
    "server.directories.import": path.join(paths.home, "import"),
    "dbms.usage_report.enabled": "false",
    // Neo4j Browser plays guides only from these hosts: the service's /guide on this machine.
    "browser.remote_content_hostname_whitelist": "guides.neo4j.com,localhost,127.0.0.1",
    // A development store needs no week of transaction logs.
    "db.tx_log.rotation.retention_policy": "2 files",
  };
  return (
    "# Written by src/neo4j/local-server.ts at every start; edit the environment, not this file.\n" +
    Object.entries(settings)
      .map(([key, value]) => `${key}=${value}`)
      .join("\n") +
    "\n"
  );
}

async function waitForBolt(
  config: LocalNeo4jConfig,
  paths: LocalNeo4jPaths,
  pid: number,
  timeoutSeconds: number,
): Promise<Omit<LocalNeo4jInfo, "pid" | "startedNow" | "resolvedJarsNow">> {
  const port = readState(paths)?.boltPort ?? config.NEO4J_BOLT_PORT;
  const target = targetFor(port, config.NEO4J_PASSWORD);
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new LocalNeo4jError(
        `Neo4j exited during start-up. Last lines of ${paths.consoleLog} and ${paths.neo4jLog}:\n${tail(paths.consoleLog)}\n${tail(paths.neo4jLog)}`,
      );
    }
    const driver = createDriver(target, { connectionTimeoutMs: 2000 });
    try {
      const info = await readServerInfo(driver, target);
      const httpPort = readState(paths)?.httpPort ?? config.NEO4J_HTTP_PORT;
      return { ...info, ...target, httpUrl: `http://127.0.0.1:${httpPort}/browser/`, paths };
    } catch (error) {
      if (error instanceof Neo4jConnectionError && error.reason === "auth") {
        throw new LocalNeo4jError(
          `The local Neo4j in ${paths.home} was initialised with another password than NEO4J_PASSWORD. ` +
            `Set NEO4J_PASSWORD to the password it was created with, or stop it and remove ${paths.home} to start afresh.`,
        );
      }
      lastError = error;
    } finally {
      await driver.close();
    }
    await sleep(500);
  }
  throw new LocalNeo4jError(
    `Neo4j did not answer on ${target.uri} within ${timeoutSeconds} s (NEO4J_START_TIMEOUT_S); ` +
      `last error: ${(lastError as Error | undefined)?.message}. See ${paths.neo4jLog}.`,
  );
}

function readState(paths: LocalNeo4jPaths): RunState | null {
  try {
    return JSON.parse(readFileSync(paths.stateFile, "utf8")) as RunState;
  } catch {
    return null;
  }
}

/** The recorded instance, if its process still lives and is this folder's Neo4j (not a reused pid). */
function readRunningState(paths: LocalNeo4jPaths): RunState | null {
  const state = readState(paths);
  if (!state || !isAlive(state.pid)) return null;
  try {
    const cmdline = readFileSync(`/proc/${state.pid}/cmdline`, "utf8");
    if (!cmdline.includes("CommunityEntryPoint") || !cmdline.includes(paths.home)) return null;
  } catch {
    // No /proc (not Linux): trust the pid.
  }
  return state;
}

function clearRunState(paths: LocalNeo4jPaths): void {
  rmSync(paths.pidFile, { force: true });
  rmSync(paths.stateFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) still answers signal 0.
  try {
    return !/^\d+ \([^)]*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function stopProcess(pid: number, timeoutSeconds: number): Promise<boolean> {
  if (!isAlive(pid)) return true;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(250);
  }
  return false;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
