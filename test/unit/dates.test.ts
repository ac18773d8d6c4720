// Unit tests (no database): dates as precise as a source gives them, and whether a span names an entity.
import { describe, expect, it } from "vitest";
import { datedFrom } from "../../src/graph/dates.ts";
import { namesEntity } from "../../src/graph/names.ts";

describe("datedFrom", () => {
  it.each([
    ["2024", { date: "2024-01-01", precision: "year" }],
    ["2026-01", { date: "2026-01-01", precision: "month" }],
    ["2026-01-12", { date: "2026-01-12", precision: "day" }],
  ])("%s is its first day with its precision", (value, expected) => {
    expect(datedFrom(value)).toEqual(expected);
  });

  it.each(["2025-02-30", "2025-13", "26-01", "2024-1", "January 2026", ""])("refuses %j", (value) => {
    expect(datedFrom(value)).toBeNull();
  });
});

describe("namesEntity", () => {
  const alibabaCloud = { name: "Alibaba Cloud", nameZhHans: "阿里云", nameZhHant: "阿里雲", aliases: ["Aliyun"] };
  it("finds a name written in the other script or with Simplified leftovers", () => {
    // The article writes 阿里云 with the Simplified 云 inside Traditional text.
    expect(namesEntity("MiniMax僅向阿里云購買云計算服務費", alibabaCloud)).toBe(true);
    expect(namesEntity("向阿里雲购买", alibabaCloud)).toBe(true);
    expect(namesEntity("bought from ALIYUN", alibabaCloud)).toBe(true);
  });
  it("does not find an entity the span does not name", () => {
    expect(namesEntity("兩家企業均計劃將募資的70%以上", alibabaCloud)).toBe(false);
  });
});
