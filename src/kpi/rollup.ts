import { assertArray, assertObject, cmpStr, invalid, localMonth, makeRatio, monthKey } from "./_internal.js";
import { addCycles } from "./_cycles.js";
import { addTicket, EMPTY_CYCLE_REASON, EMPTY_REASON, EMPTY_TICKET_REASON, emptyTally, isRenegotiated, stagesOf, statusCode, unitOf, type ComplianceUnit } from "./_tally.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { assertTimeZone, offsetSpan, utcMs } from "../_lib/zone.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { RollupKey, RollupRow } from "./types.js";

/** Options of {@link rollup}. */
export interface RollupOptions {
  /** Grouping keys, in the order rows are sorted by; at most one of month, quarter, year. */
  readonly by: readonly RollupKey[];
  /** IANA zone of the ticket's local creation date; required when grouping by month, quarter or year. */
  readonly timeZone?: string;
  /**
   * What each row counts: `"stage"` (default, K17) or `"ticket"` (work orders, K9c: a ticket is
   * met when it has a decided stage and none breached or overdue). Not combinable with `by: ["stage"]`.
   */
  readonly unit?: ComplianceUnit;
}

const KEYS: readonly RollupKey[] = ["assignee", "department", "tier", "service", "stage", "month", "quarter", "year"];
const TIME_KEYS: ReadonlySet<RollupKey> = new Set<RollupKey>(["month", "quarter", "year"]);
const DAY = 86_400_000;
/** The path prefix of errors in an evaluation (one array, not one per stage). */
const EVALUATIONS: readonly ["evaluations"] = ["evaluations"];

/**
 * The value of a string grouping key of evaluation i, read the long way (old order, error paths):
 * assignee, department and tier may be missing (null); service must be a string.
 */
function keyValue(ev: Record<string, unknown>, key: RollupKey, i: number): string | null {
  const v = ev[key];
  if (typeof v === "string") return v;
  if (key !== "service" && (v === undefined || v === null)) return null;
  return invalid(`evaluations[${i}].${key} must be a string, got ${describe(v)}.`, ["evaluations", i, key]);
}

/** createdAt of evaluation i as epoch ms (a Date, epoch ms, or an ISO-8601 string with an offset). */
function createdMs(ev: Record<string, unknown>, i: number): number {
  const c = ev.createdAt;
  const ms = c instanceof Date ? c.getTime() : typeof c === "number" ? c : Number.NaN;
  // strings (after a JSON round trip) and every error go the long way, which builds the path
  return ms <= 8.64e15 && ms >= -8.64e15 ? ms : toEpochMs(c, ["evaluations", i, "createdAt"], "INVALID_INPUT", { iso: true });
}

/**
 * Ids of the values of one grouping key (a string, or null for a missing one): the first value seen
 * is 0, the next 1, ... The last value asked for is remembered (runs of one assignee cost nothing).
 */
class Interner {
  readonly values: (string | null)[] = [];
  private readonly ids = new Map<string | null, number>();
  private last: string | null | undefined = undefined;
  private lastId = -1;

  id(v: string | null): number {
    if (v === this.last) return this.lastId;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    this.last = v;
    this.lastId = id;
    return id;
  }
}

/**
 * Local months of instants in one zone, cached for the life of the process: each reading holds for
 * a span of instants (the zone's offset unchanged and the local month the same) and is kept in a
 * slot of its 4-day window of UTC time (two spans per slot: a window meets at most two months
 * unless an offset change falls inside it), so evaluations in any order, and successive calls
 * (tallyTickets rolls up a chunk at a time), read the zone's offset table about once per month.
 * A span is a fact about the zone, never about a call; `stamp` and `id` give the period id of the
 * current call (see `LocalPeriods`).
 */
class MonthSpans {
  static readonly SLOTS = 4096; // 4096 windows of 4 days: 45 years before two windows share a slot
  readonly from = new Float64Array(2 * MonthSpans.SLOTS).fill(Infinity);
  readonly to = new Float64Array(2 * MonthSpans.SLOTS);
  /** year * 12 + month - 1 of the span. */
  readonly month = new Int32Array(2 * MonthSpans.SLOTS);
  /** The call that last gave the span a period id, and that id. */
  readonly stamp = new Float64Array(2 * MonthSpans.SLOTS);
  readonly id = new Int32Array(2 * MonthSpans.SLOTS);
  constructor(readonly timeZone: string) {}
}
const WINDOW = 4 * DAY;
/** The caches of the zones last used (a few: each holds 224 kB). */
const spansByZone = new Map<string, MonthSpans>();
let calls = 0;

function spansOf(timeZone: string): MonthSpans {
  let c = spansByZone.get(timeZone);
  if (c === undefined) {
    if (spansByZone.size >= 8) spansByZone.delete(spansByZone.keys().next().value!);
    spansByZone.set(timeZone, (c = new MonthSpans(timeZone)));
  }
  return c;
}

/**
 * The local month, quarter or year of instants in a zone, for one call of `rollup`, as a small id
 * (0, 1, ... in the order first seen; `numbers[id]` is year * 12 + month - 1, year * 4 + quarter - 1,
 * or the year), read from the zone's `MonthSpans`.
 */
class LocalPeriods {
  readonly numbers: number[] = [];
  private readonly ids = new Map<number, number>();
  private readonly spans: MonthSpans;
  private readonly call = ++calls;

  constructor(
    timeZone: string,
    private readonly key: RollupKey,
  ) {
    this.spans = spansOf(timeZone);
  }

  /** The period id of instant `ms` (evaluation i, for the error path). */
  of(ms: number, i: number): number {
    const c = this.spans;
    let s = (((ms / WINDOW) | 0) & (MonthSpans.SLOTS - 1)) * 2;
    if (!(ms >= c.from[s]! && ms < c.to[s]!)) {
      s++;
      if (!(ms >= c.from[s]! && ms < c.to[s]!)) s = this.miss(ms, i, s - 1);
    }
    return c.stamp[s] === this.call ? c.id[s]! : this.idOf(s);
  }

  /** Reads the month of `ms` the long way into slot s (the older span moves to s + 1); returns s. */
  private miss(ms: number, i: number, s: number): number {
    const c = this.spans;
    const span = offsetSpan(c.timeZone, ms);
    const d = new Date(ms + span.offset);
    if (Number.isNaN(d.getTime())) localMonth(c.timeZone, ms, ["evaluations", i, "createdAt"]); // throws with the path
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    c.from[s + 1] = c.from[s]!;
    c.to[s + 1] = c.to[s]!;
    c.month[s + 1] = c.month[s]!;
    c.stamp[s + 1] = c.stamp[s]!;
    c.id[s + 1] = c.id[s]!;
    // the instants of this local month at this offset (NaN at the ends of the Date range: never a hit)
    c.from[s] = Math.max(span.from, utcMs(year, month, 1) - span.offset);
    c.to[s] = Math.min(span.to, (month === 12 ? utcMs(year + 1, 1, 1) : utcMs(year, month + 1, 1)) - span.offset);
    c.month[s] = year * 12 + month - 1;
    c.stamp[s] = 0;
    return s;
  }

  /** This call's id of the period of the span in slot s. */
  private idOf(s: number): number {
    const c = this.spans;
    const m = c.month[s]!;
    const n = this.key === "month" ? m : this.key === "quarter" ? Math.floor(m / 3) : Math.floor(m / 12);
    let id = this.ids.get(n);
    if (id === undefined) {
      id = this.numbers.length;
      this.numbers.push(n);
      this.ids.set(n, id);
    }
    c.stamp[s] = this.call;
    c.id[s] = id;
    return id;
  }

  /** "YYYY-MM", "YYYY-Qn" or "YYYY" of a period id. */
  text(id: number): string {
    const n = this.numbers[id]!;
    if (this.key === "month") return monthKey(Math.floor(n / 12), (n % 12 + 12) % 12 + 1);
    const year = this.key === "quarter" ? Math.floor(n / 4) : n;
    const y = monthKey(year, 1).slice(0, -3);
    return this.key === "quarter" ? `${y}-Q${(n % 4 + 4) % 4 + 1}` : y;
  }
}

/** Counters of one group, 8 per group: met, breached, overdue, notCounted, unknown, renegotiated, tickets, last ticket. */
const STRIDE = 8;
const TICKETS = 6;
const LAST = 7;

/**
 * Groups keyed by small integer ids, one trie level per grouping key (arrays indexed by id, so
 * finding a group costs one array read per key and builds no string), with the counters of all
 * groups in one typed array and each group's ids kept for the rows built at the end.
 */
class Groups {
  /** Trie nodes: at the last level the entries are group numbers, above it node numbers; -1 for none. */
  private readonly nodes: number[][] = [[]];
  /** ids of group g: keyIds[g * depth ... g * depth + depth - 1]. */
  readonly keyIds: number[] = [];
  counts = new Float64Array(STRIDE * 16);
  size = 0;

  constructor(private readonly depth: number) {}

  /** The node under `node` for id `id` (levels above the last). */
  child(node: number, id: number): number {
    const kids = this.nodes[node]!;
    const c = id < kids.length ? kids[id]! : -1;
    if (c >= 0) return c;
    while (kids.length <= id) kids.push(-1);
    kids[id] = this.nodes.length;
    this.nodes.push([]);
    return kids[id];
  }

  /** The group under `node` for id `id` (the last level); `ids` are the group's key ids, for a new group. */
  group(node: number, id: number, ids: Int32Array): number {
    const kids = this.nodes[node]!;
    const g = id < kids.length ? kids[id]! : -1;
    return g >= 0 ? g : this.add(kids, id, ids);
  }

  /** The single group of `by: []`. */
  only(ids: Int32Array): number {
    return this.size > 0 ? 0 : this.add(this.nodes[0]!, 0, ids);
  }

  private add(kids: number[], id: number, ids: Int32Array): number {
    while (kids.length <= id) kids.push(-1);
    const g = this.size++;
    kids[id] = g;
    for (let k = 0; k < this.depth; k++) this.keyIds.push(ids[k]!);
    if (this.counts.length < this.size * STRIDE) {
      const grown = new Float64Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[g * STRIDE + LAST] = -1;
    return g;
  }
}

/** Adds a stage's status code (0 met ... 4 unknown) and its renegotiation to group g's counters. */
function countStage(c: Float64Array, g: number, code: number, stage: Record<string, unknown>): void {
  c[g * STRIDE + code]!++;
  if (isRenegotiated(stage)) c[g * STRIDE + 5]!++;
}

/** `unit: "cycle"` (S15): the cycles of a recurring stage one by one (see `addCycles`), any other stage as one. */
function countCycles(c: Float64Array, g: number, code: number, stage: Record<string, unknown>): void {
  const t = emptyTally();
  addCycles(t, code, stage);
  addTally(c, g, t);
}

/**
 * SLA compliance and overdue rates rolled up per person, department, tier, service, stage and
 * period (rule K17, 003 §15: 时效达标率 / 超时率 "per person, department, month, year"), as
 * tidy rows for `console.table` or a plotting library.
 *
 * Every stage of every evaluation is tallied into its group: `met`, `breached`, `overdue` are
 * counted; pending, warning and not-applicable go to `notCounted`; stages whose deadline could not
 * be computed (status `"unknown"`) are in neither numerator nor denominator and are counted in
 * `unknown`; stages with a consented renegotiated deadline (W2) are counted in `renegotiated`.
 * With `unit: "ticket"` the met/breached/overdue/notCounted columns count work orders instead
 * (K9c, 002 art. 20): met = a decided stage and none breached or overdue, breached = a breached
 * stage, overdue = an overdue stage and none breached, notCounted = no decided stage. With
 * `unit: "cycle"` they count the cycles of recurring stages (docs/rules.md S15: every reply or
 * update owed), and other stages once. Grouping by `stage` splits a
 * ticket's stages across rows; the other keys take the ticket's value (a missing assignee,
 * department or tier groups as null). Month ("YYYY-MM"), quarter ("YYYY-Qn") and year ("YYYY")
 * bucket by the local date of the ticket's `createdAt` (a Date, epoch ms, or an ISO-8601 string
 * with an offset, as after a JSON round trip) in `options.timeZone`, whatever the host TZ.
 * Rows are sorted by the `by` keys in order (nulls last), so output is deterministic.
 *
 * @throws SlaKitError `INVALID_INPUT`: an unknown or repeated key (path `["options", "by", k]`),
 *   two time keys, a time key without a valid `timeZone` (path `["options", "timeZone"]`), a bad
 *   `unit` or `unit: "ticket"` with `by: ["stage"]` (path `["options", "unit"]`), a malformed
 *   evaluation (path `["evaluations", i, ...]`).
 * @example
 * ```ts
 * import { rollup } from "sla-kit/kpi";
 * import type { TicketEvaluation } from "sla-kit/sla";
 *
 * const evaluations = [
 *   { assignee: "li", createdAt: new Date("2026-01-31T23:30:00+08:00"), stages: [{ stage: "response", status: "met" }] },
 *   { assignee: "li", createdAt: new Date("2026-02-02T09:00:00+08:00"), stages: [{ stage: "response", status: "breached" }] },
 * ] as unknown as TicketEvaluation[]; // normally evaluateTicket(policy, ticket, { asOf })
 * const rows = rollup(evaluations, { by: ["assignee", "month"], timeZone: "Asia/Shanghai" });
 * rows.map((r) => [r.assignee, r.period, r.complianceRate.value]);
 * // [["li", "2026-01", 1], ["li", "2026-02", 0]]
 * ```
 */
export function rollup(evaluations: readonly TicketEvaluation[], options: RollupOptions): RollupRow[] {
  assertArray(evaluations, ["evaluations"], "evaluations");
  const fold = new RollupFold(options);
  const evs = evaluations as readonly unknown[];
  for (let i = 0; i < evs.length; i++) fold.add(evs[i], i);
  return fold.rows();
}

/**
 * `rollup` one evaluation at a time: `add` each (its index `i` is the one error paths name), then
 * `rows()` gives what `rollup` of them all gives. `tallyTickets` adds evaluations as it makes
 * them, so none outlives its ticket. Options are checked by the constructor.
 * @internal
 */
export class RollupFold {
  // Grouping levels in a fixed order (assignee, department, tier, service, period, stage), whatever
  // the order of `by`, so each key is read by its own monomorphic property access; the rows are
  // sorted by `by` at the end. Stage comes last: a ticket's other keys are found once for all its stages.
  private readonly by: readonly RollupKey[];
  private readonly order: RollupKey[] = [];
  private readonly unit: ComplianceUnit;
  private readonly byStage: boolean;
  private readonly useA: boolean;
  private readonly useD: boolean;
  private readonly useT: boolean;
  private readonly useS: boolean;
  /** Levels found once per evaluation. */
  private readonly pre: number;
  private readonly strings: Interner[];
  private readonly ia: Interner | null;
  private readonly id: Interner | null;
  private readonly it: Interner | null;
  private readonly is: Interner | null;
  private readonly stageNames: Interner | null;
  private readonly periods: LocalPeriods | null;
  private readonly groups: Groups;
  private readonly ids: Int32Array;
  private readonly perTicket: boolean;
  private readonly perCycle: boolean;

  constructor(options: RollupOptions) {
    const o = assertObject(options, ["options"], "options");
    const by = assertArray(o.by, ["options", "by"], "options.by") as readonly RollupKey[];
    let timeKey: RollupKey | null = null;
    by.forEach((k, idx) => {
      if (!KEYS.includes(k)) invalid(`options.by[${idx}] must be one of ${KEYS.join(", ")}; got ${describe(k)}.`, ["options", "by", idx]);
      if (by.indexOf(k) !== idx) invalid(`options.by lists ${k} twice.`, ["options", "by", idx]);
      if (TIME_KEYS.has(k)) {
        if (timeKey !== null) invalid(`options.by may hold only one of month, quarter, year (got ${timeKey} and ${k}).`, ["options", "by", idx]);
        timeKey = k;
      }
    });
    if (timeKey !== null && o.timeZone === undefined) {
      invalid(`options.by lists ${timeKey}: name the time zone whose calendar ${timeKey}s group the tickets in options.timeZone (e.g. "Asia/Shanghai").`, ["options", "timeZone"]);
    }
    const timeZone = timeKey === null ? null : assertTimeZone(o.timeZone, "INVALID_INPUT", ["options", "timeZone"]);
    this.byStage = by.includes("stage");
    this.unit = unitOf(o, ["options"]);
    if (this.unit === "ticket" && this.byStage) {
      invalid('options.unit "ticket" counts whole work orders, so it cannot be combined with by: ["stage"]; use unit "stage" to split by stage.', ["options", "unit"]);
    }
    this.by = [...by];
    const order = this.order;
    this.useA = by.includes("assignee");
    this.useD = by.includes("department");
    this.useT = by.includes("tier");
    this.useS = by.includes("service");
    if (this.useA) order.push("assignee");
    if (this.useD) order.push("department");
    if (this.useT) order.push("tier");
    if (this.useS) order.push("service");
    if (timeKey !== null) order.push(timeKey);
    this.pre = order.length;
    if (this.byStage) order.push("stage");
    const depth = order.length;
    const strings = (this.strings = order.map(() => new Interner()));
    const interner = (key: RollupKey): Interner | null => (order.includes(key) ? strings[order.indexOf(key)]! : null);
    this.ia = interner("assignee");
    this.id = interner("department");
    this.it = interner("tier");
    this.is = interner("service");
    this.stageNames = this.byStage ? strings[depth - 1]! : null;
    this.periods = timeKey === null ? null : new LocalPeriods(timeZone!, timeKey);
    this.groups = new Groups(depth);
    this.ids = new Int32Array(Math.max(1, depth));
    this.perTicket = this.unit === "ticket";
    this.perCycle = this.unit === "cycle";
  }

  /** Adds evaluation `i`. */
  add(evaluation: unknown, i: number): void {
    const ev = evaluation as Record<string, unknown> | null;
    const stages = (typeof ev === "object" && ev !== null ? ev.stages : undefined) as readonly Record<string, unknown>[];
    if (!Array.isArray(stages)) stagesOf(ev, i, EVALUATIONS); // throws with the path
    const e = ev!;
    const { ids, groups, periods, pre } = this;
    // the keys: strings (or null for a missing assignee, department, tier) as they usually are;
    // anything else is checked in the order of `by`, which throws the error the caller expects
    let a: unknown = null;
    let d: unknown = null;
    let t: unknown = null;
    let s: unknown = null;
    if (this.useA) a = e.assignee;
    if (this.useD) d = e.department;
    if (this.useT) t = e.tier;
    if (this.useS) s = e.service;
    if (!(typeof a === "string" || a === null) || !(typeof d === "string" || d === null) || !(typeof t === "string" || t === null) || (this.useS && typeof s !== "string")) {
      for (const k of this.by) {
        if (TIME_KEYS.has(k)) periods!.of(createdMs(e, i), i);
        else if (k !== "stage") keyValue(e, k, i); // throws the first error in `by` order
      }
      a = a ?? null; // undefined: a missing key
      d = d ?? null;
      t = t ?? null;
    }
    let k = 0;
    if (this.ia !== null) ids[k++] = this.ia.id(a as string | null);
    if (this.id !== null) ids[k++] = this.id.id(d as string | null);
    if (this.it !== null) ids[k++] = this.it.id(t as string | null);
    if (this.is !== null) ids[k++] = this.is.id(s as string);
    if (periods !== null) ids[k] = periods.of(createdMs(e, i), i);
    let node = 0;
    if (!this.byStage) {
      for (let l = 0; l < pre - 1; l++) node = groups.child(node, ids[l]!);
      const g = pre === 0 ? groups.only(ids) : groups.group(node, ids[pre - 1]!, ids);
      const c = groups.counts; // a new group may have grown the counters
      c[g * STRIDE + TICKETS]!++;
      if (this.perTicket) {
        addTicketCounts(c, g, stages, i);
        return;
      }
      const count = this.perCycle ? countCycles : countStage;
      for (let j = 0; j < stages.length; j++) count(c, g, statusCode(stages[j], EVALUATIONS, i, j), stages[j]!);
      return;
    }
    for (let l = 0; l < pre; l++) node = groups.child(node, ids[l]!);
    for (let j = 0; j < stages.length; j++) {
      const st = stages[j]!;
      const code = statusCode(st, EVALUATIONS, i, j);
      const name = st.stage;
      if (typeof name !== "string") invalid(`evaluations[${i}].stages[${j}].stage must be a string, got ${describe(name)}.`, ["evaluations", i, "stages", j, "stage"]);
      ids[pre] = this.stageNames!.id(name);
      const g = groups.group(node, ids[pre]!, ids);
      const c = groups.counts;
      if (c[g * STRIDE + LAST] !== i) {
        c[g * STRIDE + LAST] = i;
        c[g * STRIDE + TICKETS]!++;
      }
      (this.perCycle ? countCycles : countStage)(c, g, code, st);
    }
  }

  /** The rows of the evaluations added so far. */
  rows(): RollupRow[] {
    return rowsOf(this.by, this.order, this.strings, this.periods, this.groups, this.unit);
  }
}

/** Adds one work order (K9c) to group g's counters: see `addTicket`. */
function addTicketCounts(c: Float64Array, g: number, stages: readonly Record<string, unknown>[], i: number): void {
  const t = emptyTally();
  addTicket(t, stages, EVALUATIONS, i);
  addTally(c, g, t);
}

/** Adds a tally's counts to group g's counters (met, breached, overdue, not counted, unknown, renegotiated). */
function addTally(c: Float64Array, g: number, t: ReturnType<typeof emptyTally>): void {
  const at = g * STRIDE;
  c[at]! += t.met;
  c[at + 1]! += t.breached;
  c[at + 2]! += t.overdue;
  c[at + 3]! += t.notCounted;
  c[at + 4]! += t.unknown;
  c[at + 5]! += t.renegotiated;
}

/** The rows, sorted by the `by` values in order (nulls last, text compared by code units), built once. */
function rowsOf(by: readonly RollupKey[], order: readonly RollupKey[], strings: readonly Interner[], periods: LocalPeriods | null, groups: Groups, unit: ComplianceUnit): RollupRow[] {
  const depth = order.length;
  const nKeys = by.length;
  // the value of each key id, per level (periods as text, rendered once per distinct period)
  const texts: (readonly (string | null)[])[] = order.map((k, l) => (TIME_KEYS.has(k) ? periods!.numbers.map((_, id) => periods!.text(id)) : strings[l]!.values));
  const levelOf = by.map((k) => order.indexOf(k));
  // each level's values ranked once (text by code units, nulls last), so groups compare as numbers
  const ranks = texts.map((vals) => {
    const byValue = vals.map((_, id) => id).sort((x, y) => {
      const p = vals[x]!;
      const q = vals[y]!;
      return p === q ? 0 : p === null ? 1 : q === null ? -1 : cmpStr(p, q);
    });
    const rank = new Int32Array(vals.length);
    byValue.forEach((id, r) => (rank[id] = r));
    return rank;
  });
  const keyIds = groups.keyIds;
  const list = Array.from({ length: groups.size }, (_, g) => g);
  list.sort((a, b) => {
    for (let k = 0; k < nKeys; k++) {
      const l = levelOf[k]!;
      const d = ranks[l]![keyIds[a * depth + l]!]! - ranks[l]![keyIds[b * depth + l]!]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  const value = (g: number, k: number): string | null => texts[levelOf[k]!]![keyIds[g * depth + levelOf[k]!]!]!;
  const columns = by.map((k) => (TIME_KEYS.has(k) ? "period" : k));
  const empty = unit === "ticket" ? EMPTY_TICKET_REASON : unit === "cycle" ? EMPTY_CYCLE_REASON : EMPTY_REASON;
  const c = groups.counts;
  return list.map((g) => {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < nKeys; k++) row[columns[k]!] = value(g, k);
    const at = g * STRIDE;
    const met = c[at]!;
    const breached = c[at + 1]!;
    const overdue = c[at + 2]!;
    const counted = met + breached + overdue;
    row.unit = unit;
    row.tickets = c[at + TICKETS]!;
    row.met = met;
    row.breached = breached;
    row.overdue = overdue;
    row.counted = counted;
    row.notCounted = c[at + 3]!;
    row.unknown = c[at + 4]!;
    row.renegotiated = c[at + 5]!;
    const cr = makeRatio(met, counted, empty); // K17 时效达标率 (K9c per work order)
    const or = makeRatio(breached + overdue, counted, empty); // K17 超时率
    row.complianceRate = cr;
    row.overdueRate = or;
    row.complianceValue = cr.value;
    row.overdueValue = or.value;
    return row as unknown as RollupRow;
  });
}
