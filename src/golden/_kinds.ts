/**
 * The functions a golden case may call, by `kind`, with their arguments taken from `input` by name.
 * @internal
 */
import { SlaKitError } from "../errors.js";
import { describe, parseIsoInstant } from "../_lib/instant.js";
import * as calendar from "../calendar/index.js";
import * as kpi from "../kpi/index.js";
import * as scoring from "../scoring/index.js";
import * as sla from "../sla/index.js";
import type { Policy, PolicyCalendar, TicketEvaluation } from "../sla/index.js";

export interface KindContext {
  readonly policy: Policy | undefined;
  /** The file's policy set (`policies`), for `evaluateTicketVersions`. */
  readonly policies?: readonly Policy[] | undefined;
  readonly asOf: string | undefined;
  readonly caseIndex: number;
}

type Input = Readonly<Record<string, unknown>>;
type Call = (input: Input, ctx: KindContext) => unknown;

function needPolicy(ctx: KindContext, kind: string): Policy {
  if (ctx.policy === undefined) {
    throw new SlaKitError("INVALID_CASE_FILE", `Case kind "${kind}" needs a policy: set "policy" in the case file to a built-in name or a policy file.`, { path: ["policy"] });
  }
  return ctx.policy;
}

function needPolicies(ctx: KindContext): readonly Policy[] {
  if (ctx.policies === undefined) {
    throw new SlaKitError("INVALID_CASE_FILE", `Case kind "evaluateTicketVersions" needs a policy set: set "policies" in the case file to the versions (built-in names or policy files).`, { path: ["policies"] });
  }
  return ctx.policies;
}

function needAsOf(ctx: KindContext, input: Input): unknown {
  const asOf = ctx.asOf ?? input["asOf"];
  if (asOf === undefined) {
    throw new SlaKitError("INVALID_CASE_FILE", `This case evaluates tickets: give it "asOf" (an ISO-8601 instant with offset).`, { path: ["cases", ctx.caseIndex, "asOf"] });
  }
  if (asOf instanceof Date) return asOf;
  const ms = typeof asOf === "string" ? parseIsoInstant(asOf) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new SlaKitError("INVALID_CASE_FILE", `"asOf" ${JSON.stringify(asOf)} is not an ISO-8601 instant with an offset: write e.g. "2024-05-06T12:00:00+08:00" (an instant without offset would be read in the host's zone).`, { path: ["cases", ctx.caseIndex, "asOf"] });
  }
  return new Date(ms);
}

const builtinCalendars: Readonly<Record<string, () => calendar.Calendar>> = {
  chinaWorkCalendar: () => calendar.chinaWorkCalendar(),
  alwaysOpen: () => calendar.alwaysOpen(),
};

/** A calendar from a case input: a built-in name, `{ builtin, ... }` as in policies, or a CalendarSpec. */
function calendarOf(v: unknown): calendar.Calendar {
  if (typeof v === "string") {
    const make = builtinCalendars[v];
    if (make !== undefined) return make();
    if (v.startsWith("alwaysOpen:")) return calendar.alwaysOpen(v.slice("alwaysOpen:".length));
    throw new SlaKitError("INVALID_CASE_FILE", `Unknown calendar ${describe(v)}: use "chinaWorkCalendar", "alwaysOpen:<zone>", { builtin: ... } or a calendar spec.`, { path: ["input", "calendar"] });
  }
  const b = v as PolicyCalendar & { builtin?: string };
  if (b !== null && typeof b === "object" && b.builtin === "chinaWorkCalendar") {
    const o = b as { hours?: readonly string[]; timeZone?: string };
    return calendar.chinaWorkCalendar({ ...(o.hours ? { hours: o.hours } : {}), ...(o.timeZone ? { timeZone: o.timeZone } : {}) });
  }
  if (b !== null && typeof b === "object" && b.builtin === "alwaysOpen") return calendar.alwaysOpen((b as { timeZone?: string }).timeZone);
  return calendar.defineCalendar(v as calendar.CalendarSpec);
}

const builtinCards: Readonly<Record<string, (o?: never) => scoring.Scorecard>> = {
  callCentreCard: scoring.callCentreCard,
  businessHallCard: scoring.businessHallCard,
  accountManagerCard: scoring.accountManagerCard,
  networkCard: scoring.networkCard as (o?: never) => scoring.Scorecard,
};

function cardOf(v: unknown): scoring.Scorecard {
  if (typeof v === "string") {
    const make = builtinCards[v];
    if (make === undefined) {
      throw new SlaKitError("INVALID_CASE_FILE", `Unknown built-in card ${describe(v)}: use one of ${Object.keys(builtinCards).join(", ")} or give the card as data.`, { path: ["input", "card"] });
    }
    return make();
  }
  if (v !== null && typeof v === "object" && typeof (v as { builtin?: unknown }).builtin === "string") {
    const { builtin, ...options } = v as { builtin: string };
    const make = builtinCards[builtin];
    if (make === undefined) return cardOf(builtin);
    return make(options as never);
  }
  return v as scoring.Scorecard;
}

/** Evaluations from `input.evaluations` (as given) or `input.tickets` (evaluated under the policy at asOf). */
function evaluationsOf(input: Input, ctx: KindContext): TicketEvaluation[] {
  if (Array.isArray(input["evaluations"])) return input["evaluations"] as TicketEvaluation[];
  const tickets = input["tickets"];
  if (!Array.isArray(tickets)) {
    throw new SlaKitError("INVALID_CASE_FILE", `Give "evaluations" (evaluateTicket results) or "tickets" (with the case's asOf) in the input.`, { path: ["cases", ctx.caseIndex, "input"] });
  }
  const policy = needPolicy(ctx, "tickets");
  const asOf = needAsOf(ctx, input) as Date;
  return tickets.map((t) => sla.evaluateTicket(policy, t as sla.Ticket, { asOf }));
}

const f = (fn: (...a: never[]) => unknown, ...names: string[]): Call => (input) => fn(...(names.map((n) => input[n]) as never[]));
/** A function whose single argument is the whole input object. */
const whole = (fn: (a: never) => unknown): Call => (input) => fn(input as never);

/** What a kind needs from the case file (`policy`, the case's `asOf`), the input names it reads, and the call. */
export interface KindSpec {
  readonly needs: readonly ("policy" | "policies" | "asOf")[];
  /** The names `input` may hold. */
  readonly inputs: readonly string[];
  readonly call: Call;
}

const k = (inputs: readonly string[], call: Call, needs: KindSpec["needs"] = []): KindSpec => ({ needs, inputs, call });
const fk = (fn: (...a: never[]) => unknown, ...names: string[]): KindSpec => k(names, f(fn, ...names));
const EVALS = ["evaluations", "tickets", "asOf"] as const;

/** The case kinds by name (a Map: `valueOf` or `__proto__` are not kinds). */
// the tables are built by calls marked pure, so a bundle that runs no case drops them and what they call
export const kindTable: ReadonlyMap<string, KindSpec> = /* @__PURE__ */ (() => new Map<string, KindSpec>([
  // sla
  ["dueAt", k(["query", "anchor"], (i, ctx) => sla.dueAt(needPolicy(ctx, "dueAt"), i["query"] as sla.TargetQuery, i["anchor"] as Date), ["policy"])],
  ["findTarget", k(["query"], (i, ctx) => sla.findTarget(needPolicy(ctx, "findTarget"), i["query"] as sla.TargetQuery), ["policy"])],
  ["evaluateTicket", k(["ticket", "options"], (i, ctx) =>
    sla.evaluateTicket(needPolicy(ctx, "evaluateTicket"), i["ticket"] as sla.Ticket, {
      ...(i["options"] as object | undefined),
      asOf: needAsOf(ctx, i) as Date,
    }), ["policy", "asOf"])],
  ["evaluateTicketVersions", k(["ticket", "options"], (i, ctx) =>
    sla.evaluateTicketVersions(needPolicies(ctx), i["ticket"] as sla.Ticket, {
      ...(i["options"] as object | undefined),
      asOf: needAsOf(ctx, i) as Date,
    }), ["policies", "asOf"])],
  ["validatePolicy", k([], (_i, ctx) => sla.validatePolicy(needPolicy(ctx, "validatePolicy")), ["policy"])],
  // calendar
  ["addBusinessDays", k(["calendar", "start", "n"], (i) => calendar.addBusinessDays(calendarOf(i["calendar"]), i["start"] as Date, i["n"] as number))],
  ["addBusinessTime", k(["calendar", "start", "ms"], (i) => calendar.addBusinessTime(calendarOf(i["calendar"]), i["start"] as Date, i["ms"] as number))],
  ["businessTimeBetween", k(["calendar", "from", "to"], (i) => calendar.businessTimeBetween(calendarOf(i["calendar"]), i["from"] as Date, i["to"] as Date))],
  ["isBusinessDay", k(["calendar", "day"], (i) => calendar.isBusinessDay(calendarOf(i["calendar"]), i["day"] as string))],
  ["isOpenAt", k(["calendar", "at"], (i) => calendar.isOpenAt(calendarOf(i["calendar"]), i["at"] as Date))],
  ["nextOpening", k(["calendar", "at"], (i) => calendar.nextOpening(calendarOf(i["calendar"]), i["at"] as Date))],
  // kpi
  ["ratio", fk(kpi.ratio, "numerator", "denominator")],
  ["rate", fk(kpi.rate, "part", "whole")],
  ["combineRatios", fk(kpi.combineRatios, "ratios")],
  ["failureWeight", fk(kpi.failureWeight, "n", "options")],
  ["weightedFailures", fk(kpi.weightedFailures, "failures", "options")],
  ["weightedFailuresBreakdown", fk(kpi.weightedFailuresBreakdown as (...a: never[]) => unknown, "failures", "options")],
  ["aggregationFailureRate", fk(kpi.aggregationFailureRate, "failures", "options")],
  ["reliability", k(["downtimeMs", "periodMs"], whole(kpi.reliability))],
  ["downtime", fk(kpi.downtime, "outages", "period", "options")],
  ["outagePer100Hours", k(["downtimeMs", "operationMs"], whole(kpi.outagePer100Hours))],
  ["complianceRate", k([...EVALS, "options"], (i, ctx) => kpi.complianceRate(evaluationsOf(i, ctx), i["options"] as kpi.ComplianceOptions | undefined))],
  ["overdueRate", k([...EVALS, "options"], (i, ctx) => kpi.overdueRate(evaluationsOf(i, ctx), i["options"] as kpi.ComplianceOptions | undefined))],
  ["rollup", k([...EVALS, "options"], (i, ctx) => kpi.rollup(evaluationsOf(i, ctx), i["options"] as kpi.RollupOptions))],
  ["checkTarget", fk(kpi.checkTarget, "kpi", "value")],
  ["meanRating", fk(kpi.meanRating, "ratings")],
  ["signalQuality", fk(kpi.signalQuality, "measurements", "limits")],
  // scoring
  ["evaluateRule", fk(scoring.evaluateRule, "rule", "value")],
  ["scorecard", k(["card", "values", "options"], (i) => scoring.scorecard(cardOf(i["card"]), i["values"] as scoring.ScorecardValues, i["options"] as scoring.ScorecardOptions | undefined))],
  ["assessPenalty", fk(scoring.assessPenalty, "ruleId", "input")],
  [
    "finesByPerson",
    k(["penalties"], (i, ctx) => {
      const ps = i["penalties"];
      if (!Array.isArray(ps)) {
        throw new SlaKitError("INVALID_CASE_FILE", `Give "penalties": a list of { ruleId, input } to assess with assessPenalty.`, { path: ["cases", ctx.caseIndex, "input", "penalties"] });
      }
      return scoring.finesByPerson(ps.map((p: { ruleId?: unknown; input?: unknown } | null) => scoring.assessPenalty(p?.ruleId as string, p?.input as scoring.PenaltyInput)));
    }),
  ],
  ["bonusAdjustment", fk(scoring.bonusAdjustment, "ruleId", "input")],
  ["gradeFromIndicators", fk(scoring.gradeFromIndicators, "results", "options")],
  ["gradeDistribution", fk(scoring.gradeDistribution, "records")],
  ["retrainingFlags", fk(scoring.retrainingFlags, "history", "options")],
  ["standardLevel", fk(scoring.standardLevel, "value", "standard")],
  ["weightedEvaluation", fk(scoring.weightedEvaluation, "scores", "weights")],
]))();

/** The kinds that need the file's policy, derived from the table. */
export const policyKinds: ReadonlySet<string> = /* @__PURE__ */ (() => new Set([...kindTable].filter(([, s]) => s.needs.includes("policy")).map(([n]) => n)))();

/** The kinds that need the file's policy set (`policies`). */
export const policySetKinds: ReadonlySet<string> = /* @__PURE__ */ (() => new Set([...kindTable].filter(([, s]) => s.needs.includes("policies")).map(([n]) => n)))();

/** Rules a call fired that its result does not carry (a `dueAt` returns a bare Date). */
export const ruleHints: ReadonlyMap<string, (input: Input, ctx: KindContext) => string[]> = /* @__PURE__ */ (() => new Map([
  ["dueAt", (i: Input, ctx: KindContext) => {
    const t = sla.findTarget(needPolicy(ctx, "dueAt"), i["query"] as sla.TargetQuery);
    return [t.sourceRef, ...(t.id === undefined ? [] : [t.id])];
  }],
]))();
