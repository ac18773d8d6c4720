// The servers under test run as child processes, as in production, so that the load generator
// and the measured server do not share one event loop.
import { spawn } from "node:child_process";
import path from "node:path";
import { environment, PROJECT_ROOT } from "../config.ts";
import { freePort } from "../ports.ts";

export interface BenchServer {
  graphqlUrl: string;
  pid: number;
  stop: () => Promise<void>;
}

const ENTRY = {
  service: path.join(PROJECT_ROOT, "src", "main.ts"),
  "default-stack": path.join(PROJECT_ROOT, "src", "bench", "default-stack.ts"),
};

export async function startServer(kind: keyof typeof ENTRY, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const { PATH = "", HOME = "" } = environment();
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY[kind]], {
    cwd: PROJECT_ROOT,
    env: { PATH, HOME, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${kind} did not start within 60 s:\n${output}`);
    try {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    graphqlUrl: `${url}/graphql`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
