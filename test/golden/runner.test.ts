import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPolicies, matchExpected, parseCaseFile, runCase, runCaseFile, updateCaseFile, type CaseFile } from "../../src/golden/index.js";
import { parsePolicy, robotIntegration2026, type Policy } from "../../src/sla/index.js";
import { isSlaKitError } from "../../src/errors.js";

const faultQuery = { service: "fault", tier: "core", urgency: "urgent", stage: "response" };
const ticket = {
  id: "T-1",
  service: "fault",
  tier: "core",
  urgency: "urgent",
  createdAt: "2024-05-06T10:00:00+08:00",
  events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }],
};

function withFaultResponse(within: string): Policy {
  const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; targets: { service: string; tier?: string; urgency?: string; stage: string; within: unknown }[] };
  json.version = `test-${within}`;
  json.targets = json.targets.map((t) => (t.service === "fault" && t.tier === "core" && t.urgency === "urgent" && t.stage === "response" ? { ...t, within } : t));
  return parsePolicy(json);
}

describe("matchExpected: subset, instants, tolerance", () => {
  it("instants compare as instants whatever their offset", () => {
    expect(matchExpected("2024-05-06T10:15:00+08:00", new Date("2024-05-06T02:15:00Z"))).toEqual([]);
    expect(matchExpected("2024-05-06T10:15:00+08:00", "2024-05-06T02:15:00.000Z")).toEqual([]);
    expect(matchExpected("2024-05-06T10:15:00+08:00", new Date("2024-05-06T02:15:01Z"))).toHaveLength(1);
    expect(matchExpected("2024-05-06T10:15:00+08:00", new Date("2024-05-06T02:15:01Z"), { ms: 1000 })).toEqual([]);
    // a mismatch shows the actual instant in the offset the expectation is written in
    expect(matchExpected({ dueAt: "2024-05-06T10:15+08:00" }, { dueAt: "2024-05-06T02:20:00.000Z" })[0]?.message).toBe(
      'dueAt: expected "2024-05-06T10:15+08:00", got "2024-05-06T10:20+08:00" (compared as instants)',
    );
  });
  it("objects match as a subset; arrays of stages by stage, of items by id, others by position", () => {
    const actual = { total: 90, extra: 1, stages: [{ stage: "a", status: "met" }, { stage: "b", status: "pending" }], list: [1, 2] };
    expect(matchExpected({ stages: [{ stage: "b", status: "pending" }] }, actual)).toEqual([]);
    expect(matchExpected({ stages: [{ stage: "c" }] }, actual)[0]?.message).toContain("no item with stage");
    expect(matchExpected({ list: [1] }, actual)).toHaveLength(1);
    expect(matchExpected({ list: [1, 2] }, actual)).toEqual([]);
    expect(matchExpected({ items: [{ id: "x", points: 3 }] }, { items: [{ id: "y", points: 1 }, { id: "x", points: 3 }] })).toEqual([]);
  });
  it("numbers match within the points tolerance (default 1e-9)", () => {
    expect(matchExpected(0.3, 0.1 + 0.2)).toEqual([]);
    expect(matchExpected(0.3, 0.31)).toHaveLength(1);
    expect(matchExpected(0.3, 0.31, { points: 0.02 })).toEqual([]);
  });
  it("null expects null or a missing value; a mismatch names its path", () => {
    expect(matchExpected({ a: null }, {})).toEqual([]);
    const [m] = matchExpected({ a: { b: "x" } }, { a: { b: "y" } });
    expect(m?.path).toEqual(["a", "b"]);
    expect(m?.message).toBe('a.b: expected "x", got "y"');
  });
  it("law: any plain value matches itself, and any sub-object of it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(matchExpected(v, v)).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), (obj, k) => {
        const keys = Object.keys(obj);
        const sub = Object.fromEntries(keys.slice(0, k % (keys.length + 1)).map((x) => [x, obj[x]]));
        expect(matchExpected(sub, obj)).toEqual([]);
      }),
    );
  });
});

describe("runCase and runCaseFile", () => {
  it("passes a correct dueAt case, with the rule that fired (S4, 003 §6(2))", () => {
    const r = runCase({ id: "S4", kind: "dueAt", input: { query: faultQuery, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T10:15:00+08:00", expectRule: "003 §6(2)" }, { policy: robotIntegration2026 });
    expect(r.status).toBe("pass");
    expect(r.rules).toContain("003 §6(2)");
  });
  it("fails a wrong expectation and a wrong rule, saying why", () => {
    const r = runCase({ id: "x", kind: "dueAt", input: { query: faultQuery, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T10:30:00+08:00", expectRule: "003 §6(5)" }, { policy: robotIntegration2026 });
    expect(r.status).toBe("fail");
    expect(r.mismatches.map((m) => m.path)).toEqual([[], ["rule"]]);
    expect(r.mismatches[0]?.message).toContain("compared as instants");
    expect(r.mismatches[1]?.message).toContain("expected rule 003 §6(5)");
  });
  it("expectError passes on the right code and fails on another code or on success", () => {
    const bad = { query: { ...faultQuery, tier: "gold" }, anchor: "2024-05-06T10:00:00+08:00" };
    expect(runCase({ id: "e", kind: "dueAt", input: bad, expectError: "UNKNOWN_VALUE" }, { policy: robotIntegration2026 }).status).toBe("pass");
    expect(runCase({ id: "e", kind: "dueAt", input: bad, expectError: "NO_MATCHING_TARGET" }, { policy: robotIntegration2026 }).status).toBe("fail");
    expect(runCase({ id: "e", kind: "dueAt", input: { query: faultQuery, anchor: "2024-05-06T10:00:00+08:00" }, expectError: "UNKNOWN_VALUE" }, { policy: robotIntegration2026 }).status).toBe("fail");
  });
  it("an unexpected error fails the case with its code", () => {
    const r = runCase({ id: "e", kind: "dueAt", input: { query: { ...faultQuery, tier: "gold" }, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T10:15:00+08:00" }, { policy: robotIntegration2026 });
    expect(r.status).toBe("fail");
    expect(r.error?.code).toBe("UNKNOWN_VALUE");
  });
  it("runCaseFile resolves built-in policies, counts, filters; unknown kinds and policies are INVALID_CASE_FILE", () => {
    const file: CaseFile = {
      policy: "robotIntegration2026",
      cases: [
        { id: "ok", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket }, expect: { stages: [{ stage: "response", status: "met" }] } },
        { id: "bad", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket }, expect: { stages: [{ stage: "response", status: "breached" }] } },
      ],
    };
    const r = runCaseFile(file);
    expect([r.passed, r.failed]).toEqual([1, 1]);
    expect(r.policy?.hash).toBe(robotIntegration2026.hash);
    expect(runCaseFile(file, { filter: "ok" }).results.map((x) => x.id)).toEqual(["ok"]);
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isSlaKitError(e) ? e.code : "other";
      }
      return "none";
    };
    expect(codeOf(() => runCaseFile({ cases: [{ id: "k", kind: "nope", input: {} }] }))).toBe("INVALID_CASE_FILE");
    expect(codeOf(() => runCaseFile({ policy: "nope", cases: [] }))).toBe("INVALID_CASE_FILE");
    expect(codeOf(() => runCaseFile({ cases: [{ id: "k", kind: "dueAt", input: {} }] }))).toBe("INVALID_CASE_FILE");
    expect(codeOf(() => parseCaseFile({ cases: [{ id: "a", kind: "ratio", input: {} }, { id: "a", kind: "ratio", input: {} }] }))).toBe("INVALID_CASE_FILE");
  });
  it("kpi and scoring kinds take their arguments by name", () => {
    const r = runCaseFile({
      cases: [
        { id: "K1", kind: "ratio", input: { numerator: 9, denominator: 10 }, expect: { value: 0.9 } },
        { id: "K15", kind: "failureWeight", input: { n: 4 }, expect: 8 },
        { id: "P1", kind: "evaluateRule", input: { rule: { kind: "linear", points: 10, target: 0.98, zeroBelow: 0.9 }, value: 0.89 }, expect: { points: 0 } },
      ],
    });
    expect(r.failed).toBe(0);
  });
});

describe("updateCaseFile", () => {
  it("rewrites expectations to the actual results, keeping their shape, and turns errors into expectError", () => {
    const file: CaseFile = {
      policy: "robotIntegration2026",
      cases: [
        { id: "a", kind: "dueAt", input: { query: faultQuery, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T11:00:00+08:00" },
        { id: "b", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket }, expect: { stages: [{ stage: "response", status: "breached" }] } },
        { id: "c", kind: "dueAt", input: { query: { ...faultQuery, tier: "gold" }, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T11:00:00+08:00" },
      ],
    };
    const updated = updateCaseFile(file, runCaseFile(file));
    expect(updated.cases[0]?.expect).toBe("2024-05-06T10:15:00+08:00");
    expect(updated.cases[1]?.expect).toEqual({ stages: [{ stage: "response", status: "met" }] });
    expect(updated.cases[2]).toMatchObject({ expectError: "UNKNOWN_VALUE" });
    expect(updated.cases[2]?.expect).toBeUndefined();
    expect(runCaseFile(updated).failed).toBe(0);
  });
});

describe("diffPolicies", () => {
  it("reports changed targets per service and the outcomes that flip, with both hashes", () => {
    const tighter = withFaultResponse("PT10M");
    const d = diffPolicies(robotIntegration2026, tighter, [{ id: "t", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket } }]);
    expect(d.targets["fault"]).toEqual([
      { service: "fault", stage: "response", tier: "core", urgency: "urgent", change: "changed", fields: { within: { old: "PT15M", new: "PT10M" } } },
    ]);
    expect(d.flips).toContainEqual({ caseId: "t", stage: "response", field: "status", old: "met", new: "breached" });
    expect(d.counts["met -> breached"]).toBe(1);
    expect(d.old.hash).not.toBe(d.new.hash);
  });
  it("law: a policy diffed with itself changes nothing", () => {
    const d = diffPolicies(robotIntegration2026, parsePolicy(JSON.parse(JSON.stringify(robotIntegration2026))), [{ id: "t", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket } }]);
    expect(d.targets).toEqual({});
    expect(d.flips).toEqual([]);
    expect(d.old.hash).toBe(d.new.hash);
  });
});
