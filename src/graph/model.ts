// The public graph model: the names Bloom perspectives, dashboards and researchers rely on.
// Changing a name here is a breaking change and needs a line in CHANGELOG.md.

export const ENTITY_LABELS = [
  "Company",
  "Person",
  "University",
  "Product",
  "Group",
  "StockExchange",
  "Technology",
  "BusinessModel",
  "Sector",
  /** Events: a stock-market listing, a funding round. Each also carries the label Event and a date. */
  "Listing",
  "FundingRound",
  /** One released model version (DeepSeek-R1, GLM-4.5-Air), of a family (a Product). */
  "Model",
  /** The licence a model's weights are released under (MIT, Apache-2.0, a lab's own licence). */
  "License",
  /** A state body that files, approves or designates (the CAC, the US Bureau of Industry and Security). */
  "Regulator",
  /** An event: a filing batch of generative-AI services, an Entity List designation. */
  "RegulatoryAction",
] as const;
/** Entity labels that are events: their nodes also carry `Event`, a `date` and `datePrecision`. */
export const EVENT_LABELS = ["Listing", "FundingRound", "RegulatoryAction"] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** Extra labels a Company may carry for the role it plays. */
export const COMPANY_ROLE_LABELS = ["Startup", "BigTech", "CloudProvider"] as const;
export type CompanyRoleLabel = (typeof COMPANY_ROLE_LABELS)[number];

/** Each relationship type with the label its start and end node must carry. */
export const RELATIONSHIP_TYPES = {
  SPUN_OUT_OF: { from: "Company", to: "University" },
  FOUNDED: { from: "Person", to: "Company" },
  WORKED_AT: { from: "Person", to: "Company" },
  DEVELOPS: { from: "Company", to: "Product" },
  MEMBER_OF: { from: "Company", to: "Group" },
  BUYS_CLOUD_FROM: { from: "Company", to: "CloudProvider" },
  SUBSIDIARY_OF: { from: "Company", to: "Company" },
  COMPETES_WITH: { from: "Company", to: "Company" },
  /** Entered a market or field (the article: big-tech groups 「切入大模型戰場」). */
  ENTERED: { from: "Company", to: "Sector" },
  LISTED_ON: { from: "Company", to: "StockExchange" },
  USES_TECHNOLOGY: { from: "Company", to: "Technology" },
  HAS_BUSINESS_MODEL: { from: "Company", to: "BusinessModel" },
  PIVOTED_TO: { from: "Company", to: "Sector" },
  /** Moving its business towards a model, a change under way (status: ongoing). */
  SHIFTING_TO: { from: "Company", to: "BusinessModel" },
  EXITED: { from: "Company", to: "Sector" },
  REBRANDED_AS: { from: "Product", to: "Product" },
  STUDIED_AT: { from: "Person", to: "University" },
  /** A listing event of the company, and the exchange it listed on. */
  HAD_LISTING: { from: "Company", to: "Listing" },
  ON_EXCHANGE: { from: "Listing", to: "StockExchange" },
  /** A funding round the company raised, and who invested in it. */
  RAISED: { from: "Company", to: "FundingRound" },
  INVESTED_IN: { from: "Company", to: "FundingRound" },
  /** A holding: `stakePercent` as of `asOf`. */
  SHAREHOLDER_OF: { from: "Company", to: "Company" },
  /** A cornerstone investor of a listing, with the `amount` it subscribed where given. */
  CORNERSTONE_IN: { from: "Company", to: "Listing" },
  /** A lab released (or announced: `stage`) a model, on `validFrom`; `access`, `architecture`,
   *  `modality` and `repository` say what the source states of that release. */
  RELEASED: { from: "Company", to: "Model" },
  /** A model of a family (GLM, Qwen, Kimi …). */
  IN_FAMILY: { from: "Model", to: "Product" },
  /** A model's weights under a licence; `condition` holds terms the source states. */
  LICENSED_UNDER: { from: "Model", to: "License" },
  /** Lineage: a model made from another (across labs too). BASED_ON when the source does not say how. */
  FINE_TUNED_FROM: { from: "Model", to: "Model" },
  DISTILLED_FROM: { from: "Model", to: "Model" },
  QUANTIZED_FROM: { from: "Model", to: "Model" },
  MERGED_FROM: { from: "Model", to: "Model" },
  SUCCESSOR_OF: { from: "Model", to: "Model" },
  BASED_ON: { from: "Model", to: "Model" },
  /** A person leading a company, in the `role` the source names (CEO, chairman). */
  LEADS: { from: "Person", to: "Company" },
  /** A regulator's action, and the companies it names (a filing batch, a designation). */
  ISSUED: { from: "Regulator", to: "RegulatoryAction" },
  NAMED_IN: { from: "Company", to: "RegulatoryAction" },
} as const satisfies Record<string, { from: EntityLabel | CompanyRoleLabel; to: EntityLabel | CompanyRoleLabel }>;
export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;

/** Properties a fact relationship may carry besides sourceId and evidence: what it states
 *  (amount), how sure its source is (certainty, qualifier), whom the source attributes it to
 *  (citedSourceId) and when it holds (validFrom, validTo, datePrecision, status). */
export const RELATIONSHIP_PROPERTIES = [
  "amount",
  "currency",
  "comparator",
  "certainty",
  "qualifier",
  "citedSourceId",
  "validFrom",
  "validTo",
  "datePrecision",
  "status",
  "stakePercent",
  "asOf",
  "evidenceKind",
  "corroboration",
  "publisherCount",
  "corroboratingSourceIds",
  "note",
  "stage",
  "access",
  "architecture",
  "modality",
  "repository",
  "condition",
  "role",
] as const;

/** A release's stage: announced (said, not yet out) or released. */
export const RELEASE_STAGES = ["announced", "released"] as const;
/** How a release can be used: open weights, an API only, or neither (in a product only). */
export const ACCESS_KINDS = ["open-weights", "api", "closed"] as const;
export const ARCHITECTURES = ["dense", "moe"] as const;
export const MODALITIES = ["text", "code", "vision-language", "multimodal", "image", "video", "speech"] as const;

/** quote: the evidence is the source's own words, checked verbatim against its text; paraphrase:
 *  our own words for a source whose text we do not hold (a web article), with its names and numbers. */
export const EVIDENCE_KINDS = ["quote", "paraphrase"] as const;
/** Counted by the loader (corroboration.ts): single, one publisher among the graph's sources states
 *  the fact or figure; corroborated, two or more distinct publishers do. */
export const CORROBORATIONS = ["single", "corroborated"] as const;

/** How sure the source is. stated: the source asserts it; hedged: the source qualifies how sure it
 *  is (基本, 似乎, 或許, 有望, 預計), and `qualifier` holds the qualifying words verbatim. A change
 *  the source asserts is under way (「演進」, 「正在」) is stated, with `status: ongoing`: that is a
 *  matter of time, not of doubt. A denied fact is never stored. */
export const CERTAINTIES = ["stated", "hedged"] as const;
/** When a fact holds, not how sure it is. ongoing: a change the source describes as under way (a
 *  rebrand 「演進」, a transition 「正在…轉型」); its certainty is stated unless other words hedge it. */
export const FACT_STATUSES = ["ongoing"] as const;
/** How precisely a date is known; the stored Neo4j date is the first day of that year or month. */
export const DATE_PRECISIONS = ["year", "month", "day"] as const;

export const METRICS = [
  "revenue",
  "revenueCagr",
  /** Growth over the same period a year before (同比), as a figure of its own linked to its inputs. */
  "revenueGrowth",
  "arrGrowthMultiple",
  "netLoss",
  /** A loss the source does not call net (累計虧損, 月均虧損). */
  "loss",
  "lossMonthlyAverage",
  "computeSpend",
  /** What a company paid one cloud provider for cloud services (not its whole compute spend). */
  "cloudServicesSpend",
  "computeShareOfRnd",
  "arr",
  "revenueShare",
  "grossMargin",
  "receivableTurnoverDays",
  "enterpriseCustomers",
  "developers",
  "topInternetCompaniesUsingModel",
  "marketCap",
  "sharePriceChange",
  "ipoProceedsToRndShare",
  /** Figures of events: a listing's offer price, proceeds, shares, first-day close; a round's size. */
  "offerPrice",
  "grossProceeds",
  "netProceeds",
  "sharesOffered",
  "firstDayClose",
  "publicOfferSubscription",
  "cornerstoneTotal",
  "fundingAmount",
  "postMoneyValuation",
  /** A valuation the source does not call pre- or post-money. */
  "valuation",
  /** An exchange rate a source states: value in `unit` per one `baseCurrency`. */
  "fxRate",
  /** Figures of a model release: its size, context window and training data. */
  "parametersTotal",
  /** The parameters active per token of a mixture-of-experts model. */
  "parametersActive",
  "contextLength",
  "trainingTokens",
  /** A model's API price per million tokens (`scope`: input, output …), from periodEnd on. */
  "pricePerMillionTokens",
  /** A regulator's running count of generative-AI services filed with it, as of periodEnd. */
  "filingsCount",
] as const;

export const UNITS = ["CNY", "USD", "HKD", "percent", "count", "days", "shares", "times", "parameters", "tokens"] as const;
export const CURRENCIES = ["CNY", "USD", "HKD"] as const;
/** eq: as stated; gt: a lower bound ("超62億"); approx: an approximation ("約93億"). */
export const COMPARATORS = ["eq", "gt", "approx"] as const;
/** How a derived figure follows from its inputs ((:Metric)-[:DERIVED_FROM]->(:Metric)); `npm run audit`
 *  recomputes each one. */
export const DERIVATIONS = ["cagr", "yoy", "multiple", "average", "share", "conversion"] as const;

/** plan: a stated intention, e.g. how a prospectus plans to use the proceeds. */
export const METRIC_KINDS = ["actual", "forecast", "plan"] as const;

/** Sources whose text we hold and quote (article, filing); documents a source cites, whose text we
 *  do not hold (prospectus, broker-report, market-data); web-article: a page we paraphrase;
 *  repository: a lab's own file (README, model card, LICENSE) at a commit, paraphrased; background: the maintainers' named
 *  statement of well-established facts; synthetic: generated benchmark data, never in data/sources. */
export const SOURCE_KINDS = ["article", "filing", "prospectus", "broker-report", "market-data", "web-article", "repository", "background", "synthetic"] as const;
/** Kinds whose text must be present (SOURCE_TEXTS_DIR) so that every evidence is checked verbatim. */
export const QUOTED_SOURCE_KINDS = ["article", "filing"] as const;
/** Kinds a source may cite. */
export const CITED_SOURCE_KINDS = ["filing", "prospectus", "broker-report", "market-data"] as const;

/** Labels every node of an event entity carries besides its own. */
export const EVENT_LABEL = "Event";

/** Labels of the loader's bookkeeping (src/graph/staging.ts, load-lock.ts), not of the model: no
 *  node carries them once a load has finished, and no view shows them. */
export const STAGING_LABELS = { entity: "StagedEntity", source: "StagedSource", metric: "StagedMetric", retired: "Retired" } as const;
export const INTERNAL_LABELS = ["Entity", "GraphMeta", "GraphGeneration", "GraphRelease", "LoadLock", ...Object.values(STAGING_LABELS)];
