/**
 * Error messages show the value received (issue 14): a valid Date as its instant (not "Invalid
 * Date"), BigInt and symbols without a TypeError from JSON.stringify.
 */
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { matchExpected } from "../../src/golden/index.js";
import { failureWeight, weightedFailures } from "../../src/kpi/index.js";

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(isSlaKitError(e), String(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error("expected a SlaKitError");
};

describe("error messages describe the received value", () => {
  it("a valid Date is shown as its ISO instant, an Invalid Date as Invalid Date", () => {
    expect(messageOf(() => failureWeight(new Date("2026-01-01T08:00:00+08:00") as never))).toContain("2026-01-01T00:00:00.000Z");
    expect(messageOf(() => failureWeight(new Date("2026-01-01T08:00:00+08:00") as never))).not.toContain("Invalid Date");
    expect(messageOf(() => failureWeight(new Date(Number.NaN) as never))).toContain("Invalid Date");
  });

  it("-0, BigInt, symbols and null-prototype objects are described, never a TypeError", () => {
    expect(messageOf(() => failureWeight(-0))).toContain("got -0");
    expect(messageOf(() => failureWeight(12n as never))).toContain("12n");
    expect(messageOf(() => failureWeight(Symbol("s") as never))).toContain("a symbol");
    expect(messageOf(() => failureWeight(Object.create(null) as never))).toContain("an object");
    expect(messageOf(() => weightedFailures([], { timeZone: 10n as never }))).toContain("10n");
  });

  it("matchExpected reports a BigInt or a function in the actual value instead of throwing", () => {
    const m = matchExpected({ a: 1, b: 2 }, { a: 10n, b: () => 2 });
    expect(m.map((x) => x.path)).toEqual([["a"], ["b"]]);
    expect(m[0]!.message).toContain("10n");
  });
});
