// The fuzz test's query generator (test/support/fuzz-queries.ts) is deterministic per seed and
// writes only schema-valid documents: checked here against the API's committed schema, so a
// failure of the fuzz test is a failure of the API, never of its generator.
import { readFileSync } from "node:fs";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { GENERATED_SDL_FILE } from "../../src/api/schema.ts";
import { generateQueries, Random } from "../support/fuzz-queries.ts";

const schema = buildSchema(readFileSync(GENERATED_SDL_FILE, "utf8"));

describe("the fuzz query generator", () => {
  it("gives the same queries for the same seed, and others for another seed", () => {
    const a = generateQueries(schema, 1234, 50);
    expect(generateQueries(schema, 1234, 50)).toEqual(a);
    expect(generateQueries(schema, 1235, 50)).not.toEqual(a);
  });

  it("writes documents that validate against the schema, with variables for every non-null variable without a default", { timeout: 60_000 }, () => {
    const problems: string[] = [];
    for (const { query, variables } of generateQueries(schema, 42, 1500)) {
      const document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) problems.push(`${errors[0]!.message}\n  in ${query.slice(0, 300)}`);
      for (const match of query.matchAll(/\$(v\d+): ([^,)=]+?!)(?=[,)])/g)) {
        if (!(match[1]! in variables)) problems.push(`no value for required $${match[1]} in ${query.slice(0, 200)}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("reaches every root field, and uses variables, defaults, nulls, negatives and long strings", { timeout: 60_000 }, () => {
    const queries = generateQueries(schema, 7, 3000);
    const roots = new Set(queries.flatMap((q) => q.roots));
    expect([...roots].sort()).toEqual(Object.keys(schema.getQueryType()!.getFields()).sort());
    const text = queries.map((q) => `${q.query} ${JSON.stringify(q.variables)}`).join("\n");
    expect(text).toMatch(/\$v\d+: [^=,)]+ = /);
    expect(text).toMatch(/: null/);
    expect(text).toMatch(/: -\d/);
    expect(text).toMatch(/x{3000}/);
    expect(text).toMatch(/智/);
  });

  it("has a uniform generator: the mean of many draws is near 1/2", () => {
    const random = new Random(99);
    const mean = Array.from({ length: 10000 }, () => random.next()).reduce((a, b) => a + b, 0) / 10000;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
