// Configuration from the environment, validated once: a bad value is refused with a message naming
// the variable. (That the service then exits with that message is test/e2e/startup.test.ts.)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CONFIG_VARIABLES,
  ConfigError,
  DEV_PASSWORD,
  loadBenchConfig,
  loadLocalNeo4jConfig,
  loadServiceConfig,
  loadSourcesConfig,
  NUMERIC_BOUNDS,
  PROJECT_ROOT,
} from "../../src/config.ts";
import { weakPasswordReason } from "../../src/password-strength.ts";

describe("the service's configuration", () => {
  it("has defaults for everything: the local Neo4j, port 4000 on loopback, protections on", () => {
    const config = loadServiceConfig({});
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config).toMatchObject({
      NEO4J_USERNAME: "neo4j",
      NEO4J_PASSWORD: DEV_PASSWORD,
      PORT: 4000,
      HOST: "127.0.0.1",
      CORS_ORIGINS: [],
      MAX_PAGE_SIZE: 100,
      QUERY_TIMEOUT_MS: 5000,
      RESPONSE_CACHE: true,
    });
    expect(config.GRAPHQL_INTROSPECTION).toBe(true);
  });

  it("reads numbers, flags and the list of origins", () => {
    const config = loadServiceConfig({
      PORT: "8080",
      QUERY_TIMEOUT_MS: "250",
      RESPONSE_CACHE: "false",
      GRAPHQL_INTROSPECTION: "true",
      CORS_ORIGINS: "https://a.example.org, https://b.example.org,",
    });
    expect(config).toMatchObject({ PORT: 8080, QUERY_TIMEOUT_MS: 250, RESPONSE_CACHE: false, GRAPHQL_INTROSPECTION: true });
    expect(config.CORS_ORIGINS).toEqual(["https://a.example.org", "https://b.example.org"]);
  });

  it("takes an empty variable as unset, as compose files export VAR= for the default", () => {
    const config = loadServiceConfig({ PORT: "", NEO4J_URI: "", QUERY_TIMEOUT_MS: "" });
    expect(config).toMatchObject({ PORT: 4000, QUERY_TIMEOUT_MS: 5000 });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it.each([
    [{ NEO4J_URI: "not a uri" }, /NEO4J_URI: 'not a uri' is not a URI; expected e\.g\. bolt:\/\/localhost:7687/],
    [{ NEO4J_URI: "http://localhost:7474" }, /NEO4J_URI: scheme 'http' is not supported; use one of bolt, bolt\+s, bolt\+ssc, neo4j, neo4j\+s, neo4j\+ssc/],
    [{ PORT: "eighty" }, /PORT: must be a HTTP port number/],
    [{ PORT: "70000" }, /PORT: must be a HTTP port between 1 and 65535/],
    [{ PORT: "0" }, /PORT: must be a HTTP port between 1 and 65535/],
    [{ NEO4J_PASSWORD: "short" }, /NEO4J_PASSWORD: must be at least 8 characters/],
    [{ NEO4J_DATABASE: "1st" }, /NEO4J_DATABASE: must be a Neo4j database name/],
    [{ LOG_LEVEL: "verbose" }, /LOG_LEVEL: /],
    [{ CORS_ORIGINS: "dashboards.example.org" }, /CORS_ORIGINS\.0: must be a comma-separated list of origins/],
    [{ RESPONSE_CACHE: "yes" }, /RESPONSE_CACHE: must be true or false/],
    [{ QUERY_TIMEOUT_MS: "0" }, /QUERY_TIMEOUT_MS: must be a whole number from 100 to 600000 ms/],
    [{ MAX_PAGE_SIZE: "ten" }, /MAX_PAGE_SIZE: must be a whole number from 1 to 100/],
  ])("refuses %o, naming the variable", (env, message) => {
    expect(() => loadServiceConfig(env)).toThrow(ConfigError);
    expect(() => loadServiceConfig(env)).toThrow(message);
  });

  // Node's timers fire at once above 2^31-1 ms: these values used to time every query out at once
  // and poll Neo4j about every millisecond.
  it.each([
    ["QUERY_TIMEOUT_MS", "2147483648", /QUERY_TIMEOUT_MS: must be a whole number from 100 to 600000 ms/],
    ["GRAPH_VERSION_POLL_MS", "2147483648", /GRAPH_VERSION_POLL_MS: must be a whole number from 100 to 60000 ms/],
    ["GRAPH_VERSION_POLL_MS", "1", /GRAPH_VERSION_POLL_MS: must be a whole number from 100 to 60000 ms/],
    ["ADMISSION_WAIT_MS", "1e12", /ADMISSION_WAIT_MS: must be a whole number from 1 to 60000 ms/],
    ["RATE_LIMIT_PER_MINUTE", "-1", /RATE_LIMIT_PER_MINUTE: must be a whole number from 0 to 1000000 \(0: off\)/],
    ["MAX_BODY_BYTES", "10", /MAX_BODY_BYTES: must be a whole number from 1024 to 16777216 bytes/],
    ["MAX_QUERY_DEPTH", "2.5", /MAX_QUERY_DEPTH: must be a whole number from 1 to 50/],
    ["MAX_CONCURRENT_QUERIES", "Infinity", /MAX_CONCURRENT_QUERIES: must be a whole number from 1 to 1000/],
  ])("refuses %s=%s, naming the variable and its range", (variable, value, message) => {
    expect(() => loadServiceConfig({ [variable]: value })).toThrow(message);
  });

  it("accepts every numeric setting at both ends of its range, and refuses one beyond either end", () => {
    for (const [variable, [min, max]] of Object.entries(NUMERIC_BOUNDS)) {
      const load = variable === "NEO4J_START_TIMEOUT_S" ? loadLocalNeo4jConfig : loadServiceConfig;
      for (const value of [min, max]) expect((load({ [variable]: String(value) }) as Record<string, unknown>)[variable]).toBe(value);
      for (const value of [min - 1, max + 1]) expect(() => load({ [variable]: String(value) }), `${variable}=${value}`).toThrow(new RegExp(`${variable}: must be a whole number from ${min} to ${max}`));
    }
  });

  it("lists every problem at once", () => {
    expect(() => loadServiceConfig({ PORT: "eighty", RESPONSE_CACHE: "yes" })).toThrow(
      /Invalid configuration in the environment:\n {2}PORT: .+\n {2}RESPONSE_CACHE: .+/,
    );
  });
});

describe("production refuses to be insecure", () => {
  const production = { NODE_ENV: "production", NEO4J_PASSWORD: "a-password-of-our-own" };

  it("starts with a password of its own and listed origins", () => {
    const config = loadServiceConfig({ ...production, CORS_ORIGINS: "https://dashboards.example.org" });
    expect(config).toMatchObject({ NODE_ENV: "production", CORS_ORIGINS: ["https://dashboards.example.org"] });
  });

  it.each([
    ["no password (the development default)", { NODE_ENV: "production" }],
    ["the development default set explicitly", { NODE_ENV: "production", NEO4J_PASSWORD: DEV_PASSWORD }],
  ])("refuses %s, naming NEO4J_PASSWORD and never printing it", (_case, env) => {
    expect(() => loadServiceConfig(env)).toThrow(ConfigError);
    expect(() => loadServiceConfig(env)).toThrow(/Refusing to start with NODE_ENV=production:\n {2}NEO4J_PASSWORD: must be set in production/);
    expect(() => loadServiceConfig(env)).not.toThrow(new RegExp(DEV_PASSWORD));
  });

  it.each([
    ["12345678", /it is shorter than 12 characters/],
    ["123456789012", /it has only digits, punctuation and symbols/],
    ["Password123!", /it is a common password/],
    ["qwertyuiop", /it is shorter than 12 characters/],
    ["!!qwertyuiop2024", /it is a common password/],
    ["abcabcabcabc", /it is one short piece repeated/],
    ["neo4j2024!!!!", /it is the user name/],
  ])("refuses the weak password %j, saying why and never printing it", (password, why) => {
    const env = { NODE_ENV: "production", NEO4J_PASSWORD: password };
    expect(() => loadServiceConfig(env)).toThrow(ConfigError);
    expect(() => loadServiceConfig(env)).toThrow(/Refusing to start with NODE_ENV=production:\n {2}NEO4J_PASSWORD: too weak for production: /);
    expect(() => loadServiceConfig(env)).toThrow(why);
    let message = "";
    try {
      loadServiceConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(password);
  });

  it.each(["correct-horse-battery", "中国大语言模型产业知识图谱", "Tr4ilhead-Lantern-Oboe", "test-password-1"])("accepts the password %j in production", (password) => {
    expect(weakPasswordReason(password, "neo4j")).toBeNull();
    expect(loadServiceConfig({ NODE_ENV: "production", NEO4J_PASSWORD: password }).NEO4J_PASSWORD).toBe(password);
  });

  it("keeps accepting a weak password outside production (Neo4j's own 8 characters are the rule there)", () => {
    expect(loadServiceConfig({ NEO4J_PASSWORD: "12345678" }).NEO4J_PASSWORD).toBe("12345678");
  });

  it("refuses CORS_ORIGINS=* unless CORS_ALLOW_ANY_ORIGIN=true says so", () => {
    expect(() => loadServiceConfig({ ...production, CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS: \* lets any web site call the API.+CORS_ALLOW_ANY_ORIGIN=true/);
    expect(loadServiceConfig({ ...production, CORS_ORIGINS: "*", CORS_ALLOW_ANY_ORIGIN: "true" }).CORS_ORIGINS).toEqual(["*"]);
  });

  it("lists both problems at once", () => {
    expect(() => loadServiceConfig({ NODE_ENV: "production", CORS_ORIGINS: "*" })).toThrow(/NEO4J_PASSWORD: .+\n {2}CORS_ORIGINS: /);
  });

  it("keeps development's defaults in development and in tests", () => {
    expect(loadServiceConfig({ CORS_ORIGINS: "*" }).NEO4J_PASSWORD).toBe(DEV_PASSWORD);
    expect(loadServiceConfig({ NODE_ENV: "test" }).NODE_ENV).toBe("test");
  });

  it.each(["prod", "Production", "staging"])("refuses NODE_ENV=%s, naming the allowed values", (value) => {
    expect(() => loadServiceConfig({ NODE_ENV: value })).toThrow(/NODE_ENV: must be one of development, production, test/);
  });
});

describe("the local Neo4j's configuration", () => {
  it.each([
    [{ NEO4J_BOLT_PORT: "70000" }, /NEO4J_BOLT_PORT: must be a Bolt port between 1 and 65535/],
    [{ NEO4J_HEAP_SIZE: "lots" }, /NEO4J_HEAP_SIZE: must be a size such as 512m or 2g/],
    [{ NEO4J_PASSWORD: "short" }, /NEO4J_PASSWORD: must be at least 8 characters/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => loadLocalNeo4jConfig(env)).toThrow(message);
  });

  it("defaults to the project's folder and Neo4j's usual ports", () => {
    expect(loadLocalNeo4jConfig({})).toMatchObject({ NEO4J_BOLT_PORT: 7687, NEO4J_HTTP_PORT: 7474, NEO4J_HEAP_SIZE: "512m", MVN: "mvn", JAVA: "java" });
  });
});

describe("the source texts' folder", () => {
  it("defaults to ../shared/seed beside the project, and resolves a relative folder", () => {
    expect(loadSourcesConfig({}).SOURCE_TEXTS_DIR).toBe(path.resolve(PROJECT_ROOT, "..", "shared", "seed"));
    expect(loadSourcesConfig({ SOURCE_TEXTS_DIR: "texts" }).SOURCE_TEXTS_DIR).toBe(path.resolve("texts"));
    expect(loadServiceConfig({ SOURCE_TEXTS_DIR: "/srv/texts" }).SOURCE_TEXTS_DIR).toBe("/srv/texts");
  });
});

describe("the benchmark's configuration", () => {
  it("wipes no database unless allowed", () => {
    expect(loadBenchConfig({}).BENCH_ALLOW_WIPE).toBe(false);
    expect(loadBenchConfig({ BENCH_ALLOW_WIPE: "true", BENCH_NEO4J_HEAP: "8g" })).toMatchObject({ BENCH_ALLOW_WIPE: true, BENCH_NEO4J_HEAP: "8g" });
    expect(() => loadBenchConfig({ BENCH_NEO4J_HEAP: "lots" })).toThrow(/BENCH_NEO4J_HEAP: must be a size/);
  });
});

describe("one home for configuration", () => {
  const SRC = path.join(PROJECT_ROOT, "src");
  // The service's own code (TypeScript); the client examples are separate programs.
  const sourceFiles = (readdirSync(SRC, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(SRC, file));

  it("no file under src/ but src/config.ts reads process.env", () => {
    expect(sourceFiles.length).toBeGreaterThan(20);
    const readers = sourceFiles
      .filter((file) => /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["'`]env/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(PROJECT_ROOT, file));
    expect(readers).toEqual(["src/config.ts"]);
  });

  it("docs/configuration.md's table lists every variable once, and only those", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "docs", "configuration.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Configuration\n"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| variable |")));
    const rows = table.split("\n").filter((line) => line.startsWith("| `"));
    const named = rows.flatMap((row) => [...row.split(" | ")[0]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!));
    expect([...named].sort()).toEqual(CONFIG_VARIABLES);
    // Each numeric setting's row gives the range config.ts enforces.
    for (const [variable, [min, max]] of Object.entries(NUMERIC_BOUNDS)) {
      const row = rows.find((r) => r.split(" | ")[0]!.includes(`\`${variable}\``))!;
      expect(row, variable).toContain(`\`${variable}\` ${min}–${max}`);
    }
  });
});
