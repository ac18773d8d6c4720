// The analysts' files as the tests read them: the Browser guide's runnable queries and the NeoDash
// dashboard's reports. Shared by the unit tier (the files are well-formed) and the integration tier
// (their queries run on the graph), so both read the same queries.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config.ts";

export const GUIDE_FILE = path.join(PROJECT_ROOT, "cypher", "guide", "china-llm-graph.html");
export const DASHBOARD_FILE = path.join(PROJECT_ROOT, "cypher", "neodash", "china-llm-graph.dashboard.json");

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

/** The Cypher of each runnable block of the guide, in order. */
export function guideQueries(): string[] {
  const html = readFileSync(GUIDE_FILE, "utf8");
  return [...html.matchAll(/<pre class="[^"]*runnable[^"]*">([\s\S]*?)<\/pre>/g)].map((m) => unescape(m[1]!));
}

export interface DashboardReport {
  page: string;
  id: string;
  title: string;
  query: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  selection?: { value?: string[]; [key: string]: unknown };
  settings: Record<string, any>;
}

export interface Dashboard {
  uuid: string;
  title: string;
  version: string;
  settings: { parameters: Record<string, unknown>; [key: string]: unknown };
  pages: Array<{ title: string; reports: Array<Omit<DashboardReport, "page">> }>;
  [key: string]: unknown;
}

export function dashboard(): Dashboard {
  return JSON.parse(readFileSync(DASHBOARD_FILE, "utf8"));
}

/** Every report of every page, with its page's title. */
export function dashboardReports(): DashboardReport[] {
  return dashboard().pages.flatMap((page) => page.reports.map((r) => ({ page: page.title, ...r })));
}

/** The reports drawn as charts of figures (bar and line charts of Metrics; a count of releases is no figure). */
export const dashboardCharts = (): DashboardReport[] => dashboardReports().filter((r) => ["bar", "line"].includes(r.type) && /:Metric\b/.test(r.query));

/** The parameter selectors (NeoDash's `select` reports), which set the dashboard's $neodash_... parameters. */
export const dashboardSelectors = (): DashboardReport[] => dashboardReports().filter((r) => r.type === "select");

/** The $neodash_... parameters a text (a query or a title) uses. */
export const neodashParameters = (text: string): string[] => [...new Set([...text.matchAll(/\$(neodash_\w+)/g)].map((m) => m[1]!))];
