// Configuration comes only from the environment, validated once at start-up so that a bad
// value stops the process with a message naming the variable instead of failing later.
// This is the only file that reads process.env (test/unit/config.test.ts keeps it so): every
// variable is declared once below, and the values are passed down from the entry points.
import path from "node:path";
import { z } from "zod";
import { PRODUCTION_PASSWORD_MIN_LENGTH, weakPasswordReason } from "./password-strength.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

/** Development default; every deployment that is reachable by others sets NEO4J_PASSWORD. */
export const DEV_PASSWORD = "llmgraph-dev";

/** A typo such as "prod" would silently mean development, with its stack traces and introspection. */
export const NODE_ENVS = ["development", "production", "test"] as const;

const BOLT_SCHEMES = ["bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"] as const;

const port = (what: string) =>
  z.coerce
    .number({ error: `must be a ${what} port number` })
    .int(`must be a whole ${what} port number`)
    .min(1, `must be a ${what} port between 1 and 65535`)
    .max(65535, `must be a ${what} port between 1 and 65535`);

const neo4jUri = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: `'${value}' is not a URI; expected e.g. bolt://localhost:7687` });
    return;
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (!(BOLT_SCHEMES as readonly string[]).includes(scheme)) {
    ctx.addIssue({
      code: "custom",
      message: `scheme '${scheme}' is not supported; use one of ${BOLT_SCHEMES.join(", ")}`,
    });
  } else if (!url.hostname) {
    ctx.addIssue({ code: "custom", message: `'${value}' has no host name` });
  }
});

// Neo4j's own size syntax (as in neo4j.conf): a number with an optional k, m or g suffix.
const memorySize = z.string().regex(/^\d+[kmg]?$/i, "must be a size such as 512m or 2g");

/**
 * What each numeric setting can mean: a value outside is refused at start-up, naming the variable
 * and the range. Node's timers take at most 2^31-1 ms and fire at once above it
 * (QUERY_TIMEOUT_MS=2147483648 timed every query out, GRAPH_VERSION_POLL_MS=2147483648 polled Neo4j
 * about every millisecond); the other bounds are what a value can sensibly be.
 * docs/configuration.md states each range (a unit test checks it).
 */
export const NUMERIC_BOUNDS = {
  // The schema's @limit max is 101: the largest page plus the item past it (plugins/cut-lists.ts).
  MAX_PAGE_SIZE: [1, 100],
  MAX_QUERY_DEPTH: [1, 50],
  MAX_ALIASES: [1, 1000],
  MAX_QUERY_COST: [1, 10_000_000],
  MAX_QUERY_TOKENS: [1, 100_000],
  MAX_BODY_BYTES: [1024, 16 * 2 ** 20],
  QUERY_TIMEOUT_MS: [100, 600_000],
  MAX_LIST_LENGTH: [1, 10_000],
  MAX_FILTER_DEPTH: [1, 20],
  // Recursive walks of variables (graphql's coercion, the request rules) hold a few hundred levels.
  MAX_VARIABLES_DEPTH: [1, 500],
  RATE_LIMIT_PER_MINUTE: [0, 1_000_000],
  MAX_CONCURRENT_QUERIES: [1, 1000],
  ADMISSION_WAIT_MS: [1, 60_000],
  GRAPH_VERSION_POLL_MS: [100, 60_000],
  NEO4J_START_TIMEOUT_S: [1, 3600],
} as const satisfies Record<string, readonly [number, number]>;

/** A whole number within the variable's NUMERIC_BOUNDS. */
const bounded = (variable: keyof typeof NUMERIC_BOUNDS, unit = "") => {
  const [min, max] = NUMERIC_BOUNDS[variable];
  const range = `must be a whole number from ${min} to ${max}${unit}`;
  return z.coerce.number({ error: range }).int(range).min(min, range).max(max, range);
};
const booleanFlag = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

/**
 * Express's `trust proxy`: which proxies in front may name the client (X-Forwarded-For), so that the
 * rate limit keys on the client, not the proxy. "false" (none, the default), a number of proxies,
 * or their addresses, subnets or Express's names (loopback, linklocal, uniquelocal), comma-separated.
 * "true" (trust any) is refused: any client could then pick its own rate-limit key.
 */
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const trustProxy = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === "false" || /^\d+$/.test(value)) return;
    const message = "must be false, a number of proxies, or their addresses or subnets (comma-separated); true would let any client choose its rate-limit key";
    if (value === "true" || value === "") return ctx.addIssue({ code: "custom", message });
    const bad = value.split(",").map((v) => v.trim()).find((v) => !PROXY_NAMES.has(v) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `${message}; '${bad}' is none of these` });
  })
  .transform((value): false | number | string[] =>
    value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value.split(",").map((v) => v.trim()),
  );

const password = z.string().min(8, "must be at least 8 characters (Neo4j's minimum)");

// Each variable is declared once; a schema that needs it takes the declaration from here.
const neo4jPassword = { NEO4J_PASSWORD: password.default(DEV_PASSWORD) };
const neo4jConnection = {
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USERNAME: z.string().min(1, "must not be empty").default("neo4j"),
  ...neo4jPassword,
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, "must be a Neo4j database name (a letter, then letters, digits, '.' or '-')")
    .optional(),
};
const sourceTexts = {
  /** Where the full texts of sources live (not copied into the project); evidence is checked against them. */
  SOURCE_TEXTS_DIR: z
    .string()
    .default(path.join(PROJECT_ROOT, "..", "shared", "seed"))
    .transform((dir) => path.resolve(dir)),
  /** true (CI): a quoted source whose text is absent is refused, so the verbatim check is never off
   *  where the texts exist; false: its quotes are checked against data/evidence-manifest.json. */
  REQUIRE_SOURCE_TEXTS: booleanFlag.default(false),
};

const serviceSchema = z.object({
  ...neo4jConnection,
  PORT: port("HTTP").default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z
    .enum(NODE_ENVS, { error: `must be one of ${NODE_ENVS.join(", ")}` })
    .default("development"),
  /** Introspection on by default, production too: a public, read-only API whose schema is no
   *  secret (it is served at /schema.graphql), and GraphiQL needs it. false turns it off. */
  GRAPHQL_INTROSPECTION: booleanFlag.default(true),
  /** Comma-separated origins allowed by CORS; unset means no cross-origin browser access. */
  CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal("*"), z.url({ error: "must be a comma-separated list of origins such as https://example.org, or *" })])))
    .default([]),
  /** Production refuses CORS_ORIGINS=* unless this says any site may call the API from a browser. */
  CORS_ALLOW_ANY_ORIGIN: booleanFlag.default(false),
  MAX_PAGE_SIZE: bounded("MAX_PAGE_SIZE").default(100),
  MAX_QUERY_DEPTH: bounded("MAX_QUERY_DEPTH").default(10),
  MAX_ALIASES: bounded("MAX_ALIASES").default(15),
  MAX_QUERY_COST: bounded("MAX_QUERY_COST").default(20000),
  MAX_QUERY_TOKENS: bounded("MAX_QUERY_TOKENS").default(2000),
  MAX_BODY_BYTES: bounded("MAX_BODY_BYTES", " bytes").default(65536),
  QUERY_TIMEOUT_MS: bounded("QUERY_TIMEOUT_MS", " ms").default(5000),
  /** Longest list in any argument (ids in a filter, companies compared). */
  MAX_LIST_LENGTH: bounded("MAX_LIST_LENGTH").default(100),
  /** Relationships a filter may traverse one inside another. */
  MAX_FILTER_DEPTH: bounded("MAX_FILTER_DEPTH").default(3),
  /** How deeply a request's variables may nest (a where through AND, NOT or relationships). */
  MAX_VARIABLES_DEPTH: bounded("MAX_VARIABLES_DEPTH").default(32),
  /** Admission control (src/http/admission.ts): requests per client per minute (0: off; answers from the cache are not counted), */
  RATE_LIMIT_PER_MINUTE: bounded("RATE_LIMIT_PER_MINUTE", " (0: off)").default(12000),
  /** GraphQL requests executing at once, */
  MAX_CONCURRENT_QUERIES: bounded("MAX_CONCURRENT_QUERIES").default(16),
  /** and how long a request beyond them waits for a slot before a 503. */
  ADMISSION_WAIT_MS: bounded("ADMISSION_WAIT_MS", " ms").default(2000),
  /** Proxies in front of the service whose X-Forwarded-For names the client (rate limit). */
  TRUST_PROXY: trustProxy.default(false),
  /** Cache whole responses, keyed by the graph's version; off for measuring the uncached path. */
  RESPONSE_CACHE: booleanFlag.default(true),
  /** Send the explorer's first documents before /ready turns 200 (src/api/warm-up.ts); false skips it. */
  WARM_UP: booleanFlag.default(true),
  /** How often each replica reads the graph's version (the longest a stale cached answer lives). */
  GRAPH_VERSION_POLL_MS: bounded("GRAPH_VERSION_POLL_MS", " ms").default(1000),
  /** The service loads the graph into an empty database, checking evidence against these texts. */
  ...sourceTexts,
});

const sourcesSchema = z.object(sourceTexts);

const localNeo4jSchema = z.object({
  ...neo4jPassword,
  NEO4J_BOLT_PORT: port("Bolt").default(7687),
  NEO4J_HTTP_PORT: port("HTTP").default(7474),
  NEO4J_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, ".local", "neo4j")),
  NEO4J_HEAP_SIZE: memorySize.default("512m"),
  NEO4J_PAGECACHE_SIZE: memorySize.default("256m"),
  NEO4J_START_TIMEOUT_S: bounded("NEO4J_START_TIMEOUT_S", " s").default(180),
  MVN: z.string().min(1).default("mvn"),
  JAVA: z.string().min(1).default("java"),
});

/** npm run bench: the Neo4j to use instead of its own (only with BENCH_ALLOW_WIPE), and its sizes. */
const benchSchema = z.object({
  ...neo4jConnection,
  BENCH_ALLOW_WIPE: booleanFlag.default(false),
  BENCH_NEO4J_HEAP: memorySize.optional(),
  BENCH_NEO4J_PAGECACHE: memorySize.optional(),
  BENCH_OUTPUT: z.string().min(1).optional(),
});

export type ServiceConfig = z.infer<typeof serviceSchema>;
export type LocalNeo4jConfig = z.infer<typeof localNeo4jSchema>;
export type SourcesConfig = z.infer<typeof sourcesSchema>;
export type BenchConfig = z.infer<typeof benchSchema>;

/** Every variable any configuration reads: docs/configuration.md lists each once. */
export const CONFIG_VARIABLES: readonly string[] = [
  ...new Set([serviceSchema, localNeo4jSchema, sourcesSchema, benchSchema].flatMap((schema) => Object.keys(schema.shape))),
].sort();

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Environment = Record<string, string | undefined>;

/**
 * The process environment with the given overrides: for a child process (which inherits it) or
 * for a configuration whose caller fixes some settings. The one place outside loadConfig's
 * default that reads process.env.
 */
export const environment = (overrides: Environment = {}): Environment => ({ ...process.env, ...overrides });

/** Reads and validates one configuration from the environment (process.env unless given). */
export function loadConfig<T extends z.ZodTypeAny>(schema: T, env: Environment = process.env): z.infer<T> {
  // Empty strings count as unset, as shells and compose files often export VAR= for "default".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** What production refuses although each value is valid alone: settings that leave it open. */
export function insecureProductionSettings(config: ServiceConfig): string[] {
  if (config.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (config.NEO4J_PASSWORD === DEV_PASSWORD) {
    problems.push("NEO4J_PASSWORD: must be set in production, to another password than the development default (which is public)");
  } else {
    const weak = weakPasswordReason(config.NEO4J_PASSWORD, config.NEO4J_USERNAME);
    if (weak) {
      problems.push(
        `NEO4J_PASSWORD: too weak for production: it ${weak}; use at least ${PRODUCTION_PASSWORD_MIN_LENGTH} characters that are not a common password (several random words, or a password manager's)`,
      );
    }
  }
  if (config.CORS_ORIGINS.includes("*") && !config.CORS_ALLOW_ANY_ORIGIN) {
    problems.push("CORS_ORIGINS: * lets any web site call the API from its visitors' browsers; list the origins, or set CORS_ALLOW_ANY_ORIGIN=true to allow it in production");
  }
  return problems;
}

/** The service's settings from the environment, with defaults for what a caller (a bench run in
 *  process) needs set but the environment may lack; the environment wins where it sets a value. */
export function loadServiceConfigWithDefaults(defaults: Environment): ServiceConfig {
  return loadServiceConfig({ ...defaults, ...process.env });
}

export function loadServiceConfig(env?: Environment): ServiceConfig {
  const config = loadConfig(serviceSchema, env);
  const problems = insecureProductionSettings(config);
  if (problems.length) {
    throw new ConfigError(`Refusing to start with NODE_ENV=production:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return config;
}
export const loadLocalNeo4jConfig = (env?: Environment): LocalNeo4jConfig => loadConfig(localNeo4jSchema, env);
export const loadSourcesConfig = (env?: Environment): SourcesConfig => loadConfig(sourcesSchema, env);
export const loadBenchConfig = (env?: Environment): BenchConfig => loadConfig(benchSchema, env);
