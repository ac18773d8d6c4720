// One structured (JSON lines) logger for the whole service; pino because it is fast and its
// output is what log shippers expect.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "china-llm-graph" }, timestamp: pino.stdTimeFunctions.isoTime });
}
