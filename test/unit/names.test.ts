// Chinese names checked by machine and the normalised keys search matches on; no database.
import { describe, expect, it } from "vitest";
import { nameProblems, pinyinOf, queryKeys, searchKeys, withoutScriptExceptions } from "../../src/graph/names.ts";

describe("nameProblems", () => {
  it("names a Simplified-only character in the Traditional name and its Traditional form", () => {
    expect(nameProblems({ nameZhHans: "云-边-端算力适配体系", nameZhHant: "云-邊-端算力適配體系" })).toEqual([
      "nameZhHant '云-邊-端算力適配體系' has the Simplified-only character '云' (Traditional: '雲')",
    ]);
  });

  it("names the expected Simplified form when nameZhHans is not it", () => {
    expect(nameProblems({ nameZhHans: "智譜", nameZhHant: "智譜" })).toEqual([
      "nameZhHans '智譜' is not the Simplified form of nameZhHant '智譜' (expected '智谱')",
    ]);
  });

  it("accepts names whose phrases keep characters a character-by-character conversion would change", () => {
    for (const [hans, hant] of [
      ["阿里巴巴", "阿里巴巴"],
      ["阿里云", "阿里雲"],
      ["后发制人", "後發制人"],
      ["皇后", "皇后"],
      ["智谱", "智譜"],
    ] as const) {
      expect(nameProblems({ nameZhHans: hans, nameZhHant: hant })).toEqual([]);
    }
  });

  it("rejects 后 where the Traditional name needs 後", () => {
    const problems = nameProblems({ nameZhHans: "后发制人", nameZhHant: "后發制人" });
    expect(problems).toEqual(["nameZhHant '后發制人' has the Simplified-only character '后' (Traditional: '後')"]);
  });

  it("accepts a person's own character when scriptExceptions lists it, and only then", () => {
    expect(nameProblems({ nameZhHans: "闫俊杰", nameZhHant: "閆俊杰" })).toEqual([
      "nameZhHant '閆俊杰' has the Simplified-only character '杰' (Traditional: '傑')",
    ]);
    expect(nameProblems({ nameZhHans: "闫俊杰", nameZhHant: "閆俊杰", scriptExceptions: [{ char: "杰", reason: "his own spelling" }] })).toEqual([]);
  });

  it("reports an exception for a character the name does not contain", () => {
    expect(
      nameProblems({
        nameZhHans: "阿里云",
        nameZhHant: "阿里雲",
        scriptExceptions: [{ char: "杰", reason: "left over from a copied entity" }],
      }),
    ).toEqual(["scriptExceptions lists '杰', which nameZhHant '阿里雲' does not contain"]);
  });

  it("reports a wrong Simplified name and a Simplified-only character together", () => {
    expect(nameProblems({ nameZhHans: "智譜", nameZhHant: "智谱" })).toHaveLength(2);
  });
});

describe("pinyin and search keys", () => {
  const zhipu = {
    name: "Zhipu AI",
    nameZhHans: "智谱",
    nameZhHant: "智譜",
    aliases: ["Zhipu", "智谱AI", "智譜AI", "Z.ai", "Zhipu Huazhang"],
  };

  it("pinyinOf keeps tone marks and non-Chinese runs", () => {
    expect(pinyinOf("智谱")).toBe("zhì pǔ");
    expect(pinyinOf("智谱AI")).toBe("zhì pǔ AI");
    expect(pinyinOf("闫俊杰")).toBe("yán jùn jié");
  });

  it("searchKeys are normalised, deduplicated and sorted, with pinyin with and without spaces", () => {
    const keys = searchKeys(zhipu);
    expect(keys).toEqual([...new Set(keys)].sort());
    for (const key of ["zhipu", "zhi pu", "zhipuai", "zhipu ai", "zhipuhuazhang", "智谱", "智谱ai", "z.ai"]) expect(keys).toContain(key);
    // Traditional forms are stored in Simplified only.
    expect(keys.some((k) => k.includes("譜"))).toBe(false);
  });

  it.each(["zhì pǔ", "ZhiPu", "智譜", "智谱", "zhi pu", "ZHIPU", "Zhìpǔ AI"])("queryKeys(%j) meets Zhipu AI's searchKeys", (text) => {
    const keys = new Set(searchKeys(zhipu));
    expect(queryKeys(text).some((k) => keys.has(k))).toBe(true);
  });

  it("queryKeys normalises the query: case, script, tones and spaces", () => {
    expect(queryKeys("  zhì pǔ ")).toEqual(["zhi pu", "zhipu"]);
    expect(queryKeys("智譜")).toEqual(["智谱", "zhi pu", "zhipu"]);
    expect(queryKeys("   ")).toEqual([]);
  });

  it("a person's name in either script meets their Latin name", () => {
    const yan = new Set(searchKeys({ name: "Yan Junjie", nameZhHans: "闫俊杰", nameZhHant: "閆俊杰", aliases: ["Junjie Yan"] }));
    for (const text of ["閆俊杰", "闫俊杰", "yan junjie", "yanjunjie"]) expect(queryKeys(text).some((k) => yan.has(k))).toBe(true);
  });

  it("withoutScriptExceptions drops only scriptExceptions", () => {
    const entity = { id: "yan-junjie", nameZhHant: "閆俊杰", scriptExceptions: [{ char: "杰", reason: "his own spelling" }] };
    expect(withoutScriptExceptions(entity)).toEqual({ id: "yan-junjie", nameZhHant: "閆俊杰" });
    expect(entity.scriptExceptions).toHaveLength(1);
  });
});
