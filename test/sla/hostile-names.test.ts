/** Issue 14: user names that are also Object.prototype members are plain data, or rejected with a code and path. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSlaKitError } from "../../src/errors.js";
import { evaluateTicket, findTarget, parsePolicy, robotIntegration2026, safeParsePolicy, validatePolicy, type PolicyJson } from "../../src/sla/index.js";

const DICTIONARY = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "a|b", "prototype"];

/** A small valid policy whose service, stage, calendar and value names are `name`. */
function named(name: string): PolicyJson {
  return {
    id: "p",
    version: "1",
    calendars: { [name]: { builtin: "alwaysOpen", timeZone: "UTC" } },
    dimensions: { tier: [name, "other"] },
    services: { [name]: { stages: [name, `${name}-2`], dimensions: ["tier"] } },
    targets: [name, "other"].flatMap((tier) => [
      { service: name, tier, stage: name, within: "PT1H", clock: name, sourceRef: "x" },
      { service: name, tier, stage: `${name}-2`, within: "PT2H", clock: name, sourceRef: "x" },
    ]),
  };
}
const json = (v: unknown): PolicyJson => JSON.parse(JSON.stringify(v)) as PolicyJson;
type LoosePolicy = Omit<PolicyJson, "targets"> & { targets: Record<string, unknown>[] };
const baseJson = (): LoosePolicy => json(robotIntegration2026) as unknown as LoosePolicy;

describe("issue 14: built-in names as data in policies", () => {
  it('issue 14: a row with service "constructor" is UNKNOWN_SERVICE, never a TypeError (parsePolicy, validatePolicy, safeParsePolicy)', () => {
    const p = baseJson();
    p.targets = [...p.targets, { service: "constructor", stage: "x", within: "PT1H", clock: "shanghai-24x7", sourceRef: "x" }];
    expect(validatePolicy(p)).toContainEqual(expect.objectContaining({ code: "UNKNOWN_SERVICE", path: ["targets", p.targets.length - 1, "service"] }));
    expect(() => parsePolicy(p)).toThrow(expect.objectContaining({ code: "INVALID_POLICY", path: ["targets", p.targets.length - 1, "service"] }));
    const r = safeParsePolicy(p);
    expect(r.success).toBe(false);
  });
  it('issue 14: clock "toString" is UNKNOWN_CALENDAR, not a silent UTC 24x7 clock', () => {
    const p = baseJson();
    p.targets = p.targets.map((t, i) => (i === 0 ? t : i === 3 ? { ...t, clock: "toString" } : t));
    expect(validatePolicy(p)).toContainEqual(expect.objectContaining({ code: "UNKNOWN_CALENDAR", path: ["targets", 3, "clock"] }));
  });
  it('issue 14: a services or calendars key "__proto__" is reported with its path, not dropped', () => {
    for (const key of ["services", "calendars"] as const) {
      const text = JSON.stringify(robotIntegration2026).replace(`"${key}":{`, `"${key}":{"__proto__":${key === "services" ? '{"stages":["s"],"dimensions":[]}' : '{"builtin":"alwaysOpen","timeZone":"UTC"}'},`);
      const p: unknown = JSON.parse(text);
      expect(validatePolicy(p)).toContainEqual(expect.objectContaining({ code: "INVALID_POLICY", path: [key, "__proto__"] }));
      expect(() => parsePolicy(p)).toThrow(expect.objectContaining({ code: "INVALID_POLICY", path: [key, "__proto__"] }));
    }
  });
  it('issue 14: a stage name containing "|" is validated like any other (no SyntaxError)', () => {
    const p = named("a|b");
    expect(validatePolicy(p)).toEqual([]);
    const pol = parsePolicy(p);
    expect(findTarget(pol, { service: "a|b", stage: "a|b-2", tier: "other" }).within).toBe("PT2H");
  });
  it("issue 14: every dictionary name works as service, stage, calendar and tier value, or is rejected with a code (property)", () => {
    const proto = Object.getOwnPropertyNames(Object.prototype).sort().join();
    fc.assert(
      fc.property(fc.constantFrom(...DICTIONARY), (name) => {
        const p = named(name);
        const issues = validatePolicy(p);
        if (name === "__proto__") {
          expect(issues.map((i) => i.code)).toContain("INVALID_POLICY");
          return;
        }
        expect(issues).toEqual([]);
        const pol = parsePolicy(p);
        const r = evaluateTicket(pol, { id: "t", service: name, tier: name, createdAt: 0, events: [{ type: "done", stage: name, at: 30 * 60_000 }] }, { asOf: 100 * 60_000 }); // stage 2: 100 of 120 min used, past 80%
        expect(r.stages.map((s) => s.status)).toEqual(["met", "warning"]);
        expect(findTarget(pol, { service: name, stage: name, tier: name }).clock).toBe(name);
      }),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join()).toBe(proto);
  });
  it("issue 14: a BigInt or symbol as service, stage or tier is UNKNOWN_VALUE naming it, never a TypeError", () => {
    for (const bad of [10n, Symbol("s")]) {
      for (const q of [
        { service: bad, stage: "response" },
        { service: "fault", stage: bad, tier: "core", urgency: "urgent" },
        { service: "fault", stage: "response", tier: bad, urgency: "urgent" },
      ]) {
        let caught: unknown;
        try {
          findTarget(robotIntegration2026, q as never);
        } catch (e) {
          caught = e;
        }
        expect(isSlaKitError(caught) && caught.code).toBe("UNKNOWN_VALUE");
        expect((caught as Error).message).toMatch(typeof bad === "bigint" ? /10n/ : /symbol|Symbol/);
      }
    }
  });
  it('issue 14: a ticket with service "constructor" or tier "toString" is UNKNOWN_VALUE', () => {
    for (const [k, v] of [["service", "constructor"], ["tier", "toString"]] as const) {
      try {
        evaluateTicket(robotIntegration2026, { id: "t", service: "fault", tier: "core", urgency: "urgent", createdAt: 0, events: [], [k]: v }, { asOf: 1 });
        expect.unreachable();
      } catch (e) {
        expect(isSlaKitError(e) && e.code).toBe("UNKNOWN_VALUE");
      }
    }
  });
});
