// The README's API examples are real: each query is sent to the running service and must return
// exactly the response the README shows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/config.ts";
import { startApi, type Api } from "./support/api.ts";

const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## The API by example"), readme.indexOf("\n## ", readme.indexOf("## The API by example") + 5));
const examples = [...section.matchAll(/\*\*(.+?)\*\*\n\n```graphql\n([\s\S]+?)\n```\n\n```json\n([\s\S]+?)\n```/g)].map((m) => ({
  title: m[1]!,
  query: m[2]!,
  response: JSON.parse(m[3]!) as unknown,
}));

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe("README: the API by example", () => {
  it("has eighteen examples", () => {
    expect(examples).toHaveLength(18);
  });

  it.each(examples)("$title", async ({ query, response }) => {
    const actual = await api.gql(query);
    expect(actual.body).toEqual(response);
  });
});
