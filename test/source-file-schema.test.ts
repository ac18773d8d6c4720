// The source-file contract an editor validates against: the JSON Schema emitted from the loader's
// zod schema is committed, current, and named by every source file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCE_FILE_JSON_SCHEMA, sourceFileJsonSchema, sourceFilesIn } from "../src/graph/source-file.ts";

describe("the source files' JSON Schema", () => {
  it("is committed and current (run `npm run sources:schema` after changing src/graph/source-file.ts)", () => {
    expect(sourceFileJsonSchema()).toBe(readFileSync(SOURCE_FILE_JSON_SCHEMA, "utf8"));
  });

  it("describes the qualifications a fact may carry", () => {
    const schema = JSON.parse(readFileSync(SOURCE_FILE_JSON_SCHEMA, "utf8"));
    const relationship = schema.properties.relationships.items;
    expect(relationship.properties.certainty.enum).toEqual(["stated", "hedged"]);
    expect(Object.keys(relationship.properties)).toEqual(expect.arrayContaining(["qualifier", "citedSourceId", "validFrom", "validTo", "status"]));
    expect(relationship.additionalProperties).toBe(false);
  });

  it.each(sourceFilesIn().map((file) => [path.basename(file), file]))("%s names it in $schema", (_name, file) => {
    const data = JSON.parse(readFileSync(file, "utf8")) as { $schema?: string };
    expect(data.$schema).toBeDefined();
    expect(path.resolve(path.dirname(file), data.$schema!)).toBe(SOURCE_FILE_JSON_SCHEMA);
  });
});

describe("the changelog", () => {
  it("has the package's version as its newest entry: the version follows the model", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    const newest = /^## (\d+\.\d+\.\d+)/m.exec(readFileSync(path.join(root, "CHANGELOG.md"), "utf8"))?.[1];
    expect(newest).toBe(version);
  });
});
