/**
 * The hand-written policy shape check (what parsePolicy and evaluateTicket run, so the sla entry
 * never loads zod) accepts exactly what the exported zod `policySchema` accepts, and reports its
 * first problem at zod's path or deeper inside it (a union member instead of the union).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cableOperatorNorms, parsePolicy, policySchema, robotIntegration2026, safeParsePolicy, validatePolicy } from "../../src/sla/index.js";
import { checkPolicyJson } from "../../src/sla/_shape.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const CHINA_YEAR = { year: 2027, source: { title: "notice", published: "2026-11-01" }, holidays: [{ date: "2027-01-01", name: "元旦" }], workdays: [] };
const rich: Json = {
  ...(JSON.parse(JSON.stringify(cableOperatorNorms)) as { [k: string]: Json }),
  effectiveFrom: "2026-01-01",
  // warning and escalation levels (issue 18): a list on the policy and one row's own
  warnAt: [{ fraction: 0.5 }, { before: "PT1H", level: "warn" }, { after: "PT2H", level: "escalate-2" }],
  targets: (JSON.parse(JSON.stringify(cableOperatorNorms.targets)) as { [k: string]: Json }[]).map((t, i) => (i === 0 ? { ...t, warnAt: [{ after: "PT30M" }] } : t)),
  calendars: {
    ...(JSON.parse(JSON.stringify(cableOperatorNorms.calendars)) as { [k: string]: Json }),
    cn: { builtin: "china", years: [CHINA_YEAR], beyondData: "weekdays" },
    office: { timeZone: "Asia/Shanghai", week: { mon: ["09:00-18:00"] }, holidays: ["2026-10-01", { date: "2026-10-02" }], workdays: [{ date: "2026-10-10", hours: ["09:00-12:00"] }] },
  },
};
const robot = JSON.parse(JSON.stringify(robotIntegration2026)) as { [k: string]: Json } & { targets: { within: Json }[] };
/** One target row of each kind of `within`, so a sweep over every path stays small. */
const small: Json = { ...robot, targets: ["string", "businessDays", "rings", "agreed"].map((k) => robot.targets.find((t) => (typeof t.within === "string" ? "string" : Object.keys(t.within as object)[0]) === k) as Json) };
const bases: Json[] = [robot, rich];

/** Every path into a JSON value (objects and arrays), the root first. */
function pathsOf(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}

type Edit = { kind: "set"; value: Json } | { kind: "delete" } | { kind: "add"; key: string; value: Json };

function edit(root: Json, path: readonly (string | number)[], e: Edit): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  if (path.length === 0) return e.kind === "set" ? e.value : copy;
  let parent = copy as { [k: string]: Json } & Json[];
  for (const p of path.slice(0, -1)) parent = (parent as unknown as Record<string | number, Json>)[p] as typeof parent;
  const last = path[path.length - 1] as string | number;
  const target = (parent as unknown as Record<string | number, Json>)[last];
  if (e.kind === "set") (parent as unknown as Record<string | number, Json>)[last] = e.value;
  else if (e.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<string, Json>)[last as string];
  } else if (target !== null && typeof target === "object" && !Array.isArray(target)) target[e.key] = e.value;
  return copy;
}

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1, 1.5, 0.8, 2, 1000, "", "x", "PT15M", "P1D", "5 minutes", "2026-01-01", "tier", "china", "alwaysOpen", "UTC", [], {}, ["x"], [""]),
  fc.constantFrom<Json>({ businessDays: 2 }, { businessDays: -1 }, { businessDays: 1.5 }, { rings: 0 }, { rings: 3, x: 1 }, { agreed: true }, { agreed: false }, { name: "s" }, { name: "" }, { builtin: "alwaysOpen" }, { builtin: "china", years: [{}] }),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);
const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  jsonValue.map((value): Edit => ({ kind: "set", value })),
  fc.constant<Edit>({ kind: "delete" }),
  fc.tuple(fc.constantFrom("x", "builtin", "name", "when", "hours", "agreed", "rings", "id", ""), jsonValue).map(([key, value]): Edit => ({ kind: "add", key, value })),
);

function zodFirst(input: unknown): { ok: boolean; path: (string | number)[] } {
  const r = policySchema.safeParse(input);
  return r.success ? { ok: true, path: [] } : { ok: false, path: (r.error.issues[0]?.path ?? []) as (string | number)[] };
}

describe("policy shape check without zod (issue 15)", () => {
  it("accepts the built-in policies and the richer sample, like zod", () => {
    for (const b of bases) {
      expect(zodFirst(b).ok).toBe(true);
      expect(checkPolicyJson(b).ok).toBe(true);
    }
  });
  it("agrees with policySchema on one edit at every path of a small policy (each sample value, a deletion, an unknown key)", () => {
    const samples = fc.sample(jsonValue, { numRuns: 16, seed: 15 });
    const disagreements: unknown[] = [];
    let checked = 0;
    const cal = (rich as { calendars: { [k: string]: Json } }).calendars;
    const doc: Json = { ...(small as object), effectiveFrom: "2026-01-01", pauseReasons: (rich as { pauseReasons: Json }).pauseReasons, calendars: { ...((small as { calendars: object }).calendars), cn: cal.cn as Json, office: cal.office as Json } };
    {
      for (const path of pathsOf(doc)) {
        const edits: Edit[] = [...samples.map((value): Edit => ({ kind: "set", value })), { kind: "delete" }, { kind: "add", key: "x", value: 1 }];
        for (const e of edits) {
          const bad = edit(doc, path, e);
          const z = zodFirst(bad);
          const own = checkPolicyJson(bad);
          checked++;
          const prefix = own.ok ? [] : (own.issues[0]?.path ?? []).slice(0, z.path.length);
          if (own.ok !== z.ok || JSON.stringify(prefix) !== JSON.stringify(z.path)) disagreements.push({ path, e, own, zod: z });
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });
  it("agrees with policySchema on random edits: same verdict, first problem at zod's path or inside it", () => {
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.nat(), fc.array(anEdit, { minLength: 1, maxLength: 2 }), (bi, pick, edits) => {
        let doc = bases[bi] as Json;
        for (const [n, e] of edits.entries()) {
          const paths = pathsOf(doc);
          doc = edit(doc, paths[(pick + n * 7919) % paths.length] as (string | number)[], e);
        }
        const z = zodFirst(doc);
        const own = checkPolicyJson(doc);
        expect(own.ok).toBe(z.ok);
        if (!own.ok) expect(own.issues[0]?.path.slice(0, z.path.length)).toEqual(z.path);
      }),
      { numRuns: 200 },
    );
  });
  it("INVALID_POLICY names the field and what it expected; validatePolicy lists every problem", () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as Record<string, unknown> & { targets: Record<string, unknown>[] };
    json.version = 1;
    json.targets[2] = { ...json.targets[2], within: { businessDays: 1.5 } };
    json.targets[4] = { ...json.targets[4], withn: "PT1H" };
    const r = safeParsePolicy(json);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.path).toEqual(["version"]);
      expect(r.error.message).toBe("Invalid policy at version: expected a string, got 1. Fix the policy JSON (see policyJsonSchema).");
    }
    expect(validatePolicy(json).map((i) => [i.code, i.path, i.message])).toEqual([
      ["INVALID_POLICY", ["version"], "expected a string, got 1"],
      ["INVALID_POLICY", ["targets", 2, "within", "businessDays"], "expected a whole number >= 0, got 1.5"],
      ["INVALID_POLICY", ["targets", 4], expect.stringMatching(/^unknown key "withn" \(allowed: id, service, .*\)$/)],
    ]);
  });
  it("a policy passed as plain JSON is checked the same way by evaluateTicket's path and parsePolicy", () => {
    expect(() => parsePolicy({ ...JSON.parse(JSON.stringify(robotIntegration2026)), warnAt: 0 })).toThrow(expect.objectContaining({ code: "INVALID_POLICY", path: ["warnAt"] }));
  });
});
