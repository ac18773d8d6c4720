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
       facts { relationship direction sourceId evidence amount currency other { id name nameZhHans nameZhHant type } }
       sources { id title kind date } } }`,
    { id },
  );
  if (!neighbourhood) return status(`No entity with id “${id}”.`, true);
  const { entity, facts, aliases, sources } = neighbourhood;
  $("entity").hidden = false;
  $("results").hidden = true;
  $("entity-title").textContent = entity.name;
  $("entity-names").textContent = `简体 ${entity.nameZhHans} · 繁體 ${entity.nameZhHant}`;
  $("entity-meta").textContent =
    `${entity.type}${aliases.length ? ` · also known as ${aliases.join(", ")}` : ""} · named in ${sources.map((s) => s.title).join("; ")}`;
  $("fact-list").replaceChildren(
    ...facts.map((fact) =>
      el("li", {},
        el("span", { class: "rel" }, fact.direction === "FORWARD" ? `${fact.relationship} →` : `← ${fact.relationship}`), " ",
        entityButton(fact.other),
        fact.amount ? ` (${formatValue(fact.amount, fact.currency)})` : "",
        el("blockquote", { lang: fact.sourceId.startsWith("src-background") ? "en" : "zh-Hant" }, fact.evidence),
        el("span", { class: "source" }, `source: ${fact.sourceId}`),
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
        label: f.relationship,
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
       metric value unit comparator kind periodLabel periodEnd scope evidence sourceId } }`,
    { id: entity.id },
  );
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
    const title = `${metric} (${unit}${kind === "forecast" ? ", forecast" : ""})`;
    const canvas = el("canvas", { role: "img", "aria-label": `${title} by period` });
    const table = el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "period"), el("th", {}, "value"), el("th", {}, "scope"))),
      el("tbody", {}, ...points.map((p) =>
        el("tr", {}, el("td", {}, p.periodLabel), el("td", {}, COMPARATOR_WORDS[p.comparator] + formatValue(p.value, p.unit)), el("td", {}, p.scope ?? "")))),
    );
    const card = el("figure", { class: "chart", "data-metric": metric, "data-unit": unit }, el("h4", {}, title), canvas, table);
    $("charts").append(card);
    if (window.Chart) {
      charts.push(new window.Chart(canvas, {
        type: "bar",
        data: { labels: points.map((p) => p.periodLabel), datasets: [{ label: unit, data: points.map((p) => p.value), backgroundColor: "#4C8EDA" }] },
        options: {
          animation: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
        },
      }));
    }
  }
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
       length hops { relationship direction sourceId evidence from { id name nameZhHans nameZhHant } to { id name nameZhHans nameZhHant } } } }`,
    { from: from.id, to: to.id },
  );
  if (!shortestConnection) {
    $("hop-list").replaceChildren();
    return status(`No connection between ${from.name} and ${to.name} within 6 hops.`);
  }
  $("hop-list").replaceChildren(
    ...shortestConnection.hops.map((hop) =>
      el("li", {},
        entityButton(hop.from), " ",
        el("span", { class: "rel" }, hop.direction === "FORWARD" ? `—${hop.relationship}→` : `←${hop.relationship}—`), " ",
        entityButton(hop.to),
        el("blockquote", {}, hop.evidence),
        el("span", { class: "source" }, `source: ${hop.sourceId}`),
      ),
    ),
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
  if (view === "search" && value) {
    $("search-text").value = value;
    $("entity").hidden = true;
    return search(value);
  }
}
window.addEventListener("hashchange", guard(route));
window.addEventListener("load", guard(route));
