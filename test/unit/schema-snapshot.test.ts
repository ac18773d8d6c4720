// The public contract is pinned: the committed SDL (schema/generated/schema.graphql) is what the
// service builds today (without a database), and what it serves at /schema.graphql
// (test/unit/http-app.test.ts). A change to schema/*.graphql or to @neo4j/graphql shows up here;
// `npm run schema:generate` updates the snapshot, to be reviewed and committed with the change
// (and a CHANGELOG line when it breaks clients).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, GENERATED_SDL_FILE, printSchemaSnapshot } from "../../src/api/schema.ts";
import { VOCABULARY_FILE, vocabularyTypeDefs } from "../../src/api/vocabulary.ts";

describe("the generated API's SDL", () => {
  // Building the schema takes about 2 s alone and over 5 s on a loaded two-CPU machine.
  it("is committed and current (run `npm run schema:generate` after changing schema/*.graphql)", { timeout: 30_000 }, async () => {
    const committed = readFileSync(GENERATED_SDL_FILE, "utf8");
    expect(printSchemaSnapshot(await buildSchema())).toBe(committed);
  });

  it("describes the API's answers to the issue's defects in the contract itself", () => {
    const sdl = readFileSync(GENERATED_SDL_FILE, "utf8");
    const block = (type: string) => {
      const start = sdl.indexOf(`\ntype ${type} {`);
      return sdl.slice(start, sdl.indexOf("\n}\n", start));
    };
    // One company per figure; search hits are entities; aggregates never offer a figure's value.
    expect(block("Metric")).toMatch(/\n {2}company: Company\n/);
    expect(block("SearchHit")).toMatch(/\n {2}entity: Entity!\n/);
    expect(block("MetricAggregateNode")).toMatch(/periodLabel/);
    expect(block("MetricAggregateNode")).not.toMatch(/value:/);
    expect(sdl).toMatch(/metricSummary\(kind: MetricKind, metric: MetricName, subjectId: ID, unit: Unit\): \[MetricGroup!\]!/);
    expect(sdl).toMatch(/allShortestConnections\(asOf: Date, fromId: ID!, knownAt: Date, limit: Int! = 10, maxHops: Int! = 6, toId: ID!\): ShortestConnections/);
  });

  it("declares the model's vocabularies as enums, generated from src/graph/model.ts and current", () => {
    expect(readFileSync(VOCABULARY_FILE, "utf8")).toBe(vocabularyTypeDefs());
    const sdl = readFileSync(GENERATED_SDL_FILE, "utf8");
    expect(sdl).toMatch(/enum Unit \{\s+CNY\s+HKD\s+USD\s+count\s+days\s+parameters\s+percent\s+shares\s+times\s+tokens\s+\}/);
    expect(sdl).toMatch(/metricSeries\(asOf: Date, companyId: ID!, kind: MetricKind! = actual, knownAt: Date, metric: MetricName!\): MetricSeries!/);
  });

  it("keeps the certainty, attribution and time of facts in the contract", () => {
    const sdl = readFileSync(GENERATED_SDL_FILE, "utf8");
    expect(sdl).toMatch(/enum Certainty \{\s+hedged\s+stated\s+\}/);
    expect(sdl).toMatch(/type Provenance \{[^}]*citedSourceId: String[^}]*validFrom: Date/s);
  });
});
