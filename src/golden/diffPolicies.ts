import type { Policy, TargetRow } from "../sla/index.js";
import { describe } from "../_lib/instant.js";
import { SlaKitError } from "../errors.js";
import { checkPolicyArg } from "./_args.js";
import { runParsedCase } from "./runCase.js";
import { parseCase } from "./schema.js";
import type { GoldenCase } from "./types.js";

/** A target row that differs between two policy versions. */
export interface TargetChange {
  readonly service: string;
  readonly stage: string;
  readonly tier?: string;
  readonly urgency?: string;
  readonly location?: string;
  /** Any other matrix dimension the row constrains (e.g. `channel`), by name. */
  readonly [dimension: string]: unknown;
  readonly change: "added" | "removed" | "changed";
  /** Fields that differ, with the old and new values (JSON). */
  readonly fields: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
}

/** One outcome that differs between the two versions for one case (and stage). */
export interface OutcomeFlip {
  readonly caseId: string;
  readonly stage?: string;
  /** `levels`: the names of the warning and escalation levels reached by `asOf` (and the next one) differ. */
  readonly field: "status" | "dueAt" | "levels" | "result" | "error" | "points" | "total";
  readonly old: unknown;
  readonly new: unknown;
  /** For a stage whose status is `unknown` on either side: why its deadline could not be computed (the new side's error first). */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A replayed case that threw under either version: it says nothing about the change and must be looked at. */
export interface ErroredCase {
  readonly caseId: string;
  /** The error under the old policy, or null when the case ran. */
  readonly old: { readonly code: string; readonly message: string } | null;
  /** The error under the new policy, or null when the case ran. */
  readonly new: { readonly code: string; readonly message: string } | null;
}

/** The result of {@link diffPolicies}. */
export interface PolicyDiff {
  readonly old: { readonly id: string; readonly version: string; readonly hash: string };
  readonly new: { readonly id: string; readonly version: string; readonly hash: string };
  /** Target changes grouped by service (one table per service); a row's own `warnAt` levels count. */
  readonly targets: Readonly<Record<string, readonly TargetChange[]>>;
  /** The policy's own `warnAt` (its warning and escalation levels) when the versions differ; null when the same. */
  readonly warnAt: { readonly old: unknown; readonly new: unknown } | null;
  /** Changed outcomes: status and error flips first, then moved deadlines, then other results. */
  readonly flips: readonly OutcomeFlip[];
  /** Cases that threw under either version (an error on both sides is not "no change"). */
  readonly errored: readonly ErroredCase[];
  /** Counts of status transitions, e.g. `{ "met -> breached": 2 }`, plus other changed outcomes. */
  readonly counts: Readonly<Record<string, number>>;
  readonly casesReplayed: number;
}

const FIELDS = ["within", "clock", "anchor", "sourceRef", "warnAt"] as const;
/** Fields an added or removed row lists even when it does not set them. */
const ALWAYS: ReadonlySet<string> = new Set(["within", "clock", "anchor", "sourceRef"]);
/** Row keys that are not matrix dimensions. */
const NOT_DIMS: ReadonlySet<string> = new Set(["id", "service", "stage", "note", "description", ...FIELDS]);

const ORDER = ["tier", "urgency", "location"];
const rank = (d: string) => (ORDER.includes(d) ? ORDER.indexOf(d) : ORDER.length);

/** The matrix dimensions a row constrains: tier, urgency, location, then any the policy adds (by name). */
function dimsOf(r: TargetRow): [string, string][] {
  return Object.entries(r)
    .filter(([k, v]) => !NOT_DIMS.has(k) && typeof v === "string")
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)) as [string, string][];
}

function rowKey(r: TargetRow): string {
  return JSON.stringify([r.service, r.stage, dimsOf(r)]);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function targetChanges(a: Policy, b: Policy): Record<string, TargetChange[]> {
  const oldRows = new Map(a.targets.map((r) => [rowKey(r), r]));
  const newRows = new Map(b.targets.map((r) => [rowKey(r), r]));
  const out = new Map<string, TargetChange[]>();
  const push = (r: TargetRow, change: TargetChange["change"], fields: TargetChange["fields"]) => {
    const dims = Object.fromEntries(dimsOf(r));
    const list = out.get(r.service) ?? [];
    out.set(r.service, list);
    list.push({ service: r.service, stage: r.stage, ...dims, change, fields });
  };
  for (const [k, r] of oldRows) {
    const n = newRows.get(k);
    if (n === undefined) {
      push(r, "removed", Object.fromEntries(FIELDS.filter((f) => ALWAYS.has(f) || r[f] !== undefined).map((f) => [f, { old: r[f] ?? null, new: null }])));
      continue;
    }
    const fields: Record<string, { old: unknown; new: unknown }> = {};
    for (const f of FIELDS) if (!same(r[f], n[f])) fields[f] = { old: r[f] ?? null, new: n[f] ?? null };
    if (Object.keys(fields).length > 0) push(r, "changed", fields);
  }
  for (const [k, n] of newRows) if (!oldRows.has(k)) push(n, "added", Object.fromEntries(FIELDS.filter((f) => ALWAYS.has(f) || n[f] !== undefined).map((f) => [f, { old: null, new: n[f] ?? null }])));
  return Object.fromEntries(out);
}

type Plain = Record<string, unknown> | null;

/**
 * The names of the warning and escalation levels a stage reached, then its next level marked
 * "next ": the outcome a person acts on. Instants are left out: they move with every deadline,
 * which the `dueAt` flip already says.
 */
function levelList(s: Record<string, unknown>): string[] {
  const name = (l: unknown): string => String((l as { level?: unknown } | null)?.level);
  const reached = Array.isArray(s["levelsReached"]) ? (s["levelsReached"] as unknown[]).map(name) : [];
  return s["nextLevel"] == null ? reached : [...reached, `next ${name(s["nextLevel"])}`];
}

function outcomes(caseId: string, a: unknown, b: unknown, flips: OutcomeFlip[]): void {
  const ea = (a as { error?: { code: string } } | null)?.error;
  const eb = (b as { error?: { code: string } } | null)?.error;
  if (ea !== undefined || eb !== undefined) {
    if (ea?.code !== eb?.code) flips.push({ caseId, field: "error", old: ea?.code ?? "ok", new: eb?.code ?? "ok" });
    return;
  }
  const sa = (a as Plain)?.["stages"];
  const sb = (b as Plain)?.["stages"];
  if (Array.isArray(sa) && Array.isArray(sb)) {
    for (const x of sa as Record<string, unknown>[]) {
      const y = (sb as Record<string, unknown>[]).find((s) => s["stage"] === x["stage"]);
      const stage = String(x["stage"]);
      if (y === undefined) {
        flips.push({ caseId, stage, field: "status", old: x["status"], new: "absent" });
        continue;
      }
      if (x["status"] !== y["status"]) {
        const err = (y["error"] ?? x["error"]) as { code: string; message: string } | undefined;
        flips.push({ caseId, stage, field: "status", old: x["status"], new: y["status"], ...(err ? { error: { code: err.code, message: err.message } } : {}) });
      }
      if (x["dueAt"] !== y["dueAt"]) flips.push({ caseId, stage, field: "dueAt", old: x["dueAt"], new: y["dueAt"] });
      const la = levelList(x);
      const lb = levelList(y);
      if (!same(la, lb)) flips.push({ caseId, stage, field: "levels", old: la, new: lb });
    }
    return;
  }
  for (const f of ["total", "points"] as const) {
    const va = (a as Plain)?.[f];
    const vb = (b as Plain)?.[f];
    if (va !== undefined || vb !== undefined) {
      if (va !== vb) flips.push({ caseId, field: f, old: va, new: vb });
      return;
    }
  }
  if (!same(a, b)) flips.push({ caseId, field: typeof a === "string" && typeof b === "string" ? "dueAt" : "result", old: a, new: b });
}

/**
 * Compares two versions of a policy: which target rows changed (table by table, i.e. per
 * service), and which outcomes of the given golden cases flip when they are replayed under each
 * version (met -> breached, new deadlines, errors; status flips first, then deadlines, then the
 * warning and escalation levels reached). Cases that throw under either
 * version are listed in `errored`. Content hashes identify both versions.
 *
 * @example
 * ```ts
 * import { diffPolicies } from "sla-kit/golden";
 * import { parsePolicy, robotIntegration2026 } from "sla-kit/sla";
 * const json = JSON.parse(JSON.stringify(robotIntegration2026));
 * json.version = "2026.2";
 * json.targets = json.targets.map((t: any) => t.service === "fault" && t.tier === "core" && t.urgency === "urgent" && t.stage === "response" ? { ...t, within: "PT10M" } : t);
 * const d = diffPolicies(robotIntegration2026, parsePolicy(json), [{ id: "t1", kind: "evaluateTicket", asOf: "2024-05-06T12:00:00+08:00",
 *   input: { ticket: { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00",
 *     events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }] } } }]);
 * console.log(d.targets.fault?.[0]?.fields.within, d.counts); // { old: 'PT15M', new: 'PT10M' } { 'met -> breached': 1 }
 * ```
 */
export function diffPolicies(oldPolicy: Policy, newPolicy: Policy, cases: readonly GoldenCase[] = []): PolicyDiff {
  checkPolicyArg(oldPolicy, ["oldPolicy"]);
  checkPolicyArg(newPolicy, ["newPolicy"]);
  if (!Array.isArray(cases)) throw new SlaKitError("INVALID_ARGUMENT", `cases must be an array of golden cases, got ${describe(cases)}.`, { path: ["cases"] });
  const flips: OutcomeFlip[] = [];
  const errored: ErroredCase[] = [];
  for (const [i, c] of cases.entries()) {
    const parsed = parseCase(c, i);
    const { expect: _e, expectRule: _r, expectError: _x, ...bare } = parsed;
    const ra = runParsedCase(bare, { policy: oldPolicy }, i);
    const rb = runParsedCase(bare, { policy: newPolicy }, i);
    if (ra.error !== undefined || rb.error !== undefined) {
      const e = (r: typeof ra) => (r.error === undefined ? null : { code: r.error.code, message: r.error.message });
      errored.push({ caseId: parsed.id, old: e(ra), new: e(rb) });
    }
    outcomes(parsed.id, ra.actual, rb.actual, flips);
  }
  const order = (f: OutcomeFlip) => (f.field === "status" || f.field === "error" ? 0 : f.field === "dueAt" ? 1 : f.field === "levels" ? 2 : 3);
  flips.sort((x, y) => order(x) - order(y));
  const counts = new Map<string, number>();
  for (const f of flips) {
    const k = f.field === "status" || f.field === "error" ? `${String(f.old)} -> ${String(f.new)}` : `${f.field} changed`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const id = (p: Policy) => ({ id: p.id, version: p.version, hash: p.hash });
  const warnAt = same(oldPolicy.warnAt, newPolicy.warnAt) ? null : { old: oldPolicy.warnAt ?? null, new: newPolicy.warnAt ?? null };
  return { old: id(oldPolicy), new: id(newPolicy), targets: targetChanges(oldPolicy, newPolicy), warnAt, flips, errored, counts: Object.fromEntries(counts), casesReplayed: cases.length };
}
