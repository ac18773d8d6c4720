// A deterministic synthetic industry graph for benchmarks, written as ordinary source files so it
// goes through the same validation and loader as the article. Connections are skewed: a few
// companies, technologies and clouds attract most edges, as in the real industry.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as OpenCC from "opencc-js";

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Nodes per company: the company, ~1.5 people, ~1.5 products and 3 revenue figures.
const NODES_PER_COMPANY = 7;
const ENTITIES_PER_FILE = 50_000;

export interface SyntheticGraph {
  files: string[];
  /** Ids the benchmark queries use, chosen to exist at every size. */
  sample: { companyId: string; otherCompanyId: string; searchText: string };
}

export function generateSyntheticGraph(targetNodes: number, dir: string, seed = 42): SyntheticGraph {
  const rand = random(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  // Power-law skew: index 0 is chosen far more often than index n-1.
  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * rand() ** 3));
  const companies = Math.max(20, Math.floor(targetNodes / NODES_PER_COMPANY));
  const technologies = Math.max(5, Math.floor(companies / 50));
  const universities = Math.max(3, Math.floor(companies / 100));
  const clouds = Math.max(2, Math.floor(companies / 200));
  const groups = Math.max(2, Math.floor(companies / 500));

  const entities: Array<Record<string, unknown>> = [];
  // Names pass the loader's script checks like real ones: the Traditional form by OpenCC, once per word.
  const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
  const traditional = new Map<string, string>();
  const hant = (zh: string) => traditional.get(zh) ?? traditional.set(zh, toTraditional(zh)).get(zh)!;
  const entity = (id: string, labels: string[], n: number, kind: string, zh: string) =>
    entities.push({ id, labels, name: `${kind} ${n}`, nameZhHans: `${zh}${n}`, nameZhHant: `${hant(zh)}${n}`, aliases: [`${id}`] });
  for (let i = 0; i < technologies; i++) entity(`syn-tech-${i}`, ["Technology"], i, "Technology", "技术");
  for (let i = 0; i < universities; i++) entity(`syn-uni-${i}`, ["University"], i, "University", "大学");
  for (let i = 0; i < groups; i++) entity(`syn-group-${i}`, ["Group"], i, "Group", "集团");
  entity("syn-exchange-0", ["StockExchange"], 0, "Exchange", "交易所");
  for (let i = 0; i < companies; i++) {
    const role = i < clouds ? "CloudProvider" : i < clouds + companies / 20 ? "BigTech" : "Startup";
    entity(`syn-co-${i}`, ["Company", role], i, "Company", "公司");
  }

  const relationships: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  const relate = (type: string, from: string, to: string) => {
    const key = `${type}|${from}|${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    relationships.push({ type, from, to, evidence: `synthetic: ${from} ${type} ${to}` });
  };
  const metrics: Array<Record<string, unknown>> = [];
  let people = 0;
  let products = 0;
  for (let i = 0; i < companies; i++) {
    const company = `syn-co-${i}`;
    for (let f = 0; f < 1 + (rand() < 0.5 ? 1 : 0); f++) {
      const person = `syn-person-${people}`;
      entity(person, ["Person"], people++, "Person", "人物");
      relate("FOUNDED", person, company);
      relate("WORKED_AT", person, `syn-co-${skewed(companies)}`);
    }
    for (let p = 0; p < 1 + (rand() < 0.5 ? 1 : 0); p++) {
      const product = `syn-product-${products}`;
      entity(product, ["Product"], products++, "Product", "产品");
      relate("DEVELOPS", company, product);
    }
    relate("COMPETES_WITH", company, `syn-co-${skewed(companies)}`);
    relate("USES_TECHNOLOGY", company, `syn-tech-${skewed(technologies)}`);
    if (i >= clouds) relate("BUYS_CLOUD_FROM", company, `syn-co-${skewed(clouds)}`);
    if (rand() < 0.15) relate("SPUN_OUT_OF", company, `syn-uni-${skewed(universities)}`);
    if (rand() < 0.1) relate("MEMBER_OF", company, `syn-group-${pick(groups)}`);
    if (rand() < 0.2) relate("LISTED_ON", company, "syn-exchange-0");
    const unit = rand() < 0.6 ? "CNY" : "USD";
    let value = 1_000_000 + Math.floor(rand() * 50_000_000);
    for (const year of [2022, 2023, 2024]) {
      value = Math.floor(value * (0.8 + rand()));
      metrics.push({
        id: `${company}/revenue/${year}`,
        company,
        metric: "revenue",
        value,
        unit,
        comparator: "eq",
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        periodLabel: `FY${year}`,
        evidence: `synthetic: ${company} revenue ${year}`,
      });
    }
  }

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Entities are declared in the file of their number range; facts go with the company's file.
  const files: string[] = [];
  const chunks = Math.max(1, Math.ceil(entities.length / ENTITIES_PER_FILE));
  for (let c = 0; c < chunks; c++) {
    const inChunk = (_: unknown, i: number) => i % chunks === c;
    const file = path.join(dir, `900_synthetic_${String(c).padStart(3, "0")}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        source: {
          id: `src-synthetic-${c}`,
          title: `Synthetic benchmark data, part ${c}`,
          publisher: "china-llm-graph benchmark generator",
          publisherId: "china-llm-graph-bench",
          language: "en",
          date: "2026-11-29",
          datePrecision: "day",
          kind: "synthetic",
        },
        entities: entities.filter(inChunk),
        relationships: relationships.filter(inChunk),
        metrics: metrics.filter(inChunk),
        mentions: [],
      }),
    );
    files.push(file);
  }
  return {
    files,
    sample: {
      companyId: `syn-co-${Math.floor(companies / 2)}`,
      otherCompanyId: `syn-co-${companies - 1}`,
      searchText: `Company ${Math.floor(companies / 3)}`,
    },
  };
}
