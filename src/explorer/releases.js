// The releases timeline (#/releases/<access>/<licence>/<lab>): every dated model release, as each
// source dates it, newest year last; filterable by open weights, licence and lab, the filters kept
// in the address. One view, one module.
import { gql } from "./api.js";
import { $, el } from "./dom.js";
import { nameOf, t } from "./i18n.js";
import { MAX_PAGE_SIZE } from "./pages.js";
import { formatDate, loadSourceRefs, sourceLink, sourceRefs } from "./provenance.js";

const RELEASES_QUERY = `query Releases($limit: Int!, $offset: Int!) {
  models(where: { releaseDate: { gte: "1900-01-01" } }, sort: [{ releaseDate: ASC }, { id: ASC }], limit: $limit, offset: $offset) {
    id name nameZhHans nameZhHant releaseDate openWeights
    licenses { id name nameZhHans nameZhHant spdxId }
    releasedByConnection { edges { node { id name nameZhHans nameZhHant } properties { validFrom datePrecision stage access sourceId } } }
  } }`;

/** Every dated model, a page at a time (the API's largest page is MAX_PAGE_SIZE). */
async function datedModels() {
  const models = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = (await gql(RELEASES_QUERY, { limit: MAX_PAGE_SIZE, offset })).models;
    models.push(...page);
    if (page.length < MAX_PAGE_SIZE) return models;
  }
}

/** One row per release a source dates: the model, its lab, the date as precise as the source gives it. */
const releaseRows = (models) =>
  models.flatMap((model) =>
    model.releasedByConnection.edges
      .filter((edge) => edge.properties.validFrom)
      .map((edge) => ({ model, lab: edge.node, ...edge.properties })),
  ).sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.model.name.localeCompare(b.model.name));

const options = (select, items, chosen) =>
  select.replaceChildren(el("option", { value: "" }, t("any")),
    ...items.map((item) => el("option", { value: item.id, ...(item.id === chosen ? { selected: "" } : {}) }, nameOf(item))));

const unique = (items) => [...new Map(items.map((i) => [i.id, i])).values()].sort((a, b) => a.name.localeCompare(b.name));

/** Draws the view for the filters in the address; `go` changes the address when a filter changes. */
export async function showReleases({ access = "", licence = "", lab = "" }, go) {
  const models = await datedModels();
  const rows = releaseRows(models);
  await loadSourceRefs(rows.map((r) => r.sourceId));
  $("releases-open").checked = access === "open";
  options($("releases-licence"), unique(models.flatMap((m) => m.licenses)), licence);
  options($("releases-lab"), unique(rows.map((r) => r.lab)), lab);
  const filtersChanged = () => go(`#/releases/${$("releases-open").checked ? "open" : "all"}/${encodeURIComponent($("releases-licence").value)}/${encodeURIComponent($("releases-lab").value)}`);
  for (const id of ["releases-open", "releases-licence", "releases-lab"]) $(id).onchange = filtersChanged;

  const shown = rows.filter((r) =>
    (access !== "open" || r.access === "open-weights") &&
    (!licence || r.model.licenses.some((l) => l.id === licence)) &&
    (!lab || r.lab.id === lab));
  $("releases-summary").textContent = t("{n} releases of {m} models, each as its source dates it.", { n: shown.length, m: new Set(shown.map((r) => r.model.id)).size });
  $("release-list").replaceChildren(shown.length === 0 ? el("p", { class: "note" }, t("No release matches these filters.")) :
    el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t("Model releases") },
      el("table", {},
        el("thead", {}, el("tr", {}, ...["date", "lab", "model", "access", "licence", "source"].map((h) => el("th", { scope: "col" }, t(h))))),
        el("tbody", {}, ...shown.map((r) => el("tr", { "data-model": r.model.id, "data-source": r.sourceId },
          el("td", {}, formatDate(r.validFrom, r.datePrecision), r.stage === "announced" ? el("span", { class: "badge kind" }, t("announced")) : ""),
          el("td", {}, el("a", { href: `#/entity/${encodeURIComponent(r.lab.id)}` }, nameOf(r.lab))),
          el("td", {}, el("a", { href: `#/entity/${encodeURIComponent(r.model.id)}` }, nameOf(r.model))),
          el("td", {}, r.access ? t(r.access) : ""),
          el("td", {}, r.model.licenses.map((l) => l.spdxId ?? nameOf(l)).join(", ")),
          el("td", {}, sourceLink(sourceRefs.get(r.sourceId) ?? { id: r.sourceId }))))))));
}
