import { describe, expect, it } from "vitest";
import { globToRegExp, isSelected, mergePatch, patchCovers } from "../../../src/config/overlay.ts";

describe("mergePatch", () => {
  it.each([
    // objects deep-merge
    [{ a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { b: 1, c: 3 } }],
    // arrays replace, never concatenate
    [{ a: [1, 2, 3] }, { a: [9] }, { a: [9] }],
    // null deletes the key
    [{ a: 1, b: 2 }, { b: null }, { a: 1 }],
    // a scalar replaces an object and an object replaces a scalar
    [{ a: { b: 1 } }, { a: "x" }, { a: "x" }],
    [{ a: "x" }, { a: { b: 1 } }, { a: { b: 1 } }],
  ])("merges %j with %j", (base, patch, want) => {
    expect(mergePatch(base, patch)).toEqual(want);
  });

  it("does not mutate its inputs", () => {
    const base = { a: { b: 1 } };
    mergePatch(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });
});

describe("patchCovers", () => {
  const patch = { a: { b: 1 }, list: [1] };
  it.each([
    [["a", "b"], true],
    [["a", "c"], false],
    [["list", 0, "x"], true],
    [[], false],
    [["z"], false],
  ] as const)("%j → %s", (path, want) => {
    expect(patchCovers(patch, path)).toBe(want);
  });
});

describe("isSelected", () => {
  it("includes everything by default and applies excludes after includes", () => {
    expect(isSelected("order_update", undefined)).toBe(true);
    expect(isSelected("order_update", { include: ["order_*"], exclude: ["*_update"] })).toBe(false);
    expect(isSelected("promo", { include: ["order_*"] })).toBe(false);
    expect(globToRegExp("a?c.d").test("abc.d")).toBe(true);
    expect(globToRegExp("a?c.d").test("abcxd")).toBe(false);
  });
});
