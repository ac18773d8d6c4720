// The cut-list rewrite on the real schema, without a database: which lists get a hidden count,
// with which filter, and how the counts become extensions.cutLists and leave data.
import { parse, print, validate } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "../../src/api/schema.ts";
import { addListTotals, collectCutLists } from "../../src/api/plugins/cut-lists.ts";
import type { GraphQLSchema } from "graphql";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema();
}, 30_000);

describe("addListTotals", () => {
  it("counts each list beside it, with the list's filter (wrapped in node for a nested one), and stays valid", () => {
    const document = parse(`query ($o: Int) {
      companies(where: { name: { startsWith: "Z" } }, limit: 2) { id metrics(where: { unit: { eq: CNY } }, offset: $o) { id } ...F }
    }
    fragment F on Company { founders { id } }`);
    const { document: rewritten, rewrite } = addListTotals(schema, document);
    const text = print(rewritten);
    expect(text).toContain('companiesConnection(where: {name: {startsWith: "Z"}}) {\n    aggregate {\n      count {\n        nodes');
    expect(text).toContain("metricsConnection(where: {node: {unit: {eq: CNY}}})");
    expect(text).toContain("foundersConnection {");
    expect(validate(schema, rewritten)).toEqual([]);
    expect([...rewrite.counted.values()].map((c) => c.key).sort()).toEqual(["companies", "founders", "metrics"]);
    // The document Apollo parsed is not changed.
    expect(print(document)).not.toContain("Connection");
  });

  it("leaves scalar lists and hand-written results alone", () => {
    const { rewrite } = addListTotals(schema, parse(`{ companies(limit: 1) { aliases roles } search(text: "x") { score } }`));
    expect([...rewrite.counted.values()].map((c) => c.key)).toEqual(["companies"]);
  });
});

describe("collectCutLists", () => {
  it("names the lists holding fewer than their total, with offset, and removes the hidden counts", () => {
    const { rewrite } = addListTotals(schema, parse(`query ($o: Int) { sources(limit: 1) { mentions(offset: $o) { id } cites { id } } }`));
    const aliasOf = (key: string) => [...rewrite.counted].find(([, c]) => c.key === key)![0];
    const data = {
      sources: [{ mentions: [{ id: "a" }, { id: "b" }], cites: [], [aliasOf("mentions")]: { aggregate: { count: { nodes: 9 } } }, [aliasOf("cites")]: { aggregate: { count: { nodes: 0 } } } }],
      [aliasOf("sources")]: { totalCount: 1 },
    };
    expect(collectCutLists(data, rewrite, { o: 5 })).toEqual([{ path: "sources.0.mentions", returned: 2, offset: 5, total: 9 }]);
    expect(data).toEqual({ sources: [{ mentions: [{ id: "a" }, { id: "b" }], cites: [] }] });
  });
});
