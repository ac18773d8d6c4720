// The variables' nesting is measured without recursion, so a hostile value cannot overflow the
// measuring itself (the service's answer to it: test/api-protection.test.ts, "hostile variables").
import { describe, expect, it } from "vitest";
import { nestingDepth } from "../../src/http/limits.ts";

describe("nestingDepth", () => {
  it("counts objects and arrays one inside another, scalars as nothing", () => {
    expect(nestingDepth(undefined)).toBe(0);
    expect(nestingDepth("text")).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ w: { AND: [{ name: { eq: "x" } }] } })).toBe(5);
    // The deepest branch counts, wherever it is.
    expect(nestingDepth({ a: 1, b: [[], [[{ c: null }]]], d: {} })).toBe(5);
  });

  it("measures a 200,000-deep array, deeper than any recursive walk survives", () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(nestingDepth(value)).toBe(200_000);
  });
});
