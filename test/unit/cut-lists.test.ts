// The cut-list marking on the real schema, without a database: which lists are watched, how their
// objects are found in an answer, and which lists came back full (the ones counted afterwards).
import { getOperationAST, parse, print, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "../../src/api/schema.ts";
import { findFullLists, markLists } from "../../src/api/plugins/cut-lists.ts";
import { effectiveVariables } from "../../src/api/plugins/effective-arguments.ts";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildSchema();
}, 30_000);

const PAGES = new Map([
  ["Company", 20],
  ["Entity", 20],
  ["Metric", 50],
]);

describe("markLists", () => {
  it("marks each selection set holding a list with a hidden id, keeps each list's filter and page, and stays valid", () => {
    const document = parse(`query ($o: Int) {
      companies(where: { name: { startsWith: "Z" } }, limit: 2) { name metrics(where: { unit: { eq: CNY } }, offset: $o) { id } ...F }
    }
    fragment F on Company { founders { id } }`);
    const { document: marked, marks } = markLists(schema, document);
    expect(validate(schema, marked)).toEqual([]);
    const text = print(marked);
    expect(text).toMatch(/_cutListSet_\d+: id/);
    // The document Apollo parsed is not changed.
    expect(print(document)).not.toContain("_cutListSet_");
    const sites = [...marks.sets.values()].flat();
    expect(sites.map((s) => `${s.parentType}.${s.key} wraps:${s.wrapWhere}`).sort()).toEqual([
      "Company.founders wraps:true",
      "Company.metrics wraps:true",
      "Query.companies wraps:false",
    ]);
    expect(marks.sets.get("")!.map((s) => s.key)).toEqual(["companies"]);
  });

  it("leaves scalar lists and hand-written results alone", () => {
    const { marks } = markLists(schema, parse(`{ companies(limit: 1) { aliases roles } search(text: "x") { score } }`));
    expect([...marks.sets.values()].flat().map((s) => s.key)).toEqual(["companies"]);
  });
});

describe("findFullLists", () => {
  it("finds the lists holding as many items as their page (limit, a variable, or the type's default) and removes the hidden ids", () => {
    const { marks } = markLists(schema, parse(`query ($n: Int) { sources(limit: 1) { mentions(limit: $n, offset: 4) { id } cites { id } } companies { id } }`));
    const setAlias = [...marks.sets.keys()].find((k) => k !== "")!;
    const companies = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}` }));
    const data: Record<string, unknown> = {
      sources: [{ mentions: [{ id: "a" }, { id: "b" }], cites: [{ id: "x" }], [setAlias]: "src-1" }],
      companies,
    };
    const full = findFullLists(data, marks, PAGES, { n: 2 });
    // sources(limit: 1) is full with its one source; cites (one of a default page of 20) is not.
    expect(full.map(({ path, returned, offset, parentId }) => ({ path, returned, offset, parentId }))).toEqual([
      { path: "sources", returned: 1, offset: 0, parentId: null },
      { path: "companies", returned: 20, offset: 0, parentId: null },
      { path: "sources.0.mentions", returned: 2, offset: 4, parentId: "src-1" },
    ]);
    expect(data).toEqual({ sources: [{ mentions: [{ id: "a" }, { id: "b" }], cites: [{ id: "x" }] }], companies });
  });

  it("reads a page size from a variable's default like a literal one (3 of 37 mentions went unnamed)", () => {
    const document = parse(`query ($l: Int = 3) { sources(limit: 1) { id mentions(limit: $l) { id } } }`);
    const { marks } = markLists(schema, document);
    const setAlias = [...marks.sets.keys()].find((k) => k !== "")!;
    const data = () => ({ sources: [{ id: "src-1", mentions: [{ id: "a" }, { id: "b" }, { id: "c" }], [setAlias]: "src-1" }] });
    const variables = effectiveVariables(schema, getOperationAST(document)!, {});
    expect(variables).toEqual({ l: 3 });
    expect(findFullLists(data(), marks, PAGES, variables).map((l) => l.path)).toEqual(["sources", "sources.0.mentions"]);
    // A value sent overrides the default: a page of 5 holding 3 is complete.
    expect(findFullLists(data(), marks, PAGES, effectiveVariables(schema, getOperationAST(document)!, { l: 5 })).map((l) => l.path)).toEqual(["sources"]);
  });
});
