import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, div, floor, mul, q, roundInt, show, sub, toNumber } from "../../src/_lib/rational.js";

describe("exact rationals (internal)", () => {
  it("reads the shortest decimal text exactly", () => {
    expect(show(q(0.7))).toBe("0.7");
    expect(show(sub(q(0.009), q(0.005)))).toBe("0.004");
    expect(show(div(sub(q(0.7), q(0.68)), q(0.01)))).toBe("2");
    expect(show(q(1e-7))).toBe("0.0000001");
    expect(show(q(-1.5e21))).toBe("-1500000000000000000000");
    expect(show(add(q(0.1), q(0.2)))).toBe("0.3");
  });
  it("law: toNumber(q(x)) === x for every finite double", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(toNumber(q(x)), x === 0 ? 0 : x) || (x === 0 && toNumber(q(x)) === 0)));
  });
  it("law: floor(a / b) * b <= a for positive decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 1e4 }), (a, b) => {
        const x = q(a / 1000);
        const y = q(b / 1000);
        const f = floor(div(x, y));
        return toNumber(sub(x, mul(f, y))) >= 0 && toNumber(sub(x, mul(add(f, q(1)), y))) < 0;
      }),
    );
  });
  it("rounds halves as named", () => {
    expect(roundInt(q(2.5), "half-up")).toBe(3n);
    expect(roundInt(q(2.5), "half-even")).toBe(2n);
    expect(roundInt(q(-2.5), "half-up")).toBe(-3n);
    expect(roundInt(q(2.4), "ceil")).toBe(3n);
  });
});
