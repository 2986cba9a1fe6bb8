/**
 * The baseline of the ticket benchmark: what a user would write by hand with date-fns and a Set
 * of holiday dates, for the two built-in policies only. It computes the same statuses, deadlines
 * and warning times as `evaluateTicket` (the bench checks that on every generated ticket first).
 * Assumes what those policies assume: 24x7 clocks and business-day clocks in Asia/Shanghai (UTC+8,
 * no DST), business days 09:00-18:00, `warnAt` 0.8. Private to bench/.
 */
import { addDays, isWeekend } from "date-fns";
import { chinaHolidayYears } from "../src/calendar/index.js";
import type { Policy, Ticket } from "../src/sla/index.js";

const H8 = 8 * 3_600_000;
const OPEN = 9 * 3_600_000;
const CLOSE = 18 * 3_600_000;
const DAY = 86_400_000;
const holidays = new Set(chinaHolidayYears.flatMap((y) => y.holidays.map((h) => h.date)));
const workdays = new Set(chinaHolidayYears.flatMap((y) => y.workdays.map((w) => w.date)));

/** A row as the baseline keeps it. */
interface Row {
  readonly tier?: string | undefined;
  readonly urgency?: string | undefined;
  readonly location?: string | undefined;
  readonly kind: "ms" | "bd" | "rings" | "agreed";
  readonly n: number;
  readonly bd: boolean;
  readonly anchor: string;
}

/** Midnight (Shanghai) of the day holding `t`, as a UTC-midnight Date the date-fns helpers walk. */
const localDay = (t: number): Date => new Date(Math.floor((t + H8) / DAY) * DAY);
const isWorkday = (d: Date): boolean => {
  const key = d.toISOString().slice(0, 10);
  return workdays.has(key) || (!isWeekend(d) && !holidays.has(key));
};
/** Epoch ms of a local time of day on a local day. */
const at = (d: Date, msOfDay: number): number => d.getTime() + msOfDay - H8;

/** Open time between two instants on the 09:00-18:00 business-day clock. */
function btb(from: number, to: number): number {
  let sum = 0;
  for (let d = localDay(from); at(d, 0) < to; d = addDays(d, 1)) {
    if (!isWorkday(d)) continue;
    const s = Math.max(from, at(d, OPEN));
    const e = Math.min(to, at(d, CLOSE));
    if (e > s) sum += e - s;
  }
  return sum;
}

/** The earliest instant with `ms` of open time after `from` (lands on a close, not the next opening). */
function addBt(from: number, ms: number): number {
  if (ms === 0) return from;
  for (let d = localDay(from); ; d = addDays(d, 1)) {
    if (!isWorkday(d)) continue;
    const s = Math.max(from, at(d, OPEN));
    const e = at(d, CLOSE);
    if (e <= s) continue;
    if (ms <= e - s) return s + ms;
    ms -= e - s;
  }
}

/** Close of business of the n-th business day after the local date of `from` (start day not counted). */
function addBd(from: number, n: number): number {
  let d = localDay(from);
  for (let k = 0; k < n; ) {
    d = addDays(d, 1);
    if (isWorkday(d)) k++;
  }
  return at(d, CLOSE);
}

const DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?$/;

/** The rows of a policy per "service/stage", as the baseline's own lookup table. */
export function baselineTable(policy: Policy): Map<string, Row[]> {
  const table = new Map<string, Row[]>();
  for (const t of policy.targets) {
    const w = t.within;
    let row: Row;
    const base = { tier: t.tier, urgency: t.urgency, location: t.location, anchor: t.anchor ?? "created" };
    if (typeof w === "string") {
      const m = DURATION.exec(w);
      if (!m) throw new Error(`baseline cannot read ${w}`);
      row = { ...base, kind: "ms", n: (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60_000, bd: false };
    } else if ("businessDays" in w) row = { ...base, kind: "bd", n: w.businessDays, bd: true };
    else if ("rings" in w) row = { ...base, kind: "rings", n: w.rings, bd: false };
    else row = { ...base, kind: "agreed", n: 0, bd: t.clock === "china-workdays" };
    const key = `${t.service}/${t.stage}`;
    table.set(key, [...(table.get(key) ?? []), row]);
  }
  return table;
}

/** One stage as the baseline sees it. */
export interface BaselineStage {
  readonly stage: string;
  readonly status: string;
  readonly dueAt: number | null;
  readonly warnAt: number | null;
}

interface Ev {
  readonly type: string;
  readonly at: number;
  readonly stage?: string;
  readonly rings?: number;
  readonly dueAt?: number;
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : (v as number));

/** Statuses, deadlines and warning times of a ticket's stages, by hand. */
export function baselineEvaluate(policy: Policy, table: Map<string, Row[]>, ticket: Ticket, asOf: number): BaselineStage[] {
  const created = ms(ticket.createdAt);
  const events: Ev[] = ticket.events
    .map((e) => ({ ...(e as unknown as Ev), at: ms(e.at), ...("dueAt" in e ? { dueAt: ms(e.dueAt) } : {}) }))
    .filter((e) => e.at <= asOf)
    .sort((a, b) => a.at - b.at);
  const done = new Map<string, Ev>();
  const agreed = new Map<string, Ev[]>();
  const pauses: [number, number][] = [];
  let remote = false;
  for (const e of events) {
    if (e.type === "done") done.set(e.stage!, e);
    else if (e.type === "agreed-deadline") agreed.set(e.stage!, [...(agreed.get(e.stage!) ?? []), e]);
    else if (e.type === "pause") pauses.push([e.at, asOf]);
    else if (e.type === "resume") pauses[pauses.length - 1]![1] = e.at;
    else if (e.type === "remote-resolved") remote = true;
  }
  const svc = policy.services[ticket.service]!;
  const out: BaselineStage[] = [];
  for (const s of svc.stages) {
    const name = typeof s === "string" ? s : s.name;
    const when = typeof s === "string" ? undefined : s.when?.location;
    const na = (): void => void out.push({ stage: name, status: "not-applicable", dueAt: null, warnAt: null });
    if (when && !when.includes(ticket.location!)) {
      na();
      continue;
    }
    const row = table.get(`${ticket.service}/${name}`)!.find((r) => (r.tier === undefined || r.tier === ticket.tier) && (r.urgency === undefined || r.urgency === ticket.urgency) && (r.location === undefined || r.location === ticket.location))!;
    const d = done.get(name);
    if (svc.onsite && remote) {
      na();
      continue;
    }
    if (row.kind === "rings") {
      if (d?.rings === undefined) na();
      else out.push({ stage: name, status: d.rings <= row.n ? "met" : "breached", dueAt: null, warnAt: null });
      continue;
    }
    const anchor = row.anchor === "created" ? created : done.get(row.anchor)?.at;
    if (anchor === undefined) {
      out.push({ stage: name, status: "pending", dueAt: null, warnAt: null });
      continue;
    }
    const between = row.bd ? btb : (a: number, b: number) => b - a;
    const plus = row.bd ? addBt : (a: number, n: number) => a + n;
    const end = d ? d.at : asOf;
    const pausedUntil = (to: number): number => {
      let paused = 0;
      for (const [ps, pe] of pauses) {
        const a = Math.max(ps, anchor);
        const b = Math.min(pe, to);
        if (b > a) paused += between(a, b);
      }
      return paused;
    };
    // an agreement counts when recorded while the stage is open, by the deadline in force then,
    // with its deadline after it (W2, S9); the last one that counts wins
    const computed = row.kind === "bd" ? addBd(anchor, row.n) : anchor + row.n;
    let ag: number | undefined;
    for (const a of agreed.get(name) ?? []) {
      const inForce = ag ?? (row.kind === "agreed" ? Infinity : plus(computed, pausedUntil(Math.min(end, a.at))));
      if (a.dueAt! > a.at && !(d && a.at >= d.at) && a.at <= inForce) ag = a.dueAt!;
    }
    if (row.kind === "agreed" && ag === undefined) {
      out.push({ stage: name, status: d ? "breached" : "pending", dueAt: null, warnAt: null });
      continue;
    }
    let due: number;
    let warn: number;
    if (ag !== undefined) {
      due = ag;
      warn = plus(anchor, Math.max(0, Math.round(0.8 * between(anchor, due))));
    } else {
      due = computed;
      warn = plus(anchor, Math.round(0.8 * (row.kind === "bd" ? btb(anchor, due) : row.n)));
      const paused = pausedUntil(end);
      if (paused > 0) {
        warn = plus(warn, paused);
        due = plus(due, paused);
      }
    }
    const status = d ? (d.at <= due ? "met" : "breached") : asOf > due ? "overdue" : asOf >= warn ? "warning" : "pending";
    out.push({ stage: name, status, dueAt: due, warnAt: warn });
  }
  return out;
}
