// How sure, according to whom, since when: the badges, evidence and attributions every fact and
// figure carries, and the source titles they link to.
import { gql } from "./api.js";
import { SOURCE_TITLES_QUERY } from "./queries.js";
import { el } from "./dom.js";
import { formatQuantity } from "./format.js";
import { language, t } from "./i18n.js";

// ---- qualifications: how sure, according to whom, since when -------------------------------

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date (YYYY-MM-DD, or a source's YYYY / YYYY-MM) as precisely as it is known: "2024",
 *  "Jan 2026" or "2024-05-03". */
export function formatDate(date, precision) {
  const [year, month, day] = [date.slice(0, 4), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  // Chinese dates read 2026年1月, 2024年5月3日 whatever the script.
  if (language() !== "en") return precision === "year" ? `${year}年` : precision === "month" ? `${year}年${month}月` : `${year}年${month}月${day}日`;
  if (precision === "year") return year;
  if (precision === "month") return `${MONTHS[month - 1]} ${year}`;
  return date;
}

/** When a fact holds: "from 2024", "from Jan 2026", "since 2024-05-03", "until …". */
export function factTime(fact) {
  const parts = [];
  const date = (d) => ({ date: formatDate(d, fact.datePrecision) });
  if (fact.validFrom) parts.push(t(fact.datePrecision === "day" ? "since {date}" : "from {date}", date(fact.validFrom)));
  if (fact.validTo) parts.push(t("until {date}", date(fact.validTo)));
  return parts.join(" ");
}

/** A figure's dates when they are not known to the day: "as of Jan 2026 (month)". */
export function figureTime(point) {
  if (!point.datePrecision || point.datePrecision === "day") return "";
  const end = formatDate(point.periodEnd, point.datePrecision);
  const start = point.periodStart ? formatDate(point.periodStart, point.datePrecision) : "";
  return `${start && start !== end ? `${start} – ${end}` : t("as of {date}", { date: end })} (${t(point.datePrecision)})`;
}

/** The hedged badge, with the source's own hedging words. */
export const hedgedBadge = (item) =>
  item.certainty === "hedged"
    ? el("span", { class: "badge hedged", title: "The source qualifies this; its words are quoted" },
        t("hedged"), item.qualifier ? el("span", { lang: "zh-Hant" }, ` 「${item.qualifier}」`) : "")
    : "";

/** Certainty, time and status of a fact, as badges. */
export const factQualifiers = (fact) => {
  const time = factTime(fact);
  return el("span", { class: "qualifiers" },
    hedgedBadge(fact),
    time ? el("span", { class: "badge when" }, time) : "",
    fact.status === "ongoing" ? el("span", { class: "badge ongoing", title: "The source describes this as under way" }, t("ongoing")) : "");
};

// Source titles by id, fetched once per id (a fact carries only its sourceId).
export const sourceRefs = new Map();
export async function loadSourceRefs(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !sourceRefs.has(id));
  // A page of at most 100 ids at a time (the API's largest), as many pages as it takes.
  for (let i = 0; i < missing.length; i += 100) {
    const { sources } = await gql(
      SOURCE_TITLES_QUERY,
      { ids: missing.slice(i, i + 100) },
    );
    for (const source of sources) sourceRefs.set(source.id, source);
  }
}

// A link rather than a button: a source's long title must wrap inside a sentence.
export const sourceLink = (source) =>
  el("a", { href: `#/source/${encodeURIComponent(source.id)}`, "data-source": source.id }, source.title ?? source.id);

/** How many publishers state a fact or figure, as the loader counted them: "single source" for
 *  one, "N publishers" for more. */
export const singleSource = (item) =>
  item.corroboration === "single"
    ? el("span", { class: "badge single", title: t("Only one publisher among the graph's sources states this") }, t("single source"))
    : item.corroboration === "corroborated"
      ? el("span", { class: "badge corroborated", title: t("Distinct publishers among the graph's sources that state this") }, t("{n} publishers", { n: item.publisherCount }))
      : "";

/** "according to <cited source>, as reported by <source>", or "source: <source>"; "single source" when so. */
export function attribution(item) {
  const reportedBy = sourceLink(sourceRefs.get(item.sourceId) ?? { id: item.sourceId });
  const single = singleSource(item);
  return item.citedSource
    ? el("span", { class: "source" }, `${t("according to")} `, sourceLink(item.citedSource), `${t(", as reported by")} `, reportedBy, single ? " " : "", single)
    : el("span", { class: "source" }, `${t("source:")} `, reportedBy, single ? " " : "", single);
}

/** The item whose attribution every item shares, or null when they differ: a table then says it once. */
export function sharedAttribution(items) {
  const key = (item) => `${item.sourceId}|${item.citedSource?.id ?? ""}`;
  return items.length && items.every((item) => key(item) === key(items[0])) ? items[0] : null;
}

/** Items (one per source) grouped by what they say: sources whose evidence is word for word the
 *  same (our paraphrase of several web articles often is) share one evidence block. */
export function bySaying(items) {
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
export function saying(items, withQualifiers = false) {
  const [first] = items;
  const qualifiers = withQualifiers ? factQualifiers(first) : "";
  if (items.length === 1) return el("div", { class: "said" }, qualifiers, evidence(first), attribution(first));
  const reportedBy = items.flatMap((item, i) => [
    i ? "; " : "", sourceLink(sourceRefs.get(item.sourceId) ?? { id: item.sourceId }), singleSource(item) ? " " : "", singleSource(item)]);
  return el("div", { class: "said" }, qualifiers, evidence(first), first.citedSource
    ? el("span", { class: "source" }, `${t("according to")} `, sourceLink(first.citedSource), `${t(", as reported by")} `, ...reportedBy)
    : el("span", { class: "source" }, `${t("sources:")} `, ...reportedBy));
}

/** The evidence: the source's own words as a quotation or, for a source whose text is not held (a web
 *  article, the background), our paraphrase, which says so and is never set as a quote. */
export const evidence = (item) =>
  item.evidenceKind === "paraphrase"
    ? el("p", { class: "evidence paraphrase", lang: "en" },
        el("span", { class: "badge paraphrase", title: "Not the source's words: our account of what it says" }, t("paraphrase (our words)")), " ",
        item.evidence)
    : el("blockquote", { class: "evidence", lang: item.sourceId.startsWith("src-background") ? "en" : "zh-Hant" }, item.evidence);


// How each figure is evidenced (quote or paraphrase) and corroborated, by metric id: the audit's and
// the disagreements' figures do not carry it, the generated Metric type does.
const figureProvenance = new Map();
export async function loadFigureProvenance(items) {
  const missing = [...new Set(items.map((item) => item.metricId))].filter((id) => id && !figureProvenance.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const { metrics } = await gql(
      `query FigureProvenance($ids: [ID!]!) { metrics(where: { id: { in: $ids } }, limit: 100) { id evidenceKind corroboration publisherCount } }`,
      { ids: missing.slice(i, i + 100) },
    );
    for (const m of metrics) figureProvenance.set(m.id, m);
  }
  for (const item of items) {
    const known = figureProvenance.get(item.metricId);
    if (known) Object.assign(item, { evidenceKind: known.evidenceKind, corroboration: known.corroboration, publisherCount: known.publisherCount });
  }
}

/** A holding's stake: "stake 12.52% as of 2026-01-09". */
export const stakeBadge = (fact) =>
  fact.stakePercent === null || fact.stakePercent === undefined
    ? ""
    : el("span", { class: "badge stake", title: "The shareholder's stake, as of the date the source gives" },
        t(fact.asOf ? "stake {stake} as of {date}" : "stake {stake}",
          { stake: formatQuantity(fact.stakePercent, "percent"), date: fact.asOf ? formatDate(fact.asOf, fact.datePrecision) : "" }));
