/**
 * Issue 14 (golden entry points) and issue 16 (case-file mistakes, --update): only SlaKitError
 * escapes runCase, runCaseFile, matchExpected, updateCaseFile and diffPolicies; case files that
 * cannot mean what they say are INVALID_CASE_FILE.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { caseKinds, diffPolicies, matchExpected, parseCaseFile, runCase, runCaseFile, updateCaseFile, type CaseFile } from "../../src/golden/index.js";
import { parsePolicy, robotIntegration2026, type PolicyJson } from "../../src/sla/index.js";
import { readFileSync } from "node:fs";

const q = { service: "fault", tier: "core", urgency: "urgent", stage: "response" };
const ok = { id: "S4", kind: "dueAt", input: { query: q, anchor: "2024-05-06T10:00:00+08:00" }, expect: "2024-05-06T10:15:00+08:00" };

/** The error code a call throws ("none" when it returns); anything but a SlaKitError fails the test. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!isSlaKitError(e)) throw new Error(`not a SlaKitError: ${String(e)}`, { cause: e });
    return e.code;
  }
  return "none";
}

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe("only SlaKitError escapes the golden entry points (issue 14)", () => {
  it("bad arguments are INVALID_ARGUMENT or INVALID_CASE_FILE, never TypeError", () => {
    for (const bad of [null, undefined, 1, "x", [], {}, { id: 1 }, { id: "a", kind: "dueAt" }]) {
      expect(["INVALID_CASE_FILE", "INVALID_ARGUMENT"]).toContain(codeOf(() => runCase(bad as never, { policy: robotIntegration2026 })));
      expect(["INVALID_CASE_FILE", "INVALID_ARGUMENT"]).toContain(codeOf(() => runCaseFile(bad)));
      expect(["INVALID_CASE_FILE", "INVALID_ARGUMENT"]).toContain(codeOf(() => updateCaseFile(bad as never, bad as never)));
      expect(codeOf(() => diffPolicies(bad as never, robotIntegration2026))).toBe("INVALID_ARGUMENT");
      expect(["INVALID_ARGUMENT", "none"]).toContain(codeOf(() => matchExpected(1, 1, bad as never)));
    }
    expect(codeOf(() => runCase(ok, null as never))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => runCase(ok, { policy: {} as never }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => runCase(ok, { policy: robotIntegration2026, index: -1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => runCaseFile({ policy: "robotIntegration2026", cases: [ok] }, { filter: 3 as never }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => updateCaseFile({ cases: [ok] }, { results: "x" } as never))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => diffPolicies(robotIntegration2026, robotIntegration2026, "x" as never))).toBe("INVALID_ARGUMENT");
  });
  it("10,000-deep nesting is an error in matchExpected and in case files, never a stack overflow", () => {
    const deep = nested(10_000);
    expect(codeOf(() => matchExpected(deep, deep))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => matchExpected(1, deep))).toBe("INVALID_ARGUMENT");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(codeOf(() => matchExpected({ self: {} }, cyclic))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => runCaseFile({ cases: [{ id: "d", kind: "ratio", input: { numerator: deep, denominator: 1 }, expect: 1 }] }))).toBe("INVALID_CASE_FILE");
    // a real result is far shallower than the limit
    expect(matchExpected(nested(50), nested(50))).toEqual([]);
  });
  it("Object.prototype names are not case kinds or built-in policies (Map / own-property lookups)", () => {
    for (const kind of ["valueOf", "toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(codeOf(() => runCaseFile({ cases: [{ id: "k", kind, input: {}, expect: 1 }] }))).toBe("INVALID_CASE_FILE");
      expect(caseKinds).not.toContain(kind);
    }
    expect(codeOf(() => runCaseFile({ policy: "toString", cases: [] }))).toBe("INVALID_CASE_FILE");
  });
  it("law: any JSON-ish case runCase is given returns a result or throws a SlaKitError", () => {
    fc.assert(
      fc.property(fc.record({ id: fc.string(), kind: fc.constantFrom(...caseKinds, "valueOf", "nope"), input: fc.dictionary(fc.string(), fc.jsonValue()), expect: fc.jsonValue() }, { requiredKeys: ["id", "kind"] }), (c) => {
        codeOf(() => runCase(c as never, { policy: robotIntegration2026 }));
      }),
      { numRuns: 300 },
    );
  });
});

describe("case-file mistakes are INVALID_CASE_FILE, with the fix (issue 16)", () => {
  const file = (c: Record<string, unknown>) => ({ policy: "robotIntegration2026", cases: [c] });
  const message = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return isSlaKitError(e) ? `${e.code} ${JSON.stringify(e.path)} ${e.message}` : "other";
    }
    return "none";
  };
  it("an unknown input key names the kind's inputs and the nearest one", () => {
    const m = message(() => parseCaseFile(file({ ...ok, input: { query: q, anchr: "2024-05-06T10:00:00+08:00" } })));
    expect(m).toContain('INVALID_CASE_FILE ["cases",0,"input","anchr"]');
    expect(m).toContain('Did you mean "anchor"?');
  });
  it("an unknown case key and an unknown kind get a did-you-mean", () => {
    expect(message(() => parseCaseFile(file({ ...ok, expct: 1 })))).toContain('Did you mean "expect"?');
    expect(message(() => parseCaseFile(file({ ...ok, kind: "dueat" })))).toContain('Did you mean "dueAt"?');
  });
  it("an expect or input instant without offset is an error; so is an asOf without one (never read in the host zone)", () => {
    expect(message(() => parseCaseFile(file({ ...ok, expect: "2024-05-06T10:15:00" })))).toContain('["cases",0,"expect"] "2024-05-06T10:15:00" in the expect');
    expect(message(() => parseCaseFile(file({ ...ok, input: { query: q, anchor: "2024-05-06 10:00" } })))).toContain('["cases",0,"input","anchor"]');
    const t = { id: "T", kind: "evaluateTicket", asOf: "2024-05-06T12:00", input: { ticket: { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] } }, expectRule: "003 §6(2)" };
    expect(message(() => parseCaseFile(file(t)))).toContain('["cases",0,"asOf"]');
    // a bare case given to runCase directly is checked the same way
    expect(message(() => runCase(t, { policy: robotIntegration2026 }))).toContain('["cases",0,"asOf"]');
    // dates without a time are days, not instants (isBusinessDay takes them)
    expect(message(() => parseCaseFile({ cases: [{ id: "d", kind: "isBusinessDay", input: { calendar: "chinaWorkCalendar", day: "2024-05-06" }, expect: true }] }))).toBe("none");
  });
  it("a case that checks nothing, or both expect and expectError, is an error", () => {
    const { expect: _e, ...bare } = ok;
    expect(message(() => parseCaseFile(file(bare)))).toContain("checks nothing");
    expect(message(() => parseCaseFile(file({ ...ok, expectError: "UNKNOWN_VALUE" })))).toContain('both "expect" and "expectError"');
    expect(message(() => parseCaseFile(file({ ...bare, expectRule: "003 §6(2)" })))).toBe("none");
  });
});

describe("updateCaseFile rewrites only failing cases, keeping the author's offsets (issue 16)", () => {
  it("passing and rule-only failures stay the caller's objects; instants keep their offset", () => {
    const passing = { ...ok, id: "pass" };
    const wrong = { ...ok, id: "wrong", expect: "2024-05-06T10:10:00+08:00" };
    const utc = { ...ok, id: "utc", expect: "2024-05-06T02:10:00Z" };
    const rule = { ...ok, id: "rule", expectRule: "003 §6(5)" };
    const f: CaseFile = { policy: "robotIntegration2026", cases: [passing, wrong, utc, rule] };
    const u = updateCaseFile(f, runCaseFile(f));
    expect(u.cases[0]).toBe(passing);
    expect(u.cases[1]?.expect).toBe("2024-05-06T10:15:00+08:00");
    expect(u.cases[2]?.expect).toBe("2024-05-06T02:15:00Z");
    expect(u.cases[3]).toBe(rule);
    expect(runCaseFile(u).results.filter((r) => r.status === "fail").map((r) => r.id)).toEqual(["rule"]);
  });
  it("law: updating twice changes nothing the second time (idempotence)", () => {
    const f: CaseFile = { policy: "robotIntegration2026", cases: [{ ...ok, expect: "2024-05-06T11:00:00+08:00" }, { ...ok, id: "e", input: { query: { ...q, tier: "gold" }, anchor: "2024-05-06T10:00:00+08:00" } }] };
    const once = updateCaseFile(f, runCaseFile(f));
    const twice = updateCaseFile(once, runCaseFile(once));
    expect(twice).toEqual(once);
    expect(once.cases[1]).toMatchObject({ expectError: "UNKNOWN_VALUE" });
  });
});

describe("diffPolicies: errored cases are listed, status flips come first (issue 16)", () => {
  it("a case that throws under both versions is errored, not 'no change'", () => {
    const bad = { id: "bad", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket: { id: "T", service: "falt", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] } } };
    const d = diffPolicies(robotIntegration2026, robotIntegration2026, [bad]);
    expect(d.flips).toEqual([]);
    expect(d.errored).toEqual([{ caseId: "bad", old: expect.objectContaining({ code: "UNKNOWN_VALUE" }), new: expect.objectContaining({ code: "UNKNOWN_VALUE" }) }]);
  });
  it("status flips are listed before moved deadlines", () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; targets: { id?: string; within: unknown }[] };
    json.version = "x";
    json.targets = json.targets.map((t) => (t.id === "S4:fault:response:core-urgent" ? { ...t, within: "PT10M" } : t));
    const ticket = { id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }] };
    const p2 = parsePolicy(json);
    const d2 = diffPolicies(robotIntegration2026, p2, [{ id: "t", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00", input: { ticket } }]);
    expect(d2.flips.map((f) => f.field)).toEqual(["status", "dueAt"]);
  });
});

describe("diffPolicies: warning and escalation levels (W1)", () => {
  const deskJson = JSON.parse(readFileSync(new URL("../../golden/policies/escalation-desk.json", import.meta.url), "utf8")) as PolicyJson;
  const desk = parsePolicy(deskJson);
  const ticket = { id: "E-1", service: "fault", createdAt: "2024-05-17T14:30:00+08:00", events: [{ type: "done", stage: "response", at: "2024-05-17T14:50:00+08:00" }] };
  const cases = [{ id: "W1-late", kind: "evaluateTicket" as const, asOf: "2024-05-20T12:00:00+08:00", input: { ticket } }];

  it("W1 a moved escalation level is a `levels` flip (no status or deadline changes), listed after deadlines and counted", () => {
    // escalate-2 moves from 2 to 3 business hours after the deadline: Monday 11:30 -> 12:30
    const later = parsePolicy({ ...deskJson, version: "1.1.0", warnAt: [{ fraction: 0.5 }, { before: "PT1H", level: "warn" }, { after: "PT3H", level: "escalate-2" }] });
    const d = diffPolicies(desk, later, cases);
    expect(d.warnAt).toEqual({ old: deskJson.warnAt, new: later.warnAt });
    expect(d.flips).toEqual([
      {
        caseId: "W1-late",
        stage: "resolution",
        field: "levels",
        old: ["fraction:0.5", "warn", "escalate-2"],
        new: ["fraction:0.5", "warn", "next escalate-2"],
      },
    ]);
    expect(d.counts).toEqual({ "levels changed": 1 });
    expect(diffPolicies(desk, desk, cases)).toMatchObject({ warnAt: null, flips: [] });
  });

  it("W1 a row's own warnAt is a target change; a row added with no warnAt does not list it", () => {
    const json = JSON.parse(JSON.stringify(deskJson)) as PolicyJson;
    (json.targets[0] as { warnAt?: unknown }).warnAt = [{ after: "PT45M", level: "escalate" }];
    const d = diffPolicies(desk, parsePolicy(json), cases);
    expect(d.targets.fault).toEqual([{ service: "fault", stage: "response", change: "changed", fields: { warnAt: { old: [{ after: "PT30M", level: "escalate" }], new: [{ after: "PT45M", level: "escalate" }] } } }]);
    const removed = diffPolicies(robotIntegration2026, parsePolicy({ ...(JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson), targets: robotIntegration2026.targets.slice(1) as never }));
    expect(Object.values(removed.targets).flat().map((r) => [r.change, Object.keys(r.fields)])).toEqual([["removed", ["within", "clock", "anchor", "sourceRef"]]]);
  });
});
