import { assertArray, assertObject, cmpStr, invalid, makeRatio, monthKey } from "./_internal.js";
import { addStatus, EMPTY_REASON, stagesOf, type Tally } from "./_tally.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { assertTimeZone, localYearMonth } from "../_lib/zone.js";
import type { TicketEvaluation } from "../sla/types.js";
import type { RollupKey, RollupRow } from "./types.js";

/** Options of {@link rollup}. */
export interface RollupOptions {
  /** Grouping keys, in the order rows are sorted by; at most one of month, quarter, year. */
  readonly by: readonly RollupKey[];
  /** IANA zone of the ticket's local creation date; required when grouping by month, quarter or year. */
  readonly timeZone?: string;
}

const KEYS: readonly RollupKey[] = ["assignee", "department", "tier", "service", "stage", "month", "quarter", "year"];
const TIME_KEYS = new Set<RollupKey>(["month", "quarter", "year"]);

interface Group {
  values: (string | null)[];
  tally: Tally;
  tickets: number;
  lastTicket: number;
}

function optionalString(v: unknown, path: (string | number)[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") invalid(`${path.join(".")} must be a string, got ${describe(v)}.`, path);
  return v;
}

/**
 * SLA compliance and overdue rates rolled up per person, department, tier, service, stage and
 * period (docs/rules.md K17, 003 §15: 时效达标率 / 超时率 "per person, department, month, year"), as
 * tidy rows for `console.table` or a plotting library.
 *
 * Every stage of every evaluation is tallied into its group: `met`, `breached`, `overdue` are
 * counted; pending, warning and not-applicable go to `notCounted`. Grouping by `stage` splits a
 * ticket's stages across rows; the other keys take the ticket's value (a missing assignee,
 * department or tier groups as null). Month ("YYYY-MM"), quarter ("YYYY-Qn") and year ("YYYY")
 * bucket by the local date of the ticket's `createdAt` in `options.timeZone`, whatever the host TZ.
 * Rows are sorted by the `by` keys in order (nulls last), so output is deterministic.
 *
 * @throws SlaKitError `INVALID_INPUT`: an unknown or repeated key (path `["options", "by", k]`),
 *   two time keys, a time key without a valid `timeZone` (path `["options", "timeZone"]`), a
 *   malformed evaluation (path `["evaluations", i, ...]`).
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

  const groups = new Map<string, Group>();
  const add = (values: (string | null)[], ticket: number, status: string | null): void => {
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (g === undefined) {
      g = { values, tally: { met: 0, breached: 0, overdue: 0, notCounted: 0 }, tickets: 0, lastTicket: -1 };
      groups.set(key, g);
    }
    if (g.lastTicket !== ticket) {
      g.lastTicket = ticket;
      g.tickets++;
    }
    if (status !== null) addStatus(g.tally, status);
  };

  for (let i = 0; i < evaluations.length; i++) {
    const path = ["evaluations", i];
    const stages = stagesOf(evaluations[i], path);
    const ev = evaluations[i] as unknown as Record<string, unknown>;
    const base: (string | null)[] = [];
    let stageSlot = -1;
    for (const k of by) {
      switch (k) {
        case "assignee":
        case "department":
        case "tier":
          base.push(optionalString(ev[k], [...path, k]));
          break;
        case "service": {
          const s = ev.service;
          if (typeof s !== "string") invalid(`evaluations[${i}].service must be a string, got ${describe(s)}.`, [...path, "service"]);
          base.push(s);
          break;
        }
        case "stage":
          stageSlot = base.length;
          base.push(null);
          break;
        default: {
          const ms = toEpochMs(ev.createdAt, [...path, "createdAt"], "INVALID_INPUT");
          const { year, month } = localYearMonth(timeZone!, ms);
          const ym = monthKey(year, month); // "YYYY-MM"
          const y = ym.slice(0, -3);
          base.push(k === "month" ? ym : k === "quarter" ? `${y}-Q${Math.ceil(month / 3)}` : y);
        }
      }
    }
    if (!byStage) {
      add(base, i, null);
      for (const s of stages) addStatus(groups.get(JSON.stringify(base))!.tally, s.status as string);
      continue;
    }
    for (let j = 0; j < stages.length; j++) {
      const name = stages[j]!.stage;
      if (typeof name !== "string") invalid(`evaluations[${i}].stages[${j}].stage must be a string, got ${describe(name)}.`, [...path, "stages", j, "stage"]);
      const values = base.slice();
      values[stageSlot] = name;
      add(values, i, stages[j]!.status as string);
    }
  }

  const list = [...groups.values()];
  list.sort((a, b) => {
    for (let k = 0; k < by.length; k++) {
      const x = a.values[k] ?? null;
      const y = b.values[k] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return cmpStr(x, y);
    }
    return 0;
  });

  return list.map((g) => {
    const row: Record<string, unknown> = {};
    by.forEach((k, idx) => {
      row[TIME_KEYS.has(k) ? "period" : k] = g.values[idx] ?? null;
    });
    const { met, breached, overdue, notCounted } = g.tally;
    const counted = met + breached + overdue;
    row.tickets = g.tickets;
    row.met = met;
    row.breached = breached;
    row.overdue = overdue;
    row.counted = counted;
    row.notCounted = notCounted;
    const cr = makeRatio(met, counted, EMPTY_REASON); // K17 时效达标率
    const or = makeRatio(breached + overdue, counted, EMPTY_REASON); // K17 超时率
    row.complianceRate = cr;
    row.overdueRate = or;
    row.complianceValue = cr.value;
    row.overdueValue = or.value;
    return row as unknown as RollupRow;
  });
}
