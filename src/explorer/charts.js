// Honest charts. A chart joins only figures of one metric, unit (so one currency), scope and
// period length: a half year never sits in a series of full years (it would look like a fall), a
// cumulative figure never beside an annual one. The x axis is time: each figure spans its period
// (a full year is a year wide, and a missing year leaves a gap), and a level is a point on its date.
// A group with one period only is a figure card, not a one-bar chart.
import { el } from "./dom.js";
import { figureAmount, formatTick, metricTitle, periodMonths } from "./format.js";
import { language, t } from "./i18n.js";

/** What one chart may join: metric, unit, scope and period length in months (0: a level). */
export const seriesKey = (f) => [f.metric, f.unit, f.scope ?? "", periodMonths(f)].join("|");

/** Figures in groups a chart may join, in first-seen order; `chart` when they cover two periods or more. */
export function groupFigures(figures) {
  const groups = new Map();
  for (const f of figures) {
    const key = seriesKey(f);
    if (!groups.has(key)) groups.set(key, { key, metric: f.metric, unit: f.unit, scope: f.scope ?? null, months: periodMonths(f), figures: [] });
    groups.get(key).figures.push(f);
  }
  for (const group of groups.values()) group.chart = new Set(group.figures.map((f) => `${f.periodStart}|${f.periodEnd}`)).size > 1;
  return [...groups.values()];
}

/** "full year", "half year", "point in time", "42 months". */
export function periodLength(months) {
  const named = { 0: "point in time", 3: "quarter", 6: "half year", 9: "nine months", 12: "full year" }[months];
  if (named) return t(named);
  return language() === "en" ? `${months} months` : `${months}${language() === "zh-Hans" ? "个月" : "個月"}`;
}

/** The unit as an axis title and in chart titles. */
export const unitLabel = (unit) => (unit === "percent" ? "%" : unit === "count" ? "" : unit === "CNY" || unit === "USD" || unit === "HKD" ? unit : t(unit));

/** A chart's or card's title: "Revenue · CNY · full year", with the scope when there is one. */
export const groupTitle = (group) =>
  [metricTitle(group.metric), unitLabel(group.unit), group.scope, periodLength(group.months)].filter(Boolean).join(" · ");

const DAY = 86_400_000;
const time = (date) => Date.parse(`${date}T00:00:00Z`);
/** Where a figure sits on the time axis: the span it covers, or its date. */
const span = (f) => (f.periodStart ? [time(f.periodStart), time(f.periodEnd) + DAY] : [time(f.periodEnd), time(f.periodEnd)]);

// How exact a figure is, as its marker: a triangle pointing up for a lower bound.
export const MARKERS = { eq: ["circle", "●", "as stated"], gt: ["triangle", "▲", "lower bound (more than)"], approx: ["rectRot", "◆", "approximate (about)"] };

function axisTicks(min, max) {
  const ticks = [];
  const wide = max - min > 2.5 * 365 * DAY;
  const first = new Date(min);
  for (let y = first.getUTCFullYear(), m = wide ? 0 : Math.floor(first.getUTCMonth() / 3) * 3; ; m += wide ? 12 : 3) {
    const at = Date.UTC(y, m, 1);
    if (at > max) break;
    if (at >= min) ticks.push({ value: at });
  }
  return ticks;
}

function tickLabel(value) {
  const date = new Date(value);
  const [y, m] = [date.getUTCFullYear(), date.getUTCMonth()];
  if (language() !== "en") return m === 0 ? `${y}年` : `${y}年${m + 1}月`;
  return m === 0 ? String(y) : `${date.toLocaleString("en", { month: "short", timeZone: "UTC" })} ${y}`;
}

/**
 * Draws series on a time axis into `canvas`. Each series: { label, colour, dashed, figures }.
 * A figure over a span is drawn as a block as wide as its period; a level as a point, levels joined.
 */
export function drawChart(canvas, series, { unit, months, hedgedColour }) {
  const all = series.flatMap((s) => s.figures);
  const starts = all.map((f) => span(f)[0]);
  const ends = all.map((f) => span(f)[1]);
  const [lo, hi] = [Math.min(...starts), Math.max(...ends)];
  const pad = Math.max(45 * DAY, (hi - lo) * 0.06);
  // Series with a figure for the same period (companies compared) share it side by side, so no
  // block hides another; every block stays inside its own period.
  const sharing = new Map();
  for (const [index, s] of series.entries()) {
    for (const f of s.figures) {
      const period = span(f).join("|");
      if (!sharing.has(period)) sharing.set(period, []);
      if (!sharing.get(period).includes(index)) sharing.get(period).push(index);
    }
  }
  const datasets = [];
  for (const [index, s] of series.entries()) {
    const sorted = [...s.figures].sort((a, b) => span(a)[0] - span(b)[0]);
    const slot = (f) => {
      const [a, b] = span(f);
      const sharers = sharing.get(`${a}|${b}`);
      if (months === 0 || sharers.length === 1) return [a, b];
      const width = (b - a) / sharers.length;
      const place = sharers.indexOf(index);
      return [a + place * width, a + (place + 1) * width];
    };
    if (months > 0) {
      // A block per figure: from its start to its end at its value, then a gap before the next one.
      datasets.push({
        label: s.label, isBlock: true, borderColor: s.colour, backgroundColor: `${s.colour}40`, borderWidth: 2,
        borderDash: s.dashed ? [6, 4] : [], pointRadius: 0, fill: "origin", spanGaps: false,
        data: sorted.flatMap((f) => { const [a, b] = slot(f); return [{ x: a, y: f.value }, { x: b, y: f.value }, { x: b, y: null }]; }),
      });
    }
    // The markers: one per figure (mid-period for a span), shaped by how exact it is; levels are joined.
    datasets.push({
      label: s.label, isMarker: true, showLine: months === 0, borderColor: s.colour, borderDash: s.dashed ? [6, 4] : [],
      pointStyle: sorted.map((f) => MARKERS[f.comparator]?.[0] ?? "circle"),
      pointRadius: 6, pointHoverRadius: 8,
      pointBackgroundColor: sorted.map((f) => (f.certainty === "hedged" ? hedgedColour : s.colour)),
      data: sorted.map((f) => { const [a, b] = slot(f); return { x: (a + b) / 2, y: f.value, figure: f }; }),
    });
  }
  return new window.Chart(canvas, {
    type: "line",
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.dataset.isMarker,
          callbacks: {
            title: (items) => items[0]?.raw.figure.periodLabel ?? "",
            label: (item) => `${item.dataset.label}: ${figureAmount(item.raw.figure)}`,
          },
        },
      },
      scales: {
        x: {
          type: "linear", min: lo - pad, max: hi + pad,
          afterBuildTicks: (axis) => { axis.ticks = axisTicks(lo - pad, hi + pad); },
          ticks: { callback: tickLabel, autoSkip: false, maxRotation: 0 },
        },
        y: { beginAtZero: true, title: { display: Boolean(unitLabel(unit)), text: unitLabel(unit) }, ticks: { callback: (v) => formatTick(v, unit) } },
      },
    },
  });
}

/** The chart's legend: one entry per series, then what the markers mean, as far as the chart uses them. */
export function chartLegend(series, { hedgedColour }) {
  const all = series.flatMap((s) => s.figures);
  const comparators = Object.keys(MARKERS).filter((c) => all.some((f) => f.comparator === c));
  return el("ul", { class: "legend" },
    ...series.map((s) => el("li", { "data-series": s.label },
      el("span", { class: `swatch${s.dashed ? " dashed" : ""}`, style: `border-color: ${s.colour}; background: ${s.colour}40` }), s.label)),
    ...comparators.map((c) => el("li", { "data-marker": c }, el("span", { class: "marker", "aria-hidden": "true" }, MARKERS[c][1]), t(MARKERS[c][2]))),
    all.some((f) => f.certainty === "hedged")
      ? el("li", { "data-marker": "hedged" }, el("span", { class: "swatch", style: `background: ${hedgedColour}` }), t("hedged by the source"))
      : "");
}
