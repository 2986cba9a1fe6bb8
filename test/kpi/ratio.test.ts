import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { combineRatios, formatRatio, rate, ratio } from "../../src/kpi/index.js";
import { expectError } from "./helpers.js";

const count = fc.integer({ min: 0, max: 1_000_000 });

describe("ratio / rate (docs/rules.md section 4: exact ratios of counts)", () => {
  it("keeps numerator and denominator", () => {
    expect(ratio(49, 50)).toEqual({ numerator: 49, denominator: 50, value: 0.98 });
  });
  it("empty denominator gives value null with a reason, never NaN or 0", () => {
    const r = ratio(0, 0);
    expect(r.value).toBeNull();
    expect(typeof r.reason).toBe("string");
    expect(rate(0, 0).value).toBeNull();
  });
  it("rejects negative, fractional, non-finite and non-number counts with a path", () => {
    expectError(() => ratio(-1, 5), "INVALID_INPUT", ["numerator"]);
    expectError(() => ratio(1.5, 5), "INVALID_INPUT", ["numerator"]);
    expectError(() => ratio(1, Number.NaN), "INVALID_INPUT", ["denominator"]);
    expectError(() => ratio(1, Infinity), "INVALID_INPUT", ["denominator"]);
    expectError(() => ratio("3" as unknown as number, 5), "INVALID_INPUT", ["numerator"]);
  });
  it("ratio allows numerator > denominator; rate does not", () => {
    expect(ratio(6, 5).value).toBe(1.2);
    expectError(() => rate(6, 5), "INVALID_INPUT", ["numerator"]);
  });
  it("law: value is null iff the denominator is 0, else in [0,1] for rates", () => {
    fc.assert(
      fc.property(count, count, (a, b) => {
        const [p, w] = a <= b ? [a, b] : [b, a];
        const r = rate(p, w);
        if (w === 0) return r.value === null;
        return r.value !== null && r.value >= 0 && r.value <= 1 && !Number.isNaN(r.value);
      }),
    );
  });
  it("law: monotone in the numerator", () => {
    fc.assert(
      fc.property(count, count, fc.integer({ min: 1, max: 1_000_000 }), (a, b, d) => {
        const lo = Math.min(a, b), hi = Math.max(a, b);
        return ratio(lo, d).value! <= ratio(hi, d).value!;
      }),
    );
  });
});

describe("combineRatios: sum of numerators over sum of denominators", () => {
  it("is not the mean of the rates", () => {
    const c = combineRatios([ratio(1, 1), ratio(50, 100)]);
    expect(c.numerator).toBe(51);
    expect(c.denominator).toBe(101);
    expect(c.value).not.toBe(0.75);
  });
  it("an empty list or all-empty parts give value null", () => {
    expect(combineRatios([]).value).toBeNull();
    expect(combineRatios([ratio(0, 0), ratio(0, 0)]).value).toBeNull();
    expect(combineRatios([ratio(0, 0), ratio(1, 2)]).value).toBe(0.5);
  });
  it("rejects a malformed part with its index", () => {
    expectError(() => combineRatios([ratio(1, 2), { numerator: -1, denominator: 2, value: null }]), "INVALID_INPUT", [1, "numerator"]);
  });
  it("law: combining equals the ratio of the summed counts, in any order and grouping", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(count, count), { maxLength: 30 }), fc.integer({ min: 0, max: 30 }), (pairs, cut) => {
        const rs = pairs.map(([n, d]) => ratio(n, d));
        const n = pairs.reduce((s, p) => s + p[0], 0);
        const d = pairs.reduce((s, p) => s + p[1], 0);
        const all = combineRatios(rs);
        const k = Math.min(cut, rs.length);
        const nested = combineRatios([combineRatios(rs.slice(0, k)), combineRatios(rs.slice(k))]);
        const reversed = combineRatios([...rs].reverse());
        return (
          all.numerator === n && all.denominator === d &&
          (d === 0 ? all.value === null : all.value === n / d) &&
          nested.numerator === n && nested.denominator === d && reversed.value === all.value
        );
      }),
    );
  });
  it("law: the combined value lies between the smallest and largest part", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(count, fc.integer({ min: 1, max: 1_000_000 })), { minLength: 1, maxLength: 20 }), (pairs) => {
        const rs = pairs.map(([n, d]) => ratio(n, d));
        const v = combineRatios(rs).value!;
        const vs = rs.map((r) => r.value!);
        return v >= Math.min(...vs) - 1e-12 && v <= Math.max(...vs) + 1e-12;
      }),
    );
  });
});

describe("formatRatio: rounding only when presented, mode named", () => {
  it("half-up vs half-even on an exact tie (1/8 = 0.125)", () => {
    expect(formatRatio(ratio(1, 8), { digits: 2, mode: "half-up" })).toBe("0.13");
    expect(formatRatio(ratio(1, 8), { digits: 2, mode: "half-even" })).toBe("0.12");
    expect(formatRatio(ratio(3, 8), { digits: 2, mode: "half-even" })).toBe("0.38");
  });
  it("floor and ceil", () => {
    expect(formatRatio(ratio(2, 3), { digits: 2, mode: "floor" })).toBe("0.66");
    expect(formatRatio(ratio(2, 3), { digits: 2, mode: "ceil" })).toBe("0.67");
    expect(formatRatio(ratio(1, 2), { digits: 0, mode: "ceil" })).toBe("1");
  });
  it("percent, default digits 2, whole values", () => {
    expect(formatRatio(ratio(49, 50), { mode: "half-up", percent: true })).toBe("98.00%");
    expect(formatRatio(ratio(999, 1000), { digits: 1, mode: "floor", percent: true })).toBe("99.9%");
    expect(formatRatio(ratio(6, 5), { digits: 1, mode: "floor" })).toBe("1.2");
  });
  it("decimal inputs round exactly, not through binary floats (0.145 half-up -> 0.15)", () => {
    // 0.145 as a float is 0.14499999999999999; the exact ratio 29/200 rounds up.
    expect(formatRatio(ratio(29, 200), { digits: 2, mode: "half-up" })).toBe("0.15");
    expect(formatRatio(ratio(1005, 1000), { digits: 2, mode: "half-up" })).toBe("1.01");
  });
  it("empty ratio shows n/a or the given text", () => {
    expect(formatRatio(ratio(0, 0), { mode: "half-up" })).toBe("n/a");
    expect(formatRatio(ratio(0, 0), { mode: "half-up", empty: "-" })).toBe("-");
  });
  it("mode is required and checked; digits 0-20", () => {
    expectError(() => formatRatio(ratio(1, 3), {} as never), "INVALID_INPUT", ["options", "mode"]);
    expectError(() => formatRatio(ratio(1, 3), { mode: "round" as never }), "INVALID_INPUT", ["options", "mode"]);
    expectError(() => formatRatio(ratio(1, 3), { mode: "floor", digits: 1.5 }), "INVALID_INPUT", ["options", "digits"]);
  });
  it("law: floor <= half-even <= half-up <= ceil, ceil - floor <= one unit, floor <= exact <= ceil", () => {
    fc.assert(
      fc.property(count, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 6 }), (n, d, digits) => {
        // compare in whole units of the last digit, exactly
        const f = (mode: "floor" | "ceil" | "half-up" | "half-even"): bigint => BigInt(formatRatio(ratio(n, d), { digits, mode }).replace(".", ""));
        const [lo, hu, he, hi] = [f("floor"), f("half-up"), f("half-even"), f("ceil")];
        const scaled = BigInt(n) * 10n ** BigInt(digits); // exact value in units is scaled / d
        return lo <= he && he <= hu && hu <= hi && hi - lo <= 1n && lo * BigInt(d) <= scaled && hi * BigInt(d) >= scaled;
      }),
    );
  });
});
