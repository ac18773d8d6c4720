// The graph seen at a date, in the explorer: the entity, connection and comparison views take two
// optional dates (docs/api.md, "As of a date"), which the API's queries take as asOf and knownAt:
//   as of     what was true then (facts valid on that day, figures whose period had ended);
//   known at  what had been published by then (facts and figures whose source is dated on or before it).
// The dates live in the permalink, after the route: #/entity/zhipu-ai?asOf=2024-12-31&knownAt=2025-06-30,
// so a narrowed view can be linked; a link without them is the view as it always was. The dates are
// passed on as the link has them: the API judges them, and its error is what the reader sees.
// The functions down to timeControl touch no DOM (test/unit/explorer-time-view.test.ts).
import { el } from "./dom.js";
import { t } from "./i18n.js";

/** The dates a view can be narrowed by, in the order a permalink gives them. */
export const TIME_KEYS = ["asOf", "knownAt"];

/** A view not narrowed. */
export const NO_TIME = Object.freeze({ asOf: null, knownAt: null });

/**
 * A hash split into its route and its dates:
 * "#/entity/zhipu-ai?asOf=2024-12-31" → { route: "#/entity/zhipu-ai", time: { asOf: "2024-12-31", knownAt: null } }.
 * A date absent or empty is none; any other parameter is not the explorer's and is dropped.
 */
export function splitHash(hash) {
  const at = hash.indexOf("?");
  const route = at < 0 ? hash : hash.slice(0, at);
  const params = new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
  const time = Object.fromEntries(TIME_KEYS.map((key) => [key, params.get(key)?.trim() || null]));
  return { route, time };
}

/** A route with its dates: "#/entity/zhipu-ai?asOf=2024-12-31"; the route alone when there are none. */
export function joinHash(route, time = NO_TIME) {
  const params = new URLSearchParams();
  for (const key of TIME_KEYS) if (time?.[key]) params.set(key, time[key]);
  const query = params.toString();
  return query ? `${route}?${query}` : route;
}

/** Whether a view is narrowed by either date. */
export const isNarrowed = (time) => TIME_KEYS.some((key) => Boolean(time?.[key]));

/** The query variables of the dates set, and none for a date not set: a view without dates sends
 *  exactly the variables it always did (those the service's warm-up sends, src/api/warm-up.ts). */
export const timeVariables = (time) => Object.fromEntries(TIME_KEYS.filter((key) => time?.[key]).map((key) => [key, time[key]]));

/** "as of 2024-12-31 · known at 2025-06-30", in the interface's language; "" when not narrowed. */
export function timeWords(time) {
  return [
    time?.asOf ? t("as of {date}", { date: time.asOf }) : "",
    time?.knownAt ? t("known at {date}", { date: time.knownAt }) : "",
  ].filter(Boolean).join(" · ");
}

// ---- the control ----------------------------------------------------------------------------

/** The dates as the control's inputs hold them (an input left empty is no date). */
export function readTime(control) {
  return Object.fromEntries(TIME_KEYS.map((key) => [key, control.querySelector(`input[name="${key}"]`)?.value || null]));
}

/**
 * The date control of a view, drawn into `container`: an "as of" and a "known at" date and a button
 * that shows the view with them (`apply(time)`), and, when the view is narrowed, a note saying so
 * with a button that clears the dates (`apply(NO_TIME)`). `remark` adds to the note what the view
 * does not narrow.
 */
export function timeControl(container, time, apply, { remark = null } = {}) {
  const input = (key, label, hint) => {
    // An input of type date holds a day of the calendar or nothing: a malformed date of a link shows
    // as empty here, and the API's error says what is wrong with it.
    const field = el("input", { type: "date", name: key, "aria-describedby": `${container.id}-${key}-hint` });
    field.value = time[key] ?? "";
    return el("label", {}, el("span", {}, label), field, el("span", { class: "hint", id: `${container.id}-${key}-hint` }, hint));
  };
  const form = el("form", { class: "time-form" },
    el("fieldset", {},
      el("legend", {}, t("View at a date")),
      el("div", { class: "row" },
        input("asOf", t("As of"), t("what was true on that day")),
        input("knownAt", t("Known at"), t("only what had been published by then")),
        el("button", { type: "submit" }, t("Apply")))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(readTime(form));
  });
  container.dataset.asOf = time.asOf ?? "";
  container.dataset.knownAt = time.knownAt ?? "";
  container.replaceChildren(form, isNarrowed(time)
    ? el("p", { class: "time-note", role: "note" },
      el("strong", {}, t("Narrowed by date: {dates}.", { dates: timeWords(time) })), " ",
      ...[remark ?? []].flat(Infinity), remark ? " " : "",
      el("button", { type: "button", class: "clear-time", onclick: () => apply(NO_TIME) }, t("Clear the dates")))
    : "");
}
