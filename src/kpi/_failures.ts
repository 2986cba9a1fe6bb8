/** The one counting loop of weighted failures (K15, K16), with or without per-failure rows. @internal */
import { assertArray, assertObject, cmpStr, invalid, localMonth } from "./_internal.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import { toSafeInteger } from "../_lib/rational.js";
import { assertTimeZone } from "../_lib/zone.js";
import type { ForceMajeureGroup, KpiTraceStep, WeightedFailureRow } from "./types.js";

interface Item {
  readonly i: number;
  readonly ms: number;
  readonly deviceId: string;
  readonly group: string | null;
}

/** What the counting loop returns; `rows` only when asked for. */
export interface Counted {
  readonly total: number;
  readonly byMonth: { month: string; total: number }[];
  readonly rows: WeightedFailureRow[] | null;
  readonly groups: ForceMajeureGroup[];
  readonly steps: KpiTraceStep[];
  readonly timeZone: string;
  readonly cap: number | undefined;
}

const TWO = 2n;

/** K15 weight 2^(n-1), capped, as a bigint (exact for any n). */
export function weightBig(n: number, cap: bigint | undefined): bigint {
  if (cap !== undefined && n > 64) return cap; // 2^63 exceeds every safe cap
  const w = TWO ** BigInt(n - 1);
  return cap !== undefined && w > cap ? cap : w;
}

/** Validates `options.cap` (an integer >= 1), shared with failureWeight. */
export function capOf(cap: unknown): number | undefined {
  if (cap === undefined) return undefined;
  if (typeof cap !== "number" || !Number.isSafeInteger(cap) || cap < 1) {
    invalid(`options.cap must be an integer >= 1, got ${describe(cap)}.`, ["options", "cap"]);
  }
  return cap;
}

/**
 * Counts weighted failures: each device's n-th failure in a local month weighs 2^(n-1) (capped);
 * failures of a force-majeure group whose appeal was accepted count once per local month of the
 * group. Sums are exact (bigint); a total beyond Number.MAX_SAFE_INTEGER is OUT_OF_SAFE_RANGE.
 */
export function countFailures(failures: unknown, options: unknown, withRows: boolean): Counted {
  assertArray(failures, ["failures"], "failures");
  const list = failures as readonly unknown[];
  const o = assertObject(options, ["options"], "options");
  if (o.timeZone === undefined) {
    invalid('options.timeZone is required: a device\'s failures are counted per calendar month of that zone (e.g. "Asia/Shanghai").', ["options", "timeZone"]);
  }
  const timeZone = assertTimeZone(o.timeZone, "INVALID_INPUT", ["options", "timeZone"]);
  const cap = capOf(o.cap);
  const capBig = cap === undefined ? undefined : BigInt(cap);
  // K16: only an accepted appeal collapses a group: appealAccepted: true, or the appeal register.
  const rejected = new Map<string, number>(); // group -> index of an explicit appealAccepted: false
  const acceptedBy = new Map<string, "flag" | "register">();
  if (o.acceptedGroups !== undefined) {
    const groups = assertArray(o.acceptedGroups, ["options", "acceptedGroups"], "options.acceptedGroups");
    groups.forEach((g, k) => {
      if (typeof g !== "string" || g === "") invalid(`options.acceptedGroups[${k}] must be a non-empty group name, got ${describe(g)}.`, ["options", "acceptedGroups", k]);
      acceptedBy.set(g, "register");
    });
  }

  const items: Item[] = new Array<Item>(list.length);
  for (let i = 0; i < list.length; i++) {
    // error paths and messages are built only when a check fails
    const raw = list[i];
    const f = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : assertObject(raw, ["failures", i], `failures[${i}]`)) as Record<string, unknown>;
    const deviceId = f.deviceId;
    if (typeof deviceId !== "string" || deviceId === "") {
      invalid(`failures[${i}].deviceId must be a non-empty string, got ${describe(deviceId)}.`, ["failures", i, "deviceId"]);
    }
    const at = f.at;
    let ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Number.NaN;
    if (!(ms <= 8.64e15 && ms >= -8.64e15)) ms = toEpochMs(at, ["failures", i, "at"], "INVALID_INPUT", { iso: true });
    let group: string | null = null;
    if (f.group !== undefined && f.group !== null) {
      if (typeof f.group !== "string" || f.group === "") {
        invalid(`failures[${i}].group must be a non-empty force-majeure group name, got ${describe(f.group)}.`, ["failures", i, "group"]);
      }
      group = f.group;
    }
    if (f.appealAccepted !== undefined && f.appealAccepted !== null) {
      if (typeof f.appealAccepted !== "boolean") {
        invalid(`failures[${i}].appealAccepted must be true or false, got ${describe(f.appealAccepted)}.`, ["failures", i, "appealAccepted"]);
      }
      if (group === null) {
        invalid(`failures[${i}].appealAccepted needs a force-majeure group: set failures[${i}].group.`, ["failures", i, "group"]);
      }
      if (f.appealAccepted) {
        if (!acceptedBy.has(group)) acceptedBy.set(group, "flag");
      } else if (!rejected.has(group)) rejected.set(group, i);
    }
    items[i] = { i, ms, deviceId, group };
  }
  for (const [g, i] of rejected) {
    if (acceptedBy.has(g)) {
      invalid(
        `Force-majeure group ${JSON.stringify(g)} is marked both accepted and not accepted (failures[${i}].appealAccepted is false): make the appeal outcome consistent.`,
        ["failures", i, "appealAccepted"],
      );
    }
  }

  // Time order, ties broken by device, group and position, so the result is order-independent.
  items.sort((a, b) => a.ms - b.ms || cmpStr(a.deviceId, b.deviceId) || cmpStr(a.group ?? "", b.group ?? "") || a.i - b.i);

  const rows: WeightedFailureRow[] | null = withRows ? [] : null;
  const counts = new Map<string, number>(); // device \0 month -> failures so far
  const fm = new Map<string, { group: string; month: string; ms: number; indices: number[] }>(); // group \0 month
  const groupSeen = new Map<string, { failures: number; months: Set<string> }>();
  const monthTotals = new Map<string, bigint>();
  let total = 0n;
  let ordinary = 0;
  for (const it of items) {
    const month = localMonth(timeZone, it.ms, () => ["failures", it.i, "at"]).key;
    if (it.group !== null) {
      let gs = groupSeen.get(it.group);
      if (gs === undefined) groupSeen.set(it.group, (gs = { failures: 0, months: new Set() }));
      gs.failures++;
      gs.months.add(month);
    }
    if (it.group !== null && acceptedBy.has(it.group)) {
      // K16: an accepted group counts once per local month; it advances no device's count.
      const key = `${it.group}\u0000${month}`;
      const g = fm.get(key);
      if (g === undefined) {
        fm.set(key, { group: it.group, month, ms: it.ms, indices: [it.i] });
        total += 1n;
        monthTotals.set(month, (monthTotals.get(month) ?? 0n) + 1n);
      } else g.indices.push(it.i);
      continue;
    }
    const key = `${it.deviceId}\u0000${month}`;
    const nth = (counts.get(key) ?? 0) + 1; // K15: weights restart each calendar month
    counts.set(key, nth);
    const w = weightBig(nth, capBig);
    total += w;
    monthTotals.set(month, (monthTotals.get(month) ?? 0n) + w);
    ordinary++;
    if (rows !== null) {
      const weight = toSafeInteger(w, "OUT_OF_SAFE_RANGE", ["failures", it.i], `The weight 2^${nth - 1} of failure #${nth} of device ${JSON.stringify(it.deviceId)} in ${month}`);
      rows.push({ deviceId: it.deviceId, group: it.group, forceMajeure: false, appealAccepted: it.group === null ? null : false, month, nth, weight, at: new Date(it.ms), indices: [it.i] });
    }
  }
  const totalNum = toSafeInteger(total, "OUT_OF_SAFE_RANGE", ["failures"], "The weighted failure total (K15)");
  if (rows !== null) {
    for (const g of fm.values()) {
      g.indices.sort((a, b) => a - b);
      rows.push({ deviceId: null, group: g.group, forceMajeure: true, appealAccepted: true, month: g.month, nth: 1, weight: 1, at: new Date(g.ms), indices: g.indices });
    }
    rows.sort(
      (a, b) =>
        cmpStr(a.month, b.month) ||
        (a.forceMajeure === b.forceMajeure ? 0 : a.forceMajeure ? 1 : -1) ||
        cmpStr(a.deviceId ?? a.group ?? "", b.deviceId ?? b.group ?? "") ||
        a.nth - b.nth ||
        cmpStr(a.group ?? "", b.group ?? ""),
    );
  }
  const byMonth = [...monthTotals]
    .sort((a, b) => cmpStr(a[0], b[0]))
    .map(([month, t]) => ({ month, total: Number(t) })); // each <= total, so safe
  const groups: ForceMajeureGroup[] = [...groupSeen]
    .sort((a, b) => cmpStr(a[0], b[0]))
    .map(([group, gs]) => {
      const by = acceptedBy.get(group);
      return {
        group,
        appealAccepted: acceptedBy.has(group),
        decidedBy: by ?? (rejected.has(group) ? "flag" : "none"),
        failures: gs.failures,
        months: [...gs.months].sort(cmpStr),
      };
    });

  const steps: KpiTraceStep[] = [
    {
      step: "K15 escalating weights",
      detail: `each device's n-th failure in a calendar month of ${timeZone} weighs 2^(n-1)${cap === undefined ? "" : `, capped at ${cap}`}`,
      value: ordinary,
    },
  ];
  if (groups.length > 0) {
    steps.push({
      step: "K16 force majeure",
      detail:
        "a group counts as one failure of weight 1 per calendar month only when its written appeal was accepted " +
        "(appealAccepted: true or options.acceptedGroups); a group without an accepted appeal counts like ordinary failures",
      value: groups.map((g) => ({ group: g.group, appealAccepted: g.appealAccepted, failures: g.failures, months: g.months })),
    });
  }
  steps.push({ step: "total", detail: byMonth.map((m) => `${m.month}: ${m.total}`).join("; ") || "no failures", value: totalNum });
  return { total: totalNum, byMonth, rows, groups, steps, timeZone, cap };
}
