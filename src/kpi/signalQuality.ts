import { assertArray, assertObject, invalid, makeRatio } from "./_internal.js";
import { describe } from "../_lib/instant.js";
import { cmp, q, sub } from "../_lib/rational.js";
import type { KpiTrace, Ratio } from "./types.js";

/** One measurement at a building distributor output (002 art. 29). */
export interface SignalMeasurement {
  /** Where it was measured (a device or estate id), copied to the result. */
  readonly id?: string;
  /** Digital TV signal level, dB(µV). */
  readonly levelDb: number;
  /** Modulation error ratio, dB. */
  readonly merDb: number;
  /** Bit error rate (e.g. 1e-8). */
  readonly ber: number;
}

/** The limits of 002 art. 29 (the defaults); override for a different network. */
export interface SignalLimits {
  /** Target level, dB (default 70). */
  readonly levelDb?: number;
  /** Allowed deviation from the level, dB (default 3: 67-73 dB inclusive). */
  readonly levelToleranceDb?: number;
  /** Minimum MER, dB (default 26, inclusive). */
  readonly minMerDb?: number;
  /** Maximum BER (default 1e-7, inclusive). */
  readonly maxBer?: number;
}

/** The check of one measurement. */
export interface SignalCheck {
  readonly index: number;
  readonly id: string | null;
  readonly levelOk: boolean;
  readonly merOk: boolean;
  readonly berOk: boolean;
  /** All three within limits. */
  readonly ok: boolean;
  /** The failed items in words, e.g. "MER 25.5 dB < 26 dB". */
  readonly failures: readonly string[];
}

/** Result of {@link signalQuality}. */
export interface SignalQuality {
  readonly checks: readonly SignalCheck[];
  /** Measurements within every limit / measurements (value null when none). */
  readonly passRate: Ratio;
  readonly trace: KpiTrace;
}

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function finite(x: unknown, path: (string | number)[], what: string, positive = false): number {
  if (typeof x !== "number" || !Number.isFinite(x) || (positive && x < 0)) {
    invalid(`${what} must be a finite number${positive ? " >= 0" : ""}, got ${describe(x)}.`, path);
  }
  return x;
}

/**
 * Checks signal measurements against 002 art. 29 (K21, 楼道集中分配器输出指标): digital TV signal
 * level 70 dB ± 3 dB (67-73 dB inclusive), MER >= 26 dB, BER <= 1.0E-7. Comparisons are exact on the
 * decimals as written (a BER of 1e-7 passes, 1.0000001e-7 does not). Returns one check per
 * measurement and the share that pass every limit.
 *
 * @param limits - other limits than the article's (each optional).
 * @throws SlaKitError `INVALID_INPUT`: not an array, a non-finite value (path
 *   `["measurements", i, "merDb"]`), a negative BER or tolerance, a bad limit (path `["limits", k]`).
 * @example
 * ```ts
 * import { signalQuality } from "sla-kit/kpi";
 *
 * const r = signalQuality([
 *   { id: "bldg-3", levelDb: 72.5, merDb: 31, ber: 1e-9 },
 *   { id: "bldg-7", levelDb: 66.8, merDb: 25.5, ber: 1e-7 },
 * ]);
 * r.checks.map((c) => c.ok);  // [true, false]
 * r.checks[1]!.failures;      // ["level 66.8 dB outside 70 ± 3 dB", "MER 25.5 dB < 26 dB"]
 * r.passRate.value;           // 0.5
 * ```
 */
export function signalQuality(measurements: readonly SignalMeasurement[], limits?: SignalLimits): SignalQuality {
  assertArray(measurements, ["measurements"], "measurements");
  const l = limits === undefined ? {} : assertObject(limits, ["limits"], "limits");
  const level = l.levelDb === undefined ? 70 : finite(l.levelDb, ["limits", "levelDb"], "limits.levelDb");
  const tol = l.levelToleranceDb === undefined ? 3 : finite(l.levelToleranceDb, ["limits", "levelToleranceDb"], "limits.levelToleranceDb", true);
  const minMer = l.minMerDb === undefined ? 26 : finite(l.minMerDb, ["limits", "minMerDb"], "limits.minMerDb");
  const maxBer = l.maxBer === undefined ? 1e-7 : finite(l.maxBer, ["limits", "maxBer"], "limits.maxBer", true);
  const qLevel = q(level);
  const qTol = q(tol);
  const qMer = q(minMer);
  const qBer = q(maxBer);
  const checks: SignalCheck[] = [];
  let passed = 0;
  for (let i = 0; i < measurements.length; i++) {
    // error paths and messages are built only when a check fails
    const raw = measurements[i];
    const m = (typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : assertObject(raw, ["measurements", i], `measurements[${i}]`)) as Record<string, unknown>;
    const lv = isNum(m.levelDb) ? m.levelDb : finite(m.levelDb, ["measurements", i, "levelDb"], `measurements[${i}].levelDb`);
    const mer = isNum(m.merDb) ? m.merDb : finite(m.merDb, ["measurements", i, "merDb"], `measurements[${i}].merDb`);
    const ber = isNum(m.ber) && m.ber >= 0 ? m.ber : finite(m.ber, ["measurements", i, "ber"], `measurements[${i}].ber`, true);
    if (m.id !== undefined && typeof m.id !== "string") invalid(`measurements[${i}].id must be a string, got ${describe(m.id)}.`, ["measurements", i, "id"]);
    // K21 002 art. 29: |level - 70| <= 3, MER >= 26, BER <= 1.0E-7, compared exactly
    const diff = sub(q(lv), qLevel);
    const levelOk = cmp(diff.n < 0n ? { n: -diff.n, d: diff.d } : diff, qTol) <= 0; // |level - 70| <= 3
    const merOk = cmp(q(mer), qMer) >= 0;
    const berOk = cmp(q(ber), qBer) <= 0;
    const failures: string[] = [];
    if (!levelOk) failures.push(`level ${lv} dB outside ${level} ± ${tol} dB`);
    if (!merOk) failures.push(`MER ${mer} dB < ${minMer} dB`);
    if (!berOk) failures.push(`BER ${ber} > ${maxBer}`);
    const ok = levelOk && merOk && berOk;
    if (ok) passed++;
    checks.push({ index: i, id: (m.id as string | undefined) ?? null, levelOk, merOk, berOk, ok, failures });
  }
  const passRate = makeRatio(passed, measurements.length, "no measurements");
  return {
    checks,
    passRate,
    trace: {
      rule: "K21",
      sourceRef: "002 art. 29",
      inputs: { measurements: measurements.length, levelDb: level, levelToleranceDb: tol, minMerDb: minMer, maxBer },
      steps: [
        { step: "limits", detail: `level ${level} ± ${tol} dB, MER >= ${minMer} dB, BER <= ${maxBer} (inclusive, exact decimals)` },
        { step: "measurements within every limit", detail: `${passed} of ${measurements.length}`, value: passRate.value },
      ],
    },
  };
}
