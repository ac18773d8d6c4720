// The response cache's rules for a graph that changes under it (src/api/plugins/response-cache.ts):
// what may be stored under which generation, and that a change of generation drops everything.
import { describe, expect, it } from "vitest";
import { CutListCarryingCache, STORED_CUT_LISTS_KEY, storable } from "../../src/api/plugins/response-cache.ts";

const pin = (seen: string | null, spanned = false) => ({ seen, spanned });

describe("what the response cache stores", () => {
  it("an answer only under the generation it was computed on, and only while that one is current", () => {
    expect(storable("a/2", pin("a/2"), "a/2")).toBe(true);
    // Computed on B while the key still said A (a load between the poll and the request): not kept.
    expect(storable("a/2", pin("b/4"), "a/2")).toBe(false);
    // Keyed and computed on A, but B was loaded before it was stored: not kept either.
    expect(storable("a/2", pin("a/2"), "b/4")).toBe(false);
    expect(storable("a/2", pin("a/2", true), "a/2")).toBe(false);
    // An answer that read no graph (the vocabularies) belongs to the generation it was keyed by.
    expect(storable("a/2", pin(null), "a/2")).toBe(true);
    expect(storable(null, pin(null), null)).toBe(false);
  });

  it("drops every entry, and every cut list waiting for its answer, when cleared", async () => {
    const cache = new CutListCarryingCache();
    await cache.set("fqc:one", JSON.stringify({ data: { companies: [] } }));
    cache.carry("two", [{ path: "companies", returned: 1, offset: 0, total: 2 }]);
    cache.clear();
    expect(await cache.get("fqc:one")).toBeUndefined();
    // The cut list noted before the clear is not attached to a later answer of the same key.
    await cache.set("fqc:two", JSON.stringify({ data: { companies: [] } }));
    expect(JSON.parse((await cache.get("fqc:two"))!).data[STORED_CUT_LISTS_KEY]).toBeUndefined();
  });
});
