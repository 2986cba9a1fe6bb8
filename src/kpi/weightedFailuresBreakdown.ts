import { assertArray, assertObject, cmpStr, invalid, monthKey } from "./_internal.js";
import { failureWeight } from "./failureWeight.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { assertTimeZone, localYearMonth } from "../_lib/zone.js";
import type { Failure, KpiTraceStep, WeightedFailureRow, WeightedFailuresBreakdown, WeightedFailuresOptions } from "./types.js";

interface Item {
  readonly i: number;
  readonly ms: number;
  readonly deviceId: string;
  readonly group: string | null;
}

/**
 * Weighted failure count with its breakdown (docs/rules.md K14-K16, 002 art. 30):
 * - each device's failures are numbered per calendar month of `options.timeZone` (a failure at
 *   23:30 local on the 31st belongs to that month whatever the host TZ), and the n-th weighs
 *   `failureWeight(n, { cap })` = 1, 2, 4, 8, ... (K15); the count restarts each month;
 * - failures sharing an accepted force-majeure `group` count as ONE failure of weight 1 in the
 *   month of the group's first failure, and advance no device's count (K16, docs/rules.md). As in
 *   docs/rules.md (`{ deviceId, at, group? }`), a `group` names an accepted force-majeure event unless
 *   its appeal outcome is given otherwise: `appealAccepted: false` on one of its failures, or an
 *   `options.acceptedGroups` list (the appeal register) that does not name it; `appealAccepted:
 *   true` or a listing accepts it. A group that is not accepted counts like ordinary failures.
 *
 * Rows are sorted by month, then device (force-majeure groups after devices), then nth; the
 * result does not depend on the input order.
 *
 * @throws SlaKitError `INVALID_INPUT`: not an array, a failure without a non-empty `deviceId`,
 *   an invalid `at` (path `["failures", i, "at"]`), an empty `group`, conflicting appeal flags
 *   within a group, an unknown time zone (path `["options", "timeZone"]`), a bad `cap`.
 * @example
 * ```ts
 * import { weightedFailuresBreakdown } from "sla-kit/kpi";
 *
 * const b = weightedFailuresBreakdown(
 *   [
 *     { deviceId: "agg-1", at: new Date("2026-03-02T10:00:00+08:00") },
 *     { deviceId: "agg-1", at: new Date("2026-03-31T23:30:00+08:00") }, // still March in Shanghai
 *     { deviceId: "agg-1", at: new Date("2026-04-01T09:00:00+08:00") }, // April: weights restart
 *   ],
 *   { timeZone: "Asia/Shanghai" },
 * );
 * b.total;                                    // 4  (1 + 2, then 1)
 * b.rows.map((r) => [r.month, r.nth, r.weight]); // [["2026-03", 1, 1], ["2026-03", 2, 2], ["2026-04", 1, 1]]
 * ```
 */
export function weightedFailuresBreakdown(
  failures: readonly Failure[],
  options: WeightedFailuresOptions,
): WeightedFailuresBreakdown {
  assertArray(failures, ["failures"], "failures");
  const o = assertObject(options, ["options"], "options");
  const timeZone = assertTimeZone(o.timeZone, "INVALID_INPUT", ["options", "timeZone"]);
  const cap = o.cap as number | undefined;
  if (cap !== undefined) failureWeight(1, { cap }); // validates the cap (path options.cap)
  const accepted = new Set<string>();
  const rejected = new Map<string, number>(); // group -> index of an explicit appealAccepted: false
  if (o.acceptedGroups !== undefined) {
    const groups = assertArray(o.acceptedGroups, ["options", "acceptedGroups"], "options.acceptedGroups");
    groups.forEach((g, k) => {
      if (typeof g !== "string" || g === "") invalid(`options.acceptedGroups[${k}] must be a non-empty group name, got ${describe(g)}.`, ["options", "acceptedGroups", k]);
      accepted.add(g);
    });
  }

  const items: Item[] = new Array<Item>(failures.length);
  for (let i = 0; i < failures.length; i++) {
    const f = assertObject(failures[i], ["failures", i], `failures[${i}]`);
    const deviceId = f.deviceId;
    if (typeof deviceId !== "string" || deviceId === "") {
      invalid(`failures[${i}].deviceId must be a non-empty string, got ${describe(deviceId)}.`, ["failures", i, "deviceId"]);
    }
    const ms = toEpochMs(f.at, ["failures", i, "at"], "INVALID_INPUT");
    let group: string | null = null;
    if (f.group !== undefined) {
      if (typeof f.group !== "string" || f.group === "") {
        invalid(`failures[${i}].group must be a non-empty force-majeure group name, got ${describe(f.group)}.`, ["failures", i, "group"]);
      }
      group = f.group;
    }
    if (f.appealAccepted !== undefined) {
      if (typeof f.appealAccepted !== "boolean") {
        invalid(`failures[${i}].appealAccepted must be true or false, got ${describe(f.appealAccepted)}.`, ["failures", i, "appealAccepted"]);
      }
      if (group === null) {
        invalid(`failures[${i}].appealAccepted needs a force-majeure group: set failures[${i}].group.`, ["failures", i, "group"]);
      }
      if (f.appealAccepted) accepted.add(group);
      else if (!rejected.has(group)) rejected.set(group, i);
    }
    items[i] = { i, ms, deviceId, group };
  }
  for (const [g, i] of rejected) {
    if (accepted.has(g)) {
      invalid(`Force-majeure group ${JSON.stringify(g)} is marked both accepted and not accepted (failures[${i}].appealAccepted is false): make the appeal outcome consistent.`, ["failures", i, "appealAccepted"]);
    }
  }
  // K16 (docs/rules.md): a bare `group` is an accepted force-majeure group, unless an appeal register
  // (options.acceptedGroups) is given without it or one of its failures says appealAccepted: false.
  const registerGiven = o.acceptedGroups !== undefined;
  const isAccepted = (g: string): boolean => accepted.has(g) || (!registerGiven && !rejected.has(g));

  // Time order, ties broken by device, group and position, so the result is order-independent.
  items.sort((a, b) => a.ms - b.ms || cmpStr(a.deviceId, b.deviceId) || cmpStr(a.group ?? "", b.group ?? "") || a.i - b.i);

  const rows: WeightedFailureRow[] = [];
  const counts = new Map<string, number>(); // device \0 month -> failures so far
  const fmGroups = new Map<string, { ms: number; indices: number[] }>();
  for (const it of items) {
    if (it.group !== null && isAccepted(it.group)) {
      // K16: an accepted force-majeure group counts once; it does not advance the device's count.
      const g = fmGroups.get(it.group);
      if (g === undefined) fmGroups.set(it.group, { ms: it.ms, indices: [it.i] });
      else g.indices.push(it.i);
      continue;
    }
    const ym = localYearMonth(timeZone, it.ms);
    const month = monthKey(ym.year, ym.month);
    const key = `${it.deviceId}\u0000${month}`;
    const nth = (counts.get(key) ?? 0) + 1; // K15: weights restart each calendar month
    counts.set(key, nth);
    const weight = cap === undefined ? failureWeight(nth) : failureWeight(nth, { cap });
    rows.push({ deviceId: it.deviceId, group: it.group, forceMajeure: false, month, nth, weight, at: new Date(it.ms), indices: [it.i] });
  }
  for (const [group, g] of fmGroups) {
    const ym = localYearMonth(timeZone, g.ms);
    g.indices.sort((a, b) => a - b);
    rows.push({ deviceId: null, group, forceMajeure: true, month: monthKey(ym.year, ym.month), nth: 1, weight: 1, at: new Date(g.ms), indices: g.indices });
  }
  rows.sort(
    (a, b) =>
      cmpStr(a.month, b.month) ||
      (a.forceMajeure === b.forceMajeure ? 0 : a.forceMajeure ? 1 : -1) ||
      cmpStr(a.deviceId ?? a.group ?? "", b.deviceId ?? b.group ?? "") ||
      a.nth - b.nth ||
      cmpStr(a.group ?? "", b.group ?? ""),
  );

  let total = 0;
  const byMonth: { month: string; total: number }[] = [];
  for (const r of rows) {
    total += r.weight;
    const last = byMonth[byMonth.length - 1];
    if (last !== undefined && last.month === r.month) last.total += r.weight;
    else byMonth.push({ month: r.month, total: r.weight });
  }

  const steps: KpiTraceStep[] = [
    {
      step: "K15 escalating weights",
      detail: `each device's n-th failure in a calendar month of ${timeZone} weighs 2^(n-1)${cap === undefined ? "" : `, capped at ${cap}`}`,
      value: rows.filter((r) => !r.forceMajeure).length,
    },
  ];
  if (fmGroups.size > 0) {
    steps.push({
      step: "K16 force majeure",
      detail: "each accepted group counts as one failure of weight 1 in the month of its first failure",
      value: [...fmGroups].map(([group, g]) => ({ group, failures: g.indices.length })),
    });
  }
  steps.push({ step: "total", detail: byMonth.map((m) => `${m.month}: ${m.total}`).join("; ") || "no failures", value: total });

  return {
    total,
    byMonth,
    rows,
    trace: {
      rule: "K15",
      sourceRef: "002 art. 30",
      inputs: { failures: failures.length, timeZone, cap: cap ?? null, acceptedGroups: [...fmGroups.keys()].sort(cmpStr) },
      steps,
    },
  };
}
