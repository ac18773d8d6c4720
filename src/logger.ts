// One structured (JSON lines) logger for the whole service; pino because it is fast and its
// output is what log shippers expect.
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** Logs to stdout, or to `destination` (tests running the service in-process read its lines). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: "china-llm-graph" }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
