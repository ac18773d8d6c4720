// The service's port, bound before anything else starts: a port in use stops the start at once,
// naming PORT, instead of after Neo4j was started and the schema built, with a TypeError and a
// stack (Express passed the listen error to a callback that read the address of no server).
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";

export class ListenError extends Error {
  override name = "ListenError";
}

/** Why the port could not be bound, in terms of the settings that choose it. */
export function listenProblem(error: NodeJS.ErrnoException, port: number, host: string): string {
  const where = `PORT ${port} on HOST ${host}`;
  switch (error.code) {
    case "EADDRINUSE":
      return `Cannot listen on ${where}: the port is already in use by another process; stop it, or set PORT to a free port`;
    case "EACCES":
      return `Cannot listen on ${where}: this process may not bind that port (below 1024 needs privileges); set PORT to 1024 or above`;
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot listen on ${where}: ${host} is not an address of this machine; set HOST to one (127.0.0.1, or 0.0.0.0 for every interface)`;
    default:
      return `Cannot listen on ${where}: ${error.message}`;
  }
}

/** An HTTP server listening on port and host, and a way to hand it the app once it is built;
 *  until then every request is answered 503 with Retry-After. */
export function listen(
  port: number,
  host: string,
  whileStarting: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; serve: (app: RequestListener) => void }> {
  let handler: RequestListener = whileStarting;
  const server = createServer((req, res) => handler(req, res));
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new ListenError(listenProblem(error, port, host), { cause: error })));
    server.listen(port, host, () => resolve({ server, serve: (app) => (handler = app) }));
  });
}
