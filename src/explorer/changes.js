// What's new (#/changes, or #/changes/<since>: a day, a date-time or a release version): the latest
// release of the graph, or every release after since, each with what it added, removed and
// changed, linked to the entities. One view, one module; the API's changes(since:) answers it.
import { gql } from "./api.js";
import { $, el } from "./dom.js";
import { t } from "./i18n.js";

/** The change items one page holds: with every field asked, a page within the API's default cost limit. */
const ITEMS = 100;
/** Since this day, every release of the history is after it. */
const EVER = "1970-01-01";

const CHANGES_QUERY = `query Changes($since: String!, $limit: Int!) {
  changes(since: $since, limit: $limit) {
    number version loadedAt previous initial totalChanges storedChanges cut
    counts { entities { added removed changed } facts { added removed changed } figures { added removed changed } sources { added removed changed } }
    items { kind change id name entityIds properties { property before after } }
  } }`;

const KINDS = ["entities", "facts", "figures", "sources"];

/** An item's link: an entity's page, a source's, a figure's subject, a fact's first end; none once removed. */
function itemLink(item) {
  if (item.change === "removed") return el("span", { class: "removed-name" }, item.name);
  const href = item.kind === "source" ? `#/source/${encodeURIComponent(item.id)}` : item.entityIds[0] ? `#/entity/${encodeURIComponent(item.entityIds[0])}` : null;
  return href ? el("a", { href }, item.name) : item.name;
}

const itemRow = (item) =>
  el("li", { "data-change": item.change, "data-kind": item.kind, "data-id": item.id },
    el("span", { class: `badge change ${item.change}` }, t(item.change)), " ",
    el("span", { class: "badge kind" }, t(item.kind)), " ",
    itemLink(item),
    item.properties.length
      ? el("ul", { class: "property-changes" }, ...item.properties.map((p) =>
        el("li", {}, el("code", {}, p.property), ": ", el("del", {}, p.before ?? t("(none)")), " → ", el("ins", {}, p.after ?? t("(none)")))))
      : "");

function releaseSection(release) {
  const counts = KINDS.map((plural) => {
    const c = release.counts[plural];
    return `${t(plural)}: +${c.added} −${c.removed} ~${c.changed}`;
  }).join(" · ");
  return el("section", { class: "release", "data-release": release.number },
    el("h3", {}, t("Release {n}", { n: release.number }), " ", el("code", {}, release.version)),
    el("p", { class: "note" }, t("Loaded {at}.", { at: release.loadedAt.replace("T", " ").replace(/\.\d+/, "") }), " ", counts),
    release.initial
      ? el("p", { class: "note" }, t("The first graph of this database: everything in it is new."))
      : release.items.length
        ? el("ul", { class: "change-list" }, ...release.items.map(itemRow))
        : el("p", { class: "note" }, release.totalChanges ? t("More changes than this page holds.") : t("Nothing changed in the facts; the files did.")),
    release.cut || release.storedChanges < release.totalChanges
      ? el("p", { class: "note cut" }, t("{shown} of {total} changes shown.", { shown: release.items.length, total: release.totalChanges }))
      : "");
}

/** Draws the latest release (no since) or every release after since, newest first. */
export async function showChanges(since) {
  const { changes } = await gql(CHANGES_QUERY, { since: since || EVER, limit: ITEMS });
  const shown = since ? changes : changes.slice(0, 1);
  $("changes-summary").textContent = since
    ? t("{n} release(s) after {since}.", { n: shown.length, since })
    : shown.length ? t("The latest release of the graph.") : t("No release recorded yet.");
  $("change-releases").replaceChildren(...shown.map(releaseSection));
  $("changes-earlier").replaceChildren(since ? "" : el("a", { href: `#/changes/${EVER}` }, t("Every release of the history")));
}
