import { describe, expect, it } from "vitest";
import {
  cableOperatorNorms,
  findTarget,
  parsePolicy,
  policyJsonSchema,
  robotIntegration2026 as P,
  safeParsePolicy,
  validatePolicy,
} from "../../src/sla/index.js";

const code = (c: string) => expect.objectContaining({ code: c });
type Loose = { targets: Record<string, unknown>[]; calendars: Record<string, unknown>; [key: string]: unknown };
const clone = (): Loose => JSON.parse(JSON.stringify(P)) as Loose;

describe("policies are plain JSON", () => {
  it("JSON.parse(JSON.stringify(robotIntegration2026)) parses back with the same hash", () => {
    const json = clone();
    expect(Array.isArray(json.targets)).toBe(true);
    expect(Object.keys(json)).not.toContain("hash");
    const p = parsePolicy(json);
    expect(p.hash).toBe(P.hash);
    expect(p.hash).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(JSON.stringify(p)).toBe(JSON.stringify(P));
  });
  it("the hash is stable across key order and changes with content", () => {
    const json = clone();
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    expect(parsePolicy(reordered).hash).toBe(P.hash);
    json.targets[0] = { ...json.targets[0], sourceRef: "003 §6(1) amended" };
    expect(parsePolicy(json).hash).not.toBe(P.hash);
  });
  it("built-in policies have no effective dates and are frozen", () => {
    expect(P.effectiveFrom).toBeUndefined();
    expect(cableOperatorNorms.effectiveTo).toBeUndefined();
    expect(Object.isFrozen(P.targets)).toBe(true);
    expect(P.targets.every((t) => typeof t.sourceRef === "string" && t.sourceRef.length > 0)).toBe(true);
  });
  it("policyJsonSchema describes the policy object", () => {
    expect(policyJsonSchema.type).toBe("object");
    expect((policyJsonSchema.required as string[]).sort()).toEqual(["calendars", "dimensions", "id", "services", "targets", "version"]);
  });
  it("parsePolicy throws INVALID_POLICY with a path; safeParsePolicy returns it", () => {
    const json = clone();
    json.targets[3] = { ...json.targets[3], within: "5 minutes" };
    expect(() => parsePolicy(json)).toThrow(code("INVALID_POLICY"));
    const r = safeParsePolicy(json);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.path).toEqual(["targets", 3, "within"]);
    const bad = clone();
    bad.targets[0] = { ...bad.targets[0], clock: "nowhere" };
    const r2 = safeParsePolicy(bad);
    expect(!r2.success && r2.error.path).toEqual(["targets", 0, "clock"]);
  });
  it("plain policy JSON is accepted by findTarget (parsed on the fly)", () => {
    expect(findTarget(clone() as unknown as typeof P, { service: "fault", tier: "core", urgency: "urgent", stage: "response" }).within).toBe("PT15M");
  });
});

describe("findTarget hit policy", () => {
  it("unknown values, missing dimensions", () => {
    expect(() => findTarget(P, { service: "repair", stage: "response" })).toThrow(code("UNKNOWN_VALUE"));
    expect(() => findTarget(P, { service: "fault", stage: "coffee", tier: "core", urgency: "urgent" })).toThrow(code("UNKNOWN_VALUE"));
    expect(() => findTarget(P, { service: "fault", stage: "response", tier: "core", urgency: "meh" })).toThrow(code("UNKNOWN_VALUE"));
    expect(() => findTarget(P, { service: "fault", stage: "response", tier: "core" })).toThrow(code("MISSING_DIMENSION"));
    try {
      findTarget(P, { service: "fault", stage: "response", tier: "core" });
    } catch (e) {
      expect((e as { path: unknown }).path).toEqual(["urgency"]);
    }
  });
  it("a row that omits a dimension matches any value; extra dimensions in the query are fine", () => {
    expect(findTarget(P, { service: "documents", stage: "archive", tier: "core", urgency: "urgent", location: "same-city" }).sourceRef).toBe("003 §6(6)");
  });
  it("AMBIGUOUS_TARGET lists the candidate rows; NO_MATCHING_TARGET otherwise", () => {
    const json = clone();
    json.targets.push({ service: "documents", stage: "archive", tier: "core", within: { businessDays: 2 }, clock: "china-workdays", sourceRef: "local rule" });
    const p = parsePolicy(json);
    try {
      findTarget(p, { service: "documents", stage: "archive", tier: "core" });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: "AMBIGUOUS_TARGET" });
      const d = (e as { details: { candidates: { index: number }[] } }).details;
      expect(d.candidates.map((c) => c.index)).toEqual([P.targets.findIndex((r) => r.id === "S13:documents:archive"), P.targets.length]);
    }
    expect(findTarget(p, { service: "documents", stage: "archive", tier: "ordinary" }).sourceRef).toBe("003 §6(6)");
    const gap = clone();
    gap.targets = gap.targets.filter((r) => r.id !== "S4:fault:response:core-urgent");
    expect(() => findTarget(parsePolicy(gap), { service: "fault", stage: "response", tier: "core", urgency: "urgent" })).toThrow(code("NO_MATCHING_TARGET"));
  });
});

describe("validatePolicy", () => {
  const codes = (json: unknown) => validatePolicy(json).map((i) => `${i.severity}:${i.code}`);
  it("the built-in policies are clean", () => {
    expect(validatePolicy(P)).toEqual([]);
    expect(validatePolicy(cableOperatorNorms)).toEqual([]);
    expect(validatePolicy(JSON.parse(JSON.stringify(P)))).toEqual([]);
  });
  it("finds a gap", () => {
    const json = clone();
    json.targets = json.targets.filter((r) => r.id !== "S5:fault:handling:important-general");
    const issues = validatePolicy(json);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: "error", code: "GAP" });
    expect(issues[0]?.message).toContain("tier=important");
  });
  it("finds an overlap", () => {
    const json = clone();
    json.targets.push({ service: "fault", stage: "response", urgency: "urgent", within: "PT10M", clock: "shanghai-24x7", sourceRef: "x" });
    expect(codes(json)).toContain("error:OVERLAP");
  });
  it("finds tiers that are not monotonic", () => {
    const json = clone();
    const i = json.targets.findIndex((r) => r.id === "S4:fault:response:core-urgent");
    json.targets[i] = { ...json.targets[i], within: "PT45M" };
    const issue = validatePolicy(json).find((x) => x.code === "TIER_NOT_MONOTONIC");
    expect(issue).toMatchObject({ severity: "error", path: ["targets", i] });
  });
  it("finds stage orders that contradict themselves", () => {
    const json = clone();
    const i = json.targets.findIndex((r) => r.id === "S4:fault:resolution:ordinary-urgent");
    json.targets[i] = { ...json.targets[i], within: "PT2H" }; // resolution before handling (4 h)
    expect(codes(json)).toContain("error:STAGE_ORDER");
  });
  it("finds unknown calendars, unknown values, and warns on unreachable rows", () => {
    const json = clone();
    json.targets[0] = { ...json.targets[0], clock: "moon-time" };
    expect(codes(json)).toContain("error:UNKNOWN_CALENDAR");
    const j2 = clone();
    j2.targets.push({ service: "onsite", stage: "arrival", tier: "core", urgency: "general", location: "same-city", within: "PT3H", clock: "shanghai-24x7", sourceRef: "x" });
    expect(codes(j2)).toEqual(["warning:UNREACHABLE_ROW"]);
    const j3 = clone();
    j3.targets[0] = { ...j3.targets[0], tier: "gold" };
    expect(codes(j3)).toContain("error:UNKNOWN_VALUE");
  });
  it("reports structural problems instead of throwing", () => {
    expect(codes({ id: "x" })[0]).toBe("error:INVALID_POLICY");
    expect(codes(42)[0]).toBe("error:INVALID_POLICY");
  });
  it("reports invalid calendars", () => {
    const json = clone();
    (json.calendars as Record<string, unknown>).bad = { timeZone: "Mars/Base", week: {} };
    expect(codes(json)).toContain("error:INVALID_CALENDAR");
  });
});
