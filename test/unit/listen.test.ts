// The service's port (src/http/listen.ts): bound before Neo4j is started or asked, so a port in use
// stops the start at once with a message naming PORT, not a TypeError with a stack after the
// schema was built. As the process (`npm start`, exit code 1): test/e2e/startup.test.ts.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadServiceConfig } from "../../src/config.ts";
import { listen, ListenError, listenProblem } from "../../src/http/listen.ts";
import { createLogger } from "../../src/logger.ts";
import { startService } from "../../src/service.ts";

let occupier: net.Server;
let busyPort: number;
beforeAll(async () => {
  occupier = net.createServer();
  await new Promise<void>((resolve) => occupier.listen(0, "127.0.0.1", resolve));
  busyPort = (occupier.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => occupier.close(resolve)));

describe("a port in use", () => {
  it("stops the service's start with a ListenError naming PORT and HOST, before Neo4j is asked", async () => {
    let logged = "";
    // Nothing listens at this Bolt address: had the start got as far as Neo4j, it would say so.
    const config = loadServiceConfig({ PORT: String(busyPort), NEO4J_URI: "bolt://127.0.0.1:1" });
    const error = await startService({ config, log: createLogger("info", { write: (line: string) => void (logged += line) }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as Error).message).toBe(
      `Cannot listen on PORT ${busyPort} on HOST 127.0.0.1: the port is already in use by another process; stop it, or set PORT to a free port`,
    );
    expect(logged).not.toMatch(/Neo4j/);
  });
});

describe("why a port cannot be bound", () => {
  it.each([
    ["EADDRINUSE", /already in use by another process; stop it, or set PORT to a free port/],
    ["EACCES", /may not bind that port \(below 1024 needs privileges\); set PORT to 1024 or above/],
    ["EADDRNOTAVAIL", /example\.invalid is not an address of this machine; set HOST/],
    ["ENOTFOUND", /example\.invalid is not an address of this machine/],
  ])("%s is said in terms of PORT and HOST", (code, message) => {
    const error = Object.assign(new Error(`listen ${code}`), { code });
    expect(listenProblem(error, 80, "example.invalid")).toMatch(/^Cannot listen on PORT 80 on HOST example\.invalid: /);
    expect(listenProblem(error, 80, "example.invalid")).toMatch(message);
  });
});

describe("a bound port before the app is ready", () => {
  it("answers what the stand-in says, then the app", async () => {
    const { server, serve } = await listen(0, "127.0.0.1", (_req, res) => {
      res.writeHead(503, { "retry-after": "1" });
      res.end("starting");
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
      const starting = await fetch(url);
      expect([starting.status, starting.headers.get("retry-after"), await starting.text()]).toEqual([503, "1", "starting"]);
      serve((_req, res) => res.end("ready"));
      expect(await (await fetch(url)).text()).toBe("ready");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("is refused as a ListenError when taken", async () => {
    await expect(listen(busyPort, "127.0.0.1", () => {})).rejects.toThrow(ListenError);
  });
});
