// The documented API examples are real: each query is sent to the running service and must return
// exactly the response the README or docs/api.md shows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/config.ts";
import { startApi, type Api } from "./support/api.ts";

// The README's tour and docs/api.md: every "**title**, graphql, json" example in either.
const documents = ["README.md", path.join("docs", "api.md")].map((file) => ({ file, text: readFileSync(path.join(PROJECT_ROOT, file), "utf8") }));
const examples = documents.flatMap(({ file, text }) =>
  [...text.matchAll(/\*\*(.+?)\*\*\n\n```graphql\n([\s\S]+?)\n```\n\n```json\n([\s\S]+?)\n```/g)].map((m) => ({
    title: `${file}: ${m[1]!}`,
    file,
    query: m[2]!,
    response: JSON.parse(m[3]!) as unknown,
  })),
);

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe("README and docs/api.md: the API by example", () => {
  it("has the README's four tour questions and docs/api.md's twenty-one examples", () => {
    expect(examples.filter((e) => e.file === "README.md")).toHaveLength(4);
    expect(examples.filter((e) => e.file !== "README.md")).toHaveLength(21);
  });

  it.each(examples)("$title", async ({ query, response }) => {
    const actual = await api.gql(query);
    expect(actual.body).toEqual(response);
  });
});
