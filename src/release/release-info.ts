// What names a release: its version (the package version, then the graph's content hash as build
// metadata: the same files always give the same version) and its date (the day the load that
// published the graph ran, so that exporting the same graph again gives the same release).
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";
import { ReleaseError } from "./graph.ts";
import type { PublishedLoad } from "./read-graph.ts";

export interface ReleaseInfo {
  name: string;
  title: string;
  description: string;
  version: string;
  /** YYYY-MM-DD */
  date: string;
  /** The load's time, ISO 8601. */
  created: string;
  contentHash: string;
  license: { name: string; path: string; title: string };
}

/** The dataset is under the project's licence; the sources it cites keep their own (see the README). */
const LICENSE = { name: "Apache-2.0", path: "https://www.apache.org/licenses/LICENSE-2.0", title: "Apache License 2.0" };

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

export function releaseInfo(load: PublishedLoad | null): ReleaseInfo {
  if (!load) throw new ReleaseError("The database holds no published graph (no GraphMeta node): load one first with npm run load");
  const created = new Date(load.loadedAt);
  if (Number.isNaN(created.getTime())) throw new ReleaseError(`The graph's load time '${load.loadedAt}' is not a date`);
  return {
    name: "china-llm-graph",
    title: "Reference knowledge graph of China's LLM industry",
    description:
      "Companies, founders, universities, products, model releases, clouds, listings and money of China's LLM industry; " +
      "every fact and figure carries the source that states it and the evidence in it.",
    version: `${packageVersion()}+${load.contentHash}`,
    date: created.toISOString().slice(0, 10),
    created: created.toISOString(),
    contentHash: load.contentHash,
    license: LICENSE,
  };
}
