// How much of a list the explorer asks for, and how it says when a list holds fewer items than exist.
import { el } from "./dom.js";
import { t } from "./i18n.js";

/** The API's largest page (its MAX_PAGE_SIZE, served at /api-limits.json, 100 if that cannot be
 *  read): a list longer than this is read a page at a time, never asked for in one request. */
export const MAX_PAGE_SIZE = await fetch("/api-limits.json")
  .then((response) => (response.ok ? response.json() : {}))
  .then((limits) => (Number.isInteger(limits.maxPageSize) && limits.maxPageSize > 0 ? limits.maxPageSize : 100))
  .catch(() => 100);

/** The page the explorer asks for: the largest, or a smaller one set by `?pageSize=N` in the page's
 *  address (to read a long list a page at a time on a slow connection). */
export const PAGE_SIZE = (() => {
  const asked = Number(new URLSearchParams(location.search).get("pageSize"));
  return Number.isInteger(asked) && asked >= 1 && asked <= MAX_PAGE_SIZE ? asked : MAX_PAGE_SIZE;
})();

// The page each list of the view on screen is read with, by view and list: "Show more" enlarges it.
const pages = new Map();
/** The page a list of this view is asked with: `first` until "Show more" enlarged it. */
export const pageOf = (view, list, first = PAGE_SIZE) => pages.get(`${view}|${list}`) ?? first;
/** Asks the list with a larger page from now on. */
export const enlargePage = (view, list, limit) => pages.set(`${view}|${list}`, limit);
/** One page more, within MAX_PAGE_SIZE; null when the list is already asked with the largest page. */
export const largerPage = (limit) => (limit >= MAX_PAGE_SIZE ? null : Math.min(limit + PAGE_SIZE, MAX_PAGE_SIZE));

/**
 * "Showing 20 of 37 facts." under a cut list, with "Show more" when a larger page can be asked
 * (`more` draws the view again with it); "" when the list is whole.
 */
export function cutNote({ view, list, shown, total, noun, redraw }) {
  if (total <= shown) return "";
  const next = largerPage(pageOf(view, list));
  return el("p", { class: "note cut", "data-cut": list, "data-shown": shown, "data-total": total },
    t("Showing {shown} of {total} {noun}.", { shown, total, noun: t(noun) }), " ",
    next
      ? el("button", { type: "button", class: "more", onclick: () => { enlargePage(view, list, next); redraw(); } }, t("Show more"))
      : t("The API answers at most {max} at a time.", { max: MAX_PAGE_SIZE }));
}
