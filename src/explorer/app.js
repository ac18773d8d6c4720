// The built-in explorer: plain browser JavaScript over the public GraphQL API only. Routes live in
// the URL hash (#/entity/<id>), so views can be linked and the back button works.

const $ = (id) => document.getElementById(id);
// Colours per label and for hedged facts: the table the Bloom perspective uses too (src/analyst/style.ts),
// copied to label-style.json by `npm run export:bloom` so that this page needs no build step.
// Fetched without holding up the module: the forms' handlers below must be attached at once, or a
// search typed before the table arrives submits the page natively. Every view awaits styleReady.
let TYPE_COLOURS = {};
let HEDGED_COLOUR = "#999";
const styleReady = fetch("label-style.json")
  .then((response) => response.json())
  .then((style) => {
    TYPE_COLOURS = Object.fromEntries(Object.entries(style.labels).map(([label, s]) => [label, s.color]));
    HEDGED_COLOUR = style.hedged;
  });

async function gql(query, variables) {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "onclick") node.addEventListener("click", value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

const entityButton = (entity) =>
  el("button", { class: "link", type: "button", onclick: () => (location.hash = `#/entity/${encodeURIComponent(entity.id)}`) },
    `${entity.name} (${entity.nameZhHant})`);

const formatValue = (value, unit) =>
  unit === "percent" ? `${value}%` : `${new Intl.NumberFormat("en").format(value)} ${unit}`;

const COMPARATOR_WORDS = { eq: "", gt: "more than ", approx: "about " };

/** What a figure measures, in words. */
const METRIC_WORDS = {
  revenue: "revenue", revenueCagr: "revenue CAGR", revenueGrowth: "revenue growth, year on year",
  arrGrowthMultiple: "ARR growth multiple", netLoss: "net loss", loss: "loss", lossMonthlyAverage: "average monthly loss",
  computeSpend: "compute spending", cloudServicesSpend: "cloud services spending", computeShareOfRnd: "compute's share of R&D",
  arr: "annualised recurring revenue (ARR)", revenueShare: "share of revenue", grossMargin: "gross margin",
  receivableTurnoverDays: "receivable turnover", enterpriseCustomers: "enterprise customers", developers: "developers",
  topInternetCompaniesUsingModel: "top internet companies using its models", marketCap: "market capitalisation",
  sharePriceChange: "share price change", ipoProceedsToRndShare: "share of IPO proceeds for R&D", offerPrice: "offer price",
  grossProceeds: "gross proceeds", netProceeds: "net proceeds", sharesOffered: "shares offered", firstDayClose: "first-day close",
  publicOfferSubscription: "public offer subscription", cornerstoneTotal: "cornerstone subscriptions",
  fundingAmount: "amount raised", postMoneyValuation: "post-money valuation", fxRate: "exchange rate",
};
const metricWords = (metric) => METRIC_WORDS[metric] ?? metric;

const number = (maximumFractionDigits, minimumFractionDigits = 0) =>
  new Intl.NumberFormat("en", { maximumFractionDigits, minimumFractionDigits });
const CURRENCY_PREFIX = { HKD: "HK$", USD: "US$" };

/** A value in words people read: "HK$4.8 billion", "57.4 million yuan", "HK$116.20", "13.16%",
 *  "1,159.46 times", "37,419,500 shares"; `digits` fixes the decimals (the audit's recomputed values). */
function formatQuantity(value, unit, digits) {
  const plain = (max) => number(digits ?? max).format(value);
  if (unit === "percent") return `${plain(2)}%`;
  if (unit === "times") return `${plain(2)} times`;
  if (unit === "shares") return `${plain(0)} shares`;
  if (unit === "days") return `${plain(1)} days`;
  if (unit === "count") return plain(0);
  if (unit === "CNY" || unit in CURRENCY_PREFIX) {
    // Billions while that takes at most three decimals (HK$2.723 billion), else millions (HK$4,348.1 million).
    const size = Math.abs(value);
    const billions = size >= 1e9 && Math.abs(value / 1e6 - Math.round(value / 1e6)) < 1e-6;
    const [scaled, word] = billions ? [value / 1e9, " billion"] : size >= 1e6 ? [value / 1e6, " million"] : [value, ""];
    // A price keeps its cents (HK$116.20); a sum in millions or billions its printed digits.
    const text = word ? number(digits ?? 4).format(scaled)
      : Number.isInteger(value) && digits === undefined ? number(0).format(value) : number(digits ?? 2, digits ?? 2).format(value);
    return unit === "CNY" ? `${text}${word} yuan` : `${CURRENCY_PREFIX[unit]}${text}${word}`;
  }
  return `${plain(2)} ${unit}`;
}
const formatAmount = (value, unit, comparator = "eq") => `${COMPARATOR_WORDS[comparator] ?? ""}${formatQuantity(value, unit)}`;

// ---- qualifications: how sure, according to whom, since when -------------------------------

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date (YYYY-MM-DD, or a source's YYYY / YYYY-MM) as precisely as it is known: "2024",
 *  "Jan 2026" or "2024-05-03". */
function formatDate(date, precision) {
  if (precision === "year") return date.slice(0, 4);
  if (precision === "month") return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return date;
}

/** When a fact holds: "from 2024", "from Jan 2026", "since 2024-05-03", "until …". */
function factTime(fact) {
  const parts = [];
  if (fact.validFrom) parts.push(`${fact.datePrecision === "day" ? "since" : "from"} ${formatDate(fact.validFrom, fact.datePrecision)}`);
  if (fact.validTo) parts.push(`until ${formatDate(fact.validTo, fact.datePrecision)}`);
  return parts.join(" ");
}

/** A figure's dates when they are not known to the day: "as of Jan 2026 (month)". */
function figureTime(point) {
  if (!point.datePrecision || point.datePrecision === "day") return "";
  const end = formatDate(point.periodEnd, point.datePrecision);
  const start = point.periodStart ? formatDate(point.periodStart, point.datePrecision) : "";
  return `${start && start !== end ? `${start} – ${end}` : `as of ${end}`} (${point.datePrecision})`;
}

/** The hedged badge, with the source's own hedging words. */
const hedgedBadge = (item) =>
  item.certainty === "hedged"
    ? el("span", { class: "badge hedged", title: "The source qualifies this; its words are quoted" },
        "hedged", item.qualifier ? el("span", { lang: "zh-Hant" }, ` 「${item.qualifier}」`) : "")
    : "";

/** Certainty, time and status of a fact, as badges. */
const factQualifiers = (fact) => {
  const time = factTime(fact);
  return el("span", { class: "qualifiers" },
    hedgedBadge(fact),
    time ? el("span", { class: "badge when" }, time) : "",
    fact.status === "ongoing" ? el("span", { class: "badge ongoing", title: "The source describes this as under way" }, "ongoing") : "");
};

// Source titles by id, fetched once per id (a fact carries only its sourceId).
const sourceRefs = new Map();
async function loadSourceRefs(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !sourceRefs.has(id));
  if (!missing.length) return;
  const { sources } = await gql(
    `query SourceTitles($ids: [ID!]!) { sources(where: { id: { in: $ids } }, limit: 100) { id title kind } }`,
    { ids: missing.slice(0, 100) },
  );
  for (const source of sources) sourceRefs.set(source.id, source);
}

// A link rather than a button: a source's long title must wrap inside a sentence.
const sourceLink = (source) =>
  el("a", { href: `#/source/${encodeURIComponent(source.id)}`, "data-source": source.id }, source.title ?? source.id);

/** "single source" when only one publisher could be found for a fact or figure. */
const singleSource = (item) =>
  item.corroboration === "single"
    ? el("span", { class: "badge single", title: "Only one publisher could be found for this" }, "single source")
    : "";

/** "according to <cited source>, as reported by <source>", or "source: <source>"; "single source" when so. */
function attribution(item) {
  const reportedBy = sourceLink(sourceRefs.get(item.sourceId) ?? { id: item.sourceId });
  const single = singleSource(item);
  return item.citedSource
    ? el("span", { class: "source" }, "according to ", sourceLink(item.citedSource), ", as reported by ", reportedBy, single ? " " : "", single)
    : el("span", { class: "source" }, "source: ", reportedBy, single ? " " : "", single);
}

/** The item whose attribution every item shares, or null when they differ: a table then says it once. */
function sharedAttribution(items) {
  const key = (item) => `${item.sourceId}|${item.citedSource?.id ?? ""}`;
  return items.length && items.every((item) => key(item) === key(items[0])) ? items[0] : null;
}

/** Items (one per source) grouped by what they say: sources whose evidence is word for word the
 *  same (our paraphrase of several web articles often is) share one evidence block. */
function bySaying(items) {
  const groups = new Map();
  for (const item of items) {
    const key = [item.evidenceKind, item.evidence, item.citedSource?.id, item.certainty, item.qualifier,
      item.validFrom, item.validTo, item.datePrecision, item.status].join("|");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return [...groups.values()];
}

/** What one or more sources say, word for word alike: (how sure and when, for a fact), the evidence
 *  once, then every source. */
function saying(items, withQualifiers = false) {
  const [first] = items;
  const qualifiers = withQualifiers ? factQualifiers(first) : "";
  if (items.length === 1) return el("div", { class: "said" }, qualifiers, evidence(first), attribution(first));
  const reportedBy = items.flatMap((item, i) => [
    i ? "; " : "", sourceLink(sourceRefs.get(item.sourceId) ?? { id: item.sourceId }), singleSource(item) ? " " : "", singleSource(item)]);
  return el("div", { class: "said" }, qualifiers, evidence(first), first.citedSource
    ? el("span", { class: "source" }, "according to ", sourceLink(first.citedSource), ", as reported by ", ...reportedBy)
    : el("span", { class: "source" }, "sources: ", ...reportedBy));
}

/** The evidence: the source's own words as a quotation or, for a source whose text is not held (a web
 *  article, the background), our paraphrase, which says so and is never set as a quote. */
const evidence = (item) =>
  item.evidenceKind === "paraphrase"
    ? el("p", { class: "evidence paraphrase", lang: "en" },
        el("span", { class: "badge paraphrase", title: "Not the source's words: our account of what it says" }, "paraphrase (our words)"), " ",
        item.evidence)
    : el("blockquote", { class: "evidence", lang: item.sourceId.startsWith("src-background") ? "en" : "zh-Hant" }, item.evidence);

const FACT_FIELDS = `sourceId evidence amount currency certainty qualifier citedSource { id title kind }
  validFrom validTo datePrecision status stakePercent asOf evidenceKind corroboration`;

// How each figure is evidenced (quote or paraphrase) and corroborated, by metric id: the audit's and
// the disagreements' figures do not carry it, the generated Metric type does.
const figureProvenance = new Map();
async function loadFigureProvenance(items) {
  const missing = [...new Set(items.map((item) => item.metricId))].filter((id) => id && !figureProvenance.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const { metrics } = await gql(
      `query FigureProvenance($ids: [ID!]!) { metrics(where: { id: { in: $ids } }, limit: 100) { id evidenceKind corroboration } }`,
      { ids: missing.slice(i, i + 100) },
    );
    for (const m of metrics) figureProvenance.set(m.id, m);
  }
  for (const item of items) {
    const known = figureProvenance.get(item.metricId);
    if (known) Object.assign(item, { evidenceKind: known.evidenceKind, corroboration: known.corroboration });
  }
}

/** A holding's stake: "stake 12.52% as of 2026-01-09". */
const stakeBadge = (fact) =>
  fact.stakePercent === null || fact.stakePercent === undefined
    ? ""
    : el("span", { class: "badge stake", title: "The shareholder's stake, as of the date the source gives" },
        `stake ${formatQuantity(fact.stakePercent, "percent")}${fact.asOf ? ` as of ${formatDate(fact.asOf, fact.datePrecision)}` : ""}`);

// ---- views --------------------------------------------------------------------------------

const VIEWS = ["results", "entity", "source", "audit", "disagreements"];
/** Shows one view (or none) and marks its link in the navigation as the current page. */
function showView(id) {
  for (const view of VIEWS) $(view).hidden = view !== id;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    if (link.dataset.view === id) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// ---- search -------------------------------------------------------------------------------

async function search(text) {
  status("Searching…");
  const { search } = await gql(
    `query Search($text: String!) { search(text: $text, limit: 10) { score entity { id name nameZhHans nameZhHant type } } }`,
    { text },
  );
  $("result-list").replaceChildren(
    ...search.map(({ entity }) => el("li", {}, entityButton(entity), ` — ${entity.type}, ${entity.nameZhHans}`)),
  );
  showView("results");
  status(search.length ? `${search.length} result(s) for “${text}”.` : `Nothing found for “${text}”.`);
  return search;
}

// ---- entity view --------------------------------------------------------------------------

async function showEntity(id) {
  status("Loading…");
  const { neighbourhood } = await gql(
    `query Entity($id: ID!) { neighbourhood(id: $id) {
       entity { id name nameZhHans nameZhHant type } aliases
       facts { relationship direction ${FACT_FIELDS} other { id name nameZhHans nameZhHant type } }
       sources { id title kind date } } }`,
    { id },
  );
  if (!neighbourhood) return status(`No entity with id “${id}”.`, true);
  const { entity, facts, aliases, sources } = neighbourhood;
  for (const source of sources) sourceRefs.set(source.id, source);
  await loadSourceRefs(facts.map((f) => f.sourceId));
  showView("entity");
  $("entity-title").textContent = entity.name;
  $("entity-names").textContent = `简体 ${entity.nameZhHans} · 繁體 ${entity.nameZhHant}`;
  $("entity-meta").replaceChildren(
    `${entity.type}${aliases.length ? ` · also known as ${aliases.join(", ")}` : ""} · named in `,
    ...sources.flatMap((s, i) => (i ? ["; ", sourceLink(s)] : [sourceLink(s)])),
  );
  // A fact several sources state is one item with each source's evidence.
  const groups = groupFacts(facts);
  $("fact-list").replaceChildren(
    ...groups.map((group) => {
      const fact = group[0];
      return el("li", {},
        el("span", { class: "rel" }, fact.direction === "FORWARD" ? `${fact.relationship} →` : `← ${fact.relationship}`), " ",
        entityButton(fact.other),
        fact.amount ? ` (${formatAmount(fact.amount, fact.currency)})` : "", " ",
        stakeBadge(fact),
        group.length > 1 ? el("span", { class: "badge sources" }, `${group.length} sources`) : "",
        // How sure and since when are each source's own.
        ...bySaying(group).map((items) => saying(items, true)),
      );
    }),
  );
  // Drawn dashed when every source hedges it.
  drawNetwork(entity, groups.map((group) => ({ ...group[0], certainty: group.every((f) => f.certainty === "hedged") ? "hedged" : "stated" })));
  const subjectOfFigures = ["Company", "Listing", "FundingRound"].includes(entity.type);
  // Disagreements first: the event's figure cards mark the metrics sources give differently.
  const disagreements = subjectOfFigures ? (await gql(
    `query EntityDisagreements($id: ID!) { disagreements(subjectId: $id) { ${DISAGREEMENT_FIELDS} } }`, { id: entity.id })).disagreements : [];
  await Promise.all([showFigures(entity), showEvent(entity, facts, disagreements), showEntityDisagreements(disagreements)]);
  status("");
  $("entity-title").focus?.();
}

/** Facts with the same relationship, other end and, for a purchase or a holding, the same amount or
 *  stake, one per source, grouped: one fact, each source with its own certainty and dates. */
function groupFacts(facts) {
  const groups = new Map();
  for (const f of facts) {
    const key = [f.relationship, f.direction, f.other.id, f.amount, f.currency, f.stakePercent, f.asOf].join("|");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return [...groups.values()];
}

function drawNetwork(entity, facts) {
  if (!window.cytoscape) return;
  const nodes = new Map([[entity.id, entity]]);
  for (const fact of facts) nodes.set(fact.other.id, fact.other);
  const elements = [
    ...[...nodes.values()].map((n) => ({ data: { id: n.id, label: `${n.name}\n${n.nameZhHant}`, colour: TYPE_COLOURS[n.type] ?? "#999" } })),
    ...facts.map((f, i) => ({
      data: {
        id: `e${i}`,
        source: f.direction === "FORWARD" ? entity.id : f.other.id,
        target: f.direction === "FORWARD" ? f.other.id : entity.id,
        label: f.certainty === "hedged" ? `${f.relationship} (hedged)` : f.relationship,
        certainty: f.certainty,
      },
    })),
  ];
  const cy = window.cytoscape({
    container: $("network"),
    elements,
    layout: { name: "concentric", concentric: (n) => (n.id() === entity.id ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30 },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "text-wrap": "wrap", "font-size": 9, "text-valign": "bottom" } },
      { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle", label: "data(label)", "font-size": 7, color: "#5b6475" } },
      // A hedged fact is drawn dashed, in the colour the Bloom perspective gives it.
      { selector: 'edge[certainty = "hedged"]', style: { "line-style": "dashed", "line-color": HEDGED_COLOUR, "target-arrow-color": HEDGED_COLOUR } },
    ],
  });
  cy.on("tap", "node", (event) => {
    if (event.target.id() !== entity.id) location.hash = `#/entity/${encodeURIComponent(event.target.id())}`;
  });
}

const charts = [];
async function showFigures(entity) {
  charts.splice(0).forEach((chart) => chart.destroy());
  $("charts").replaceChildren();
  if (entity.type !== "Company") return ($("figures").hidden = true);
  const [{ metrics }, { derivedFigureAudit }] = await Promise.all([
    gql(
      `query Figures($id: ID!) { metrics(where: { company: { some: { id: { eq: $id } } } }, sort: [{ periodEnd: ASC }], limit: 100) {
         id metric value unit comparator kind periodLabel periodStart periodEnd datePrecision scope evidence sourceId
         certainty qualifier evidenceKind corroboration source { id title kind } citedSource { id title kind } } }`,
      { id: entity.id },
    ),
    gql(`query FigureAudit { derivedFigureAudit { ${AUDIT_FIELDS} } }`),
  ]);
  for (const m of metrics) sourceRefs.set(m.source.id, m.source);
  // The audit's verdict on a derived figure, when its inputs do not give it.
  const differing = new Map(derivedFigureAudit.filter((c) => c.verdict === "differs").map((c) => [c.figure.metricId, c]));
  // One chart per metric, unit and kind: different currencies or units never share an axis.
  const groups = new Map();
  for (const m of metrics) {
    const key = `${m.metric}|${m.unit}|${m.kind}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  $("figures").hidden = groups.size === 0;
  for (const points of groups.values()) {
    const { metric, unit, kind } = points[0];
    // actual figures need no word; forecast and plan (a stated intention) say what they are.
    const title = `${metric} (${unit}${kind === "actual" ? "" : `, ${kind}`})`;
    const canvas = el("canvas", { role: "img", "aria-label": `${title} by period` });
    // Whom the figures are attributed to: once under the table when every row shares it, else per row.
    const shared = sharedAttribution(points);
    const table = el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "period"), el("th", {}, "value"), el("th", {}, "scope"))),
      el("tbody", {}, ...points.flatMap((p) => [
        figureRow(p),
        shared ? "" : el("tr", { class: "attribution" }, el("td", { colspan: 3 }, attribution(p))),
      ].filter(Boolean))),
    );
    const audits = points.map((p) => differing.get(p.id)).filter(Boolean);
    const card = el("figure", { class: "chart", "data-metric": metric, "data-unit": unit, "data-kind": kind },
      el("h4", {}, title), canvas, table,
      ...audits.map((check) => el("p", { class: "audit-note" },
        el("a", { href: "#/audit", class: "badge verdict differs", title: "Open the audit of derived figures" }, "audit: differs"), " ",
        auditSentence(check))),
      shared ? el("figcaption", {}, attribution(shared)) : "");
    $("charts").append(card);
    if (window.Chart) {
      charts.push(new window.Chart(canvas, {
        type: "bar",
        data: { labels: points.map((p) => p.periodLabel), datasets: [{ label: unit, data: points.map((p) => p.value), backgroundColor: points.map((p) => (p.certainty === "hedged" ? HEDGED_COLOUR : TYPE_COLOURS.Company)) }] },
        options: {
          animation: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        },
      }));
    }
  }
}

/** One figure as table cells: any leading cells, the period (with its precision when not to the
 *  day, and its kind when not actual), the value with the hedged badge, the scope, and trailing cells. */
function figureRow(p, leading = [], trailing = []) {
  const time = figureTime(p);
  return el("tr", {},
    ...leading.map((cell) => el("td", {}, cell)),
    el("td", {}, p.periodLabel, " ", time ? el("span", { class: "badge when" }, time) : "", p.kind === "actual" ? "" : el("span", { class: "badge kind" }, p.kind)),
    el("td", {}, COMPARATOR_WORDS[p.comparator] + formatValue(p.value, p.unit), " ", hedgedBadge(p), singleSource(p)),
    el("td", {}, p.scope ?? ""),
    ...trailing.map((cell) => el("td", {}, cell)));
}

/** A fact between two entities, as a list item: both ends, qualifiers, evidence, attribution. */
const factItem = (from, arrow, to, fact) =>
  el("li", {},
    entityButton(from), " ",
    el("span", { class: "rel" }, arrow), " ",
    entityButton(to),
    fact.amount ? ` (${formatAmount(fact.amount, fact.currency)})` : "", " ",
    stakeBadge(fact),
    factQualifiers(fact),
    evidence(fact),
    attribution(fact),
  );

// ---- events: a listing or a funding round ---------------------------------------------------

const FIGURE_FIELDS = `id metric value unit comparator kind periodLabel periodEnd datePrecision scope sourceId evidence
  certainty qualifier evidenceKind corroboration source { id title kind date } citedSource { id title kind }`;
const ENTITY_FIELDS = "id name nameZhHans nameZhHant";

/** The order an event's figures are read in; others follow by name. */
const EVENT_METRIC_ORDER = ["offerPrice", "sharesOffered", "grossProceeds", "netProceeds", "cornerstoneTotal", "publicOfferSubscription",
  "firstDayClose", "sharePriceChange", "marketCap", "fundingAmount", "postMoneyValuation"];

async function showEvent(entity, facts, disagreements) {
  if (entity.type !== "Listing" && entity.type !== "FundingRound") return ($("event").hidden = true);
  const isListing = entity.type === "Listing";
  // The event's own fields and its figures; its investors are among its facts (the neighbourhood):
  // a connection with edge properties costs more than the API's query-cost limit allows here.
  const figuresOf = `metrics(where: { OR: [{ listing: { some: { id: { eq: $id } } } }, { fundingRound: { some: { id: { eq: $id } } } }] },
      sort: [{ periodEnd: ASC }], limit: 100) { ${FIGURE_FIELDS} }`;
  const response = await gql(isListing
    ? `query Listing($id: ID!) { events: listings(where: { id: { eq: $id } }, limit: 1) {
         date datePrecision ticker board listingRule company { ${ENTITY_FIELDS} } exchange { ${ENTITY_FIELDS} } } ${figuresOf} }`
    : `query FundingRound($id: ID!) { events: fundingRounds(where: { id: { eq: $id } }, limit: 1) {
         date datePrecision stage company { ${ENTITY_FIELDS} } } ${figuresOf} }`,
  { id: entity.id });
  const data = response.events[0];
  if (!data) return ($("event").hidden = true);
  data.metrics = response.metrics;
  data.investors = facts.filter((f) => f.direction === "BACKWARD" && (f.relationship === "CORNERSTONE_IN" || f.relationship === "INVESTED_IN"));
  for (const m of data.metrics) sourceRefs.set(m.source.id, m.source);
  $("event").hidden = false;
  $("event-title").textContent = isListing ? "Listing" : "Funding round";
  const entities = (list) => list.flatMap((e, i) => (i ? [", ", entityButton(e)] : [entityButton(e)]));
  const details = [
    ["Company", data.company.length ? entities(data.company) : null],
    ["Date", [formatDate(data.date, data.datePrecision), data.datePrecision === "day" ? "" : ` (known to the ${data.datePrecision})`]],
    ["Exchange", data.exchange?.length ? entities(data.exchange) : null],
    ["Ticker", data.ticker], ["Board", data.board], ["Listing rule", data.listingRule], ["Stage", data.stage],
  ].filter(([, value]) => value);
  $("event-details").replaceChildren(
    ...details.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, ...[value].flat())]));

  // One card per metric; within it one line per value, with every source that gives it.
  const disputed = new Set(disagreements.map((d) => `${d.metric}|${d.unit}`));
  const byMetric = new Map();
  const rank = (metric) => (EVENT_METRIC_ORDER.includes(metric) ? EVENT_METRIC_ORDER.indexOf(metric) : EVENT_METRIC_ORDER.length);
  for (const m of [...data.metrics].sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric))) {
    if (!byMetric.has(m.metric)) byMetric.set(m.metric, []);
    byMetric.get(m.metric).push(m);
  }
  $("event-figures-section").hidden = byMetric.size === 0;
  $("event-figures").replaceChildren(...[...byMetric].map(([metric, figures]) =>
    el("article", { class: "card event-figure", "data-metric": metric },
      el("h5", {}, metricWords(metric)),
      figures.some((f) => disputed.has(`${f.metric}|${f.unit}`))
        ? el("a", { href: "#entity-disagreements", class: "badge disagree", onclick: (event) => {
            event.preventDefault();
            $("entity-disagreements").scrollIntoView();
            $("entity-disagreements-title").focus?.();
          } }, "sources disagree")
        : "",
      ...versionsOf(figures).map((version) => figureVersion(version, version[0].unit)),
    )));

  // Investors, one item each, with every source that names them.
  const byInvestor = new Map();
  for (const fact of data.investors) {
    if (!byInvestor.has(fact.other.id)) byInvestor.set(fact.other.id, { node: fact.other, said: [] });
    byInvestor.get(fact.other.id).said.push(fact);
  }
  $("event-investors-section").hidden = byInvestor.size === 0;
  $("event-investors-title").textContent = isListing ? "Cornerstone investors" : "Investors";
  $("event-investors").replaceChildren(...[...byInvestor.values()]
    .sort((a, b) => a.node.name.localeCompare(b.node.name))
    .map(({ node, said }) => {
      const amounts = [...new Set(said.filter((f) => f.amount).map((f) => formatAmount(f.amount, f.currency)))];
      return el("li", { "data-investor": node.id },
        entityButton(node), amounts.length ? ` — ${amounts.join(" or ")}` : "", " ",
        ...bySaying(said).map((items) => saying(items, true)));
    }));
}

/** Figures that give the same value the same way (value, comparator, scope, period, certainty), grouped. */
function versionsOf(figures) {
  const groups = new Map();
  for (const f of [...figures].sort((a, b) => a.value - b.value)) {
    const key = [f.value, f.unit, f.comparator, f.scope, f.periodLabel, f.certainty, f.qualifier].join("|");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return [...groups.values()];
}

/** One value of a figure, with its scope and period, and each source that gives it with its evidence. */
function figureVersion(figures, unit) {
  const first = figures[0];
  return el("section", { class: "version" },
    el("p", { class: "value" }, formatAmount(first.value, unit, first.comparator), ...(first.certainty === "hedged" ? [" ", hedgedBadge(first)] : [])),
    first.scope ? el("p", { class: "scope" }, first.scope) : "",
    // The period label says something only when it is not the metric's name ("offer price").
    first.periodLabel.toLowerCase() === metricWords(first.metric).toLowerCase() ? "" : el("p", { class: "period" }, first.periodLabel),
    el("p", { class: "note" }, figures.length === 1 ? "1 source:" : `${figures.length} sources:`),
    el("ul", { class: "sources" }, ...bySaying(figures).map((items) =>
      el("li", { "data-sources": items.map((f) => f.sourceId).join(" ") },
        ...items.flatMap((f, i) => [
          i ? "; " : "",
          sourceLink(f.source ?? sourceRefs.get(f.sourceId) ?? { id: f.sourceId }),
          f.source?.date ? ` (${f.source.date})` : "",
          singleSource(f) ? " " : "", singleSource(f)]),
        items[0].citedSource ? el("span", { class: "source" }, " according to ", sourceLink(items[0].citedSource)) : "",
        evidence(items[0])))));
}

// ---- disagreements --------------------------------------------------------------------------

const DISAGREEMENT_FIELDS = `subject { id name nameZhHans nameZhHant type } metric periodEnd unit kind
  versions { metricId value comparator scope periodLabel sourceId source { id title kind date } evidence certainty qualifier }`;

/** A figure sources give differently: its versions side by side, each with its sources. */
async function disagreementBlock(d, heading, withSubject) {
  await loadFigureProvenance(d.versions);
  return el("article", { class: "disagreement", "data-subject": d.subject.id, "data-metric": d.metric },
    el(heading, {},
      // A link, not a button: a long name must wrap inside the heading.
      ...(withSubject ? [el("a", { href: `#/entity/${encodeURIComponent(d.subject.id)}` }, d.subject.name), ": "] : []),
      `${metricWords(d.metric)}${d.kind === "actual" ? "" : ` (${d.kind})`}, in ${d.unit}, as of ${d.periodEnd}`),
    el("div", { class: "versions" }, ...versionsOf(d.versions.map((v) => ({ ...v, unit: d.unit, metric: d.metric }))).map((v) => figureVersion(v, d.unit))));
}

async function showEntityDisagreements(disagreements) {
  $("entity-disagreements").hidden = disagreements.length === 0;
  $("entity-disagreement-list").replaceChildren(...(await Promise.all(disagreements.map((d) => disagreementBlock(d, "h4", false)))));
}

async function showDisagreements() {
  status("Loading…");
  const { disagreements } = await gql(`query Disagreements { disagreements { ${DISAGREEMENT_FIELDS} } }`);
  showView("disagreements");
  $("disagreement-list").replaceChildren(...(await Promise.all(disagreements.map((d) => disagreementBlock(d, "h3", true)))));
  status(disagreements.length ? "" : "No figure is given differently by two sources.");
  $("disagreements-title").focus();
}

// ---- audit of derived figures -------------------------------------------------------------

const AUDITED_FIGURE = "metricId subject { id name nameZhHans nameZhHant type } metric value unit comparator periodLabel sourceId evidence";
const AUDIT_FIELDS = `figure { ${AUDITED_FIGURE} } derivation inputs { ${AUDITED_FIGURE} }
  stated computed computedLow computedHigh difference verdict explanation`;
const VERDICT_WORDS = { consistent: "consistent", consistentWithinRounding: "consistent within rounding", differs: "differs", unverifiable: "unverifiable" };
const DERIVATION_WORDS = { cagr: "CAGR", yoy: "year-on-year growth", multiple: "multiple", average: "average", share: "share", conversion: "currency conversion" };

/** One decimal more than the source prints: 130 → 133.3, 782.2 → 771.43. */
const auditDigits = (stated) => (String(stated).split(".")[1]?.length ?? 0) + 1;
const auditValue = (check, value) => formatQuantity(value, check.figure.unit, auditDigits(check.stated));
const inputWords = (i) => `${formatAmount(i.value, i.unit, i.comparator)} (${i.periodLabel})`;

/** "stated 130%, computed 133.3% from 57.4 million yuan (FY2022) → 312.4 million yuan (FY2024) — differs" */
function auditSentence(check) {
  const stated = formatQuantity(check.stated, check.figure.unit);
  if (check.computed === null) return `stated ${stated}, ${VERDICT_WORDS[check.verdict]}: ${check.explanation}`;
  const join = check.derivation === "average" ? "; " : " → ";
  return `stated ${stated}, computed ${auditValue(check, check.computed)} from ${check.inputs.map(inputWords).join(join)} — ${VERDICT_WORDS[check.verdict]}`;
}

/** The range the recomputed value can take given the inputs' rounding: "133.17%–133.41%", "20 times or more". */
function computedRange(check) {
  if (check.computedLow === null) return "";
  if (check.computedHigh === null) return `${auditValue(check, check.computedLow)} or more`;
  return `${auditValue(check, check.computedLow)} – ${auditValue(check, check.computedHigh)}`;
}

function signedDifference(check) {
  if (check.difference === null) return "—";
  if (check.difference === 0) return "none";
  const sign = check.difference > 0 ? "+" : "−";
  const size = Math.abs(check.difference);
  const digits = auditDigits(check.stated);
  return check.figure.unit === "percent"
    ? `${sign}${number(digits).format(size)} percentage points`
    : `${sign}${formatQuantity(size, check.figure.unit, digits)}`;
}

async function showAudit(sourceId) {
  status("Recomputing…");
  const { derivedFigureAudit: checks } = await gql(
    `query Audit($sourceId: ID) { derivedFigureAudit(sourceId: $sourceId) { ${AUDIT_FIELDS} } }`,
    { sourceId: sourceId || null },
  );
  await Promise.all([
    loadSourceRefs(checks.map((c) => c.figure.sourceId)),
    loadFigureProvenance(checks.flatMap((c) => [c.figure, ...c.inputs])),
  ]);
  showView("audit");
  $("audit-table").replaceChildren(
    el("thead", {}, el("tr", {}, ...["figure", "inputs, as printed", "stated", "computed", "difference", "verdict", "evidence"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...checks.map((check) => {
      const { figure } = check;
      const range = computedRange(check);
      return el("tr", { "data-metric-id": figure.metricId, "data-metric": figure.metric, "data-subject": figure.subject?.id ?? "", "data-verdict": check.verdict },
        el("td", {},
          figure.subject ? entityButton(figure.subject) : "", figure.subject ? el("br") : "",
          el("strong", {}, metricWords(figure.metric)), ", ", figure.periodLabel, " ",
          el("span", { class: "badge kind" }, DERIVATION_WORDS[check.derivation] ?? check.derivation)),
        el("td", {}, check.inputs.length
          ? el("ul", { class: "inputs" }, ...check.inputs.map((i, n) =>
              el("li", {}, n && check.derivation !== "average" ? "→ " : "", inputWords(i))))
          : el("span", { class: "note" }, "not given by the source")),
        el("td", { class: "number" }, formatAmount(check.stated, figure.unit, figure.comparator)),
        el("td", { class: "number" }, check.computed === null ? "—" : auditValue(check, check.computed),
          range ? el("span", { class: "range" }, `range ${range} given the rounding of the inputs`) : ""),
        el("td", { class: "number" }, signedDifference(check)),
        el("td", {}, el("span", { class: `badge verdict ${check.verdict}` }, VERDICT_WORDS[check.verdict]),
          el("span", { class: "explanation" }, check.explanation)),
        el("td", {}, evidence(figure), attribution(figure)));
    })),
  );
  status(checks.length ? "" : "No derived figure to check.");
  $("audit-title").focus();
}

// ---- source digest ------------------------------------------------------------------------

async function showSource(id) {
  status("Loading…");
  const { sourceDigest: digest, sources, metrics: eventMetrics } = await gql(
    `query Source($id: ID!, $sourceId: String!) {
       sourceDigest(id: $id) { id title kind cites { id title kind } citedBy { id title kind }
         entities { id name nameZhHans nameZhHant type }
         facts { relationship ${FACT_FIELDS} from { id name nameZhHans nameZhHant type } to { id name nameZhHans nameZhHant type } }
         figures { metric company { id name nameZhHans nameZhHant type }
           point { metricId periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier citedSource { id title kind } } } }
       sources(where: { id: { eq: $id } }, limit: 1) { publisher date datePrecision dateNote url retrieved }
       metrics(where: { OR: [{ sourceId: { eq: $sourceId } }, { citedSourceId: { eq: $sourceId } }], company: { none: {} } },
               sort: [{ metric: ASC }], limit: 100) {
         id metric periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier
         evidenceKind corroboration citedSource { id title kind }
         listing { id name nameZhHans nameZhHant } fundingRound { id name nameZhHans nameZhHant } } }`,
    { id, sourceId: id },
  );
  if (!digest) return status(`No source with id “${id}”.`, true);
  const details = sources[0] ?? {};
  sourceRefs.set(digest.id, digest);
  for (const s of [...digest.cites, ...digest.citedBy]) sourceRefs.set(s.id, s);
  await Promise.all([
    loadSourceRefs([...digest.facts.map((f) => f.sourceId), ...digest.figures.map((f) => f.point.sourceId), ...eventMetrics.map((m) => m.sourceId)]),
    loadFigureProvenance(digest.figures.map((f) => f.point)),
  ]);
  showView("source");
  $("source-title").textContent = digest.title;
  $("source-meta").textContent = [
    digest.kind,
    details.publisher,
    details.date ? `dated ${formatDate(details.date, details.datePrecision)}` : "undated",
    details.dateNote,
    details.retrieved ? `retrieved ${details.retrieved}` : "",
  ].filter(Boolean).join(" · ");
  // Only a web address is a link; the text of a source's url is shown whatever it is.
  const url = details.url && /^https?:\/\//i.test(details.url) ? details.url : null;
  $("source-link").hidden = !details.url;
  $("source-link").replaceChildren(...(details.url
    ? ["Read it at ", url ? el("a", { href: url, rel: "noopener noreferrer external", target: "_blank", class: "external" }, url) : details.url,
      digest.kind === "web-article" ? el("span", { class: "note" }, " — its text is not held: the evidence below is our paraphrase.") : ""]
    : []));
  const sourceList = (label, list) => (list.length ? [label, ...list.flatMap((s, i) => (i ? ["; ", sourceLink(s)] : [sourceLink(s)]))] : []);
  $("source-cites").replaceChildren(
    ...sourceList("Cites: ", digest.cites),
    digest.cites.length && digest.citedBy.length ? el("br") : "",
    ...sourceList("Cited by: ", digest.citedBy),
    digest.citedBy.length ? el("span", { class: "note" }, " — the facts and figures below are what these sources attribute to it.") : "",
  );
  $("source-facts").hidden = digest.facts.length === 0;
  $("source-fact-list").replaceChildren(
    ...digest.facts.map((fact) => factItem(fact.from, `—${fact.relationship}→`, fact.to, fact)),
  );
  // The digest has every figure about a company or an event; the generated API adds those about
  // neither (an exchange rate), once each.
  const inDigest = new Set(digest.figures.map((f) => f.point.metricId));
  const figures = [
    ...digest.figures.map((f) => ({ subject: f.company, metric: f.metric, point: f.point })),
    ...eventMetrics.filter((m) => !inDigest.has(m.id)).map((m) => ({ subject: m.listing[0] ?? m.fundingRound[0] ?? null, metric: m.metric, point: m })),
  ];
  $("source-figures").hidden = figures.length === 0;
  const points = figures.map((f) => f.point);
  const shared = sharedAttribution(points);
  $("source-figure-attribution").replaceChildren(shared ? attribution(shared) : "");
  $("source-figure-table").replaceChildren(
    el("thead", {}, el("tr", {}, ...["company or event", "metric", "period", "value", "scope", ...(shared ? [] : ["source"])].map((h) => el("th", {}, h)))),
    el("tbody", {}, ...figures.map((f) => figureRow(f.point, [f.subject ? entityButton(f.subject) : "—", f.metric], shared ? [] : [attribution(f.point)]))),
  );
  $("source-entities-section").hidden = digest.entities.length === 0;
  $("source-entities").replaceChildren(...digest.entities.flatMap((e, i) => (i ? [" · ", entityButton(e)] : [entityButton(e)])));
  status("");
  $("source-title").focus?.();
}

// ---- shortest connection -----------------------------------------------------------------

async function resolveEntity(text) {
  const { search } = await gql(`query Resolve($text: String!) { search(text: $text, limit: 1) { entity { id name } } }`, { text });
  if (!search[0]) throw new Error(`Nothing found for “${text}”`);
  return search[0].entity;
}

async function connect(fromText, toText) {
  status("Finding the shortest connection…");
  const [from, to] = await Promise.all([resolveEntity(fromText), resolveEntity(toText)]);
  const { shortestConnection } = await gql(
    `query Connect($from: ID!, $to: ID!) { shortestConnection(fromId: $from, toId: $to) {
       length hops { relationship direction ${FACT_FIELDS} from { id name nameZhHans nameZhHant } to { id name nameZhHans nameZhHant } } } }`,
    { from: from.id, to: to.id },
  );
  if (!shortestConnection) {
    $("hop-list").replaceChildren();
    return status(`No connection between ${from.name} and ${to.name} within 6 hops.`);
  }
  await loadSourceRefs(shortestConnection.hops.map((hop) => hop.sourceId));
  $("hop-list").replaceChildren(
    ...shortestConnection.hops.map((hop) =>
      factItem(hop.from, hop.direction === "FORWARD" ? `—${hop.relationship}→` : `←${hop.relationship}—`, hop.to, hop)),
  );
  status(`${from.name} → ${to.name}: ${shortestConnection.length} hop(s).`);
}

// ---- wiring -----------------------------------------------------------------------------------

const guard = (fn) => (...args) => fn(...args).catch((error) => status(error.message, true));

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  location.hash = `#/search/${encodeURIComponent($("search-text").value.trim())}`;
});
$("connect-form").addEventListener("submit", (event) => {
  event.preventDefault();
  guard(async (from, to) => {
    await styleReady;
    return connect(from, to);
  })($("connect-from").value.trim(), $("connect-to").value.trim());
});

// One view renders at a time: a route started while another is still fetching (the page's load and
// a hash change in quick succession) waits for it, so two renders never interleave their output.
let routing = Promise.resolve();
function route() {
  routing = routing.catch(() => {}).then(renderRoute);
  return routing;
}

async function renderRoute() {
  await styleReady;
  const [, view, arg] = location.hash.split("/");
  const value = arg ? decodeURIComponent(arg) : "";
  if (view === "entity" && value) return showEntity(value);
  if (view === "source" && value) return showSource(value);
  if (view === "audit") return showAudit(value);
  if (view === "disagreements") return showDisagreements();
  if (view === "search" && value) {
    $("search-text").value = value;
    showView("results");
    return search(value);
  }
  showView(null);
}
window.addEventListener("hashchange", guard(route));
if (document.readyState === "complete") guard(route)();
else window.addEventListener("load", guard(route));
