import { assertArray, assertObject, cmpStr, invalid, localMonth, makeRatio, monthKey } from "./_internal.js";
import { addStage, addTicket, EMPTY_REASON, EMPTY_TICKET_REASON, emptyTally, stagesAt, statusCode, unitOf, type ComplianceUnit, type Tally } from "./_tally.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { assertTimeZone, instantToWall, utcMs } from "../_lib/zone.js";
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
const TIME_KEYS = new Set<RollupKey>(["month", "quarter", "year"]);

type GroupKey = string | number | null;

interface Group {
  readonly values: GroupKey[];
  readonly tally: Tally;
  tickets: number;
  lastTicket: number;
}

function optionalString(v: unknown, i: number, k: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") invalid(`evaluations[${i}].${k} must be a string, got ${describe(v)}.`, ["evaluations", i, k]);
  return v;
}

/** Nested maps, one level per `by` key, so grouping needs no composite string key. */
type Level = Map<GroupKey, Level | Group>;

/**
 * The local month, quarter or year of instants in a zone as a number, remembering the wall-clock
 * range of the last month seen (evaluations of one month in a row cost one offset lookup each).
 */
class LocalPeriod {
  private from = 0;
  private to = -1;
  private month = 0; // year * 12 + month - 1 of [from, to)
  constructor(
    private readonly timeZone: string,
    private readonly key: RollupKey,
  ) {}

  /** The period number of instant `ms` (evaluation i, for the error path). */
  of(ms: number, i: number): number {
    const wall = instantToWall(this.timeZone, ms);
    if (!(wall >= this.from && wall < this.to)) {
      const d = new Date(wall);
      if (Number.isNaN(d.getTime())) localMonth(this.timeZone, ms, ["evaluations", i, "createdAt"]); // throws with the path
      const year = d.getUTCFullYear();
      const month = d.getUTCMonth() + 1;
      this.from = utcMs(year, month, 1);
      this.to = month === 12 ? utcMs(year + 1, 1, 1) : utcMs(year, month + 1, 1);
      this.month = year * 12 + month - 1;
    }
    const m = this.month;
    return this.key === "month" ? m : this.key === "quarter" ? Math.floor(m / 3) : Math.floor(m / 12);
  }

  /** "YYYY-MM", "YYYY-Qn" or "YYYY" of a period number. */
  text(n: number): string {
    if (this.key === "month") return monthKey(Math.floor(n / 12), (n % 12 + 12) % 12 + 1);
    const year = this.key === "quarter" ? Math.floor(n / 4) : n;
    const y = monthKey(year, 1).slice(0, -3);
    return this.key === "quarter" ? `${y}-Q${(n % 4 + 4) % 4 + 1}` : y;
  }
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
 * stage, overdue = an overdue stage and none breached, notCounted = no decided stage. Grouping by `stage` splits a
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
  const timeZone = timeKey === null ? null : assertTimeZone(o.timeZone, "INVALID_INPUT", ["options", "timeZone"]);
  const byStage = by.includes("stage");
  const unit = unitOf(o, ["options"]);
  if (unit === "ticket" && byStage) {
    invalid('options.unit "ticket" counts whole work orders, so it cannot be combined with by: ["stage"]; use unit "stage" to split by stage.', ["options", "unit"]);
  }
  const nKeys = by.length;
  const root: Level = new Map();
  const list: Group[] = [];
  // group keys: strings for assignee, department, tier, service and stage; the local period as a
  // number (year * 12 + month - 1, year * 4 + quarter - 1, or the year), rendered once per row
  const values: GroupKey[] = new Array<GroupKey>(nKeys).fill(null);
  const groupOf = (): Group => {
    let level = root;
    for (let k = 0; k < nKeys - 1; k++) {
      let next = level.get(values[k]!) as Level | undefined;
      if (next === undefined) level.set(values[k]!, (next = new Map()));
      level = next;
    }
    const last = nKeys === 0 ? null : values[nKeys - 1]!;
    let g = level.get(last) as Group | undefined;
    if (g === undefined) {
      g = { values: values.slice(), tally: emptyTally(), tickets: 0, lastTicket: -1 };
      level.set(last, g);
      list.push(g);
    }
    return g;
  };

  const evs = evaluations as readonly unknown[];
  const stageSlot = by.indexOf("stage");
  const period = timeKey === null ? null : new LocalPeriod(timeZone!, timeKey);
  for (let i = 0; i < evs.length; i++) {
    const stages = stagesAt(evs, i, ["evaluations"]);
    const ev = evs[i] as Record<string, unknown>;
    for (let k = 0; k < nKeys; k++) {
      const key = by[k]!;
      switch (key) {
        case "assignee":
        case "department":
        case "tier": {
          const v = ev[key];
          values[k] = v === undefined || v === null ? null : typeof v === "string" ? v : optionalString(v, i, key);
          break;
        }
        case "service": {
          const s = ev.service;
          if (typeof s !== "string") invalid(`evaluations[${i}].service must be a string, got ${describe(s)}.`, ["evaluations", i, "service"]);
          values[k] = s;
          break;
        }
        case "stage":
          break;
        default: {
          const c = ev.createdAt;
          let ms = c instanceof Date ? c.getTime() : typeof c === "number" ? c : Number.NaN;
          // strings (after a JSON round trip) and every error go the long way, which builds the path
          if (!(ms <= 8.64e15 && ms >= -8.64e15)) ms = toEpochMs(c, ["evaluations", i, "createdAt"], "INVALID_INPUT", { iso: true });
          values[k] = period!.of(ms, i);
        }
      }
    }
    if (stageSlot < 0) {
      const g = groupOf();
      g.tickets++;
      if (unit === "ticket") addTicket(g.tally, stages, ["evaluations"], i);
      else for (let j = 0; j < stages.length; j++) addStage(g.tally, statusCode(stages[j], ["evaluations"], i, j), stages[j]!);
      continue;
    }
    for (let j = 0; j < stages.length; j++) {
      const code = statusCode(stages[j], ["evaluations"], i, j);
      const name = stages[j]!.stage;
      if (typeof name !== "string") invalid(`evaluations[${i}].stages[${j}].stage must be a string, got ${describe(name)}.`, ["evaluations", i, "stages", j, "stage"]);
      values[stageSlot] = name;
      const g = groupOf();
      if (g.lastTicket !== i) {
        g.lastTicket = i;
        g.tickets++;
      }
      addStage(g.tally, code, stages[j]!);
    }
  }

  // the period keys as text ("YYYY-MM", "YYYY-Qn", "YYYY"), then sorted as text, as before
  const timeSlot = timeKey === null ? -1 : by.indexOf(timeKey);
  if (timeSlot >= 0) for (const g of list) g.values[timeSlot] = period!.text(g.values[timeSlot] as number);
  list.sort((a, b) => {
    for (let k = 0; k < nKeys; k++) {
      const x = a.values[k] as string | null;
      const y = b.values[k] as string | null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return cmpStr(x, y);
    }
    return 0;
  });

  const empty = unit === "ticket" ? EMPTY_TICKET_REASON : EMPTY_REASON;
  return list.map((g) => {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < nKeys; k++) row[TIME_KEYS.has(by[k]!) ? "period" : by[k]!] = g.values[k] ?? null;
    const { met, breached, overdue, notCounted, unknown, renegotiated } = g.tally;
    const counted = met + breached + overdue;
    row.unit = unit;
    row.tickets = g.tickets;
    row.met = met;
    row.breached = breached;
    row.overdue = overdue;
    row.counted = counted;
    row.notCounted = notCounted;
    row.unknown = unknown;
    row.renegotiated = renegotiated;
    const cr = makeRatio(met, counted, empty); // K17 时效达标率 (K9c per work order)
    const or = makeRatio(breached + overdue, counted, empty); // K17 超时率
    row.complianceRate = cr;
    row.overdueRate = or;
    row.complianceValue = cr.value;
    row.overdueValue = or.value;
    return row as unknown as RollupRow;
  });
}
