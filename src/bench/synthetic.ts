// A deterministic synthetic industry graph for benchmarks, written as ordinary source files so it
// goes through the same validation and loader as the article. Connections are skewed: a few
// companies, technologies and clouds attract most edges, as in the real industry; so are model
// releases (big labs release many), licences (most open weights under a few) and lineage (most
// derived models are built on a few popular bases, across labs).
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

// Nodes per company: the company, ~1.5 people, ~1.5 products, 3 revenue figures and ~1.1 models.
const NODES_PER_COMPANY = 8;
/** Licences are few at every size, as in the industry (MIT, Apache-2.0, a handful of labs' own). */
const LICENSES = 8;
const ACCESS = ["open-weights", "open-weights", "open-weights", "api", "api", "closed"] as const;
const MODALITIES = ["text", "text", "text", "code", "vision-language", "multimodal"] as const;
/** Derived models say how they were made from their base; BASED_ON when a source would not say. */
const DERIVATIONS = ["FINE_TUNED_FROM", "FINE_TUNED_FROM", "DISTILLED_FROM", "QUANTIZED_FROM", "MERGED_FROM", "BASED_ON"] as const;
/** Release dates are spread over 2023-01-01 … 2026-11-28, before the synthetic source's date. */
const FIRST_RELEASE_DAY = Date.UTC(2023, 0, 1);
const RELEASE_DAYS = Math.floor((Date.UTC(2026, 10, 28) - FIRST_RELEASE_DAY) / 86_400_000);
const ENTITIES_PER_FILE = 50_000;

export interface SyntheticGraph {
  files: string[];
  /** Ids the benchmark queries use, chosen to exist at every size. */
  sample: {
    companyId: string;
    otherCompanyId: string;
    searchText: string;
    /** A lab with several releases (release timeline). */
    labId: string;
    /** A model with both ancestors and descendants (lineage). */
    modelId: string;
    /** The licence most open-weight models are under (licence filter). */
    licenseId: string;
  };
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
  const relate = (type: string, from: string, to: string, props: Record<string, string> = {}) => {
    const key = `${type}|${from}|${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    relationships.push({ type, from, to, evidence: `synthetic: ${from} ${type} ${to}`, ...props });
  };
  const metrics: Array<Record<string, unknown>> = [];
  let people = 0;
  let products = 0;
  const productsOf: string[][] = [];
  for (let i = 0; i < companies; i++) {
    const company = `syn-co-${i}`;
    for (let f = 0; f < 1 + (rand() < 0.5 ? 1 : 0); f++) {
      const person = `syn-person-${people}`;
      entity(person, ["Person"], people++, "Person", "人物");
      relate("FOUNDED", person, company);
      relate("WORKED_AT", person, `syn-co-${skewed(companies)}`);
    }
    productsOf.push([]);
    for (let p = 0; p < 1 + (rand() < 0.5 ? 1 : 0); p++) {
      const product = `syn-product-${products}`;
      entity(product, ["Product"], products++, "Product", "产品");
      relate("DEVELOPS", company, product);
      productsOf[i]!.push(product);
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

  // Model releases, after everything else so the sequence above (and its sample ids) is unchanged.
  for (let i = 0; i < LICENSES; i++) entity(`syn-license-${i}`, ["License"], i, "License", "许可证");
  const bigLabs = clouds + companies / 20;
  const lineage = { ancestors: new Map<string, number>(), descendants: new Map<string, number>() };
  const derive = (type: string, from: string, to: string) => {
    const before = relationships.length;
    relate(type, from, to);
    if (relationships.length === before) return;
    lineage.ancestors.set(from, (lineage.ancestors.get(from) ?? 0) + 1);
    lineage.descendants.set(to, (lineage.descendants.get(to) ?? 0) + 1);
  };
  let models = 0;
  // The timeline sample: the first lab with the most releases (15 at every size but the smallest).
  let labId = "";
  let labReleases = 0;
  for (let i = 0; i < companies; i++) {
    const company = `syn-co-${i}`;
    const releases = i < bigLabs ? 4 + pick(12) : Math.floor(4 * rand() ** 3);
    // A lab's releases in date order, so that each successor comes after the model it succeeds.
    const days = Array.from({ length: releases }, () => pick(RELEASE_DAYS)).sort((a, b) => a - b);
    if (releases > labReleases) [labId, labReleases] = [company, releases];
    let previous: string | null = null;
    for (const day of days) {
      const model = `syn-model-${models}`;
      entity(model, ["Model"], models, "Model", "模型");
      const access = ACCESS[pick(ACCESS.length)]!;
      relate("RELEASED", company, model, {
        validFrom: new Date(FIRST_RELEASE_DAY + day * 86_400_000).toISOString().slice(0, 10),
        stage: "released",
        access,
        architecture: rand() < 0.3 ? "moe" : "dense",
        modality: MODALITIES[pick(MODALITIES.length)]!,
      });
      const family = productsOf[i]!;
      relate("IN_FAMILY", model, family[pick(family.length)]!);
      if (access === "open-weights") relate("LICENSED_UNDER", model, `syn-license-${skewed(LICENSES)}`);
      if (previous && rand() < 0.5) derive("SUCCESSOR_OF", model, previous);
      // Built on an earlier model, of any lab: the first few models are the popular bases.
      if (models > 0 && rand() < 0.4) derive(DERIVATIONS[pick(DERIVATIONS.length)]!, model, `syn-model-${skewed(models)}`);
      previous = model;
      models++;
    }
  }
  // The lineage sample: the most derived-from model that is itself derived (a popular fine-tuned base).
  let modelId = "";
  for (const [model, n] of lineage.descendants) {
    if (lineage.ancestors.has(model) && n > (lineage.descendants.get(modelId) ?? 0)) modelId = model;
  }
  if (!modelId) throw new Error(`no synthetic model both derives from and is derived by another at ${targetNodes} nodes; use a larger size`);

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
      labId,
      modelId,
      licenseId: "syn-license-0",
    },
  };
}
