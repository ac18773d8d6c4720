// The industry's model releases as researchers ask about them (docs/model.md, "Model releases"): in Cypher
// (cypher/queries/11-13) and through the API, each answer with its source on every hop. The
// expectations are written from the cited pages and repository files, independently of the query.
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/config.ts";
import { cypherStatements, loadGraph } from "../src/graph/load.ts";
import { startApi, type Api } from "./support/api.ts";
import { testDatabase, testDriver } from "./support/db.ts";

let driver: Driver;
let api: Api;
beforeAll(async () => {
  driver = testDriver();
  await loadGraph(driver, { database: testDatabase() });
  api = await startApi();
});
afterAll(async () => {
  await api?.stop();
  await driver.close();
});

async function run(name: string) {
  const [statement] = cypherStatements(path.join(PROJECT_ROOT, "cypher", "queries", name));
  const { records } = await driver.executeQuery(statement!, {}, { database: testDatabase() });
  return records.map((r) => r.toObject());
}

async function data(query: string, variables?: Record<string, unknown>) {
  const response = await api.gql(query, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

/** Every source id an answer names exists as a Source. */
async function expectSources(ids: string[]) {
  const { records } = await driver.executeQuery("UNWIND $ids AS id OPTIONAL MATCH (s:Source {id: id}) RETURN id, s IS NOT NULL AS known", { ids }, { database: testDatabase() });
  expect(records.filter((r) => !r.get("known")).map((r) => r.get("id"))).toEqual([]);
}

describe("model releases in Cypher", () => {
  it("11: open-weight releases of 2025 with their licences, each date and licence with its source", async () => {
    const rows = await run("11_open_weight_releases_by_licence.cypher");
    // MiniMax-M2: 27 October 2025 (Youkuaiyun), MIT (ApX); Baichuan-M2-32B: 11 August 2025 (udn), Apache 2.0 (its README).
    expect(rows).toContainEqual(expect.objectContaining({ lab: "MiniMax", model: "MiniMax-M2", released: "2025-10-27", licence: "MIT License" }));
    expect(rows).toContainEqual(expect.objectContaining({ lab: "Baichuan AI", model: "Baichuan-M2-32B", released: "2025-08-11", licence: "Apache License 2.0" }));
    for (const row of rows) {
      expect(row.released >= "2025-01-01" && row.released < "2026-01-01").toBe(true);
      expect(row.releaseSource).toMatch(/^src-/);
      if (row.licence) expect(row.licenceSource).toMatch(/^src-/);
    }
    await expectSources(rows.flatMap((r) => [r.releaseSource, r.licenceSource].filter(Boolean)));
  });

  it("12: models built on another lab's model: Baichuan-M2-32B on Qwen2.5-32B, with the README's words", async () => {
    const rows = await run("12_built_on_another_model.cypher");
    const baichuan = rows.find((r) => r.model === "Baichuan-M2-32B" && r.builtOn === "Qwen2.5-32B");
    expect(baichuan).toMatchObject({ derivedLabs: ["Baichuan AI"], source: "src-repo-baichuan-inc-baichuan-m2-32b-readme-en" });
    expect(baichuan!.evidence).toMatch(/Qwen2\.5-32B/);
    for (const row of rows) expect(row.evidence.length).toBeGreaterThan(10);
    await expectSources(rows.map((r) => r.source));
  });

  it("13: the timeline keeps each source's date: MiniMax-M2 on 27 October and on 7 November 2025, side by side", async () => {
    const rows = await run("13_release_timeline.cypher");
    const m2 = rows.filter((r) => r.model === "MiniMax-M2").map((r) => [r.date, r.source]);
    expect(m2).toEqual([
      ["2025-10-27", "src-web-youkuaiyun-minimax-m2"],
      ["2025-11-07", "src-web-apxml-minimax-m2"],
    ]);
    // Yi-6B and Yi-34B: 2 November 2023, in 01.AI's own README.
    expect(rows).toContainEqual(expect.objectContaining({ lab: "01.AI", model: "Yi-34B", date: "2023-11-02", source: "src-repo-01-ai-yi-readme" }));
    const dates = rows.filter((r) => r.lab === "01.AI").map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe("model releases through the API", () => {
  it("lists open-weight releases of 2025 by release date, each with its lab, dates and licences sourced", async () => {
    const { models } = await data(`{
      models(where: { openWeights: { eq: true }, releaseDate: { gte: "2025-01-01", lt: "2026-01-01" } }, sort: [{ releaseDate: ASC }], limit: 100) {
        id name releaseDate
        releasedByConnection { edges { node { name } properties { validFrom access sourceId evidence } } }
        licensesConnection { edges { node { name spdxId } properties { sourceId evidence } } }
      }
    }`);
    expect(models.length).toBeGreaterThan(3);
    const dates = models.map((m: { releaseDate: string }) => m.releaseDate);
    expect(dates).toEqual([...dates].sort());
    const m2 = models.find((m: { id: string }) => m.id === "minimax-m2");
    // The earliest of the two sources' dates stands for the list; both stay on the edges.
    expect(m2.releaseDate).toBe("2025-10-27");
    expect(m2.releasedByConnection.edges.map((e: any) => e.properties.validFrom).sort()).toEqual(["2025-10-27", "2025-11-07"]);
    expect(m2.licensesConnection.edges).toContainEqual(expect.objectContaining({ node: { name: "MIT License", spdxId: "MIT" } }));
    for (const model of models) {
      expect(model.releasedByConnection.edges.some((e: any) => e.properties.access === "open-weights")).toBe(true);
      for (const edge of [...model.releasedByConnection.edges, ...model.licensesConnection.edges]) expect(edge.properties.evidence.length).toBeGreaterThan(10);
    }
  });

  it("filters releases by size: models of more than 100 billion parameters, each figure with its source", async () => {
    const { models } = await data(`{
      models(where: { metrics: { some: { metric: { eq: parametersTotal }, value: { gt: 100000000000 } } } }, limit: 100) {
        id name metrics(where: { metric: { eq: parametersTotal } }) { value unit sourceId evidence }
      }
    }`);
    expect(models.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(["minimax-m2", "minimax-text-01"]));
    for (const model of models) {
      expect(model.metrics.some((m: { value: number }) => m.value > 1e11)).toBe(true);
      for (const m of model.metrics) expect(m).toMatchObject({ unit: "parameters", sourceId: expect.stringMatching(/^src-/) });
    }
  });

  it("sets side by side the sizes sources give for one model: MiniMax-M2 at 229 and 230 billion", async () => {
    const { disagreements } = await data(`query ($id: ID!) { disagreements(subjectId: $id) { metric unit versions { value sourceId evidence } } }`, { id: "minimax-m2" });
    const size = disagreements.find((d: { metric: string }) => d.metric === "parametersTotal");
    expect(size.unit).toBe("parameters");
    expect(size.versions.map((v: { value: number; sourceId: string }) => [v.value, v.sourceId])).toEqual([
      [229_000_000_000, "src-web-apxml-minimax-m2"],
      [230_000_000_000, "src-web-youkuaiyun-minimax-m2"],
    ]);
  });

  it("answers a model's lineage both ways: what it is built on, and what is built on it", async () => {
    const { models } = await data(`{ models(where: { id: { eq: "minimax-text-01" } }) {
      builtOnThisConnection { edges { node { id } properties { sourceId evidence } } } } }`);
    const built = models[0].builtOnThisConnection.edges.map((e: any) => e.node.id);
    expect(built).toEqual(expect.arrayContaining(["minimax-m1", "minimax-vl-01"]));
  });
});
