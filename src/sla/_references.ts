/**
 * Referential checks of a structurally valid policy (services, stages, values, clocks, anchors,
 * calendars, dates). Private to `sla`; every user-keyed lookup goes through `own`/`hasOwn`.
 * @internal
 */
import { alwaysOpen, chinaWorkCalendar, defineCalendar, type Calendar, type ChinaWorkCalendarOptions, type Hours } from "../calendar/index.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { isValidTimeZone } from "../_lib/zone.js";
import { hasOwn, own } from "./_own.js";
import { isoDurationMs, withinKind } from "./_targets.js";
import type { Dimension, PolicyIssue, PolicyJson, TicketInput } from "./types.js";

/** The matrix dimensions, in a fixed order. */
export const DIMENSIONS: readonly Dimension[] = ["tier", "urgency", "location", "channel"];
/** Anchor name of ticket creation (the default anchor). */
export const CREATED = "created";

/** A ticket fact as an evaluation carries it: the string, or null when absent. */
export const fact = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * The ticket as evaluation reads it: each field read once, here (a getter answers once; inherited
 * fields count), into one shape. Everything after reads this copy (both paths of `evaluateTicket`,
 * the result's facts, a fast result's trace copy, `tallyTickets`' counts and groups), so they agree
 * whatever a getter of the input would answer next.
 */
export function readTicket(t: TicketInput): TicketInput {
  return ticketFrom(t, t.id, t.service, t.createdAt);
}

/**
 * {@link readTicket} with `id`, `service` and `createdAt` already read (and checked) by the
 * caller: `evaluateTicket` reads those first, so a bad one is reported before a getter of another
 * field runs, as before the copy.
 */
export function ticketFrom(t: TicketInput, id: unknown, service: unknown, createdAt: unknown): TicketInput {
  return { id, service, tier: t.tier, urgency: t.urgency, location: t.location, channel: t.channel, assignee: t.assignee, department: t.department, createdAt, events: t.events } as TicketInput;
}

/** The name of a stage definition. */
export function stageName(s: string | { readonly name: string }): string {
  return typeof s === "string" ? s : s.name;
}

/** S15: a periodic stage's `until` names another stage of its service. */
function recurIssues(svc: string, def: PolicyJson["services"][string], err: (code: string, path: ErrorPath, message: string) => void): void {
  const names = def.stages.map(stageName);
  def.stages.forEach((s, i) => {
    if (typeof s === "string" || s.recur?.kind !== "periodic" || s.recur.until === undefined) return;
    const until = s.recur.until;
    if (until === s.name || !names.includes(until)) {
      err("UNKNOWN_STAGE", ["services", svc, "stages", i, "recur", "until"], `Stage "${s.name}" recurs until "${until}", which is ${until === s.name ? "the stage itself" : `not a stage of service "${svc}" (${names.join(", ")})`}: name the stage whose done event ends the updates, or leave "until" out to end them at the close.`);
    }
  });
}

/** Builds one calendar of a policy; throws the calendar's SlaKitError. */
function buildCalendar(spec: PolicyJson["calendars"][string]): Calendar {
  if ("builtin" in spec) {
    if (spec.builtin === "alwaysOpen") return alwaysOpen(spec.timeZone);
    const opts: { -readonly [K in keyof ChinaWorkCalendarOptions]: ChinaWorkCalendarOptions[K] } = {};
    if (spec.hours !== undefined) opts.hours = spec.hours as Hours;
    if (spec.timeZone !== undefined) opts.timeZone = spec.timeZone;
    if (spec.years !== undefined) opts.years = spec.years;
    if (spec.beyondData !== undefined) opts.beyondData = spec.beyondData;
    return chinaWorkCalendar(opts);
  }
  return defineCalendar(spec);
}

/**
 * Referential problems of a structurally valid policy (unknown services, stages, values, clocks,
 * anchors, anchor cycles, bad calendars, bad dates). Also returns the built calendars.
 */
export function referenceIssues(json: PolicyJson): { issues: PolicyIssue[]; calendars: Map<string, Calendar>; badRows: Set<number> } {
  const issues: PolicyIssue[] = [];
  const err = (code: string, path: ErrorPath, message: string): void => {
    issues.push({ severity: "error", code, path, message });
  };
  const badRows = new Set<number>();
  const calendars = new Map<string, Calendar>();
  for (const [name, spec] of Object.entries(json.calendars)) {
    try {
      calendars.set(name, buildCalendar(spec));
    } catch (e) {
      const sub = e instanceof SlaKitError ? e.path : [];
      err("INVALID_CALENDAR", ["calendars", name, ...sub], `Calendar "${name}" is invalid: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (json.timeZone !== undefined && !isValidTimeZone(json.timeZone)) {
    err("INVALID_POLICY", ["timeZone"], `timeZone "${json.timeZone}" is not an IANA time zone name (e.g. "Asia/Shanghai").`);
  }
  for (const key of ["effectiveFrom", "effectiveTo"] as const) {
    const v = json[key];
    if (v === undefined) continue;
    const ok = v.length === 10 ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) : !Number.isNaN(Date.parse(v));
    if (!ok) err("INVALID_POLICY", [key], `${key} "${v}" is not a real date or instant.`);
  }
  const from = json.effectiveFrom;
  const to = json.effectiveTo;
  if (from !== undefined && to !== undefined && from.length === to.length && from > to) {
    err("INVALID_POLICY", ["effectiveTo"], `effectiveTo ${to} is before effectiveFrom ${from}.`);
  }
  for (const d of DIMENSIONS) {
    const vals = json.dimensions[d] ?? [];
    const seen = new Set<string>();
    vals.forEach((v, i) => {
      if (seen.has(v)) err("DUPLICATE_VALUE", ["dimensions", d, i], `Value "${v}" of ${d} is declared twice.`);
      seen.add(v);
    });
  }
  /** UNKNOWN_VALUE at `path` when `v` is not a declared value of `d`. */
  const checkValue = (d: Dimension, v: string | undefined, path: ErrorPath): void => {
    const declared = json.dimensions[d] ?? [];
    if (v !== undefined && !declared.includes(v)) err("UNKNOWN_VALUE", path, `${d} "${v}" is not declared in dimensions.${d} (${declared.join(", ") || "none"}).`);
  };
  const checkValues = (vals: Partial<Record<Dimension, readonly string[]>> | undefined, path: ErrorPath): void => {
    if (vals) for (const d of DIMENSIONS) (vals[d] ?? []).forEach((v, i) => checkValue(d, v, [...path, d, i]));
  };
  for (const [svc, def] of Object.entries(json.services)) {
    const names = new Set<string>();
    def.stages.forEach((s, i) => {
      const n = stageName(s);
      if (n === CREATED) err("INVALID_POLICY", ["services", svc, "stages", i], `"${CREATED}" is reserved for ticket creation; rename the stage.`);
      if (names.has(n)) err("DUPLICATE_VALUE", ["services", svc, "stages", i], `Stage "${n}" of service "${svc}" is declared twice.`);
      names.add(n);
      if (typeof s !== "string") {
        checkValues(s.when, ["services", svc, "stages", i, "when"]);
        checkValues(s.notApplicable?.when, ["services", svc, "stages", i, "notApplicable", "when"]);
      }
    });
    recurIssues(svc, def, err);
    (def.milestones ?? []).forEach((m, i) => {
      if (names.has(m) || m === CREATED) err("DUPLICATE_VALUE", ["services", svc, "milestones", i], `Milestone "${m}" clashes with a stage name or "${CREATED}".`);
    });
    def.dimensions.forEach((d, i) => {
      if ((json.dimensions[d] ?? []).length === 0) err("UNKNOWN_VALUE", ["services", svc, "dimensions", i], `Service "${svc}" uses ${d}, but the policy declares no values for dimensions.${d}.`);
    });
    checkValues(def.values, ["services", svc, "values"]);
  }
  json.targets.forEach((row, i) => {
    const before = issues.length;
    const def = own(json.services, row.service);
    if (!def) {
      err("UNKNOWN_SERVICE", ["targets", i, "service"], `Service "${row.service}" is not declared in services (${Object.keys(json.services).join(", ")}).`);
    } else {
      const stages = def.stages.map(stageName);
      if (!stages.includes(row.stage)) err("UNKNOWN_STAGE", ["targets", i, "stage"], `Stage "${row.stage}" is not a stage of service "${row.service}" (${stages.join(", ")}).`);
      if (row.anchor !== undefined && row.anchor !== CREATED) {
        if (row.anchor === row.stage) err("UNKNOWN_ANCHOR", ["targets", i, "anchor"], `Stage "${row.stage}" cannot be anchored at itself.`);
        else if (!stages.includes(row.anchor) && !(def.milestones ?? []).includes(row.anchor)) {
          err("UNKNOWN_ANCHOR", ["targets", i, "anchor"], `Anchor "${row.anchor}" is neither "${CREATED}", a stage nor a milestone of service "${row.service}".`);
        }
      }
    }
    for (const d of DIMENSIONS) checkValue(d, row[d], ["targets", i, d]);
    const kind = withinKind(row.within);
    const recurs = def?.stages.find((s) => stageName(s) === row.stage);
    if (typeof recurs === "object" && recurs.recur !== undefined && (kind === "rings" || kind === "agreed")) {
      err("RECUR_UNTIMED", ["targets", i, "within"], `Stage "${row.stage}" of service "${row.service}" recurs (${recurs.recur.kind}), so its rows must give the time allowed per cycle (a duration or business days), not ${kind === "rings" ? "rings" : "an agreed deadline"} (docs/rules.md S15).`);
    }
    if (typeof row.within === "string" && isoDurationMs(row.within) === null) {
      err("INVALID_DURATION", ["targets", i, "within"], `Duration "${row.within}" is too large.`);
    }
    if (row.clock === undefined) {
      if (kind === "duration" || kind === "businessDays") err("UNKNOWN_CALENDAR", ["targets", i, "clock"], `Row ${i} needs a "clock" naming one of policy.calendars for its ${kind} deadline.`);
    } else if (!hasOwn(json.calendars, row.clock)) {
      err("UNKNOWN_CALENDAR", ["targets", i, "clock"], `Clock "${row.clock}" is not in policy.calendars (${Object.keys(json.calendars).join(", ") || "none"}).`);
    } else if (!calendars.has(row.clock)) badRows.add(i);
    if (issues.length > before) badRows.add(i);
  });
  const allStages = new Set<string>();
  for (const def of Object.values(json.services)) for (const st of def.stages) allStages.add(stageName(st));
  for (const [reason, pr] of Object.entries(json.pauseReasons ?? {})) {
    pr.stops.forEach((st, i) => {
      if (!allStages.has(st)) err("UNKNOWN_STAGE", ["pauseReasons", reason, "stops", i], `Pause reason "${reason}" stops "${st}", which is not a stage of any service.`);
    });
  }
  // anchor cycles: stage -> anchor, per service and row (any row's anchor counts)
  for (const svc of Object.keys(json.services)) {
    const edges = new Map<string, Set<string>>();
    json.targets.forEach((r, i) => {
      if (r.service !== svc || badRows.has(i) || r.anchor === undefined || r.anchor === CREATED) return;
      let set = edges.get(r.stage);
      if (!set) edges.set(r.stage, (set = new Set()));
      set.add(r.anchor);
    });
    const state = new Map<string, 1 | 2>();
    const visit = (n: string, trail: string[]): void => {
      if (state.get(n) === 2) return;
      if (state.get(n) === 1) {
        err("ANCHOR_CYCLE", ["services", svc], `Stages of "${svc}" are anchored in a cycle: ${[...trail, n].join(" -> ")}.`);
        return;
      }
      state.set(n, 1);
      for (const m of edges.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, 2);
    };
    for (const n of edges.keys()) visit(n, []);
  }
  return { issues, calendars, badRows };
}
