// The built-in explorer: plain browser JavaScript over the public GraphQL API only. Routes live in
// the URL hash (#/entity/<id>), so views can be linked and the back button works.

import { chartLegend, drawChart, groupFigures, groupTitle } from "./charts.js";
import { gql, one, request, searchEntities } from "./api.js";
import { DISAGREEMENT_FIELDS, ENTITY_DISAGREEMENTS_QUERY, ENTITY_QUERY, FACT_FIELDS } from "./queries.js";
import { showReleases } from "./releases.js";
import { showChanges } from "./changes.js";
import { $, el } from "./dom.js";
import { exportButtons } from "./export.js";
import { isNarrowed, joinHash, NO_TIME, readTime, splitHash, timeControl, timeVariables } from "./time-view.js";
import { figureAmount, formatAmount, formatQuantity, metricTitle, shownComparator } from "./format.js";
import { cutNote, enlargePage, MAX_PAGE_SIZE, PAGE_SIZE, pageOf } from "./pages.js";
import { LANGUAGES, language, nameOf, otherNameOf, relationshipWords, setLanguage, t, translatePage } from "./i18n.js";
import {
  attribution, bySaying, evidence, factQualifiers, figureTime, formatDate, hedgedBadge, loadFigureProvenance,
  loadSourceRefs, saying, sharedAttribution, singleSource, sourceLink, sourceRefs, stakeBadge,
} from "./provenance.js";

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

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

// The dates the view on screen is narrowed by (time-view.js): an entity followed from a narrowed
// entity, connection or comparison view opens narrowed by the same dates, its note saying so.
let viewTime = NO_TIME;
const entityHref = (entity) => joinHash(`#/entity/${encodeURIComponent(entity.id)}`, viewTime);
const entityButton = (entity) =>
  el("button", { class: "link", type: "button", "data-entity": entity.id, onclick: () => (location.hash = entityHref(entity)) },
    nameOf(entity) === otherNameOf(entity) ? nameOf(entity) : `${nameOf(entity)} (${otherNameOf(entity)})`);

// ---- views --------------------------------------------------------------------------------

const VIEWS = ["results", "entity", "not-found", "source", "sources", "releases", "changes", "audit", "disagreements", "connect", "compare"];
/** Shows one view (or none) and marks its link in the navigation as the current page. */
function showView(id) {
  for (const view of VIEWS) $(view).hidden = view !== id;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    if (link.dataset.view === id) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** A clear "not found" instead of whatever was on screen before. */
function showNotFound(text) {
  showView("not-found");
  $("not-found-text").textContent = text;
  status("");
  $("not-found-title").focus?.();
}

// ---- search -------------------------------------------------------------------------------

/** Search hits shown at first, and added by each "Show more". */
const SEARCH_PAGE = Math.min(10, PAGE_SIZE);

async function search(text) {
  status(t("Searching…"));
  const view = `search/${text}`;
  // search gives no total: one hit more than is shown says whether there are more (hence at most 99 shown).
  const limit = Math.min(pageOf(view, "results", SEARCH_PAGE), MAX_PAGE_SIZE - 1);
  const found = await searchEntities(text, limit + 1);
  const hits = found.slice(0, limit);
  const larger = Math.min(limit + SEARCH_PAGE, MAX_PAGE_SIZE - 1);
  $("results-cut").replaceChildren(found.length > limit
    ? el("p", { class: "note cut", "data-cut": "results", "data-shown": hits.length }, t("The {n} best matches; there are more.", { n: hits.length }), " ",
      larger > limit ? el("button", { type: "button", class: "more", onclick: () => { enlargePage(view, "results", larger); redraw(); } }, t("Show more")) : "")
    : "");
  $("result-list").replaceChildren(
    ...hits.map(({ entity }) => el("li", {}, entityButton(entity), ` — ${t(entity.type)}, ${language() === "zh-Hans" ? entity.nameZhHant : entity.nameZhHans}`)),
  );
  showView("results");
  status(hits.length ? t("{n} result(s) for “{text}”.", { n: hits.length, text }) : t("Nothing found for “{text}”.", { text }));
  return hits;
}

// ---- entity view --------------------------------------------------------------------------

/** Draws the view on screen again (after "Show more" enlarged one of its lists). */
const redraw = () => guard(route)(true);

async function showEntity(id, time = NO_TIME) {
  status(t("Loading…"));
  const view = `entity/${id}`;
  // neighbourhood's facts stop at its limit; totalFacts says how many there are (at the view's dates).
  const { neighbourhood } = await gql(
    ENTITY_QUERY,
    { id, limit: pageOf(view, "facts"), ...timeVariables(time) },
  );
  if (!neighbourhood) return showNotFound(t("No entity with id “{id}”.", { id }));
  const { entity, facts, aliases, sources, totalFacts } = neighbourhood;
  for (const source of sources) sourceRefs.set(source.id, source);
  await loadSourceRefs(facts.map((f) => f.sourceId));
  // Narrowed, the page shows only what the API narrowed: the facts and the sources that name the
  // entity. Its figures and their disagreements are left out (they are read through queries without
  // dates); a company's figures at the dates are the comparison's, linked from the note.
  const narrowed = isNarrowed(time);
  drawTimeControl("entity", `#/entity/${encodeURIComponent(entity.id)}`, time, narrowed ? [
    t("Only the facts and the sources that name it are narrowed; figures are left out here."),
    ...(entity.type === "Company" ? [" ", el("a", { href: compareHref("revenue", [entity.id], "", time), class: "time-compare" }, `${t("Its figures at these dates")} →`)] : []),
  ] : null);
  showView("entity");
  $("entity").dataset.entity = entity.id;
  $("entity-title").textContent = nameOf(entity);
  $("entity-names").textContent = `English ${entity.name} · 简体 ${entity.nameZhHans} · 繁體 ${entity.nameZhHant}`;
  $("entity-meta").replaceChildren(
    `${t(entity.type)}${aliases.length ? ` · ${t("also known as")} ${aliases.join(", ")}` : ""} · ${t("named in")} `,
    ...sources.flatMap((s, i) => (i ? ["; ", sourceLink(s)] : [sourceLink(s)])),
  );
  // A fact several sources state is one item with each source's evidence.
  const groups = groupFacts(facts);
  $("fact-list").replaceChildren(
    ...groups.map((group) => {
      const fact = group[0];
      return el("li", {},
        el("span", { class: "rel", "data-relationship": fact.relationship }, fact.direction === "FORWARD" ? `${relationshipWords(fact.relationship)} →` : `← ${relationshipWords(fact.relationship)}`), " ",
        entityButton(fact.other),
        fact.amount ? ` (${formatAmount(fact.amount, fact.currency)})` : "", " ",
        stakeBadge(fact),
        group.length > 1 ? el("span", { class: "badge sources" }, t("{n} sources", { n: group.length })) : "",
        // How sure and since when are each source's own.
        ...bySaying(group).map((items) => saying(items, true)),
      );
    }),
  );
  $("facts-cut").replaceChildren(cutNote({ view, list: "facts", shown: facts.length, total: totalFacts, noun: "facts", redraw }));
  // Drawn dashed when every source hedges it.
  const drawn = groups.map((group) => ({ ...group[0], certainty: group.every((f) => f.certainty === "hedged") ? "hedged" : "stated" }));
  drawNetwork(entity, drawn);
  const subjectOfFigures = !narrowed && ["Company", "Listing", "FundingRound", "RegulatoryAction", "Model", "Regulator"].includes(entity.type);
  // Disagreements first: the event's figure cards mark the metrics sources give differently.
  const disagreements = subjectOfFigures ? (await gql(
    ENTITY_DISAGREEMENTS_QUERY, { id: entity.id })).disagreements : [];
  const [forecasts] = await Promise.all([showCompanyFigures(entity, narrowed), showEvent(entity, facts, disagreements, narrowed), showEntityDisagreements(disagreements)]);
  // A forecaster's forecasts are about companies: the network shows whom it forecast for, and
  // the facts list points to them (they are figures, not facts between entities).
  const forecastFor = [...new Map((forecasts ?? []).filter((f) => f.subject).map((f) => [f.subject.id, f.subject])).values()];
  if (forecastFor.length) {
    drawNetwork(entity, [...drawn, ...forecastFor.map((other) => ({ relationship: "FORECASTS", direction: "FORWARD", other, certainty: "stated" }))]);
    $("fact-list").append(...forecastFor.map((other) => el("li", { class: "forecast-fact" },
      el("span", { class: "rel" }, `${relationshipWords("FORECASTS")} →`), " ", entityButton(other), " ",
      el("a", { href: "#forecasts", onclick: (event) => { event.preventDefault(); $("forecasts").scrollIntoView(); } },
        `${forecasts.filter((f) => f.subject?.id === other.id).length} ${t("forecasts, with their sources, below")}`))));
  }
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

/**
 * The entity at the centre and its neighbours on one ring or, when many, two, the outer ring turned
 * by half a step so that its edges pass between the inner ring's nodes rather than through them.
 * Each ring is wide enough for a label's width and height between neighbours, so names never overlap.
 */
function ringPositions(centreId, ids, labelOf) {
  // A label's size as drawn: Chinese characters are about twice as wide as Latin letters, and a
  // label wraps at the node style's text-max-width (110 px) into lines of about 15 px under the node.
  const rawWidth = (id) => [...labelOf(id)].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7), 0);
  const width = (id) => Math.min(110, rawWidth(id));
  const height = (id) => 21 + 15 * Math.max(1, Math.ceil(rawWidth(id) / 100));
  const positions = new Map([[centreId, { x: 0, y: 0 }]]);
  const rings = ids.length > 10 ? [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)] : [ids];
  // Rings far enough apart for the tallest label between them.
  const gap = Math.max(80, ...ids.map(height)) + 24;
  let radius = 0;
  rings.forEach((ring, r) => {
    // The largest label sets the step, so neighbours on a ring are at least a label apart, across
    // (at the top and bottom of the ring) and, where they stand above each other at its sides, down.
    const step = Math.max(...ring.map(width), ...ring.map(height)) + 16;
    radius = Math.max(radius + gap, (ring.length * step) / (2 * Math.PI), 90);
    const angleStep = (2 * Math.PI) / ring.length;
    ring.forEach((id, i) => {
      const angle = -Math.PI / 2 + angleStep * (i + r / 2);
      positions.set(id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  });
  return positions;
}

// The network drawn last, for the tests and for anyone poking at the page from the console.
let network = null;
function drawNetwork(entity, facts) {
  network?.destroy();
  network = null;
  const nodes = new Map([[entity.id, entity]]);
  for (const fact of facts) nodes.set(fact.other.id, fact.other);
  // The legend: one colour per type on the network, and the dashed line of a hedged fact.
  const types = [...new Set([...nodes.values()].map((n) => n.type))].sort();
  $("network-legend").replaceChildren(
    ...types.map((type) => el("li", { "data-type": type },
      el("span", { class: "swatch round", style: `background: ${TYPE_COLOURS[type] ?? "#999"}` }), t(type))),
    facts.some((f) => f.certainty === "hedged")
      ? el("li", { "data-type": "hedged" }, el("span", { class: "swatch line dashed", style: `border-color: ${HEDGED_COLOUR}` }), t("hedged fact (dashed)"))
      : "");
  if (!window.cytoscape) return;
  const positions = ringPositions(entity.id, [...nodes.keys()].filter((id) => id !== entity.id), (id) => nameOf(nodes.get(id)));
  const elements = [
    ...[...nodes.values()].map((n) => ({ data: { id: n.id, label: nameOf(n), colour: TYPE_COLOURS[n.type] ?? "#999", centre: n.id === entity.id },
      position: positions.get(n.id) })),
    ...facts.map((f, i) => ({
      data: {
        id: `e${i}`,
        source: f.direction === "FORWARD" ? entity.id : f.other.id,
        target: f.direction === "FORWARD" ? f.other.id : entity.id,
        label: f.relationship,
        certainty: f.certainty,
      },
    })),
  ];
  network = window.cytoscape({
    container: $("network"),
    elements,
    layout: { name: "preset", padding: 12, fit: true },
    // A lone node is not blown up to fill the box.
    minZoom: 0.2, maxZoom: 1.6,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "text-wrap": "wrap", "text-max-width": "110px", "font-size": 12, "text-valign": "bottom", "text-margin-y": 3, width: 18, height: 18 } },
      { selector: "node[?centre]", style: { width: 28, height: 28, "font-weight": "bold", "font-size": 13 } },
      // Edge labels show on hover only: a dozen relationship names along the spokes would cover the names.
      { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#b8c0cc", "target-arrow-color": "#b8c0cc", "font-size": 9, color: "#1d2330", "text-background-color": "#fff", "text-background-opacity": 0.9, "text-rotation": "autorotate" } },
      { selector: "edge.show-label", style: { label: "data(label)" } },
      // A hedged fact is drawn dashed, in the colour the Bloom perspective gives it.
      { selector: 'edge[certainty = "hedged"]', style: { "line-style": "dashed", "line-color": HEDGED_COLOUR, "target-arrow-color": HEDGED_COLOUR } },
    ],
  });
  $("network").cy = network;
  network.on("mouseover", "edge", (event) => event.target.addClass("show-label"));
  network.on("mouseout", "edge", (event) => event.target.removeClass("show-label"));
  network.on("tap", "node", (event) => {
    if (event.target.id() !== entity.id) location.hash = entityHref({ id: event.target.id() });
  });
}

// ---- figures: charts, cards and tables ------------------------------------------------------

const METRIC_FIELDS = `id metric value unit comparator kind periodLabel periodStart periodEnd datePrecision scope evidence sourceId
  certainty qualifier evidenceKind corroboration publisherCount source { id title kind date } citedSource { id title kind }`;
const NAMES = "id name nameZhHans nameZhHant";

/** A figure as an exported record: what, when, how much, how sure, and the source with its evidence. */
const figureRecord = (f, subject) => ({
  ...(subject ? { subjectId: subject.id, subject: subject.name } : {}),
  metric: f.metric, metricTitle: metricTitle(f.metric), periodLabel: f.periodLabel, periodStart: f.periodStart ?? "", periodEnd: f.periodEnd,
  // As the page shows it: a converted figure is "about" its value, and reads as the page reads it.
  value: f.value, unit: f.unit, comparator: shownComparator(f), reads: figureAmount(f), kind: f.kind, scope: f.scope ?? "",
  certainty: f.certainty, qualifier: f.qualifier ?? "", evidence: f.evidence, evidenceKind: f.evidenceKind ?? "",
  sourceId: f.sourceId, source: (f.source ?? sourceRefs.get(f.sourceId))?.title ?? "",
  citedSourceId: f.citedSource?.id ?? "", citedSource: f.citedSource?.title ?? "",
  ...(f.conversion ? { convertedFrom: f.conversion.fromValue, convertedFromUnit: f.conversion.fromUnit, rate: f.conversion.rate,
    rateSources: f.conversion.rates.map((r) => r.sourceId).join(" ") } : {}),
});

/** The certainty cell: stated, or hedged with the source's own words. */
const certaintyCell = (f) => (f.certainty === "hedged" ? hedgedBadge(f) : el("span", { class: "certainty" }, t("stated")));

/** A table of figures, each row with its value, certainty, evidence and source, and its exports. */
function figureTable(name, figures, { subject = null, columns = [] } = {}) {
  const heads = [...columns.map((c) => c.head), "period", "value", "certainty", "evidence", "source"];
  return el("div", { class: "figure-table" },
    el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": name },
      el("table", {},
        el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, t(h))))),
        el("tbody", {}, ...figures.map((f) => el("tr", { "data-metric-id": f.id ?? f.metricId ?? "" },
          ...columns.map((c) => el("td", {}, c.cell(f))),
          el("td", {}, f.periodLabel, " ", figureTime(f) ? el("span", { class: "badge when" }, figureTime(f)) : "",
            f.kind && f.kind !== "actual" ? el("span", { class: "badge kind" }, t(f.kind)) : ""),
          el("td", { class: "number" }, figureAmount(f),
            f.conversion ? el("span", { class: "converted" }, `${t("converted from")} ${formatAmount(f.conversion.fromValue, f.conversion.fromUnit, f.comparator)}`) : ""),
          el("td", {}, certaintyCell(f), singleSource(f)),
          el("td", {}, evidence(f)),
          el("td", {}, attribution(f))))))),
    exportButtons(name, figures.map((f) => figureRecord(f, subject ?? f.subject ?? null))));
}

/** A lone figure (or one figure several sources give alike): a card, not a one-bar chart. */
function figureCard(group, subject, { named = false } = {}) {
  const [first] = group.figures;
  return el("article", { class: "card figure-card", "data-metric": group.metric, "data-unit": group.unit, "data-kind": first.kind, "data-series": group.key,
    "data-metric-ids": group.figures.map((f) => f.id ?? f.metricId ?? "").join(" ") },
    el("h4", {}, groupTitle(group)),
    named && subject ? el("p", { class: "subject" }, entityButton(subject)) : "",
    ...versionsOf(group.figures).map((version) => figureVersion(version, version[0].unit)),
    exportButtons(`${subject?.id ?? "figures"}-${group.metric}-${group.figures[0].periodLabel}`, group.figures.map((f) => figureRecord(f, subject))));
}

const charts = [];
/** Series of a group: actual figures, then each forecaster's, then plans; each its own colour and line. */
function seriesOf(group, colour) {
  const byKind = new Map();
  for (const f of group.figures) {
    const by = f.forecastBy?.map(nameOf).join(", ");
    const label = f.kind === "actual" ? t("actual") : by ? `${t(f.kind)} (${by})` : t(f.kind);
    if (!byKind.has(label)) byKind.set(label, { label, colour: f.kind === "actual" ? colour : "#8a5cb8", dashed: f.kind !== "actual", figures: [] });
    byKind.get(label).figures.push(f);
  }
  return [...byKind.values()];
}

/** A chart of one group: its time axis, its legend, and its table with every figure's evidence and source. */
function figureChart(group, series, { subject = null, columns = [], notes = [] } = {}) {
  const title = groupTitle(group);
  const canvas = el("canvas", { role: "img", "aria-label": `${title}, by period` });
  const figure = el("figure", { class: "chart", "data-metric": group.metric, "data-unit": group.unit, "data-series": group.key,
    "data-periods": series.flatMap((s) => s.figures.map((f) => f.periodLabel)).join("|") },
    el("h4", {}, title), canvas, chartLegend(series, { hedgedColour: HEDGED_COLOUR }), ...notes,
    figureTable(`${subject?.id ?? "comparison"}-${group.metric}-${group.unit}`, series.flatMap((s) => s.figures), { subject, columns }));
  if (window.Chart) charts.push(drawChart(canvas, series, { unit: group.unit, months: group.months, hedgedColour: HEDGED_COLOUR }));
  return figure;
}

/** A company's figures (charts and cards) and, for a forecaster, the forecasts it made; none in a
 *  view narrowed by date. */
async function showCompanyFigures(entity, narrowed = false) {
  charts.splice(0).forEach((chart) => chart.destroy());
  $("charts").replaceChildren();
  $("figure-cards").replaceChildren();
  $("forecasts").hidden = true;
  $("figures-cut").replaceChildren();
  $("forecasts-cut").replaceChildren();
  // Not a company, or narrowed: no figures, and no forecasts for the caller to list (an array, never the flag).
  if (entity.type !== "Company" || narrowed) {
    $("figures").hidden = true;
    return [];
  }
  const view = `entity/${entity.id}`;
  const [{ data: { companies }, cutLists }, { derivedFigureAudit }] = await Promise.all([
    request(
      `query CompanyFigures($id: ID!, $metrics: Int!, $forecasts: Int!) { companies(where: { id: { eq: $id } }, limit: 1) {
         metrics(sort: [{ periodEnd: ASC }], limit: $metrics) { ${METRIC_FIELDS} forecastBy { ${NAMES} } }
         forecasts(sort: [{ periodEnd: ASC }], limit: $forecasts) { ${METRIC_FIELDS} company { ${NAMES} type: __typename } } } }`,
      { id: entity.id, metrics: pageOf(view, "figures"), forecasts: pageOf(view, "forecasts") },
    ),
    gql(`query FigureAudit { derivedFigureAudit { ${AUDIT_FIELDS} } }`),
  ]);
  const { metrics = [], forecasts = [] } = companies[0] ?? {};
  // A chart of a cut list would pass off some periods as the whole series: the reader is told.
  const cutOf = (list, path, shown) => cutNote({ view, list, shown, total: cutLists.get(path)?.total ?? shown, noun: list, redraw });
  $("figures-cut").replaceChildren(cutOf("figures", "companies.0.metrics", metrics.length));
  $("forecasts-cut").replaceChildren(cutOf("forecasts", "companies.0.forecasts", forecasts.length));
  for (const m of [...metrics, ...forecasts]) sourceRefs.set(m.source.id, m.source);
  // The audit's verdict on a derived figure, when its inputs do not give it.
  const differing = new Map(derivedFigureAudit.filter((c) => c.verdict === "differs").map((c) => [c.figure.metricId, c]));
  const auditNotes = (figures) => figures.map((p) => differing.get(p.id)).filter(Boolean).map((check) => el("p", { class: "audit-note" },
    el("a", { href: "#/audit", class: "badge verdict differs", title: t("Open the audit of derived figures") }, t("audit: differs")), " ",
    auditSentence(check)));
  const groups = groupFigures(metrics);
  $("figures").hidden = groups.length === 0;
  for (const group of groups) {
    if (group.chart) {
      $("charts").append(figureChart(group, seriesOf(group, TYPE_COLOURS.Company), { subject: entity, notes: auditNotes(group.figures) }));
    } else {
      const card = figureCard(group, entity);
      card.append(...auditNotes(group.figures));
      $("figure-cards").append(card);
    }
  }
  // A way from one company's figures to the comparison, on the metric of its first chart.
  const compared = groups.find((g) => g.chart && COMPARE_METRICS.includes(g.metric))?.metric ?? "revenue";
  $("figures-compare").replaceChildren(el("a", { href: compareHref(compared, [entity.id]) }, `${t("Compare with other companies")}: ${metricTitle(compared)} →`));
  $("charts-section").hidden = $("charts").children.length === 0;
  $("cards-section").hidden = $("figure-cards").children.length === 0;
  // A forecaster: the figures it forecast for others, each with the company it is about.
  $("forecasts").hidden = forecasts.length === 0;
  const made = forecasts.map((f) => ({ ...f, subject: one(f.company) }));
  if (made.length) {
    $("forecast-list").replaceChildren(figureTable(`${entity.id}-forecasts`, made, {
      columns: [{ head: "company", cell: (f) => (f.subject ? entityButton(f.subject) : "—") }, { head: "metric", cell: (f) => metricTitle(f.metric) }],
    }));
  }
  return made;
}

/** A fact between two entities, as a list item: both ends, qualifiers, evidence, attribution. */
const factItem = (from, arrow, to, fact) =>
  el("li", {},
    entityButton(from), " ",
    el("span", { class: "rel" }, arrow.replace(/[A-Z_]{3,}/, relationshipWords)), " ",
    entityButton(to),
    fact.amount ? ` (${formatAmount(fact.amount, fact.currency)})` : "", " ",
    stakeBadge(fact),
    factQualifiers(fact),
    evidence(fact),
    attribution(fact),
  );

// ---- events: a listing or a funding round ---------------------------------------------------

const FIGURE_FIELDS = `id metric value unit comparator kind periodLabel periodEnd datePrecision scope sourceId evidence
  certainty qualifier evidenceKind corroboration publisherCount source { id title kind date } citedSource { id title kind }`;
const ENTITY_FIELDS = "id name nameZhHans nameZhHant";

/** The order an event's figures are read in; others follow by name. */
const EVENT_METRIC_ORDER = ["offerPrice", "sharesOffered", "grossProceeds", "netProceeds", "cornerstoneTotal", "publicOfferSubscription",
  "firstDayClose", "sharePriceChange", "marketCap", "fundingAmount", "postMoneyValuation"];

/** The entities whose page shows their own particulars and figures, each with its query (the
 *  figures as `metrics`; its date as `date`, `datePrecision`) and its panel's title. */
const PARTICULARS = {
  Listing: { title: "Listing", root: "listings", fields: `date datePrecision ticker board listingRule company { ${ENTITY_FIELDS} } exchange { ${ENTITY_FIELDS} }` },
  FundingRound: { title: "Funding round", root: "fundingRounds", fields: `date datePrecision stage company { ${ENTITY_FIELDS} }` },
  RegulatoryAction: { title: "Regulatory action", root: "regulatoryActions", fields: `date datePrecision kind issuedBy { ${ENTITY_FIELDS} }` },
  // A model's date is the earliest a source gives; each source's own is among its facts.
  Model: { title: "Model release", root: "models", fields: "date: releaseDate datePrecision: releaseDatePrecision openWeights kind" },
  Regulator: { title: "Regulator", root: "regulators", fields: "" },
};

async function showEvent(entity, facts, disagreements, narrowed = false) {
  const particulars = PARTICULARS[entity.type];
  if (!particulars) return ($("event").hidden = true);
  // The entity's own fields and its figures; a listing's investors are among its facts (the
  // neighbourhood): a connection with edge properties costs more than the query-cost limit allows here.
  const figuresOf = `metrics(sort: [{ periodEnd: ASC }], limit: $limit) { ${FIGURE_FIELDS} }`;
  const view = `entity/${entity.id}`;
  const { data: response, cutLists } = await request(
    `query Particulars($id: ID!, $limit: Int!) { events: ${particulars.root}(where: { id: { eq: $id } }, limit: 1) { ${particulars.fields} ${figuresOf} } }`,
    { id: entity.id, limit: pageOf(view, "event figures") });
  const data = response.events[0];
  if (!data) return ($("event").hidden = true);
  data.investors = facts.filter((f) => f.direction === "BACKWARD" && (f.relationship === "CORNERSTONE_IN" || f.relationship === "INVESTED_IN"));
  for (const m of data.metrics) sourceRefs.set(m.source.id, m.source);
  $("event").hidden = false;
  $("event-title").textContent = t(particulars.title);
  const entities = (list) => list.flatMap((e, i) => (i ? [", ", entityButton(e)] : [entityButton(e)]));
  const details = [
    // Lists today; one object should the API make them single, as it did Metric.company.
    ["Company", [data.company].flat().filter(Boolean).length ? entities([data.company].flat().filter(Boolean)) : null],
    ["Issued by", [data.issuedBy].flat().filter(Boolean).length ? entities([data.issuedBy].flat().filter(Boolean)) : null],
    [entity.type === "Model" ? "Released (earliest date a source gives)" : "Date",
      data.date ? [formatDate(data.date, data.datePrecision), data.datePrecision === "day" ? "" : t(" (known to the {precision})", { precision: t(data.datePrecision) })] : null],
    ["Open weights", data.openWeights === undefined ? null : t(data.openWeights ? "yes, as a source states" : "no source states it")],
    ["Kind", data.kind],
    ["Exchange", [data.exchange].flat().filter(Boolean).length ? entities([data.exchange].flat().filter(Boolean)) : null],
    ["Ticker", data.ticker], ["Board", data.board], ["Listing rule", data.listingRule], ["Stage", data.stage],
  ].filter(([, value]) => value);
  $("event-details").replaceChildren(
    ...details.flatMap(([term, value]) => [el("dt", {}, t(term)), el("dd", {}, ...[value].flat())]));

  // One card per metric; within it one line per value, with every source that gives it.
  const disputed = new Set(disagreements.map((d) => `${d.metric}|${d.unit}`));
  const byMetric = new Map();
  const rank = (metric) => (EVENT_METRIC_ORDER.includes(metric) ? EVENT_METRIC_ORDER.indexOf(metric) : EVENT_METRIC_ORDER.length);
  for (const m of [...data.metrics].sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric))) {
    if (!byMetric.has(m.metric)) byMetric.set(m.metric, []);
    byMetric.get(m.metric).push(m);
  }
  $("event-figures-section").hidden = byMetric.size === 0 || narrowed;
  $("event-figures").replaceChildren(...[...byMetric].map(([metric, figures]) =>
    el("article", { class: "card event-figure", "data-metric": metric },
      el("h5", {}, metricTitle(metric)),
      figures.some((f) => disputed.has(`${f.metric}|${f.unit}`))
        ? el("a", { href: "#entity-disagreements", class: "badge disagree", onclick: (event) => {
            event.preventDefault();
            $("entity-disagreements").scrollIntoView();
            $("entity-disagreements-title").focus?.();
          } }, t("sources disagree"))
        : "",
      ...versionsOf(figures).map((version) => figureVersion(version, version[0].unit)),
    )));
  $("event-figures-cut").replaceChildren(cutNote({ view, list: "event figures", shown: data.metrics.length,
    total: cutLists.get("events.0.metrics")?.total ?? data.metrics.length, noun: "figures", redraw }));
  $("event-figures-export").replaceChildren(byMetric.size ? exportButtons(`${entity.id}-figures`, data.metrics.map((m) => figureRecord(m, entity))) : "");

  // Investors, one item each, with every source that names them.
  const byInvestor = new Map();
  for (const fact of data.investors) {
    if (!byInvestor.has(fact.other.id)) byInvestor.set(fact.other.id, { node: fact.other, said: [] });
    byInvestor.get(fact.other.id).said.push(fact);
  }
  $("event-investors-section").hidden = byInvestor.size === 0;
  $("event-investors-title").textContent = t(entity.type === "Listing" ? "Cornerstone investors" : "Investors");
  $("event-investors").replaceChildren(...[...byInvestor.values()]
    .sort((a, b) => a.node.name.localeCompare(b.node.name))
    .map(({ node, said }) => {
      const amounts = [...new Set(said.filter((f) => f.amount).map((f) => formatAmount(f.amount, f.currency)))];
      return el("li", { "data-investor": node.id },
        entityButton(node), amounts.length ? ` — ${amounts.join(t(" or "))}` : "", " ",
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
    el("p", { class: "value" }, figureAmount({ ...first, unit }), ...(first.certainty === "hedged" ? [" ", hedgedBadge(first)] : [])),
    first.scope ? el("p", { class: "scope" }, first.scope) : "",
    // The period label says something only when it is not the metric's name ("offer price").
    first.periodLabel.toLowerCase() === metricTitle(first.metric).toLowerCase() ? "" : el("p", { class: "period" }, first.periodLabel),
    el("p", { class: "note" }, first.certainty === "hedged" ? "" : [el("span", { class: "badge certainty" }, t("stated")), " "],
      figures.length === 1 ? t("1 source:") : `${figures.length} ${t("sources:")}`),
    el("ul", { class: "sources" }, ...bySaying(figures).map((items) =>
      el("li", { "data-sources": items.map((f) => f.sourceId).join(" ") },
        ...items.flatMap((f, i) => [
          i ? "; " : "",
          sourceLink(f.source ?? sourceRefs.get(f.sourceId) ?? { id: f.sourceId }),
          f.source?.date ? ` (${f.source.date})` : "",
          singleSource(f) ? " " : "", singleSource(f)]),
        items[0].citedSource ? el("span", { class: "source" }, ` ${t("according to")} `, sourceLink(items[0].citedSource)) : "",
        evidence(items[0])))));
}

// ---- disagreements --------------------------------------------------------------------------


/** A figure sources give differently: its versions side by side, each with its sources. */
async function disagreementBlock(d, heading, withSubject) {
  await loadFigureProvenance(d.versions);
  return el("article", { class: "disagreement", "data-subject": d.subject.id, "data-metric": d.metric },
    el(heading, {},
      // A link, not a button: a long name must wrap inside the heading.
      ...(withSubject ? [el("a", { href: `#/entity/${encodeURIComponent(d.subject.id)}` }, d.subject.name), ": "] : []),
      t("{metric}{kind}, in {unit}, as of {date}", { metric: metricTitle(d.metric), kind: d.kind === "actual" ? "" : ` (${t(d.kind)})`, unit: d.unit, date: d.periodEnd })),
    el("div", { class: "versions" }, ...versionsOf(d.versions.map((v) => ({ ...v, unit: d.unit, metric: d.metric }))).map((v) => figureVersion(v, d.unit))));
}

async function showEntityDisagreements(disagreements) {
  $("entity-disagreements").hidden = disagreements.length === 0;
  $("entity-disagreement-list").replaceChildren(...(await Promise.all(disagreements.map((d) => disagreementBlock(d, "h4", false)))));
}

async function showDisagreements() {
  status(t("Loading…"));
  const { disagreements } = await gql(`query Disagreements { disagreements { ${DISAGREEMENT_FIELDS} } }`);
  showView("disagreements");
  $("disagreement-list").replaceChildren(...(await Promise.all(disagreements.map((d) => disagreementBlock(d, "h3", true)))));
  status(disagreements.length ? "" : t("No figure is given differently by two sources."));
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
  const verdict = t(VERDICT_WORDS[check.verdict]);
  if (check.computed === null) return t("stated {stated}, {verdict}: {explanation}", { stated, verdict, explanation: check.explanation });
  const join = check.derivation === "average" ? "; " : " → ";
  return t("stated {stated}, computed {computed} from {inputs} — {verdict}",
    { stated, computed: auditValue(check, check.computed), inputs: check.inputs.map(inputWords).join(join), verdict });
}

/** The range the recomputed value can take given the inputs' rounding: "133.17%–133.41%", "20 times or more". */
function computedRange(check) {
  if (check.computedLow === null) return "";
  if (check.computedHigh === null) return t("{value} or more", { value: auditValue(check, check.computedLow) });
  return `${auditValue(check, check.computedLow)} – ${auditValue(check, check.computedHigh)}`;
}

function signedDifference(check) {
  if (check.difference === null) return "—";
  if (check.difference === 0) return t("none");
  const sign = check.difference > 0 ? "+" : "−";
  const size = Math.abs(check.difference);
  const digits = auditDigits(check.stated);
  return check.figure.unit === "percent"
    ? `${sign}${new Intl.NumberFormat("en", { maximumFractionDigits: digits }).format(size)} ${t("percentage points")}`
    : `${sign}${formatQuantity(size, check.figure.unit, digits)}`;
}

async function showAudit(sourceId) {
  status(t("Recomputing…"));
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
    el("thead", {}, el("tr", {}, ...["figure", "inputs, as printed", "stated value", "computed", "difference", "verdict", "evidence"].map((h) => el("th", { scope: "col" }, t(h))))),
    el("tbody", {}, ...checks.map((check) => {
      const { figure } = check;
      const range = computedRange(check);
      return el("tr", { "data-metric-id": figure.metricId, "data-metric": figure.metric, "data-subject": figure.subject?.id ?? "", "data-verdict": check.verdict },
        el("td", {},
          figure.subject ? entityButton(figure.subject) : "", figure.subject ? el("br") : "",
          el("strong", {}, metricTitle(figure.metric)), ", ", figure.periodLabel, " ",
          el("span", { class: "badge kind" }, t(DERIVATION_WORDS[check.derivation] ?? check.derivation))),
        el("td", {}, check.inputs.length
          ? el("ul", { class: "inputs" }, ...check.inputs.map((i, n) =>
              el("li", {}, n && check.derivation !== "average" ? "→ " : "", inputWords(i))))
          : el("span", { class: "note" }, t("not given by the source"))),
        el("td", { class: "number" }, formatAmount(check.stated, figure.unit, figure.comparator)),
        el("td", { class: "number" }, check.computed === null ? "—" : auditValue(check, check.computed),
          range ? el("span", { class: "range" }, t("range {range} given the rounding of the inputs", { range })) : ""),
        el("td", { class: "number" }, signedDifference(check)),
        el("td", {}, el("span", { class: `badge verdict ${check.verdict}` }, t(VERDICT_WORDS[check.verdict])),
          el("span", { class: "explanation" }, check.explanation)),
        el("td", {}, evidence(figure), attribution(figure)));
    })),
  );
  $("audit-export").replaceChildren(exportButtons(sourceId ? `audit-${sourceId}` : "audit", checks.map((check) => ({
    metricId: check.figure.metricId, subjectId: check.figure.subject?.id ?? "", subject: check.figure.subject?.name ?? "",
    metric: check.figure.metric, periodLabel: check.figure.periodLabel, derivation: check.derivation,
    inputs: check.inputs.map(inputWords).join("; "), stated: check.stated, unit: check.figure.unit, computed: check.computed,
    computedLow: check.computedLow, computedHigh: check.computedHigh, difference: check.difference, verdict: check.verdict,
    explanation: check.explanation, evidence: check.figure.evidence, evidenceKind: check.figure.evidenceKind ?? "",
    sourceId: check.figure.sourceId, source: sourceRefs.get(check.figure.sourceId)?.title ?? "",
  }))));
  status(checks.length ? "" : t("No derived figure to check."));
  $("audit-title").focus();
}

// ---- source digest ------------------------------------------------------------------------

async function showSource(id) {
  status(t("Loading…"));
  const view = `source/${id}`;
  const { data: { sourceDigest: digest, sources, metrics: sourceMetrics }, cutLists } = await request(
    `query Source($id: ID!, $sourceId: String!, $limit: Int!) {
       sourceDigest(id: $id) { id title kind cites { id title kind } citedBy { id title kind }
         entities { id name nameZhHans nameZhHant type }
         facts { relationship ${FACT_FIELDS} from { id name nameZhHans nameZhHant type } to { id name nameZhHans nameZhHant type } }
         figures { metric company { id name nameZhHans nameZhHant type }
           point { metricId periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier citedSource { id title kind } } } }
       sources(where: { id: { eq: $id } }, limit: 1) { publisher date datePrecision dateNote url retrieved }
       metrics(where: { OR: [{ sourceId: { eq: $sourceId } }, { citedSourceId: { eq: $sourceId } }] }, sort: [{ metric: ASC }], limit: $limit) {
         id metric periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier
         evidenceKind corroboration publisherCount citedSource { id title kind } company { id } } }`,
    { id, sourceId: id, limit: pageOf(view, "figures") },
  );
  if (!digest) return showNotFound(t("No source with id “{id}”.", { id }));
  const details = sources[0] ?? {};
  sourceRefs.set(digest.id, digest);
  for (const s of [...digest.cites, ...digest.citedBy]) sourceRefs.set(s.id, s);
  // The digest has every figure about a company or an event; the generated API adds those about
  // neither (an exchange rate), once each.
  const inDigest = new Set(digest.figures.map((f) => f.point.metricId));
  const others = sourceMetrics.filter((m) => !inDigest.has(m.id) && !one(m.company));
  await Promise.all([
    loadSourceRefs([...digest.facts.map((f) => f.sourceId), ...digest.figures.map((f) => f.point.sourceId), ...others.map((m) => m.sourceId)]),
    loadFigureProvenance(digest.figures.map((f) => f.point)),
  ]);
  showView("source");
  $("source").dataset.source = digest.id;
  $("source-title").textContent = digest.title;
  $("source-meta").textContent = [
    t(digest.kind),
    details.publisher,
    details.date ? t("dated {date}", { date: formatDate(details.date, details.datePrecision) }) : t("undated"),
    details.dateNote,
    details.retrieved ? t("retrieved {date}", { date: details.retrieved }) : "",
  ].filter(Boolean).join(" · ");
  // Only a web address is a link; the text of a source's url is shown whatever it is.
  const url = details.url && /^https?:\/\//i.test(details.url) ? details.url : null;
  $("source-link").hidden = !details.url;
  $("source-link").replaceChildren(...(details.url
    ? [t("Read it at "), url ? el("a", { href: url, rel: "noopener noreferrer external", target: "_blank", class: "external" }, url) : details.url,
      digest.kind === "web-article" ? el("span", { class: "note" }, t(" — its text is not held: the evidence below is our paraphrase.")) : ""]
    : []));
  const sourceList = (label, list) => (list.length ? [label, ...list.flatMap((s, i) => (i ? ["; ", sourceLink(s)] : [sourceLink(s)]))] : []);
  $("source-cites").replaceChildren(
    ...sourceList(t("Cites: "), digest.cites),
    digest.cites.length && digest.citedBy.length ? el("br") : "",
    ...sourceList(t("Cited by: "), digest.citedBy),
    digest.citedBy.length ? el("span", { class: "note" }, t(" — the facts and figures below are what these sources attribute to it.")) : "",
  );
  $("source-facts").hidden = digest.facts.length === 0;
  $("source-fact-list").replaceChildren(
    ...digest.facts.map((fact) => factItem(fact.from, `—${fact.relationship}→`, fact.to, fact)),
  );
  const figures = [
    ...digest.figures.map((f) => ({ ...f.point, id: f.point.metricId, metric: f.metric, subject: f.company })),
    ...others.map((m) => ({ ...m, subject: null })),
  ];
  $("source-figures").hidden = figures.length === 0;
  const shared = sharedAttribution(figures);
  $("source-figure-attribution").replaceChildren(shared ? attribution(shared) : "");
  $("source-figure-table").replaceChildren(figureTable(`source-${digest.id}-figures`, figures, {
    columns: [
      { head: "company or event", cell: (f) => (f.subject ? entityButton(f.subject) : "—") },
      { head: "metric", cell: (f) => [metricTitle(f.metric), f.scope ? el("span", { class: "scope" }, ` (${f.scope})`) : ""] },
    ],
  }));
  // The generated list of the source's figures has a page; the digest's lists are whole.
  const metricsCut = cutLists.get("metrics");
  $("source-figures-cut").replaceChildren(metricsCut
    ? cutNote({ view, list: "figures", shown: metricsCut.offset + metricsCut.returned, total: metricsCut.total, noun: "figures", redraw }) : "");
  $("source-entities-section").hidden = digest.entities.length === 0;
  $("source-entities").replaceChildren(...digest.entities.flatMap((e, i) => (i ? [" · ", entityButton(e)] : [entityButton(e)])));
  status("");
  $("source-title").focus?.();
}

// ---- every source ----------------------------------------------------------------------------

/** `#/sources`: every source, by kind, each leading to its page; exportable as a bibliography. */
async function showSources() {
  status(t("Loading…"));
  const { data: { sources }, cutLists } = await request(
    `query Sources($limit: Int!) { sources(limit: $limit, sort: [{ kind: ASC }, { title: ASC }]) { id title kind publisher date datePrecision dateNote language url retrieved } }`,
    { limit: pageOf("sources", "sources") });
  for (const source of sources) sourceRefs.set(source.id, source);
  showView("sources");
  $("source-index").replaceChildren(
    el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t("Sources") },
      el("table", {},
        el("thead", {}, el("tr", {}, ...["source", "kind", "publisher", "date"].map((h) => el("th", { scope: "col" }, t(h))))),
        el("tbody", {}, ...sources.map((source) => el("tr", { "data-source": source.id },
          el("td", {}, sourceLink(source)),
          el("td", {}, t(source.kind)),
          el("td", {}, source.publisher),
          el("td", {}, source.date ? formatDate(source.date, source.datePrecision) : source.dateNote ?? t("undated"))))))),
    cutNote({ view: "sources", list: "sources", shown: sources.length, total: cutLists.get("sources")?.total ?? sources.length, noun: "sources", redraw }),
    exportButtons("sources", sources));
  status("");
  $("sources-title").focus?.();
}

// ---- shortest connection -----------------------------------------------------------------

/** An entity by its id or, failing that, the best search hit for the text. */
async function resolveEntity(text) {
  const { entities } = await gql(`query ById($id: ID!) { entities(where: { id: { eq: $id } }, limit: 1) { ${NAMES} } }`, { id: text });
  if (entities[0]) return entities[0];
  const [hit] = await searchEntities(text, 1);
  return hit?.entity ?? null;
}

async function connect(fromText, toText, time = NO_TIME) {
  status(t("Finding the shortest connection…"));
  drawTimeControl("connect", `#/connect/${encodeURIComponent(fromText)}/${encodeURIComponent(toText)}`, time);
  showView("connect");
  $("connect-from").value = fromText;
  $("connect-to").value = toText;
  $("hop-list").replaceChildren();
  $("connect-none").hidden = true;
  $("other-routes").hidden = true;
  $("connect-result").textContent = "";
  const [from, to] = await Promise.all([resolveEntity(fromText), resolveEntity(toText)]);
  const missing = [[fromText, from], [toText, to]].filter(([, found]) => !found).map(([text]) => `“${text}”`);
  if (missing.length) return showNoConnection(t("Nothing found for {names}.", { names: missing.join(t(" and ")) }));
  const { shortestConnection } = await gql(
    `query Connect($from: ID!, $to: ID!, $asOf: Date, $knownAt: Date) { shortestConnection(fromId: $from, toId: $to, asOf: $asOf, knownAt: $knownAt) {
       length hops { relationship direction ${FACT_FIELDS} from { ${NAMES} } to { ${NAMES} } } } }`,
    { from: from.id, to: to.id, ...timeVariables(time) },
  );
  // The permalink names the entities by id, whatever was typed, and keeps the dates.
  history.replaceState(null, "", joinHash(`#/connect/${encodeURIComponent(from.id)}/${encodeURIComponent(to.id)}`, time));
  if (!shortestConnection) {
    return showNoConnection(isNarrowed(time)
      ? t("No connection between {from} and {to} within 6 hops at these dates: no chain of facts in the view links them.", { from: nameOf(from), to: nameOf(to) })
      : t("No connection between {from} and {to} within 6 hops: no chain of facts in the graph links them.", { from: nameOf(from), to: nameOf(to) }));
  }
  await loadSourceRefs(shortestConnection.hops.map((hop) => hop.sourceId));
  $("hop-list").replaceChildren(
    ...shortestConnection.hops.map((hop) =>
      factItem(hop.from, hop.direction === "FORWARD" ? `—${hop.relationship}→` : `←${hop.relationship}—`, hop.to, hop)),
  );
  $("connect-result").replaceChildren(t("{from} → {to}: {n} hop(s). ", { from: nameOf(from), to: nameOf(to), n: shortestConnection.length }),
    exportButtons(`connection-${from.id}-${to.id}`, shortestConnection.hops.map(hopRecord)));
  await showOtherRoutes(from, to, shortestConnection, time);
  status("");
}

/** A hop as an exported record: both ends, the relationship, and its source with its evidence. */
const hopRecord = (hop, i) => ({
  hop: i + 1, fromId: hop.from.id, from: hop.from.name, relationship: hop.relationship, direction: hop.direction, toId: hop.to.id, to: hop.to.name,
  certainty: hop.certainty, qualifier: hop.qualifier ?? "", evidence: hop.evidence, evidenceKind: hop.evidenceKind ?? "",
  sourceId: hop.sourceId, source: sourceRefs.get(hop.sourceId)?.title ?? "", citedSourceId: hop.citedSource?.id ?? "", citedSource: hop.citedSource?.title ?? "",
});

const HOP_FIELDS = `relationship direction sourceId evidence evidenceKind certainty qualifier corroboration publisherCount citedSource { id title kind }
  from { ${NAMES} } to { ${NAMES} }`;

/** The other routes of the same length (allShortestConnections): one per chain of entities and
 *  relationships, each hop with every source that states it (the API lists a path per source). */
async function showOtherRoutes(from, to, shortest, time) {
  $("other-routes").hidden = true;
  $("other-routes-error").hidden = true;
  $("other-routes-note").textContent = "";
  $("other-route-list").replaceChildren();
  let all;
  try {
    ({ allShortestConnections: all } = await gql(
      `query AllRoutes($from: ID!, $to: ID!, $asOf: Date, $knownAt: Date) {
         allShortestConnections(fromId: $from, toId: $to, limit: 30, asOf: $asOf, knownAt: $knownAt) {
         length totalCount cut paths { hops { ${HOP_FIELDS} } } } }`,
      { from: from.id, to: to.id, ...timeVariables(time) },
    ));
  } catch (error) {
    // Only an API without the query may stay silent: the one shortest path is then all there is.
    // Any other failure (the cost limit, a timeout) is said, with its code, not passed off as "no other route".
    if (error.code === "GRAPHQL_VALIDATION_FAILED" && /Cannot query field "allShortestConnections"/.test(error.message)) return;
    $("other-routes").hidden = false;
    $("other-routes-error").hidden = false;
    $("other-routes-error").textContent = `${t("Other routes could not be found:")} ${error.message}${error.code ? ` (${error.code})` : ""}`;
    return;
  }
  const routeKey = (hops) => hops.map((h) => `${h.from.id}-${h.relationship}-${h.to.id}`).join(" ");
  const routes = new Map();
  for (const path of all?.paths ?? []) {
    const key = routeKey(path.hops);
    if (!routes.has(key)) routes.set(key, path.hops.map(() => []));
    path.hops.forEach((hop, i) => {
      const said = routes.get(key)[i];
      if (!said.some((h) => h.sourceId === hop.sourceId && h.evidence === hop.evidence)) said.push(hop);
    });
  }
  routes.delete(routeKey(shortest.hops));
  if (!routes.size) return;
  await loadSourceRefs([...routes.values()].flat(2).map((hop) => hop.sourceId));
  $("other-routes").hidden = false;
  $("other-routes-note").textContent = t("{n} other route(s) of {hops} hop(s)", { n: routes.size, hops: all.length }) +
    (all.cut ? t(", of {total} shortest paths counted by source (not all shown)", { total: all.totalCount }) : "") + t(".");
  $("other-route-list").replaceChildren(...[...routes.values()].map((hops) =>
    el("li", { class: "route" },
      el("p", { class: "route-summary" }, [hops[0][0].from, ...hops.map((said) => said[0].to)].map(nameOf).join(" → ")),
      el("ol", { class: "facts" }, ...hops.map((said) => {
        const [hop] = said;
        const item = factItem(hop.from, hop.direction === "FORWARD" ? `—${hop.relationship}→` : `←${hop.relationship}—`, hop.to, hop);
        if (said.length > 1) item.append(...bySaying(said.slice(1)).map((items) => saying(items, true)));
        return item;
      })))));
}

function showNoConnection(text) {
  $("connect-none").hidden = false;
  $("connect-none-text").textContent = text;
  status("");
}

// ---- comparison of companies on one metric --------------------------------------------------

const COMPARE_METRICS = ["revenue", "netLoss", "loss", "arr", "revenueGrowth", "revenueShare", "computeShareOfRnd", "marketCap", "grossMargin", "developers"];
const COMPANY_COLOURS = ["#0b63c5", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#5c940d"];

/** `#/compare/<metric>/<id>,<id>[/<currency>][?asOf=…&knownAt=…]` */
const compareHref = (metric, ids, currency, time = NO_TIME) =>
  joinHash(`#/compare/${encodeURIComponent(metric)}/${ids.map(encodeURIComponent).join(",")}${currency ? `/${currency}` : ""}`, time);

async function showCompare(metric, ids, currency, time = NO_TIME) {
  drawTimeControl("compare", ids.length ? compareHref(metric, ids, currency) : "#/compare", time);
  showView("compare");
  $("compare-metric").value = metric;
  $("compare-currency").value = currency ?? "";
  $("compare-output").replaceChildren();
  charts.splice(0).forEach((chart) => chart.destroy());
  if (!metric || !ids.length) return status("");
  status(t("Loading…"));
  const companies = await Promise.all(ids.map(resolveEntity));
  $("compare-companies").value = companies.map((c, i) => (c ? nameOf(c) : ids[i])).join(", ");
  const unknown = ids.filter((_, i) => !companies[i]);
  if (unknown.length) return status(t("No company with id {ids}.", { ids: unknown.map((id) => `“${id}”`).join(", ") }), true);
  // The API's cost limit counts nested lists as full pages, so the points and the rates each
  // conversion used come in two requests, and the rates themselves in a third.
  const variables = { ids: companies.map((c) => c.id), metric, currency: currency || null, ...timeVariables(time) };
  const [{ compareCompanies: series }, { compareCompanies: used }] = await Promise.all([
    gql(`query Compare($ids: [ID!]!, $metric: MetricName!, $currency: Currency, $asOf: Date, $knownAt: Date) {
       compareCompanies(companyIds: $ids, metric: $metric, currency: $currency, asOf: $asOf, knownAt: $knownAt) { company { ${NAMES} type } metric
         points { metricId periodLabel periodStart periodEnd datePrecision value unit comparator kind scope sourceId evidence certainty qualifier
           citedSource { id title kind } conversion { fromValue fromUnit rate } } } }`, variables),
    gql(`query CompareRates($ids: [ID!]!, $metric: MetricName!, $currency: Currency, $asOf: Date, $knownAt: Date) {
       compareCompanies(companyIds: $ids, metric: $metric, currency: $currency, asOf: $asOf, knownAt: $knownAt) { points { metricId conversion { rates { metricId } } } } }`, variables),
  ]);
  const rateIds = [...new Set(used.flatMap((s) => s.points.flatMap((p) => p.conversion?.rates.map((r) => r.metricId) ?? [])))];
  // Asked by id, a page as long as the ids (at most the API's largest page at a time), so none is cut.
  const rateFigures = [];
  for (let i = 0; i < rateIds.length; i += MAX_PAGE_SIZE) {
    const ids = rateIds.slice(i, i + MAX_PAGE_SIZE);
    const { metrics } = await gql(`query Rates($ids: [ID!]!, $limit: Int!) { metrics(where: { id: { in: $ids } }, limit: $limit) {
      id baseCurrency unit value periodEnd sourceId source { id title kind } } }`, { ids, limit: ids.length });
    rateFigures.push(...metrics);
  }
  const ratesOf = new Map(used.flatMap((s) => s.points.map((p) => [p.metricId, p.conversion?.rates.map((r) => rateFigures.find((f) => f.id === r.metricId)).filter(Boolean) ?? []])));
  const points = series.flatMap((s, i) => s.points.map((p) => ({
    ...p, id: p.metricId, metric, subject: s.company, colour: COMPANY_COLOURS[i % COMPANY_COLOURS.length],
    conversion: p.conversion ? { ...p.conversion, rates: ratesOf.get(p.metricId) ?? [] } : null,
  })));
  await Promise.all([loadSourceRefs(points.map((p) => p.sourceId)), loadFigureProvenance(points)]);
  const rates = new Map(rateFigures.map((r) => [r.id, r]));
  const companyColumn = { head: "company", cell: (f) => entityButton(f.subject) };
  const output = [];
  if (rates.size) {
    output.push(el("p", { class: "note rates" }, t("Converted to {currency} at exchange rates the sources give: ", { currency }),
      ...[...rates.values()].flatMap((r, i) => [i ? "; " : "", `1 ${r.baseCurrency} = ${r.value} ${r.unit} (${r.periodEnd}, `, sourceLink(r.source ?? { id: r.sourceId }), ")"])));
  }
  for (const group of groupFigures(points)) {
    const bySubject = new Map();
    for (const p of group.figures) {
      if (!bySubject.has(p.subject.id)) bySubject.set(p.subject.id, { label: nameOf(p.subject), colour: p.colour, dashed: false, figures: [] });
      bySubject.get(p.subject.id).figures.push(p);
    }
    const lines = [...bySubject.values()];
    // A chart as soon as two periods or two companies meet; one figure alone stays a card.
    if (group.chart || lines.length > 1) output.push(figureChart(group, lines, { columns: [companyColumn] }));
    else output.push(figureCard(group, group.figures[0].subject, { named: true }));
  }
  if (!points.length) output.push(el("p", { class: "note" }, t("None of these companies has a figure for {metric}.", { metric: metricTitle(metric) })));
  $("compare-output").replaceChildren(...output);
  status("");
}

// ---- wiring -----------------------------------------------------------------------------------

const guard = (fn) => (...args) => fn(...args).catch(showFailure);

/** The date control of the entity, connection or comparison view (time-view.js): applied, it shows
 *  `route` with the dates chosen; `remark` says in its note what the view does not narrow. */
function drawTimeControl(view, route, time, remark = null) {
  timeControl($(`${view}-time`), time, (next) => go(joinHash(route, next)), { remark });
}

/** A view that could not be drawn is cleared, not left showing the previous one under the new
 *  address (whose exports would then export the wrong list): the error's message and code, and a retry. */
function showFailure(error) {
  showView(null);
  const code = error.code ? ` (${error.code})` : "";
  // A link's dates the API refused (not a day of the calendar): the same view without them is a click away.
  const { route: undated, time } = splitHash(location.hash);
  $("status").replaceChildren(`${error.message}${code} `,
    el("button", { type: "button", id: "retry", onclick: () => guard(route)(true) }, t("Retry")),
    ...(isNarrowed(time) ? [" ", el("button", { type: "button", id: "clear-time", onclick: () => go(undated) }, t("Clear the dates"))] : []));
  $("status").className = "error";
}

/** Goes to a view's permalink; the same link again renders it again (no hashchange then). */
function go(hash) {
  if (location.hash === hash) guard(route)(true);
  else location.hash = hash;
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  go(`#/search/${encodeURIComponent($("search-text").value.trim())}`);
});
$("connect-form").addEventListener("submit", (event) => {
  event.preventDefault();
  go(joinHash(`#/connect/${encodeURIComponent($("connect-from").value.trim())}/${encodeURIComponent($("connect-to").value.trim())}`, readTime($("connect-time"))));
});
$("compare-form").addEventListener("submit", (event) => {
  event.preventDefault();
  guard(async () => {
    const names = $("compare-companies").value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
    const found = await Promise.all(names.map(resolveEntity));
    const missing = names.filter((_, i) => !found[i]);
    if (missing.length) return status(t("Nothing found for {names}.", { names: missing.map((n) => `“${n}”`).join(", ") }), true);
    go(compareHref($("compare-metric").value, found.map((c) => c.id), $("compare-currency").value, readTime($("compare-time"))));
  })();
});

// The language switch: the interface strings and every name follow; the view is drawn again.
$("language").replaceChildren(...Object.entries(LANGUAGES).map(([code, label]) => el("option", { value: code }, label)));
$("language").value = language();
$("language").addEventListener("change", () => {
  setLanguage($("language").value);
  translatePage();
  guard(route)(true);
});
$("compare-metric").replaceChildren(...COMPARE_METRICS.map((m) => el("option", { value: m, "data-metric": m }, metricTitle(m))));
translatePage();

// One view renders at a time: a route started while another is still fetching (the page's load and
// a hash change in quick succession) waits for it, so two renders never interleave their output.
// Each render draws the hash of the moment it was queued, and a hash already drawn is not drawn again:
// the page's load and a quick hash change once both drew the new hash, the second clearing the
// first's charts under the reader. `force` draws the same view again (the language switch, a form
// sent twice).
let routing = Promise.resolve();
let renderedHash = null;
function route(force = false) {
  routing = routing.catch(() => {}).then(() => {
    // The hash of now, not of when renderRoute's first await ends: a later hash is the next route's.
    const hash = location.hash;
    if (!force && hash === renderedHash) return undefined;
    renderedHash = hash;
    return renderRoute(hash);
  });
  return routing;
}

async function renderRoute(hash) {
  await styleReady;
  for (const option of $("compare-metric").options) option.textContent = metricTitle(option.value);
  // The route, and the dates of a view narrowed by them (time-view.js): #/entity/<id>?asOf=…&knownAt=….
  const { route: path, time } = splitHash(hash);
  const [, view, ...args] = path.split("/");
  const [value = "", second = "", third = ""] = args.map((arg) => decodeURIComponent(arg));
  viewTime = ["entity", "connect", "compare", "", undefined].includes(view) ? time : NO_TIME;
  if (view === "entity" && value) return showEntity(value, time);
  if (view === "source" && value) return showSource(value);
  if (view === "audit") return showAudit(value);
  if (view === "disagreements") return showDisagreements();
  if (view === "sources") return showSources();
  if (view === "releases") {
    status(t("Loading…"));
    await showReleases({ access: value, licence: second, lab: third }, go);
    showView("releases");
    status("");
    return $("releases-title").focus();
  }
  if (view === "changes") {
    status(t("Loading…"));
    await showChanges(value);
    showView("changes");
    status("");
    return $("changes-title").focus();
  }
  if (view === "connect") return value && second ? connect(value, second, time) : showConnectForm(time);
  if (view === "compare") return showCompare(value || "revenue", second ? second.split(",").filter(Boolean) : [], third || null, time);
  if (view === "search" && value) {
    $("search-text").value = value;
    showView("results");
    return search(value);
  }
  // The start page: the shortest connection's form.
  showConnectForm(time);
}

/** The shortest connection's form, with its date control, before two entities are chosen. */
function showConnectForm(time) {
  drawTimeControl("connect", "#/connect", time);
  showView("connect");
  status("");
}
window.addEventListener("hashchange", () => guard(route)());
// A search sent before this module ran (a slow first load) arrives as ?text=…: it becomes the
// search's permalink, so the reader gets the results instead of an empty start page.
const sentBeforeReady = new URLSearchParams(location.search).get("text");
if (sentBeforeReady !== null && sentBeforeReady.trim() !== "") {
  history.replaceState(null, "", `${location.pathname}#/search/${encodeURIComponent(sentBeforeReady.trim())}`);
}
if (document.readyState === "complete") guard(route)();
else window.addEventListener("load", () => guard(route)());
