// The cut-list marking on the real schema, without a database: which lists are watched and asked
// for one item past their page, how their objects are found in an answer, and which lists went on.
import { readFileSync } from "node:fs";
import { buildSchema, getOperationAST, parse, print, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { GENERATED_SDL_FILE } from "../../src/api/schema.ts";
import { markLists, trimCutLists } from "../../src/api/plugins/cut-lists.ts";
import { effectiveVariables } from "../../src/api/plugins/effective-arguments.ts";

// The committed SDL, which schema-snapshot.test.ts keeps equal to what @neo4j/graphql builds:
// the unit tier builds the real schema once, there.
const schema = buildSchema(readFileSync(GENERATED_SDL_FILE, "utf8"));

const PAGES = new Map([
  ["Company", 20],
  ["Entity", 20],
  ["Metric", 50],
  ["Person", 20],
]);

describe("markLists", () => {
  it("marks each selection set holding a list with a hidden id, keeps each list's filter and page, and stays valid", () => {
    const document = parse(`query ($o: Int) {
      companies(where: { name: { startsWith: "Z" } }, limit: 2) { name metrics(where: { unit: { eq: CNY } }, offset: $o) { id } ...F }
    }
    fragment F on Company { founders { id } }`);
    const { document: marked, marks } = markLists(schema, document, PAGES, { o: 2 });
    expect(validate(schema, marked)).toEqual([]);
    const text = print(marked);
    expect(text).toMatch(/_cutListSet_\d+: id/);
    // One item past each page: the limit given (2), the type's default (Metric 50, Company 20).
    expect(text).toMatch(/companies\(where: \{name: \{startsWith: "Z"\}\}, limit: 3\)/);
    expect(text).toMatch(/metrics\(where: \{unit: \{eq: CNY\}\}, offset: \$o, limit: 51\)/);
    expect(text).toMatch(/founders\(limit: 21\)/);
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
    const { marks } = markLists(schema, parse(`{ companies(limit: 1) { aliases roles } search(text: "x") { score } }`), PAGES, {});
    expect([...marks.sets.values()].flat().map((s) => s.key)).toEqual(["companies"]);
  });
});

describe("trimCutLists", () => {
  it("drops the item past each page, names the lists that had it, and removes the hidden ids", () => {
    const document = parse(`query ($n: Int) { sources(limit: 1) { mentions(limit: $n, offset: 4) { id } cites { id } } companies { id } }`);
    const { marks } = markLists(schema, document, PAGES, { n: 2 });
    const setAlias = [...marks.sets.keys()].find((k) => k !== "")!;
    const companies = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}` }));
    const data: Record<string, unknown> = {
      // Two sources came back for a page of one; the second one's lists go with it.
      sources: [
        { mentions: [{ id: "a" }, { id: "b" }, { id: "c" }], cites: [{ id: "x" }], [setAlias]: "src-1" },
        { mentions: [{ id: "d" }], cites: [], [setAlias]: "src-2" },
      ],
      companies: companies(20),
    };
    const found = trimCutLists(data, marks, { n: 2 });
    // companies: exactly its page of 20, nothing past it, so not cut; cites: 1 of a page of 20.
    expect(found.map(({ cut, parentId }) => ({ ...cut, parentId }))).toEqual([
      { path: "sources", returned: 1, offset: 0, parentId: null },
      { path: "sources.0.mentions", returned: 2, offset: 4, parentId: "src-1" },
    ]);
    expect(data).toEqual({ sources: [{ mentions: [{ id: "a" }, { id: "b" }], cites: [{ id: "x" }] }], companies: companies(20) });
  });

  it("reads a page size from a variable's default like a literal one (3 of 37 mentions went unnamed)", () => {
    const document = parse(`query ($l: Int = 3) { sources(limit: 1) { id mentions(limit: $l) { id } } }`);
    const variables = effectiveVariables(schema, getOperationAST(document)!, {});
    expect(variables).toEqual({ l: 3 });
    const { document: marked, marks } = markLists(schema, document, PAGES, variables);
    expect(print(marked)).toMatch(/mentions\(limit: 4\)/);
    const setAlias = [...marks.sets.keys()].find((k) => k !== "")!;
    const data = { sources: [{ id: "src-1", mentions: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }], [setAlias]: "src-1" }] };
    expect(trimCutLists(data, marks, variables).map(({ cut }) => cut.path)).toEqual(["sources.0.mentions"]);
    expect(data.sources[0]!.mentions).toHaveLength(3);
    // A value sent overrides the default: a page of 5 is asked as 6.
    expect(print(markLists(schema, document, PAGES, effectiveVariables(schema, getOperationAST(document)!, { l: 5 })).document)).toMatch(/mentions\(limit: 6\)/);
  });
});
