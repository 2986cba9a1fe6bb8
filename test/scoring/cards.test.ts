import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isSlaKitError } from "../../src/errors.js";
import { expectError } from "../kpi/helpers.js";
import {
  accountManagerCard,
  businessHallCard,
  callCentreCard,
  evaluateRule,
  networkCard,
  parseScorecard,
  scorecard,
  type Scorecard,
  type ScoringRule,
} from "../../src/scoring/index.js";

function rule(card: Scorecard, id: string): ScoringRule {
  const item = card.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item.rule;
}

const cc = callCentreCard();
const am = accountManagerCard();
const net = networkCard();

describe("call centre (002 art. 9)", () => {
  const sat = rule(cc, "satisfaction");
  it("P1 002 art. 9.3: 0 below 90%", () => {
    expect(evaluateRule(sat, 0.8999).points).toBe(0);
    expect(evaluateRule(sat, 0.5).points).toBe(0);
  });
  it("P1 002 art. 9.3: 90% itself is scored, linear actual / 98%", () => {
    expect(evaluateRule(sat, 0.9).points).toBeCloseTo(45 * (0.9 / 0.98), 10);
    expect(evaluateRule(sat, 0.95).points).toBeCloseTo(45 * (0.95 / 0.98), 10);
  });
  it("P1 002 art. 9.3: capped at full points at and above 98%", () => {
    expect(evaluateRule(sat, 0.98).points).toBe(45);
    expect(evaluateRule(sat, 0.995).points).toBe(45);
  });
  const vol = rule(cc, "callVolume");
  it("P2 002 art. 9.4: 2200 or more calls keep full points", () => {
    expect(evaluateRule(vol, 2200).points).toBe(10);
    expect(evaluateRule(vol, 2500).points).toBe(10);
  });
  it("P2 002 art. 9.4: 2200 down to 1800 minus 1 point per 100 short", () => {
    expect(evaluateRule(vol, 2100).points).toBe(9);
    expect(evaluateRule(vol, 1800).points).toBe(6);
  });
  it("P2 002 art. 9.4: 1800 down to 1600 minus 2 per 100", () => {
    expect(evaluateRule(vol, 1700).points).toBe(4);
    expect(evaluateRule(vol, 1600).points).toBe(2);
  });
  it("P2 002 art. 9.4 (interpretation): the 2-per-100 band continues to 1500, recorded in the trace", () => {
    const r = evaluateRule(vol, 1500);
    expect(r.points).toBe(0); // 10 - 4 - 6
    expect(r.trace.interpretation).toMatch(/1600-1500/);
    expect(evaluateRule(callCentreCard({ points: { callVolume: 20 } }).items[1]!.rule, 1500).points).toBe(10);
  });
  it("P2 002 art. 9.4: below 1500 scores 0", () => {
    expect(evaluateRule(callCentreCard({ points: { callVolume: 20 } }).items[1]!.rule, 1499).points).toBe(0);
  });
  it("P14: P2 counts whole hundreds by default (floor); ceil and prorata on request", () => {
    expect(evaluateRule(vol, 2150).points).toBe(10);
    expect(evaluateRule(rule(callCentreCard({ rounding: "ceil" }), "callVolume"), 2150).points).toBe(9);
    expect(evaluateRule(rule(callCentreCard({ rounding: "prorata" }), "callVolume"), 2150).points).toBe(9.5);
  });
  const cb = rule(cc, "callbackRate");
  it("P3 002 art. 9.5: callback rate 0 below 70%; linear actual / 90%", () => {
    expect(evaluateRule(cb, 0.69).points).toBe(0);
    expect(evaluateRule(cb, 0.72).points).toBeCloseTo(45 * 0.8, 10);
    expect(evaluateRule(cb, 0.9).points).toBe(45);
  });
});

describe("business hall (002 art. 15)", () => {
  const sat = rule(businessHallCard(), "satisfaction");
  it("P4 002 art. 15.3: 0 below 90%; linear actual / 95%", () => {
    expect(evaluateRule(sat, 0.89).points).toBe(0);
    expect(evaluateRule(sat, 0.9).points).toBeCloseTo(100 * (0.9 / 0.95), 10);
    expect(evaluateRule(sat, 0.96).points).toBe(100);
  });
});

describe("account managers (002 art. 21)", () => {
  it("P5 002 art. 21.3: 0 below 90%; linear actual / 95%", () => {
    const r = rule(am, "satisfaction");
    expect(evaluateRule(r, 0.899).points).toBe(0);
    expect(evaluateRule(r, 0.931).points).toBeCloseTo(30 * (0.931 / 0.95), 10);
    expect(evaluateRule(r, 0.95).points).toBe(30);
  });
  it("P6 002 art. 21.4: in-network rate 0 below 77%; linear actual / 80%", () => {
    const r = rule(am, "inNetworkRate");
    expect(evaluateRule(r, 0.769).points).toBe(0);
    expect(evaluateRule(r, 0.78).points).toBeCloseTo(20 * (0.78 / 0.8), 10);
    expect(evaluateRule(r, { numerator: 80, denominator: 100, value: 0.8 }).points).toBe(20);
  });
  it("P7 002 art. 21.4: churn above 2% scores 0; 2% itself keeps the points", () => {
    const r = rule(am, "churnRate");
    expect(evaluateRule(r, 0.02).points).toBe(10);
    expect(evaluateRule(r, 0.0201).points).toBe(0);
  });
  it("P8 002 art. 21.5: timely rate below 99%: minus 2 points per percentage point short", () => {
    const r = rule(am, "timelyRate");
    expect(evaluateRule(r, 0.99).points).toBe(20);
    expect(evaluateRule(r, 0.98).points).toBe(18);
    expect(evaluateRule(r, 0.97).points).toBe(16);
    expect(evaluateRule(r, 0.975).points).toBe(18); // whole points (floor)
    expect(evaluateRule(r, 0.5).points).toBe(0);
  });
  it("P9 002 art. 21.5: false work orders minus 1 point per case", () => {
    const r = rule(am, "falseWorkOrders");
    expect(evaluateRule(r, 0).points).toBe(10);
    expect(evaluateRule(r, 3).points).toBe(7);
    expect(evaluateRule(r, 12).points).toBe(0);
  });
  it("P10 002 art. 21.6: 30-min response share below 70%: minus 0.5 per point short", () => {
    const r = rule(am, "response30Share");
    expect(evaluateRule(r, 0.7).points).toBe(10);
    expect(evaluateRule(r, 0.68).points).toBe(9);
    expect(evaluateRule(r, 0.6).points).toBe(5);
  });
});

describe("network (002 arts. 23, 31)", () => {
  it("P11 002 art. 31.3: core reliability below 99.9% scores 0", () => {
    const r = rule(net, "coreReliability");
    expect(evaluateRule(r, 0.999).points).toBe(40);
    expect(evaluateRule(r, 0.9989).points).toBe(0);
  });
  it("P12 002 art. 31.3: each 0.1 point over 0.5% deducts 1/5 of the item's points; above 1% scores 0", () => {
    const r = rule(net, "aggregationFailureRate");
    expect(evaluateRule(r, 0.005).points).toBe(30);
    expect(evaluateRule(r, 0.006).points).toBe(24);
    expect(evaluateRule(r, 0.008).points).toBe(12);
    expect(evaluateRule(r, 0.009).points).toBe(6);
    expect(evaluateRule(r, 0.01).points).toBe(0);
    expect(evaluateRule(r, 0.0101).points).toBe(0);
    const r10 = rule(networkCard({ points: { aggregationFailureRate: 10 } }), "aggregationFailureRate");
    expect(evaluateRule(r10, 0.007).points).toBe(6);
  });
  it("P13 002 art. 23 (reading over-3): minus 5 per failure over 3; more than 5 scores 0", () => {
    const r = rule(net, "egressFailures");
    expect(evaluateRule(r, 3).points).toBe(30);
    expect(evaluateRule(r, 4).points).toBe(25);
    expect(evaluateRule(r, 5).points).toBe(20);
    expect(evaluateRule(r, 6).points).toBe(0);
    expect(evaluateRule(r, 4).trace.interpretation).toMatch(/over-3/);
  });
  it("P13 002 art. 23 (reading from-3rd): the 3rd failure already deducts 5", () => {
    const r = rule(networkCard({ egressReading: "from-3rd" }), "egressFailures");
    expect(evaluateRule(r, 2).points).toBe(30);
    expect(evaluateRule(r, 3).points).toBe(25);
    expect(evaluateRule(r, 5).points).toBe(15);
    expect(evaluateRule(r, 6).points).toBe(0);
  });
});

describe("scorecard", () => {
  it("every built-in card is valid JSON data and survives a JSON round trip", () => {
    for (const card of [cc, businessHallCard(), am, net]) {
      expect(parseScorecard(JSON.parse(JSON.stringify(card)))).toEqual(card);
      for (const item of card.items) expect(item.rule.sourceRef).toMatch(/^002 art\. /);
    }
  });
  it("sums items, with traces, and grades a complete card", () => {
    const r = scorecard(cc, { satisfaction: 0.98, callVolume: 1700, callbackRate: 0.9 });
    expect(r.total).toBe(45 + 4 + 45);
    expect(r.maxTotal).toBe(100);
    expect(r.complete).toBe(true);
    expect(r.gradeByPoints).toBe("excellent");
    expect(r.grade).toBe("qualified"); // G1: 1700 calls miss the 2200 standard, 2 of 3 met
    expect(scorecard(cc, { satisfaction: 0.98, callVolume: 2200, callbackRate: 0.9 }).grade).toBe("excellent");
    expect(r.items[1]).toMatchObject({ id: "callVolume", status: "scored", points: 4, maxPoints: 10, weight: 1 });
  });
  it("missing values are reported, never scored 0, and give no grade", () => {
    const r = scorecard(cc, { satisfaction: 0.98, callbackRate: { numerator: 0, denominator: 0, value: null, reason: "no callbacks due" } });
    expect(r.missing).toEqual(["callVolume", "callbackRate"]);
    expect(r.total).toBe(45);
    expect(r.scoredMaxTotal).toBe(45);
    expect(r.maxTotal).toBe(100);
    expect(r.complete).toBe(false);
    expect(r.grade).toBeUndefined();
    expect(r.items[2]).toMatchObject({ status: "missing", reason: "no callbacks due" });
    expect(r.trace.notes.join(" ")).toMatch(/missing/);
  });
  it("weights multiply item points exactly", () => {
    const card: Scorecard = {
      id: "w", name: "W",
      items: [
        { id: "a", rule: { kind: "threshold", points: 0.1, pass: { op: ">=", value: 1 } }, weight: 3 },
        { id: "b", rule: { kind: "threshold", points: 0.2, pass: { op: ">=", value: 1 } } },
      ],
    };
    const r = scorecard(card, { a: 1, b: 1 });
    expect(r.total).toBe(0.5);
    expect(r.maxTotal).toBe(0.5);
  });
  it("unknown item ids and invalid item rules throw with paths", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return isSlaKitError(e) ? [e.code, e.path] : e;
      }
      return null;
    };
    expect(err(() => scorecard(cc, { satisfacton: 0.9 }))).toEqual(["INVALID_INPUT", ["values", "satisfacton"]]);
    const bad = { id: "b", name: "B", items: [{ id: "x", rule: { kind: "linear", points: 1, target: -1 } }] } as unknown as Scorecard;
    expect(err(() => scorecard(bad, {}))).toEqual(["INVALID_RULE", ["items", 0, "rule", "target"]]);
    expect(err(() => callCentreCard({ points: { nope: 1 } as never }))).toEqual(["INVALID_INPUT", ["points", "nope"]]);
  });
});

describe("G1 000 §3(4) grade cap: excellent needs every indicator met", () => {
  it("G1 000 §3(4): satisfaction 0.90 against 0.98 scores 96.3 but is not excellent", () => {
    const r = scorecard(callCentreCard(), { satisfaction: 0.9, callVolume: 2200, callbackRate: 0.9 });
    expect(r.total).toBeCloseTo(96.3265, 3);
    expect(r.gradeByPoints).toBe("excellent");
    expect(r.grade).toBe("qualified"); // 2 of 3 met: below mostShare 0.8, at least basicShare 0.6
    expect(r.indicators).toEqual({ met: 2, total: 3, missed: ["satisfaction"] });
    expect(r.trace.grading).toEqual({ ruleId: "G1", sourceRef: "000 §3(4)", cap: "qualified", mostShare: 0.8, basicShare: 0.6 });
    expect(r.items.map((i) => (i.status === "scored" ? i.met : null))).toEqual([false, true, true]);
  });
  it("G1: the shares are parameters; options.indicators adds or overrides indicators (e.g. checkTarget results)", () => {
    const v = { satisfaction: 0.9, callVolume: 2200, callbackRate: 0.9 };
    expect(scorecard(callCentreCard(), v, { mostShare: 0.6, basicShare: 0.5 }).grade).toBe("good");
    expect(scorecard(callCentreCard(), v, { indicators: { satisfaction: true } }).grade).toBe("excellent");
    const full = { satisfaction: 0.98, callVolume: 2200, callbackRate: 0.9 };
    expect(scorecard(callCentreCard(), full).grade).toBe("excellent");
    expect(scorecard(callCentreCard(), full, { indicators: { K2: null } }).indicators).toEqual({ met: 3, total: 4, missed: ["K2"] });
    expectError(() => scorecard(callCentreCard(), full, { indicators: { K2: "yes" as never } }), "INVALID_INPUT", ["options", "indicators", "K2"]);
    expectError(() => scorecard(callCentreCard(), full, { mostShare: 0.5, basicShare: 0.6 }), "INVALID_INPUT", ["options", "basicShare"]);
  });
  it("G1: cards with their own grade names are not capped", () => {
    const card: Scorecard = { id: "c", name: "C", items: [{ id: "a", rule: { kind: "threshold", points: 10, pass: { op: ">=", value: 1 } } }, { id: "b", rule: { kind: "linear", points: 10, target: 1 } }], grades: [{ grade: "A", minTotal: 10 }, { grade: "B", minTotal: 0 }] };
    const r = scorecard(card, { a: 1, b: 0.5 });
    expect(r.grade).toBe("A");
    expect(r.gradeByPoints).toBeUndefined();
  });
  it("law: the capped grade is never above the band grade, and excellent only when every indicator is met", () => {
    const order = ["excellent", "good", "qualified", "unqualified"];
    fc.assert(
      fc.property(fc.double({ min: 0.85, max: 1, noNaN: true }), fc.integer({ min: 1400, max: 2400 }), fc.double({ min: 0.6, max: 1, noNaN: true }), (s, c, b) => {
        const r = scorecard(callCentreCard(), { satisfaction: s, callVolume: c, callbackRate: b });
        const band = r.gradeByPoints ?? r.grade!;
        return order.indexOf(r.grade!) >= order.indexOf(band) && (r.grade !== "excellent" || r.indicators.met === r.indicators.total);
      }),
    );
  });
  it("evaluateRule reports met: a linear target reached, a threshold passed, no step reached (floor full points are not met)", () => {
    const p2 = callCentreCard().items[1]!.rule;
    expect(evaluateRule(p2, 2150)).toMatchObject({ points: 10, met: false });
    expect(evaluateRule(p2, 2200)).toMatchObject({ points: 10, met: true });
    expect(evaluateRule({ kind: "linear", points: 10, target: 0.98 }, 0.98).met).toBe(true);
    expect(evaluateRule({ kind: "threshold", points: 10, pass: { op: ">=", value: 0.999 } }, 0.9989).met).toBe(false);
  });
});

describe("P12 and P15 on the network card (002 art. 31.3)", () => {
  it("P15 002 art. 31.3: backbone reliability below 99.5% scores 0, at 99.5% keeps its 20 points", () => {
    const card = networkCard();
    expect(card.items.map((i) => i.id)).toEqual(["coreReliability", "backboneReliability", "aggregationFailureRate", "egressFailures"]);
    const bb = card.items[1]!.rule;
    expect(evaluateRule(bb, 0.995).points).toBe(20);
    expect(evaluateRule(bb, 0.9949).points).toBe(0);
    expect(evaluateRule(bb, 0.995).trace).toMatchObject({ ruleId: "P15", sourceRef: "002 art. 31.3" });
  });
  it("P12: the default reading is the rate itself; aggregationReading excess reads the band as the excess over 1%", () => {
    const rule = (o?: { aggregationReading: "rate" | "excess" }) => networkCard(o).items.find((i) => i.id === "aggregationFailureRate")!.rule;
    expect([0.005, 0.008, 0.01, 0.012, 0.018, 0.021].map((v) => evaluateRule(rule(), v).points)).toEqual([30, 12, 0, 0, 0, 0]);
    expect([0.005, 0.008, 0.012, 0.015, 0.018, 0.02, 0.021].map((v) => evaluateRule(rule({ aggregationReading: "excess" }), v).points)).toEqual([30, 30, 30, 30, 12, 0, 0]);
    expect(() => networkCard({ aggregationReading: "x" as never })).toThrow(/aggregationReading/);
  });
});
