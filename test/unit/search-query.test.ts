// How a search text becomes the full-text queries (src/graph/search.ts): user text is escaped for
// Lucene, so operators are words, and whole names become quoted phrases. The search itself, against
// the indexes, is test/graph.test.ts and test/search-scripts.test.ts.
import { describe, expect, it } from "vitest";
import { queryKeys } from "../../src/graph/names.ts";
import { toLuceneQuery, toSearchKeysQuery } from "../../src/graph/search.ts";

describe("toLuceneQuery", () => {
  it("trims and lower-cases, so AND, OR and NOT are words, not operators", () => {
    expect(toLuceneQuery("  Zhipu AND NOT MiniMax ")).toBe("zhipu and not minimax");
  });

  it("escapes every Lucene operator character", () => {
    expect(toLuceneQuery('+-&|!(){}[]^"~*?:\\/')).toBe('\\+\\-\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/');
  });

  it("keeps Cypher-looking text as plain text", () => {
    expect(toLuceneQuery('") DETACH DELETE n //')).toBe('\\"\\) detach delete n \\/\\/');
  });

  it("leaves Chinese text and dots alone", () => {
    expect(toLuceneQuery("智谱 Z.ai")).toBe("智谱 z.ai");
  });
});

describe("toSearchKeysQuery", () => {
  it("makes each key a quoted phrase, joined by OR: 'zhi pu' must match as a phrase", () => {
    expect(toSearchKeysQuery(queryKeys("智譜"))).toBe('"智谱" OR "zhi pu" OR "zhipu"');
  });

  it("escapes quotes and operators inside a key", () => {
    expect(toSearchKeysQuery(['a "b" (c)'])).toBe('"a \\"b\\" \\(c\\)"');
  });
});
