import { assertArray, assertObject, cmpStr, invalid, localMonth, makeRatio } from "./_internal.js";
import { addStage, addTicket, EMPTY_REASON, EMPTY_TICKET_REASON, emptyTally, stagesAt, statusCode, unitOf, type ComplianceUnit, type Tally } from "./_tally.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { assertTimeZone } from "../_lib/zone.js";
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

interface Group {
  readonly values: (string | null)[];
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
type Level = Map<string | null, Level | Group>;

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
  const groupOf = (values: (string | null)[]): Group => {
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
  const count = (g: Group, i: number): void => {
    if (g.lastTicket !== i) {
      g.lastTicket = i;
      g.tickets++;
    }
  };

  const evs = evaluations as readonly unknown[];
  const values: (string | null)[] = new Array<string | null>(nKeys).fill(null);
  let stageSlot = -1;
  for (let i = 0; i < evs.length; i++) {
    const stages = stagesAt(evs, i, ["evaluations"]);
    const ev = evs[i] as Record<string, unknown>;
    for (let k = 0; k < nKeys; k++) {
      const key = by[k]!;
      switch (key) {
        case "assignee":
        case "department":
        case "tier":
          values[k] = optionalString(ev[key], i, key);
          break;
        case "service": {
          const s = ev.service;
          if (typeof s !== "string") invalid(`evaluations[${i}].service must be a string, got ${describe(s)}.`, ["evaluations", i, "service"]);
          values[k] = s;
          break;
        }
        case "stage":
          stageSlot = k;
          break;
        default: {
          const path = ["evaluations", i, "createdAt"];
          const ms = toEpochMs(ev.createdAt, path, "INVALID_INPUT", { iso: true });
          const { month, key: ym } = localMonth(timeZone!, ms, path); // "YYYY-MM"
          const y = ym.slice(0, -3);
          values[k] = key === "month" ? ym : key === "quarter" ? `${y}-Q${Math.ceil(month / 3)}` : y;
        }
      }
    }
    if (!byStage) {
      const g = groupOf(values);
      count(g, i);
      if (unit === "ticket") addTicket(g.tally, stages, ["evaluations"], i);
      else for (let j = 0; j < stages.length; j++) addStage(g.tally, statusCode(stages[j], ["evaluations"], i, j), stages[j]!);
      continue;
    }
    for (let j = 0; j < stages.length; j++) {
      const code = statusCode(stages[j], ["evaluations"], i, j);
      const name = stages[j]!.stage;
      if (typeof name !== "string") invalid(`evaluations[${i}].stages[${j}].stage must be a string, got ${describe(name)}.`, ["evaluations", i, "stages", j, "stage"]);
      values[stageSlot] = name;
      const g = groupOf(values);
      count(g, i);
      addStage(g.tally, code, stages[j]!);
    }
  }

  list.sort((a, b) => {
    for (let k = 0; k < nKeys; k++) {
      const x = a.values[k] ?? null;
      const y = b.values[k] ?? null;
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
