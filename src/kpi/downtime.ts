import { assertArray, assertObject, invalid } from "./_internal.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import type { TimeInput } from "../sla/types.js";
import type { KpiTrace, Outage } from "./types.js";

/** Options of {@link downtime}. */
export interface DowntimeOptions {
  /**
   * `"all"` (default): every outage counts. `"core-network"` (K22, 002 art. 23): outages whose
   * `cause` is `"group-equipment"` (集团设备故障) or `"egress"` (出口故障) are outside the core
   * network's reliability and are left out (listed in `excluded`).
   */
  readonly scope?: "all" | "core-network";
}

/** Outage causes 002 art. 23 places outside the core network layer (K22). */
const CORE_EXCLUDED: ReadonlySet<string> = new Set(["group-equipment", "egress"]);

/** Result of {@link downtime}. */
export interface Downtime {
  /** Length of the union of the outages inside the period, ms. */
  readonly downtimeMs: number;
  /** Length of the period, ms. */
  readonly periodMs: number;
  /** The merged, clipped outage intervals, in time order. */
  readonly intervals: readonly { readonly from: Date; readonly to: Date }[];
  /** Positions of outages left out by `scope: "core-network"` (K22), ascending. */
  readonly excluded: readonly number[];
  readonly trace: KpiTrace;
}

/**
 * Downtime of a period from outage intervals (rule K10-K12): each outage `[from, to)` is clipped
 * to the period, overlapping or touching outages are merged so no instant counts twice, and the
 * union's length is returned with the period's length, ready for `reliability`.
 * An outage with `to` null or absent is still ongoing and runs to the period's end. Instants are
 * Dates, epoch ms or ISO-8601 strings with an offset.
 *
 * K22 (002 art. 23 "集团设备故障和出口故障不在该定义范围内"): with `options.scope: "core-network"`,
 * outages whose `cause` is `"group-equipment"` or `"egress"` are left out of the core network's
 * downtime (their positions are in `excluded` and the trace).
 *
 * @throws SlaKitError `INVALID_INPUT`: an invalid instant (path `["outages", i, "from"]`, ...,
 *   `["period", "to"]`), an outage or period that ends before it starts, a non-string `cause`, an
 *   unknown `scope` (path `["options", "scope"]`).
 * @example
 * ```ts
 * import { downtime, reliability } from "sla-kit/kpi";
 *
 * const d = downtime(
 *   [
 *     { from: new Date("2026-01-01T10:00:00Z"), to: new Date("2026-01-01T10:30:00Z") },
 *     { from: new Date("2026-01-01T10:20:00Z"), to: new Date("2026-01-01T11:00:00Z") }, // overlaps
 *   ],
 *   { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") },
 * );
 * d.downtimeMs;               // 3600000 (one hour, not 70 minutes)
 * reliability(d).value;       // 0.9583333333333334
 *
 * // K22: the egress outage is not core-network downtime
 * const core = downtime(
 *   [{ from: "2026-01-01T10:00:00Z", to: "2026-01-01T10:30:00Z", cause: "egress" }],
 *   { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" },
 *   { scope: "core-network" },
 * );
 * [core.downtimeMs, core.excluded]; // [0, [0]]
 * ```
 */
export function downtime(outages: readonly Outage[], period: { readonly from: TimeInput; readonly to: TimeInput }, options?: DowntimeOptions): Downtime {
  assertArray(outages, ["outages"], "outages");
  let core = false;
  if (options !== undefined) {
    const op = assertObject(options, ["options"], "options");
    if (op.scope === "core-network") core = true;
    else if (op.scope !== undefined && op.scope !== "all") invalid(`options.scope must be "all" or "core-network", got ${describe(op.scope)}.`, ["options", "scope"]);
  }
  const excluded: number[] = [];
  const p = assertObject(period, ["period"], "period");
  const pFrom = toEpochMs(p.from, ["period", "from"], "INVALID_INPUT", { iso: true });
  const pTo = toEpochMs(p.to, ["period", "to"], "INVALID_INPUT", { iso: true });
  if (pTo < pFrom) invalid(`period.to is before period.from: swap them.`, ["period", "to"]);
  const spans: [number, number][] = [];
  for (let i = 0; i < outages.length; i++) {
    const o = assertObject(outages[i], ["outages", i], `outages[${i}]`);
    const from = toEpochMs(o.from, ["outages", i, "from"], "INVALID_INPUT", { iso: true });
    const to = o.to === undefined || o.to === null ? Infinity : toEpochMs(o.to, ["outages", i, "to"], "INVALID_INPUT", { iso: true });
    if (to < from) invalid(`outages[${i}] ends before it starts: to must be at or after from.`, ["outages", i, "to"]);
    if (o.cause !== undefined && o.cause !== null && typeof o.cause !== "string") invalid(`outages[${i}].cause must be a string, got ${describe(o.cause)}.`, ["outages", i, "cause"]);
    if (core && typeof o.cause === "string" && CORE_EXCLUDED.has(o.cause)) {
      excluded.push(i); // K22 002 art. 23: group equipment and egress failures are outside the core network
      continue;
    }
    const a = Math.max(from, pFrom);
    const b = Math.min(to, pTo);
    if (b > a) spans.push([a, b]);
  }
  // K10-K12: merge overlapping outages so no instant counts twice
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const intervals: { from: Date; to: Date }[] = [];
  let total = 0;
  let curA = 0;
  let curB = -Infinity;
  const flush = (): void => {
    if (curB > curA) {
      intervals.push({ from: new Date(curA), to: new Date(curB) });
      total += curB - curA;
    }
  };
  for (const [a, b] of spans) {
    if (a <= curB) {
      if (b > curB) curB = b;
    } else {
      flush();
      curA = a;
      curB = b;
    }
  }
  flush();
  return {
    downtimeMs: total,
    periodMs: pTo - pFrom,
    intervals,
    excluded,
    trace: {
      rule: core ? "K22" : "K11",
      sourceRef: core ? "002 art. 23" : "002 art. 22-24",
      inputs: { outages: outages.length, from: new Date(pFrom), to: new Date(pTo), scope: core ? "core-network" : "all" },
      steps: [
        ...(core
          ? [{ step: "K22 leave out group-equipment and egress outages", detail: "002 art. 23: 集团设备故障和出口故障不在该定义范围内", value: excluded.length }]
          : []),
        { step: "clip outages to the period", value: spans.length },
        { step: "merge overlapping outages", detail: `${intervals.length} disjoint interval(s)`, value: total },
      ],
    },
  };
}
