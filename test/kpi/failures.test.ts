import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  aggregationFailureRate,
  checkTarget,
  failureWeight,
  weightedFailures,
  weightedFailuresBreakdown,
  type Failure,
} from "../../src/kpi/index.js";
import { expectError } from "./helpers.js";

const SH = "Asia/Shanghai";
const at = (iso: string): Date => new Date(iso);

describe("K15 failureWeight: 1, 2, 4, 8 (002 art. 30)", () => {
  it("K15 002 art. 30: the 1st-4th failure of a device in a month weigh 1, 2, 4, 8", () => {
    expect([1, 2, 3, 4].map((n) => failureWeight(n))).toEqual([1, 2, 4, 8]);
  });
  it("K15: the library continues 2^(n-1) and a policy may cap it", () => {
    expect(failureWeight(5)).toBe(16);
    expect(failureWeight(5, { cap: 8 })).toBe(8);
    expect(failureWeight(2, { cap: 8 })).toBe(2);
    expect(failureWeight(1000, { cap: 8 })).toBe(8);
  });
  it("K15: n must be an integer >= 1; cap an integer >= 1", () => {
    expectError(() => failureWeight(0), "INVALID_INPUT", ["n"]);
    expectError(() => failureWeight(1.5), "INVALID_INPUT", ["n"]);
    expectError(() => failureWeight(Number.NaN), "INVALID_INPUT", ["n"]);
    expectError(() => failureWeight(2, { cap: 0 }), "INVALID_INPUT", ["options", "cap"]);
    expectError(() => failureWeight(2 ** 60), "INVALID_INPUT", ["n"]); // not a safe integer
  });
  it("K15 exact weights: n = 53 is 2^52; n = 54 and 1024 without a cap are OUT_OF_SAFE_RANGE; with a cap any n works", () => {
    expect(failureWeight(53)).toBe(4503599627370496); // 2^52
    expect(Number.isSafeInteger(failureWeight(53))).toBe(true);
    expectError(() => failureWeight(54), "OUT_OF_SAFE_RANGE", ["n"]); // 2^53 > Number.MAX_SAFE_INTEGER
    expectError(() => failureWeight(1024), "OUT_OF_SAFE_RANGE", ["n"]);
    expectError(() => failureWeight(1025), "OUT_OF_SAFE_RANGE", ["n"]);
    expect(failureWeight(54, { cap: 2 ** 52 })).toBe(2 ** 52);
    expect(failureWeight(1024, { cap: 8 })).toBe(8);
    expect(failureWeight(2 ** 40, { cap: Number.MAX_SAFE_INTEGER })).toBe(Number.MAX_SAFE_INTEGER);
  });
  it("law: weights double until the cap, and never exceed it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 52 }), fc.option(fc.integer({ min: 1, max: 1 << 20 }), { nil: undefined }), (n, cap) => {
        const w = cap === undefined ? failureWeight(n) : failureWeight(n, { cap });
        const w1 = cap === undefined ? failureWeight(n + 1) : failureWeight(n + 1, { cap });
        if (cap === undefined) return w1 === 2 * w;
        return w <= cap && w1 === Math.min(2 * w, cap) && w1 >= w;
      }),
    );
  });
});

describe("weightedFailures / weightedFailuresBreakdown (K15, K16)", () => {
  it("K15: one device failing 4 times in a month counts 1+2+4+8 = 15", () => {
    const f: Failure[] = [2, 9, 16, 23].map((d) => ({ deviceId: "agg-1", at: at(`2026-03-${String(d).padStart(2, "0")}T10:00:00+08:00`) }));
    expect(weightedFailures(f, { timeZone: SH })).toBe(15);
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    expect(b.rows.map((r) => [r.deviceId, r.month, r.nth, r.weight])).toEqual([
      ["agg-1", "2026-03", 1, 1],
      ["agg-1", "2026-03", 2, 2],
      ["agg-1", "2026-03", 3, 4],
      ["agg-1", "2026-03", 4, 8],
    ]);
    expect(b.trace.sourceRef).toBe("002 art. 30");
  });
  it("K15: different devices each start at weight 1", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-02T10:00:00+08:00") },
      { deviceId: "b", at: at("2026-03-03T10:00:00+08:00") },
      { deviceId: "a", at: at("2026-03-04T10:00:00+08:00") },
    ];
    expect(weightedFailures(f, { timeZone: SH })).toBe(1 + 2 + 1);
  });
  it("K15: weights restart each calendar month", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-30T10:00:00+08:00") },
      { deviceId: "a", at: at("2026-03-31T10:00:00+08:00") },
      { deviceId: "a", at: at("2026-04-01T10:00:00+08:00") },
    ];
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    expect(b.total).toBe(1 + 2 + 1);
    expect(b.byMonth).toEqual([{ month: "2026-03", total: 3 }, { month: "2026-04", total: 1 }]);
  });
  it("K15: a failure at 23:30 local on the 31st belongs to that month whatever the host TZ", () => {
    // 2026-01-31T23:30 in New York is 2026-02-01T04:30Z
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-01-31T12:00:00-05:00") },
      { deviceId: "a", at: at("2026-01-31T23:30:00-05:00") },
    ];
    const ny = weightedFailuresBreakdown(f, { timeZone: "America/New_York" });
    expect(ny.rows.map((r) => r.month)).toEqual(["2026-01", "2026-01"]);
    expect(ny.total).toBe(3);
    const utc = weightedFailuresBreakdown(f, { timeZone: "UTC" });
    expect(utc.rows.map((r) => r.month)).toEqual(["2026-01", "2026-02"]);
    expect(utc.total).toBe(2);
    // 2026-04-01T00:30 in Shanghai is still March in UTC
    expect(weightedFailuresBreakdown([{ deviceId: "a", at: at("2026-04-01T00:30:00+08:00") }], { timeZone: SH }).rows[0]!.month).toBe("2026-04");
  });
  it("K15: cap applies to each failure", () => {
    const f: Failure[] = [1, 2, 3, 4, 5].map((d) => ({ deviceId: "a", at: at(`2026-03-0${d}T10:00:00Z`) }));
    expect(weightedFailures(f, { timeZone: "UTC" })).toBe(31);
    expect(weightedFailures(f, { timeZone: "UTC", cap: 4 })).toBe(1 + 2 + 4 + 4 + 4);
  });
  it("K16 002 art. 30: a force-majeure group with an accepted appeal counts as one failure", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-20T04:00:00+08:00"), group: "cut-fibre", appealAccepted: true },
      { deviceId: "b", at: at("2026-03-20T04:01:00+08:00"), group: "cut-fibre" },
      { deviceId: "c", at: at("2026-03-20T04:02:00+08:00"), group: "cut-fibre" },
      { deviceId: "a", at: at("2026-03-20T05:00:00+08:00"), group: "cut-fibre" },
    ];
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    expect(b.total).toBe(1);
    expect(b.rows).toHaveLength(1);
    expect(b.rows[0]).toMatchObject({ deviceId: null, group: "cut-fibre", forceMajeure: true, month: "2026-03", nth: 1, weight: 1, indices: [0, 1, 2, 3] });
  });
  it("K16: without an accepted appeal the group's failures count normally", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-20T04:00:00+08:00"), group: "grid" },
      { deviceId: "a", at: at("2026-03-20T05:00:00+08:00"), group: "grid" },
      { deviceId: "b", at: at("2026-03-20T05:00:00+08:00"), group: "grid", appealAccepted: false },
    ];
    expect(weightedFailures(f, { timeZone: SH })).toBe(1 + 2 + 1);
    expect(weightedFailures(f, { timeZone: SH, acceptedGroups: ["other"] })).toBe(4);
  });
  it("K16 002 art. 30 通过书面申诉: a group label without an accepted appeal counts like ordinary failures", () => {
    const f: Failure[] = [
      { deviceId: "A", at: at("2026-03-01T10:00:00+08:00") },
      { deviceId: "A", at: at("2026-03-02T10:00:00+08:00"), group: "storm" },
      { deviceId: "B", at: at("2026-03-02T10:05:00+08:00"), group: "storm" },
      { deviceId: "A", at: at("2026-03-03T10:00:00+08:00") },
    ];
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    // A: 1, 2, 4; B: 1 (no appeal accepted: the label changes nothing)
    expect(b.total).toBe(1 + 2 + 4 + 1);
    expect(b.rows.map((r) => [r.deviceId, r.group, r.appealAccepted, r.nth, r.weight])).toEqual([
      ["A", null, null, 1, 1],
      ["A", "storm", false, 2, 2],
      ["A", null, null, 3, 4],
      ["B", "storm", false, 1, 1],
    ]);
    expect(b.groups).toEqual([{ group: "storm", appealAccepted: false, decidedBy: "none", failures: 2, months: ["2026-03"] }]);
    // the same failures with the appeal accepted: A 1, the storm once, A 2
    expect(weightedFailures(f, { timeZone: SH, acceptedGroups: ["storm"] })).toBe(1 + 1 + 2);
  });
  it("K16: ten failures of a group without an accepted appeal are ten failures (not one)", () => {
    const f: Failure[] = Array.from({ length: 10 }, (_, k) => ({ deviceId: `d${k}`, at: at("2026-03-02T10:00:00+08:00"), group: "fibre" }));
    expect(weightedFailures(f, { timeZone: SH })).toBe(10);
    expect(weightedFailures(f.map((x, k) => (k === 0 ? { ...x, appealAccepted: true } : x)), { timeZone: SH })).toBe(1);
  });
  it("K16: an appeal register (options.acceptedGroups) without the group makes it count normally", () => {
    const f: Failure[] = [
      { deviceId: "A", at: at("2026-03-01T10:00:00+08:00") },
      { deviceId: "A", at: at("2026-03-02T10:00:00+08:00"), group: "storm" },
      { deviceId: "A", at: at("2026-03-03T10:00:00+08:00") },
    ];
    expect(weightedFailures(f, { timeZone: SH, acceptedGroups: [] })).toBe(1 + 2 + 4);
    expect(weightedFailures(f, { timeZone: SH, acceptedGroups: ["storm"] })).toBe(1 + 1 + 2);
  });
  it("K16: options.acceptedGroups accepts a group", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-20T04:00:00+08:00"), group: "grid" },
      { deviceId: "b", at: at("2026-03-20T05:00:00+08:00"), group: "grid" },
    ];
    expect(weightedFailures(f, { timeZone: SH, acceptedGroups: ["grid"] })).toBe(1);
  });
  it("K16 (docs/rules.md): an accepted group does not advance any device's count", () => {
    const f: Failure[] = [
      { deviceId: "a", at: at("2026-03-10T04:00:00+08:00"), group: "power-work", appealAccepted: true },
      { deviceId: "a", at: at("2026-03-11T04:00:00+08:00") },
      { deviceId: "a", at: at("2026-03-12T04:00:00+08:00") },
    ];
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    // group 1 + device a's 1st (1) and 2nd (2) ordinary failures
    expect(b.total).toBe(1 + 1 + 2);
    expect(b.rows.filter((r) => r.deviceId === "a").map((r) => r.nth)).toEqual([1, 2]);
  });
  it("K16: an accepted group counts once per local month (a label reused in a later month counts there too)", () => {
    const f: Failure[] = [
      { deviceId: "b", at: at("2026-04-01T01:00:00+08:00"), group: "storm", appealAccepted: true },
      { deviceId: "a", at: at("2026-03-31T23:00:00+08:00"), group: "storm" },
      { deviceId: "c", at: at("2026-05-20T01:00:00+08:00"), group: "storm" },
    ];
    const b = weightedFailuresBreakdown(f, { timeZone: SH });
    expect(b.byMonth).toEqual([
      { month: "2026-03", total: 1 },
      { month: "2026-04", total: 1 },
      { month: "2026-05", total: 1 },
    ]);
    expect(b.rows.map((r) => [r.month, r.group, r.forceMajeure, r.indices])).toEqual([
      ["2026-03", "storm", true, [1]],
      ["2026-04", "storm", true, [0]],
      ["2026-05", "storm", true, [2]],
    ]);
    expect(b.groups).toEqual([{ group: "storm", appealAccepted: true, decidedBy: "flag", failures: 3, months: ["2026-03", "2026-04", "2026-05"] }]);
  });
  it("K15 exact sums: 53 failures of one device in a month total 2^53 - 1; the 54th is OUT_OF_SAFE_RANGE unless capped", () => {
    const fs = (n: number): Failure[] => Array.from({ length: n }, (_, k) => ({ deviceId: "x", at: Date.UTC(2026, 2, 1) + k * 60_000 }));
    expect(weightedFailures(fs(53), { timeZone: "UTC" })).toBe(Number.MAX_SAFE_INTEGER);
    expectError(() => weightedFailures(fs(54), { timeZone: "UTC" }), "OUT_OF_SAFE_RANGE", ["failures"]);
    expectError(() => weightedFailuresBreakdown(fs(54), { timeZone: "UTC" }), "OUT_OF_SAFE_RANGE", ["failures", 53]);
    expectError(() => weightedFailures(fs(1024), { timeZone: "UTC" }), "OUT_OF_SAFE_RANGE", ["failures"]);
    expect(weightedFailures(fs(1024), { timeZone: "UTC", cap: 8 })).toBe(1 + 2 + 4 + 8 * 1021);
    const b = weightedFailuresBreakdown(fs(1024), { timeZone: "UTC", cap: 8 });
    expect(b.total).toBe(8175);
    expect(b.trace.steps[0]!.detail).toContain("capped at 8");
  });
  it("K16: conflicting appeal flags in one group are an error", () => {
    const f: Failure[] = [
      { deviceId: "a", at: 0, group: "g", appealAccepted: true },
      { deviceId: "b", at: 1, group: "g", appealAccepted: false },
    ];
    expectError(() => weightedFailures(f, { timeZone: "UTC" }), "INVALID_INPUT", ["failures", 1, "appealAccepted"]);
  });
  it("validates input: dates, device ids, time zone, appeal without group", () => {
    expectError(() => weightedFailures([{ deviceId: "a", at: new Date("nope") }], { timeZone: "UTC" }), "INVALID_INPUT", ["failures", 0, "at"]);
    expectError(() => weightedFailures([{ deviceId: "", at: 0 }], { timeZone: "UTC" }), "INVALID_INPUT", ["failures", 0, "deviceId"]);
    expectError(() => weightedFailures([], { timeZone: "Mars/Olympus" }), "INVALID_INPUT", ["options", "timeZone"]);
    // left out: the message says what to add, not "Unknown time zone undefined"
    expectError(() => weightedFailures([], {} as never), "INVALID_INPUT", ["options", "timeZone"]);
    expect(() => weightedFailures([], {} as never)).toThrow(/options\.timeZone is required: a device's failures are counted per calendar month/);
    expectError(() => weightedFailures([{ deviceId: "a", at: 0, appealAccepted: true }], { timeZone: "UTC" }), "INVALID_INPUT", ["failures", 0, "group"]);
    expectError(() => weightedFailures("x" as never, { timeZone: "UTC" }), "INVALID_INPUT", ["failures"]);
    expect(weightedFailures([], { timeZone: "UTC" })).toBe(0);
  });
  it("does not mutate its input", () => {
    const f: Failure[] = [
      { deviceId: "b", at: 10 },
      { deviceId: "a", at: 5 },
    ];
    const copy = JSON.parse(JSON.stringify(f));
    weightedFailuresBreakdown(f, { timeZone: "UTC" });
    expect(JSON.parse(JSON.stringify(f))).toEqual(copy);
  });

  const YEAR_2026 = Date.UTC(2026, 0, 1);
  const failureArb: fc.Arbitrary<Failure> = fc.record(
    {
      deviceId: fc.constantFrom("a", "b", "c"),
      at: fc.integer({ min: YEAR_2026, max: YEAR_2026 + 120 * 86_400_000 }),
      group: fc.constantFrom("g1", "g2"),
    },
    { requiredKeys: ["deviceId", "at"] },
  );
  const zoneArb = fc.constantFrom("UTC", "Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "America/St_Johns");
  const strip = (rows: readonly { indices: readonly number[] }[]): unknown[] => rows.map(({ indices: _i, ...r }) => r);

  it("law: shuffling the input changes neither the total nor the rows", () => {
    fc.assert(
      fc.property(fc.array(failureArb, { maxLength: 25 }), zoneArb, fc.array(fc.constantFrom("g1", "g2"), { maxLength: 2 }), fc.infiniteStream(fc.nat()), (fs, tz, acc, rnd) => {
        const shuffled = fs.map((f) => ({ f, k: rnd.next().value })).sort((x, y) => x.k - y.k).map((x) => x.f);
        const a = weightedFailuresBreakdown(fs, { timeZone: tz, acceptedGroups: acc });
        const b = weightedFailuresBreakdown(shuffled, { timeZone: tz, acceptedGroups: acc });
        expect(b.total).toBe(a.total);
        expect(strip(b.rows)).toEqual(strip(a.rows));
      }),
      { numRuns: 200 },
    );
  });
  it("law: months are the local months of timeZone (checked against Intl), so the host TZ does not matter", () => {
    fc.assert(
      fc.property(fc.array(failureArb, { maxLength: 15 }), zoneArb, (fs, tz) => {
        const fmt = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit" });
        const b = weightedFailuresBreakdown(fs, { timeZone: tz });
        for (const r of b.rows) {
          const parts = fmt.formatToParts(r.at);
          const y = parts.find((p) => p.type === "year")!.value;
          const m = parts.find((p) => p.type === "month")!.value;
          expect(r.month).toBe(`${y}-${m}`);
        }
      }),
      { numRuns: 100 },
    );
  });
  it("law: total equals the sum over devices and months of 2^k - 1 (no groups)", () => {
    fc.assert(
      fc.property(fc.array(failureArb.map(({ group: _g, ...f }) => f), { maxLength: 30 }), zoneArb, (fs, tz) => {
        const b = weightedFailuresBreakdown(fs, { timeZone: tz });
        const perKey = new Map<string, number>();
        for (const r of b.rows) perKey.set(`${r.deviceId}|${r.month}`, (perKey.get(`${r.deviceId}|${r.month}`) ?? 0) + 1);
        let expected = 0;
        for (const k of perKey.values()) expected += 2 ** k - 1;
        return b.total === expected && b.rows.length === fs.length;
      }),
    );
  });
  it("law: adding an ordinary failure raises the total by at least 1; a cap never raises it", () => {
    fc.assert(
      fc.property(fc.array(failureArb, { maxLength: 20 }), failureArb.map(({ group: _g, ...f }) => f), zoneArb, fc.integer({ min: 1, max: 8 }), (fs, extra, tz, cap) => {
        const before = weightedFailures(fs, { timeZone: tz, acceptedGroups: ["g1"] });
        const after = weightedFailures([...fs, extra], { timeZone: tz, acceptedGroups: ["g1"] });
        const capped = weightedFailures(fs, { timeZone: tz, acceptedGroups: ["g1"], cap });
        return after >= before + 1 && capped <= before;
      }),
    );
  });
  it("law: accepting a group never raises the total", () => {
    fc.assert(
      fc.property(fc.array(failureArb, { maxLength: 25 }), zoneArb, (fs, tz) => {
        // the group's failures each weighed >= 1 and may have advanced other counts; accepted, they weigh 1 in all
        const none = weightedFailures(fs, { timeZone: tz, acceptedGroups: [] });
        const one = weightedFailures(fs, { timeZone: tz, acceptedGroups: ["g1"] });
        const both = weightedFailures(fs, { timeZone: tz, acceptedGroups: ["g1", "g2"] });
        expect(weightedFailures(fs, { timeZone: tz })).toBe(none); // a bare group is not an accepted appeal
        return both <= one && one <= none;
      }),
    );
  });
});

describe("K14 aggregationFailureRate (002 art. 30): weighted failures / managed devices <= 1%", () => {
  it("K14: 4 weighted failures on 400 devices is exactly 1%, which meets the target", () => {
    const f: Failure[] = [
      { deviceId: "x", at: at("2026-05-03T08:00:00+08:00") },
      { deviceId: "x", at: at("2026-05-04T08:00:00+08:00") }, // weight 2
      { deviceId: "y", at: at("2026-05-05T08:00:00+08:00") },
    ];
    const r = aggregationFailureRate(f, { managedDevices: 400, timeZone: SH });
    expect([r.numerator, r.denominator, r.month]).toEqual([4, 400, "2026-05"]);
    expect(checkTarget("K14", r).met).toBe(true);
  });
  it("K14/K15: a device's 3rd failure pushes 400 devices over 1% (1+2+4 = 7)", () => {
    const f: Failure[] = [3, 4, 5].map((d) => ({ deviceId: "x", at: at(`2026-05-0${d}T08:00:00+08:00`) }));
    const r = aggregationFailureRate(f, { managedDevices: 400, timeZone: SH });
    expect(r.numerator).toBe(7);
    expect(checkTarget("K14", r).met).toBe(false);
  });
  it("K14: month selects the month; failures over several months need it", () => {
    const f: Failure[] = [
      { deviceId: "x", at: at("2026-05-31T23:00:00+08:00") },
      { deviceId: "x", at: at("2026-06-01T01:00:00+08:00") },
      { deviceId: "x", at: at("2026-06-02T01:00:00+08:00") },
    ];
    expectError(() => aggregationFailureRate(f, { managedDevices: 100, timeZone: SH }), "INVALID_INPUT", ["options", "month"]);
    expect(aggregationFailureRate(f, { managedDevices: 100, timeZone: SH, month: "2026-06" }).numerator).toBe(3);
    expect(aggregationFailureRate(f, { managedDevices: 100, timeZone: SH, month: "2026-05" }).numerator).toBe(1);
    expect(aggregationFailureRate(f, { managedDevices: 100, timeZone: SH, month: "2026-07" }).numerator).toBe(0);
  });
  it("K14: no managed devices gives value null; bad counts are errors", () => {
    expect(aggregationFailureRate([], { managedDevices: 0, timeZone: SH }).value).toBeNull();
    expectError(() => aggregationFailureRate([], { managedDevices: -1, timeZone: SH }), "INVALID_INPUT", ["options", "managedDevices"]);
    expectError(() => aggregationFailureRate([], { managedDevices: 2.5, timeZone: SH }), "INVALID_INPUT", ["options", "managedDevices"]);
    expectError(() => aggregationFailureRate([], { managedDevices: 2, timeZone: SH, month: "2026-13" }), "INVALID_INPUT", ["options", "month"]);
  });
  it("K14 + K16: an accepted force-majeure group counts once in the rate", () => {
    const f: Failure[] = Array.from({ length: 30 }, (_, i) => ({ deviceId: `d${i}`, at: at("2026-05-10T03:00:00+08:00"), group: "power-cut", appealAccepted: true }));
    const r = aggregationFailureRate(f, { managedDevices: 200, timeZone: SH });
    expect(r.numerator).toBe(1);
    expect(checkTarget("K14", r).met).toBe(true);
  });
});
