// The one place that opens Neo4j connections and turns driver failures into messages that say
// which setting is wrong.
import neo4j, { type Driver } from "neo4j-driver";

export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database?: string | undefined;
}

export interface ServerInfo {
  neo4jVersion: string;
  edition: string;
  apocVersion: string | null;
}

export type ConnectionFailure = "auth" | "unreachable" | "database" | "other";

export class Neo4jConnectionError extends Error {
  override name = "Neo4jConnectionError";
  constructor(
    message: string,
    readonly reason: ConnectionFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface DriverTimeouts {
  /** Opening one connection (TCP and Bolt handshake); a stopped or frozen server fails in this time. */
  connectionTimeoutMs?: number;
  /** Waiting for a connection of the pool, including opening one. */
  connectionAcquisitionTimeoutMs?: number;
  /** How long the driver retries a transaction after a transient failure (0: once, never retried). */
  maxTransactionRetryTimeMs?: number;
}

export function createDriver(target: Neo4jTarget, timeouts: DriverTimeouts = {}): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    connectionTimeout: timeouts.connectionTimeoutMs ?? 10_000,
    connectionAcquisitionTimeout: timeouts.connectionAcquisitionTimeoutMs ?? 30_000,
    // Integers beyond 2^53 would lose precision as JS numbers; callers convert explicitly.
    disableLosslessIntegers: false,
    userAgent: "china-llm-graph",
    maxTransactionRetryTime: timeouts.maxTransactionRetryTimeMs ?? 3000,
  });
}

/**
 * The service's timeouts: a request must fail fast during an outage (DATABASE_UNAVAILABLE within
 * about a second), not wait 30 s for a connection or retry for seconds; a request has its own
 * budget (QUERY_TIMEOUT_MS), and a retry would only spend it twice.
 */
export const serviceDriverTimeouts = (queryTimeoutMs: number): DriverTimeouts => ({
  connectionTimeoutMs: Math.min(1000, queryTimeoutMs),
  connectionAcquisitionTimeoutMs: queryTimeoutMs,
  maxTransactionRetryTimeMs: 0,
});

/** Maps a driver error to a cause a person can act on; the target is named, the password never. */
export function explainConnectionError(error: unknown, target: Neo4jTarget): Neo4jConnectionError {
  const code = (error as { code?: string }).code ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "Neo.ClientError.Security.Unauthorized" || code === "Neo.ClientError.Security.AuthenticationRateLimit") {
    return new Neo4jConnectionError(
      `Neo4j at ${target.uri} rejected the credentials of user '${target.username}': ` +
        `check NEO4J_USERNAME and NEO4J_PASSWORD (${detail})`,
      "auth",
      { cause: error },
    );
  }
  if (code === "Neo.ClientError.Database.DatabaseNotFound") {
    return new Neo4jConnectionError(
      `Neo4j at ${target.uri} has no database '${target.database}': check NEO4J_DATABASE (${detail})`,
      "database",
      { cause: error },
    );
  }
  if (code === "ServiceUnavailable" || code === "SessionExpired" || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timeout/i.test(detail)) {
    return new Neo4jConnectionError(
      `Cannot reach Neo4j at ${target.uri}: check NEO4J_URI and that the server runs (${detail})`,
      "unreachable",
      { cause: error },
    );
  }
  return new Neo4jConnectionError(`Neo4j at ${target.uri} failed: ${detail}`, "other", { cause: error });
}

/** Connects, authenticates and reads the versions; throws Neo4jConnectionError on any failure. */
export async function readServerInfo(driver: Driver, target: Neo4jTarget): Promise<ServerInfo> {
  // Auto-commit queries in a session: executeQuery would retry an unreachable server for 30 s,
  // and a health check must answer now.
  const session = driver.session({ database: target.database, defaultAccessMode: neo4j.session.READ });
  try {
    const { records } = await session.run(
      "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition",
    );
    const record = records[0];
    if (!record) throw new Error("dbms.components() returned no rows");
    let apocVersion: string | null = null;
    try {
      const apoc = await session.run("RETURN apoc.version() AS v");
      apocVersion = (apoc.records[0]?.get("v") as string | undefined) ?? null;
    } catch (error) {
      if ((error as { code?: string }).code !== "Neo.ClientError.Statement.SyntaxError") throw error;
      // apoc.version() unknown: APOC is not installed; reported as null rather than failing.
    }
    return { neo4jVersion: record.get("version") as string, edition: record.get("edition") as string, apocVersion };
  } catch (error) {
    throw error instanceof Neo4jConnectionError ? error : explainConnectionError(error, target);
  } finally {
    await session.close();
  }
}
