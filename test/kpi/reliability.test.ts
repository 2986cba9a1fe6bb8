import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BACKBONE_YEAR_MS, HUNDRED_HOURS_MS, checkTarget, downtime, outagePer100Hours, reliability } from "../../src/kpi/index.js";
import { expectError } from "./helpers.js";

const H = 3_600_000;

describe("reliability (K11, K12): 1 - downtime / period", () => {
  it("K11 002 art. 23: 1 h down in 1000 h is exactly 99.9%, which meets >= 99.9%", () => {
    const r = reliability({ downtimeMs: H, periodMs: 1000 * H });
    expect([r.numerator, r.denominator]).toEqual([999 * H, 1000 * H]);
    expect(checkTarget("K11", r).met).toBe(true);
    expect(checkTarget("K11", reliability({ downtimeMs: H + 1, periodMs: 1000 * H })).met).toBe(false);
  });
  it("K12 002 art. 24: the year is 24 h x 365 d; 43.8 h down is exactly 99.5%", () => {
    expect(BACKBONE_YEAR_MS).toBe(24 * 365 * H);
    const r = reliability({ downtimeMs: 43.8 * H, periodMs: BACKBONE_YEAR_MS });
    expect(checkTarget("K12", r).met).toBe(true);
    expect(checkTarget("K12", reliability({ downtimeMs: 44 * H, periodMs: BACKBONE_YEAR_MS })).met).toBe(false);
  });
  it("K12: the same formula works over any period", () => {
    expect(reliability({ downtimeMs: 36 * H, periodMs: 30 * 24 * H }).value).toBe(1 - 36 / 720);
  });
  it("period 0 gives value null; downtime > period throws INVALID_INPUT", () => {
    expect(reliability({ downtimeMs: 0, periodMs: 0 }).value).toBeNull();
    expectError(() => reliability({ downtimeMs: 2, periodMs: 1 }), "INVALID_INPUT", ["downtimeMs"]);
    expectError(() => reliability({ downtimeMs: -1, periodMs: 1 }), "INVALID_INPUT", ["downtimeMs"]);
    expectError(() => reliability({ downtimeMs: 0.5, periodMs: 1 }), "INVALID_INPUT", ["downtimeMs"]);
    expectError(() => reliability({ downtimeMs: 0, periodMs: Number.NaN }), "INVALID_INPUT", ["periodMs"]);
  });
  it("law: reliability falls as downtime grows and stays in [0, 1]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, a, b) => {
        const d1 = Math.floor(p * Math.min(a, b));
        const d2 = Math.floor(p * Math.max(a, b));
        const r1 = reliability({ downtimeMs: d1, periodMs: p }).value!;
        const r2 = reliability({ downtimeMs: d2, periodMs: p }).value!;
        return r1 >= r2 && r2 >= 0 && r1 <= 1;
      }),
    );
  });
});

describe("K10 outagePer100Hours (002 art. 22): <= 36 s per 100 h", () => {
  it("K10: 36 s in 100 h meets the target exactly; 37 s does not", () => {
    expect(HUNDRED_HOURS_MS).toBe(100 * H);
    const ok = outagePer100Hours({ downtimeMs: 36_000, operationMs: 100 * H });
    expect(ok.secondsPer100Hours).toBe(36);
    expect(checkTarget("K10", ok).met).toBe(true);
    expect(checkTarget("K10", outagePer100Hours({ downtimeMs: 37_000, operationMs: 100 * H })).met).toBe(false);
  });
  it("K10: scales with operating time (72 s in 200 h = 36 s per 100 h)", () => {
    const r = outagePer100Hours({ downtimeMs: 72_000, operationMs: 200 * H });
    expect(r.secondsPer100Hours).toBe(36);
    expect(checkTarget("K10", r).met).toBe(true);
  });
  it("K10: no operating time gives null; downtime beyond operation is an error", () => {
    expect(outagePer100Hours({ downtimeMs: 0, operationMs: 0 }).secondsPer100Hours).toBeNull();
    expectError(() => outagePer100Hours({ downtimeMs: 5, operationMs: 4 }), "INVALID_INPUT", ["downtimeMs"]);
  });
});

describe("downtime: merged, clipped outages", () => {
  const T0 = Date.UTC(2026, 0, 1);
  it("merges overlapping and touching outages, clips to the period", () => {
    const d = downtime(
      [
        { from: T0 + 10 * H, to: T0 + 11 * H },
        { from: T0 + 10.5 * H, to: T0 + 12 * H }, // overlaps
        { from: T0 + 12 * H, to: T0 + 13 * H }, // touches
        { from: T0 - 5 * H, to: T0 + 1 * H }, // starts before the period
        { from: T0 + 23 * H, to: null }, // ongoing
        { from: T0 + 30 * H, to: T0 + 31 * H }, // after the period
      ],
      { from: T0, to: T0 + 24 * H },
    );
    expect(d.downtimeMs).toBe(3 * H + 1 * H + 1 * H);
    expect(d.periodMs).toBe(24 * H);
    expect(d.intervals.map((i) => [i.from.getTime() - T0, i.to.getTime() - T0])).toEqual([
      [0, 1 * H],
      [10 * H, 13 * H],
      [23 * H, 24 * H],
    ]);
    expect(reliability(d).value).toBe(1 - 5 / 24);
  });
  it("rejects invalid dates and reversed intervals with a path", () => {
    expectError(() => downtime([{ from: new Date("x"), to: 1 }], { from: 0, to: 10 }), "INVALID_INPUT", ["outages", 0, "from"]);
    expectError(() => downtime([{ from: 5, to: 1 }], { from: 0, to: 10 }), "INVALID_INPUT", ["outages", 0, "to"]);
    expectError(() => downtime([], { from: 10, to: 0 }), "INVALID_INPUT", ["period", "to"]);
    expectError(() => downtime([], { from: 0, to: "2026" as never }), "INVALID_INPUT", ["period", "to"]);
  });
  const outageArb = fc.tuple(fc.integer({ min: -100, max: 1100 }), fc.integer({ min: 0, max: 300 })).map(([a, len]) => ({ from: a, to: a + len }));
  it("law: the merged downtime never exceeds the sum of the parts nor the period, and is at least the longest part", () => {
    fc.assert(
      fc.property(fc.array(outageArb, { maxLength: 20 }), (os) => {
        const d = downtime(os, { from: 0, to: 1000 });
        const clipped = os.map((o) => Math.max(0, Math.min(o.to, 1000) - Math.max(o.from, 0)));
        const sum = clipped.reduce((s, x) => s + x, 0);
        return d.downtimeMs <= sum && d.downtimeMs <= 1000 && d.downtimeMs >= Math.max(0, ...clipped);
      }),
    );
  });
  it("law: equals the size of the union (brute force over unit cells), in any order", () => {
    fc.assert(
      fc.property(fc.array(outageArb, { maxLength: 12 }), (os) => {
        const cells = new Set<number>();
        for (const o of os) for (let t = Math.max(o.from, 0); t < Math.min(o.to, 1000); t++) cells.add(t);
        const d = downtime(os, { from: 0, to: 1000 });
        const r = downtime([...os].reverse(), { from: 0, to: 1000 });
        const disjoint = d.intervals.every((iv, k) => k === 0 || d.intervals[k - 1]!.to.getTime() < iv.from.getTime());
        return d.downtimeMs === cells.size && r.downtimeMs === cells.size && disjoint;
      }),
    );
  });
});
