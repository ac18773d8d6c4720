// One style per label (colour, caption), shared by every surface that draws the graph: the
// Bloom perspective (bloom-perspective.ts) and the built-in explorer. The explorer is plain browser
// JavaScript with no build step, so it cannot import this module: `npm run export:bloom` also writes
// the table as src/explorer/label-style.json, which the explorer fetches as a static file and a unit
// test keeps equal to this table (test/unit/label-style.test.ts).
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";
import type { CompanyRoleLabel, EntityLabel, EVENT_LABEL } from "../graph/model.ts";

export interface LabelStyle {
  /** #RRGGBB */
  color: string;
  /** The property shown as the node's caption. */
  caption: string;
}

/** Every label a node of the public graph can be drawn by. Role labels are companies too, but each
 *  has its own colour so that a network shows who is a start-up, a big tech or a cloud. */
export const LABEL_STYLE: Record<EntityLabel | CompanyRoleLabel | typeof EVENT_LABEL | "Metric" | "Source", LabelStyle> = {
  Company: { color: "#4C8EDA", caption: "name" },
  Startup: { color: "#57C7E3", caption: "name" },
  BigTech: { color: "#1D3F8F", caption: "name" },
  CloudProvider: { color: "#8DCC93", caption: "name" },
  Person: { color: "#F79767", caption: "name" },
  University: { color: "#FFC454", caption: "name" },
  Product: { color: "#C990C0", caption: "name" },
  Group: { color: "#F16667", caption: "name" },
  StockExchange: { color: "#D9C8AE", caption: "name" },
  Technology: { color: "#DA7194", caption: "name" },
  BusinessModel: { color: "#569480", caption: "name" },
  Sector: { color: "#ECB5C9", caption: "name" },
  Listing: { color: "#8E6BD8", caption: "name" },
  FundingRound: { color: "#2E9E5B", caption: "name" },
  Model: { color: "#0B7A75", caption: "name" },
  License: { color: "#7A5C3E", caption: "name" },
  Regulator: { color: "#B03A2E", caption: "name" },
  RegulatoryAction: { color: "#E6A23C", caption: "name" },
  /** Listing, FundingRound and RegulatoryAction nodes also carry Event; Bloom styles them by their own label first. */
  Event: { color: "#A5ABB6", caption: "name" },
  Metric: { color: "#FFE081", caption: "periodLabel" },
  Source: { color: "#959AA1", caption: "title" },
};

/** Hedged facts and figures (certainty 'hedged') are drawn in this colour on every surface. */
export const HEDGED_COLOUR = "#E07B00";

/** The explorer's copy of the table, written by `npm run export:bloom`. */
export const EXPLORER_STYLE_FILE = path.join(PROJECT_ROOT, "src", "explorer", "label-style.json");

export function explorerStyle() {
  return { labels: LABEL_STYLE, hedged: HEDGED_COLOUR };
}
