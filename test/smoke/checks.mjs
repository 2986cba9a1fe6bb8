/* global console, URL */
// Checks of the PACKED package, shared by the smoke scripts that .ci/run copies into a temp
// project where the tarball is installed: smoke-esm.mjs (Node ESM and Deno), smoke-cjs.cjs
// (require) and smoke-tsx.ts (tsx). Throws an Error listing every problem found.
import { readFileSync } from "node:fs";

const { entries } = JSON.parse(readFileSync(new URL("./contract.json", import.meta.url), "utf8"));

/**
 * @param {Record<string, Record<string, unknown>>} mods the six entries, keyed by specifier
 * @param {string} label e.g. "esm", "cjs", "deno", "tsx"
 */
export function runChecks(mods, label) {
  const problems = [];
  const names = (m) => Object.keys(m).filter((k) => k !== "default" && k !== "__esModule");

  // 1. Every entry loads and has the contract's names (and at least one export).
  for (const [spec, expected] of Object.entries(entries)) {
    const m = mods[spec];
    if (!m) { problems.push(`${spec}: not loaded`); continue; }
    if (names(m).length === 0) problems.push(`${spec}: exports nothing`);
    for (const n of expected) if (m[n] === undefined) problems.push(`${spec}: missing export ${n}`);
  }
  // 2. The root entry re-exports every sub-path name, as the same value (one copy of each chunk).
  const root = mods["sla-kit"] ?? {};
  for (const [spec, m] of Object.entries(mods)) {
    if (spec === "sla-kit" || !m) continue;
    for (const n of names(m)) {
      if (!(n in root)) problems.push(`sla-kit: does not re-export ${n} of ${spec}`);
      else if (root[n] !== m[n]) problems.push(`sla-kit: ${n} is a different value than ${spec}'s ${n}`);
    }
  }
  // 3. A few calls through the built bundles (only when the names are there; else 1. reported it).
  const cal = mods["sla-kit/calendar"] ?? {}, sla = mods["sla-kit/sla"] ?? {};
  const kpi = mods["sla-kit/kpi"] ?? {}, scoring = mods["sla-kit/scoring"] ?? {};
  const expect = (what, fn, want) => {
    try {
      const got = fn();
      if (got !== want) problems.push(`${what}: expected ${String(want)}, got ${String(got)}`);
    } catch (e) {
      problems.push(`${what}: threw ${e && e.code ? e.code + ": " : ""}${e && e.message}`);
    }
  };
  if (root.SlaKitError && root.isSlaKitError) {
    expect("isSlaKitError(new SlaKitError(...))", () => root.isSlaKitError(new root.SlaKitError("INVALID_INPUT", "x"), "INVALID_INPUT"), true);
  }
  if (cal.alwaysOpen && cal.addBusinessTime) {
    expect("addBusinessTime(alwaysOpen(), 0, 60_000)", () => cal.addBusinessTime(cal.alwaysOpen(), 0, 60_000).getTime(), 60_000);
  }
  if (cal.alwaysOpen && cal.addBusinessDays && root.SlaKitError) {
    expect("addBusinessDays(alwaysOpen(), 0, -1) throws SlaKitError INVALID_ARGUMENT", () => {
      try { cal.addBusinessDays(cal.alwaysOpen(), 0, -1); return "no error"; } catch (e) {
        return e instanceof root.SlaKitError ? e.code : `not a SlaKitError: ${e}`;
      }
    }, "INVALID_ARGUMENT");
  }
  if (sla.dueAt && sla.robotIntegration2026) {
    // docs/rules.md S4: urgent fault, core customer, response within 15 min on the 24x7 clock.
    const q = { service: "fault", tier: "core", urgency: "urgent", stage: "response" };
    expect("dueAt(robotIntegration2026, S4 core urgent response)", () => sla.dueAt(sla.robotIntegration2026, q, new Date("2026-04-30T10:00:00+08:00")).toISOString(), "2026-04-30T02:15:00.000Z");
  }
  if (kpi.ratio) expect("ratio(1, 0).value", () => kpi.ratio(1, 0).value, null);
  if (kpi.failureWeight) expect("failureWeight(3)", () => kpi.failureWeight(3), 4);
  if (scoring.evaluateRule) {
    const rule = { kind: "threshold", points: 5, pass: { op: ">=", value: 0.9 } };
    expect("evaluateRule(threshold >= 0.9, 0.9).points", () => scoring.evaluateRule(rule, 0.9).points, 5);
  }

  const counts = Object.entries(mods).map(([s, m]) => `${s} (${m ? names(m).length : 0})`).join(", ");
  if (problems.length > 0) {
    throw new Error(`[${label}] ${problems.length} problem(s) with the packed sla-kit:\n  - ${problems.join("\n  - ")}`);
  }
  console.log(`[${label}] ok: ${counts}`);
}
