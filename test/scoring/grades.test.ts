import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { expectError } from "../kpi/helpers.js";
import {
  gradeDistribution,
  gradeFromIndicators,
  retrainingFlags,
  standardLevel,
  weightedEvaluation,
  type Grade,
} from "../../src/scoring/index.js";

const ind = (met: boolean[]) => met.map((m, i) => ({ id: `k${i}`, met: m }));

describe("G1 000 §3(4) grades", () => {
  it("G1 000 §3(4): excellent needs every indicator met and very high satisfaction (>= 0.95 default)", () => {
    expect(gradeFromIndicators(ind([true, true, true]), { satisfaction: 0.95 }).grade).toBe("excellent");
    expect(gradeFromIndicators(ind([true, true, true]), { satisfaction: 0.94 }).grade).toBe("good");
    expect(gradeFromIndicators(ind([true, true, true])).grade).toBe("good");
  });
  it("G1 000 §3(4): good when most (>= 80% default) meet", () => {
    expect(gradeFromIndicators(ind([true, true, true, true, false]), { satisfaction: 1 }).grade).toBe("good");
  });
  it("G1 000 §3(4): qualified when they basically meet (>= 60% default), unqualified when several fail", () => {
    expect(gradeFromIndicators(ind([true, true, true, false, false])).grade).toBe("qualified");
    const u = gradeFromIndicators(ind([true, true, false, false, false]));
    expect(u.grade).toBe("unqualified");
    expect(u.failed).toEqual(["k2", "k3", "k4"]);
  });
  it("G1 000 §3(4): thresholds are options", () => {
    expect(gradeFromIndicators(ind([true, true, true, false]), { mostShare: 0.7 }).grade).toBe("good");
    expect(gradeFromIndicators(ind([true]), { satisfaction: 0.9, veryHighSatisfaction: 0.9 }).grade).toBe("excellent");
  });
  it("G1: rejects empty input", () => {
    expect(() => gradeFromIndicators([])).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
  it("law: meeting more indicators never gives a worse grade", () => {
    const rank: Record<Grade, number> = { unqualified: 0, qualified: 1, good: 2, excellent: 3 };
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), fc.nat({ max: 11 }), (met, k) => {
        const i = k % met.length;
        const better = [...met];
        better[i] = true;
        return rank[gradeFromIndicators(ind(better)).grade] >= rank[gradeFromIndicators(ind(met)).grade];
      }),
    );
  });
});

describe("G2 000 §2-3 weighted evaluation", () => {
  it("G2 000 §2-3: evaluator weights over dimension means", () => {
    const r = weightedEvaluation(
      [
        { evaluator: "customer", dimension: "content", score: 80 },
        { evaluator: "customer", dimension: "attitude", score: 100 },
        { evaluator: "internal", dimension: "quality", score: 70 },
        { evaluator: "third-party", dimension: "quality", score: 60 },
      ],
      { evaluators: { customer: 0.5, internal: 0.3, "third-party": 0.2 } },
    );
    // customer: (80 + 100) / 2 = 90; 0.5 x 90 + 0.3 x 70 + 0.2 x 60 = 78
    expect(r.byEvaluator.customer).toBe(90);
    expect(r.score).toBe(78);
  });
  it("G2: a missing evaluator is reported and its weight left out", () => {
    const r = weightedEvaluation([{ evaluator: "customer", dimension: "content", score: 80 }], { evaluators: { customer: 0.6, internal: 0.4 } });
    expect(r.missingEvaluators).toEqual(["internal"]);
    expect(r.score).toBe(80);
  });
  it("G2: dimension weights", () => {
    const r = weightedEvaluation(
      [
        { evaluator: "customer", dimension: "content", score: 100 },
        { evaluator: "customer", dimension: "attitude", score: 50 },
      ],
      { evaluators: { customer: 1 }, dimensions: { content: 3, attitude: 1 } },
    );
    expect(r.score).toBe(87.5);
  });
  it("G2: an evaluator without a weight is an error", () => {
    try {
      weightedEvaluation([{ evaluator: "boss", dimension: "content", score: 1 }], { evaluators: { customer: 1 } });
      expect.unreachable();
    } catch (e) {
      expect(isSlaKitError(e, "INVALID_INPUT") && e.path).toEqual(["scores", 0, "evaluator"]);
    }
  });
});

describe("G3 000 §4 distribution", () => {
  it("G3 000 §4: grades per item and per person", () => {
    const d = gradeDistribution([
      { grade: "good", item: "repair", person: "a" },
      { grade: "good", item: "install", person: "a" },
      { grade: "unqualified", item: "repair", person: "b" },
    ]);
    expect(d.total).toBe(3);
    expect(d.overall).toEqual({ excellent: 0, good: 2, qualified: 0, unqualified: 1 });
    expect(d.byPerson.a).toEqual({ excellent: 0, good: 2, qualified: 0, unqualified: 0 });
    expect(d.byItem.repair).toEqual({ excellent: 0, good: 1, qualified: 0, unqualified: 1 });
  });
  it("law: counts are invariant under shuffling and sum to the total", () => {
    const g = fc.constantFrom<Grade>("excellent", "good", "qualified", "unqualified");
    fc.assert(
      fc.property(fc.array(fc.record({ grade: g, person: fc.constantFrom("a", "b") })), (recs) => {
        const d1 = gradeDistribution(recs);
        const d2 = gradeDistribution([...recs].reverse());
        const sum = Object.values(d1.overall).reduce((x, y) => x + y, 0);
        return JSON.stringify(d1.overall) === JSON.stringify(d2.overall) && sum === recs.length;
      }),
    );
  });
});

describe("G4 000 §5 retraining", () => {
  it("G4 000 §5 多次: two unqualified grades within the last 12 periods flag retraining, in a row or not (default)", () => {
    const history = [
      { person: "a", period: "2026-02", grade: "unqualified" },
      { person: "a", period: "2026-01", grade: "unqualified" },
      { person: "b", period: "2026-01", grade: "unqualified" },
      { person: "b", period: "2026-02", grade: "good" },
      { person: "b", period: "2026-03", grade: "unqualified" },
      { person: "c", period: "2026-03", grade: "unqualified" },
    ] as const;
    const flags = retrainingFlags(history);
    expect(flags.map((f) => [f.person, f.periods])).toEqual([
      ["a", ["2026-01", "2026-02"]],
      ["b", ["2026-01", "2026-03"]],
    ]);
    expect(flags[0]!.trace).toMatchObject({ sourceRef: "000 §5(1)", ruleId: "G4", count: 2, window: { size: 12, from: "2026-01", to: "2026-03" } });
    // the stricter reading: only grades in a row
    expect(retrainingFlags(history, { consecutive: 2 }).map((f) => f.person)).toEqual(["a"]);
  });
  it("G4: grades older than the window do not count; the window is the last N periods of the history passed in", () => {
    const months = Array.from({ length: 14 }, (_, k) => `2025-${String(k + 1).padStart(2, "0")}`); // sortable text
    const h = months.map((period, k) => ({ person: "a", period, grade: (k === 0 || k === 13 ? "unqualified" : "good") as "unqualified" | "good" }));
    expect(retrainingFlags(h)).toEqual([]); // period 1 is outside the last 12
    expect(retrainingFlags(h, { window: 14 })[0]!.periods).toEqual([months[0], months[13]]);
    expect(retrainingFlags(h, { count: 1 })[0]!.periods).toEqual([months[13]]);
    expectError(() => retrainingFlags(h, { window: 0 }), "INVALID_INPUT", ["options", "window"]);
    expectError(() => retrainingFlags(h, { count: 1.5 }), "INVALID_INPUT", ["options", "count"]);
  });
  it("law: the windowed reading flags everyone the consecutive reading flags (same count, window covering the history)", () => {
    const gradeArb = fc.constantFrom("excellent", "good", "qualified", "unqualified") as fc.Arbitrary<"excellent" | "good" | "qualified" | "unqualified">;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), fc.integer({ min: 1, max: 20 }), gradeArb), { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (rows, n) => {
        const seen = new Set<string>();
        const h = rows
          .map(([person, p, grade]) => ({ person, period: `P${String(p).padStart(2, "0")}`, grade }))
          .filter((r) => (seen.has(r.person + r.period) ? false : (seen.add(r.person + r.period), true)));
        const strict = new Set(retrainingFlags(h, { consecutive: n }).map((f) => f.person));
        const wide = new Set(retrainingFlags(h, { count: n, window: 1000 }).map((f) => f.person));
        return [...strict].every((p) => wide.has(p));
      }),
    );
  });
  it("G4: the count is configurable", () => {
    const h = [
      { person: "a", period: "2026-Q1", grade: "unqualified" as const },
      { person: "a", period: "2026-Q2", grade: "unqualified" as const },
    ];
    expect(retrainingFlags(h, { consecutive: 3 })).toEqual([]);
    expect(retrainingFlags(h, { consecutive: 1 })[0]!.periods).toEqual(["2026-Q2"]);
  });
});

describe("G5 001 §1.3 three standard levels", () => {
  const sat = { direction: "higher-better", basic: 4.5, improved: 4.7, excellent: 4.9 } as const;
  it("G5 001 §1.3: basic / improved / excellent, inclusive bounds", () => {
    expect(standardLevel(4.4, sat).level).toBe("below-basic");
    expect(standardLevel(4.5, sat).level).toBe("basic");
    expect(standardLevel(4.7, sat).level).toBe("improved");
    expect(standardLevel(4.9, sat).level).toBe("excellent");
  });
  it("G5 001 §1.3: lower-better standards (response within 24 h)", () => {
    const resp = { direction: "lower-better", basic: 24, improved: 12, excellent: 4 } as const;
    expect(standardLevel(24, resp).level).toBe("basic");
    expect(standardLevel(25, resp).level).toBe("below-basic");
    expect(standardLevel(3, resp).level).toBe("excellent");
    expect(() => standardLevel(1, { ...resp, improved: 30 })).toThrow(expect.objectContaining({ code: "INVALID_RULE" }));
  });
});
