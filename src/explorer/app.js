// The built-in explorer: plain browser JavaScript over the public GraphQL API only. Routes live in
// the URL hash (#/entity/<id>), so views can be linked and the back button works.

const $ = (id) => document.getElementById(id);
const TYPE_COLOURS = {
  Company: "#4C8EDA", Person: "#F79767", University: "#8DCC93", Product: "#C990C0", Group: "#FFC454",
  StockExchange: "#57C7E3", Technology: "#DA7194", BusinessModel: "#569480", Sector: "#D9C8AE",
};

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
/** Hedged facts and figures, in the network and the charts (the Bloom perspective's colour). */
const HEDGED_COLOUR = "#E07B00";

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

/** "according to <cited source>, as reported by <source>", or "source: <source>". */
function attribution(item) {
  const reportedBy = sourceLink(sourceRefs.get(item.sourceId) ?? { id: item.sourceId });
  return item.citedSource
    ? el("span", { class: "source" }, "according to ", sourceLink(item.citedSource), ", as reported by ", reportedBy)
    : el("span", { class: "source" }, "source: ", reportedBy);
}

/** The item whose attribution every item shares, or null when they differ: a table then says it once. */
function sharedAttribution(items) {
  const key = (item) => `${item.sourceId}|${item.citedSource?.id ?? ""}`;
  return items.length && items.every((item) => key(item) === key(items[0])) ? items[0] : null;
}

const evidenceQuote = (item) =>
  el("blockquote", { lang: item.sourceId.startsWith("src-background") ? "en" : "zh-Hant" }, item.evidence);

const FACT_FIELDS = `sourceId evidence amount currency certainty qualifier citedSource { id title kind }
  validFrom validTo datePrecision status`;

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
  $("results").hidden = false;
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
  $("entity").hidden = false;
  $("source").hidden = true;
  $("results").hidden = true;
  $("entity-title").textContent = entity.name;
  $("entity-names").textContent = `简体 ${entity.nameZhHans} · 繁體 ${entity.nameZhHant}`;
  $("entity-meta").replaceChildren(
    `${entity.type}${aliases.length ? ` · also known as ${aliases.join(", ")}` : ""} · named in `,
    ...sources.flatMap((s, i) => (i ? ["; ", sourceLink(s)] : [sourceLink(s)])),
  );
  $("fact-list").replaceChildren(
    ...facts.map((fact) =>
      el("li", {},
        el("span", { class: "rel" }, fact.direction === "FORWARD" ? `${fact.relationship} →` : `← ${fact.relationship}`), " ",
        entityButton(fact.other),
        fact.amount ? ` (${formatValue(fact.amount, fact.currency)})` : "", " ",
        factQualifiers(fact),
        evidenceQuote(fact),
        attribution(fact),
      ),
    ),
  );
  drawNetwork(entity, facts);
  await showFigures(entity);
  status("");
  $("entity-title").focus?.();
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
  const { metrics } = await gql(
    `query Figures($id: ID!) { metrics(where: { company: { some: { id: { eq: $id } } } }, sort: [{ periodEnd: ASC }], limit: 100) {
       metric value unit comparator kind periodLabel periodStart periodEnd datePrecision scope evidence sourceId
       certainty qualifier source { id title kind } citedSource { id title kind } } }`,
    { id: entity.id },
  );
  for (const m of metrics) sourceRefs.set(m.source.id, m.source);
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
    const card = el("figure", { class: "chart", "data-metric": metric, "data-unit": unit, "data-kind": kind },
      el("h4", {}, title), canvas, table, shared ? el("figcaption", {}, attribution(shared)) : "");
    $("charts").append(card);
    if (window.Chart) {
      charts.push(new window.Chart(canvas, {
        type: "bar",
        data: { labels: points.map((p) => p.periodLabel), datasets: [{ label: unit, data: points.map((p) => p.value), backgroundColor: points.map((p) => (p.certainty === "hedged" ? HEDGED_COLOUR : "#4C8EDA")) }] },
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
    el("td", {}, COMPARATOR_WORDS[p.comparator] + formatValue(p.value, p.unit), " ", hedgedBadge(p)),
    el("td", {}, p.scope ?? ""),
    ...trailing.map((cell) => el("td", {}, cell)));
}

/** A fact between two entities, as a list item: both ends, qualifiers, evidence, attribution. */
const factItem = (from, arrow, to, fact) =>
  el("li", {},
    entityButton(from), " ",
    el("span", { class: "rel" }, arrow), " ",
    entityButton(to),
    fact.amount ? ` (${formatValue(fact.amount, fact.currency)})` : "", " ",
    factQualifiers(fact),
    evidenceQuote(fact),
    attribution(fact),
  );

// ---- source digest ------------------------------------------------------------------------

async function showSource(id) {
  status("Loading…");
  const { sourceDigest: digest, sources } = await gql(
    `query Source($id: ID!) {
       sourceDigest(id: $id) { id title kind cites { id title kind } citedBy { id title kind }
         entities { id name nameZhHans nameZhHant type }
         facts { relationship ${FACT_FIELDS} from { id name nameZhHans nameZhHant type } to { id name nameZhHans nameZhHant type } }
         figures { metric company { id name nameZhHans nameZhHant type }
           point { periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier citedSource { id title kind } } } }
       sources(where: { id: { eq: $id } }, limit: 1) { publisher date datePrecision dateNote } }`,
    { id },
  );
  if (!digest) return status(`No source with id “${id}”.`, true);
  const details = sources[0] ?? {};
  sourceRefs.set(digest.id, digest);
  for (const s of [...digest.cites, ...digest.citedBy]) sourceRefs.set(s.id, s);
  await loadSourceRefs([...digest.facts.map((f) => f.sourceId), ...digest.figures.map((f) => f.point.sourceId)]);
  $("source").hidden = false;
  $("entity").hidden = true;
  $("results").hidden = true;
  $("source-title").textContent = digest.title;
  $("source-meta").textContent = [
    digest.kind,
    details.publisher,
    details.date ? `dated ${formatDate(details.date, details.datePrecision)}` : "undated",
    details.dateNote,
  ].filter(Boolean).join(" · ");
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
  $("source-figures").hidden = digest.figures.length === 0;
  const points = digest.figures.map((f) => f.point);
  const shared = sharedAttribution(points);
  $("source-figure-attribution").replaceChildren(shared ? attribution(shared) : "");
  $("source-figure-table").replaceChildren(
    el("thead", {}, el("tr", {}, ...["company", "metric", "period", "value", "scope", ...(shared ? [] : ["source"])].map((h) => el("th", {}, h)))),
    el("tbody", {}, ...digest.figures.map((f) => figureRow(f.point, [entityButton(f.company), f.metric], shared ? [] : [attribution(f.point)]))),
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
  guard(connect)($("connect-from").value.trim(), $("connect-to").value.trim());
});

async function route() {
  const [, view, arg] = location.hash.split("/");
  const value = arg ? decodeURIComponent(arg) : "";
  if (view === "entity" && value) return showEntity(value);
  if (view === "source" && value) return showSource(value);
  if (view === "search" && value) {
    $("search-text").value = value;
    $("entity").hidden = true;
    $("source").hidden = true;
    return search(value);
  }
}
window.addEventListener("hashchange", guard(route));
window.addEventListener("load", guard(route));
