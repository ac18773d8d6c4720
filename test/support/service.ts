// Runs the real service (src/main.ts) as a child process, the way `npm start` does.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { inject } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";
import { freePort } from "../../src/ports.ts";

export interface ServiceRun {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
}

/** The environment that points the service at the test run's Neo4j by NEO4J_URI. */
export function neo4jEnv(): Record<string, string> {
  const neo4j = inject("neo4j");
  return {
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    ...(neo4j.database ? { NEO4J_DATABASE: neo4j.database } : {}),
  };
}

/** What every child process of the tests inherits: PATH, HOME and, when the run sets them, where the
 *  source texts are (.ci/run sets it in a clone made away from ../shared) and whether they are
 *  required (CI). Nothing else leaks in. */
export const childEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  ...(process.env.SOURCE_TEXTS_DIR ? { SOURCE_TEXTS_DIR: process.env.SOURCE_TEXTS_DIR } : {}),
  ...(process.env.REQUIRE_SOURCE_TEXTS ? { REQUIRE_SOURCE_TEXTS: process.env.REQUIRE_SOURCE_TEXTS } : {}),
});

/** A command-line tool of the project (e.g. src/graph/cli.ts) as a process against the test run's
 *  Neo4j: its exit code and what it printed. */
export function runProjectCli(script: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...childEnv(), ...neo4jEnv() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

/** Starts the service with exactly `env` (plus childEnv()); nothing else leaks in from the test runner. */
export async function spawnService(env: Record<string, string>): Promise<ServiceRun> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "src", "main.ts")], {
    cwd: PROJECT_ROOT,
    env: { ...childEnv(), PORT: port, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Waits until the output matches, failing with the output so far if the process (if any) ends first. */
export async function waitForOutput(
  run: { output: () => string; process?: ChildProcess },
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (run.process && run.process.exitCode !== null) {
      throw new Error(`service exited (${run.process.exitCode}) before ${pattern}:\n${run.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startServiceAndWait(env: Record<string, string>): Promise<ServiceRun> {
  const run = await spawnService(env);
  await waitForOutput(run, /service listening/);
  return run;
}
