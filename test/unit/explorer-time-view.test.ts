// The explorer's dates in the permalink (src/explorer/time-view.js): a hash's route and its asOf and
// knownAt split apart and joined again, the variables sent to the API, and the note's words.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config.ts";

interface Time {
  asOf: string | null;
  knownAt: string | null;
}
const EXPLORER = path.join(PROJECT_ROOT, "src", "explorer");
// The explorer's own modules (plain browser JavaScript, untyped; they touch the DOM only when called).
const { splitHash, joinHash, isNarrowed, timeVariables, timeWords, NO_TIME } = (await import(
  pathToFileURL(path.join(EXPLORER, "time-view.js")).href
)) as {
  splitHash: (hash: string) => { route: string; time: Time };
  joinHash: (route: string, time?: Partial<Time>) => string;
  isNarrowed: (time: Partial<Time>) => boolean;
  timeVariables: (time: Partial<Time>) => Record<string, string>;
  timeWords: (time: Partial<Time>) => string;
  NO_TIME: Time;
};
const { setLanguage } = (await import(pathToFileURL(path.join(EXPLORER, "i18n.js")).href)) as { setLanguage: (language: string) => void };

afterEach(() => setLanguage("en"));

describe("the explorer's dates in the permalink", () => {
  it("splits a hash into its route and its dates", () => {
    expect(splitHash("#/entity/zhipu-ai?asOf=2024-12-31&knownAt=2025-06-30")).toEqual({
      route: "#/entity/zhipu-ai",
      time: { asOf: "2024-12-31", knownAt: "2025-06-30" },
    });
    expect(splitHash("#/connect/a/b?knownAt=2025-06-30")).toEqual({ route: "#/connect/a/b", time: { asOf: null, knownAt: "2025-06-30" } });
  });

  it("reads a link without dates as it always did", () => {
    for (const hash of ["#/entity/zhipu-ai", "#/compare/revenue/zhipu-ai,minimax/USD", "#/", ""]) {
      expect(splitHash(hash)).toEqual({ route: hash, time: NO_TIME });
    }
    // An id with a question mark is encoded in the route, so it is no query.
    expect(splitHash(`#/entity/${encodeURIComponent("what?")}`)).toEqual({ route: "#/entity/what%3F", time: NO_TIME });
  });

  it("keeps a malformed date as the link has it, for the API to judge; an empty one is none; other parameters are dropped", () => {
    expect(splitHash("#/entity/x?asOf=2024-13-45").time).toEqual({ asOf: "2024-13-45", knownAt: null });
    expect(splitHash("#/entity/x?asOf=yesterday&knownAt=").time).toEqual({ asOf: "yesterday", knownAt: null });
    expect(splitHash("#/entity/x?pageSize=5&asOf=2024-12-31").time).toEqual({ asOf: "2024-12-31", knownAt: null });
    expect(splitHash("#/entity/x?").time).toEqual(NO_TIME);
  });

  it("joins a route and its dates, asOf first, and leaves out a date not set", () => {
    expect(joinHash("#/entity/zhipu-ai", { knownAt: "2025-06-30", asOf: "2024-12-31" })).toBe("#/entity/zhipu-ai?asOf=2024-12-31&knownAt=2025-06-30");
    expect(joinHash("#/entity/zhipu-ai", { asOf: null, knownAt: "2025-06-30" })).toBe("#/entity/zhipu-ai?knownAt=2025-06-30");
    expect(joinHash("#/entity/zhipu-ai", NO_TIME)).toBe("#/entity/zhipu-ai");
    expect(joinHash("#/entity/zhipu-ai")).toBe("#/entity/zhipu-ai");
  });

  it("round-trips: joining what was split gives the hash back", () => {
    for (const hash of ["#/entity/zhipu-ai?asOf=2024-12-31&knownAt=2025-06-30", "#/compare/revenue/zhipu-ai/USD?knownAt=2025-01-01", "#/connect/a/b"]) {
      const { route, time } = splitHash(hash);
      expect(joinHash(route, time)).toBe(hash);
    }
  });

  it("says whether a view is narrowed, and sends only the dates set", () => {
    expect(isNarrowed(NO_TIME)).toBe(false);
    expect(isNarrowed({ asOf: "2024-12-31", knownAt: null })).toBe(true);
    expect(isNarrowed({ asOf: null, knownAt: "2025-06-30" })).toBe(true);
    expect(timeVariables(NO_TIME)).toEqual({});
    expect(timeVariables({ asOf: "2024-12-31", knownAt: null })).toEqual({ asOf: "2024-12-31" });
    expect(timeVariables({ asOf: "2024-12-31", knownAt: "2025-06-30" })).toEqual({ asOf: "2024-12-31", knownAt: "2025-06-30" });
  });

  it("words the note in each language", () => {
    const both = { asOf: "2024-12-31", knownAt: "2025-06-30" };
    expect(timeWords(both)).toBe("as of 2024-12-31 · known at 2025-06-30");
    expect(timeWords({ asOf: null, knownAt: "2025-06-30" })).toBe("known at 2025-06-30");
    expect(timeWords(NO_TIME)).toBe("");
    setLanguage("zh-Hans");
    expect(timeWords(both)).toBe("截至2024-12-31 · 仅限2025-06-30或之前发布的来源");
    setLanguage("zh-Hant");
    expect(timeWords(both)).toBe("截至2024-12-31 · 僅限2025-06-30或之前發布的來源");
  });
});
