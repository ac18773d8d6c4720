// Search through the GraphQL API in any script and in pinyin, with or without tones and spaces:
// the whole-name boost comes from the entities' normalised search keys (src/graph/names.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type Api } from "./support/api.ts";

let api: Api;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

interface Hit {
  score: number;
  entity: { id: string; type: string };
}

async function search(text: string): Promise<Hit[]> {
  const response = await api.gql(`query ($text: String!) { search(text: $text, limit: 10) { score entity { id type } } }`, { text });
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.body.data!.search as Hit[];
}

/** The search's ordering rule: score descending, ties by id. */
function expectRanked(hits: Hit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const [a, b] = [hits[i - 1]!, hits[i]!];
    expect(a.score > b.score || (a.score === b.score && a.entity.id < b.entity.id), `${a.entity.id} before ${b.entity.id}`).toBe(true);
  }
}

describe("search in either script and in pinyin", () => {
  it.each([
    ["zhi pu", "zhipu-ai"],
    ["zhìpǔ", "zhipu-ai"],
    ["zhì pǔ", "zhipu-ai"],
    ["zhipu", "zhipu-ai"],
    ["ZHIPU", "zhipu-ai"],
    ["智谱", "zhipu-ai"],
    ["智譜", "zhipu-ai"],
    ["yan junjie", "yan-junjie"],
    ["閆俊杰", "yan-junjie"],
    ["闫俊杰", "yan-junjie"],
    ["阿里云", "alibaba-cloud"],
    ["阿里雲", "alibaba-cloud"],
    // Names no file spells this way: scripts mixed in one name, and an alias without its space.
    ["阿里雲计算", "alibaba-cloud"],
    ["zhipuhuazhang", "zhipu-ai"],
  ])("%j finds %s first, ahead of every partial match", async (text, id) => {
    const hits = await search(text);
    expectRanked(hits);
    expect(hits[0]?.entity.id).toBe(id);
    // The whole-name boost: a name in the other script or in pinyin counts as an exact match.
    expect(hits[0]!.score).toBeGreaterThanOrEqual(10);
    for (const other of hits.slice(1)) expect(other.score).toBeLessThan(hits[0]!.score);
  });

  it("the same name in either script scores the same", async () => {
    const [hans, hant] = await Promise.all([search("智谱"), search("智譜")]);
    expect(hant[0]!.score).toBeCloseTo(hans[0]!.score, 5);
  });

  it("a query that matches nothing returns an empty list", async () => {
    expect(await search("qwxzvbnmlkj")).toEqual([]);
    expect(await search("   ")).toEqual([]);
  });
});
