import { SlaKitError, isSlaKitError } from "../errors.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { versionSet } from "../sla/_versions.js";
import { evaluateTicket, evaluateTicketVersions, findTarget } from "../sla/index.js";
import type { Policy, StageEvaluation, TicketEvaluation, TicketInput } from "../sla/index.js";
import { checkPolicyArg } from "./_args.js";

/** One stage whose outcome a new policy version changes (see {@link diffVersions}). */
export interface VersionStageChange {
  readonly ticketId: string;
  readonly stage: string;
  /** The stage is open at `asOf` under the old version (`pending`, `warning` or `overdue`). */
  readonly open: boolean;
  /**
   * What changes: its `status` or `dueAt` at `asOf`, or, for a stage that has not started yet, its
   * `target` (the new version's row has another `within`, `clock` or `anchor`: it applies once the
   * stage starts).
   */
  readonly field: "status" | "dueAt" | "target";
  readonly old: unknown;
  readonly new: unknown;
}

/** The result of {@link diffVersions}. */
export interface VersionDiff {
  readonly old: { readonly id: string; readonly version: string; readonly hash: string };
  readonly new: { readonly id: string; readonly version: string; readonly hash: string };
  /** The instant the new version takes effect (its `effectiveFrom`). */
  readonly effectiveFrom: Date;
  readonly asOf: Date;
  /** Stages the new version changes, ticket by ticket in input order. */
  readonly changes: readonly VersionStageChange[];
  /** Stages that started (or were settled) before the new version took effect: they keep the old version's outcome. */
  readonly kept: number;
  /** Stages the new version judges with the same outcome. */
  readonly unchanged: number;
  /** Tickets that threw under either side; they say nothing about the change. */
  readonly errored: readonly { readonly ticketId: string; readonly code: string; readonly message: string }[];
  readonly ticketsReplayed: number;
}

/** Options of {@link diffVersions}. */
export interface DiffVersionsOptions {
  /** The instant to evaluate the tickets at (Date, epoch ms or ISO-8601 with an offset). */
  readonly asOf: Date | number | string;
}

const OPEN: ReadonlySet<string> = new Set(["pending", "warning", "overdue"]);

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The version a stage was judged by: the `policy-version` step `evaluateTicketVersions` adds. */
function versionOf(st: StageEvaluation): unknown {
  const steps = st.trace.steps;
  return steps[steps.length - 1]?.value;
}

/** The row fields that set a not-started stage's deadline, under a policy, or null when none applies. */
function rowOf(policy: Policy, ev: TicketEvaluation, stage: string): { within: unknown; clock: unknown; anchor: unknown } | null {
  try {
    const q = { service: ev.service, stage, ...(ev.tier === null ? {} : { tier: ev.tier }), ...(ev.urgency === null ? {} : { urgency: ev.urgency }), ...(ev.location === null ? {} : { location: ev.location }), ...(ev.channel === null ? {} : { channel: ev.channel }) };
    const t = findTarget(policy, q);
    return { within: t.within, clock: t.clock ?? null, anchor: t.anchor ?? "created" };
  } catch (e) {
    if (isSlaKitError(e)) return null;
    throw e;
  }
}

function compare(ticketId: string, a: StageEvaluation, b: StageEvaluation, oldP: Policy, newP: Policy, before: TicketEvaluation, out: VersionStageChange[]): boolean {
  const open = OPEN.has(a.status);
  const n = out.length;
  if (a.status !== b.status) out.push({ ticketId, stage: a.stage, open, field: "status", old: a.status, new: b.status });
  if (iso(a.dueAt) !== iso(b.dueAt)) out.push({ ticketId, stage: a.stage, open, field: "dueAt", old: iso(a.dueAt), new: iso(b.dueAt) });
  if (out.length === n && b.status === "pending" && b.dueAt === null) {
    const ra = rowOf(oldP, before, a.stage);
    const rb = rowOf(newP, before, a.stage);
    if (ra !== null && rb !== null && JSON.stringify(ra) !== JSON.stringify(rb)) out.push({ ticketId, stage: a.stage, open, field: "target", old: ra, new: rb });
  }
  return out.length > n;
}

/**
 * What a new version of a policy changes from its effective date on (docs/rules.md S18; docs/golden.md
 * "Policy versions"): each ticket is evaluated at `asOf` under the old version alone and under the
 * two as a policy set (`evaluateTicketVersions`, each stage judged by the version in force when it
 * started). Stages that started, or were decided, before `newPolicy.effectiveFrom` keep the old
 * version's outcome (`kept`); the others are judged by the new version and listed in `changes` when
 * their status or deadline differs, or, for a stage that has not started yet, when the new
 * version's row for it differs (`field: "target"`: it applies once the stage starts). `open` marks
 * the stages still open at `asOf`. Compare `diffPolicies`, which replays cases under each version
 * as if it had always been in force.
 *
 * @throws SlaKitError `INVALID_ARGUMENT` (no `effectiveFrom` on the new version, bad tickets or
 *   options), `INVALID_POLICY` (the two are not versions of one policy, or their ranges overlap or
 *   leave a gap: see `evaluateTicketVersions`).
 * @example
 * ```ts
 * import { diffVersions } from "sla-kit/golden";
 * import { parsePolicy } from "sla-kit/sla";
 *
 * const v1 = parsePolicy({
 *   id: "desk", version: "1", timeZone: "UTC",
 *   calendars: { "24x7": { builtin: "alwaysOpen", timeZone: "UTC" } }, dimensions: {},
 *   services: { fault: { stages: ["response", "resolution"], dimensions: [] } },
 *   targets: [
 *     { service: "fault", stage: "response", within: "PT1H", clock: "24x7", sourceRef: "v1 §1" },
 *     { service: "fault", stage: "resolution", anchor: "response", within: "PT8H", clock: "24x7", sourceRef: "v1 §2" },
 *   ],
 * });
 * const v2 = parsePolicy({ ...v1, version: "2", effectiveFrom: "2026-07-01",
 *   targets: [v1.targets[0], { ...v1.targets[1], within: "PT4H", sourceRef: "v2 §2" }] });
 * const tickets = [
 *   // resolution running since 30 June: keeps version 1's 8 hours
 *   { id: "A", service: "fault", createdAt: "2026-06-30T20:00:00Z", events: [{ type: "done", stage: "response", at: "2026-06-30T20:30:00Z" }] },
 *   // resolution starts 1 July: version 2's 4 hours
 *   { id: "B", service: "fault", createdAt: "2026-06-30T23:30:00Z", events: [{ type: "done", stage: "response", at: "2026-07-01T00:10:00Z" }] },
 * ];
 * const d = diffVersions(v1, v2, tickets, { asOf: "2026-07-01T06:00:00Z" });
 * console.log(d.kept, d.changes.map((c) => `${c.ticketId} ${c.stage} ${c.field}: ${c.old} -> ${c.new}`));
 * // 3 [ 'B resolution status: pending -> overdue', 'B resolution dueAt: 2026-07-01T08:10:00.000Z -> 2026-07-01T04:10:00.000Z' ]
 * ```
 */
export function diffVersions(oldPolicy: Policy, newPolicy: Policy, tickets: readonly TicketInput[], options: DiffVersionsOptions): VersionDiff {
  checkPolicyArg(oldPolicy, ["oldPolicy"]);
  checkPolicyArg(newPolicy, ["newPolicy"]);
  if (typeof newPolicy.effectiveFrom !== "string") {
    throw new SlaKitError("INVALID_ARGUMENT", `The new version ${JSON.stringify(newPolicy.version)} has no effectiveFrom: diffVersions shows what it changes from its effective date on, so it needs one (use diffPolicies to compare two versions as if each had always been in force).`, { path: ["newPolicy", "effectiveFrom"] });
  }
  if (!Array.isArray(tickets)) throw new SlaKitError("INVALID_ARGUMENT", `tickets must be an array of tickets, got ${describe(tickets)}.`, { path: ["tickets"] });
  if (options === null || typeof options !== "object") throw new SlaKitError("INVALID_ARGUMENT", "diffVersions needs options { asOf }.", { path: ["options"] });
  const asOfMs = toEpochMs(options.asOf, ["options", "asOf"], "INVALID_ARGUMENT", { iso: true });
  const versions = [oldPolicy, newPolicy];
  const set = versionSet(versions);
  if (set[1]!.index !== 1) {
    throw new SlaKitError("INVALID_ARGUMENT", `The new version ${JSON.stringify(newPolicy.version)} takes effect (${newPolicy.effectiveFrom}) before the old one ${JSON.stringify(oldPolicy.version)} (${oldPolicy.effectiveFrom ?? "open"}): pass the earlier version first.`, { path: ["newPolicy", "effectiveFrom"] });
  }
  const from = set[1]!.fromMs;
  const changes: VersionStageChange[] = [];
  const errored: { ticketId: string; code: string; message: string }[] = [];
  let kept = 0;
  let unchanged = 0;
  for (const [i, t] of tickets.entries()) {
    const ticketId = typeof (t as { id?: unknown } | null)?.id === "string" ? (t as { id: string }).id : `#${i}`;
    let before: TicketEvaluation;
    let after: TicketEvaluation;
    try {
      before = evaluateTicket(oldPolicy, t, { asOf: asOfMs, allowOutsideEffectiveDates: true });
      after = evaluateTicketVersions(versions, t, { asOf: asOfMs });
    } catch (e) {
      if (!isSlaKitError(e)) throw e;
      errored.push({ ticketId, code: e.code, message: e.message });
      continue;
    }
    for (const [j, a] of before.stages.entries()) {
      const b = after.stages[j]!;
      if (versionOf(b) !== newPolicy.version) kept++;
      else if (!compare(ticketId, a, b, oldPolicy, newPolicy, before, changes)) unchanged++;
    }
  }
  const ref = (p: Policy) => ({ id: p.id, version: p.version, hash: p.hash });
  return { old: ref(oldPolicy), new: ref(newPolicy), effectiveFrom: new Date(from), asOf: new Date(asOfMs), changes, kept, unchanged, errored, ticketsReplayed: tickets.length };
}
