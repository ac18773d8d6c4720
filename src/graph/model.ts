// The public graph model: the names Bloom perspectives, dashboards and researchers rely on.
// Changing a name here is a breaking change and needs a line in the README's changelog.

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
] as const;
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
  LISTED_ON: { from: "Company", to: "StockExchange" },
  USES_TECHNOLOGY: { from: "Company", to: "Technology" },
  HAS_BUSINESS_MODEL: { from: "Company", to: "BusinessModel" },
  PIVOTED_TO: { from: "Company", to: "Sector" },
  EXITED: { from: "Company", to: "Sector" },
  REBRANDED_AS: { from: "Product", to: "Product" },
} as const satisfies Record<string, { from: EntityLabel | CompanyRoleLabel; to: EntityLabel | CompanyRoleLabel }>;
export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;

/** Properties a fact relationship may carry besides its provenance. */
export const RELATIONSHIP_PROPERTIES = ["amount", "currency", "comparator", "since", "period", "note"] as const;

export const METRICS = [
  "revenue",
  "revenueCagr",
  "netLoss",
  "netLossMonthlyAverage",
  "computeSpend",
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
] as const;
export type MetricName = (typeof METRICS)[number];

export const UNITS = ["CNY", "USD", "HKD", "percent", "count", "days"] as const;
export const CURRENCIES = ["CNY", "USD", "HKD"] as const;
/** eq: as stated; gt: a lower bound ("超62億"); approx: an approximation ("約93億"). */
export const COMPARATORS = ["eq", "gt", "approx"] as const;
export const METRIC_KINDS = ["actual", "forecast"] as const;

/** synthetic: generated benchmark data (src/bench), never in cypher/sources. */
export const SOURCE_KINDS = ["article", "filing", "background", "synthetic"] as const;

/** Labels of the loader's bookkeeping (src/graph/staging.ts, load-lock.ts), not of the model: no
 *  node carries them once a load has finished, and no view shows them. */
export const STAGING_LABELS = { entity: "StagedEntity", source: "StagedSource", metric: "StagedMetric", retired: "Retired" } as const;
export const INTERNAL_LABELS = ["Entity", "GraphMeta", "LoadLock", ...Object.values(STAGING_LABELS)];
