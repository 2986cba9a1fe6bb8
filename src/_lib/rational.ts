/**
 * The one exact-rational calculator of sla-kit (kpi and scoring both use it, the way dinero.js keeps
 * one calculator under every operation). BigInt rationals in lowest terms; every decimal number is
 * read from its shortest decimal text (`String(x)`), so 0.7 is exactly 7/10, not the binary float.
 * Results leave as numbers only through {@link toNumber} (nearest double), {@link toFiniteNumber}
 * or {@link toSafeInteger} (which refuse what a number cannot hold).
 * @internal
 */
import { SlaKitError, type ErrorCode, type ErrorPath } from "../errors.js";

/** A rational n/d with d > 0, kept in lowest terms. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

const ZERO_BI = 0n;
const ONE_BI = 1n;

export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  if (a < ZERO_BI) a = -a;
  if (b < ZERO_BI) b = -b;
  while (b !== ZERO_BI) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function make(n: bigint, d: bigint): Q {
  if (d < ZERO_BI) {
    n = -n;
    d = -d;
  }
  if (d === ONE_BI) return { n, d };
  const g = gcd(n, d);
  return g === ONE_BI || g === ZERO_BI ? { n, d } : { n: n / g, d: d / g };
}

const POW10: bigint[] = [];
function pow10(k: number): bigint {
  let p = POW10[k];
  if (p === undefined) {
    p = 10n ** BigInt(k);
    POW10[k] = p;
  }
  return p;
}

/** n/d from integers (d must not be 0). */
export function frac(n: bigint | number, d: bigint | number = 1n): Q {
  return make(BigInt(n), BigInt(d));
}

/** Exact rational of a finite number, from its shortest decimal text. Caller checks finiteness. */
export function q(x: number): Q {
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return { n: BigInt(x), d: ONE_BI };
  const s = String(x);
  const eAt = s.indexOf("e");
  const mant = eAt < 0 ? s : s.slice(0, eAt);
  let exp = eAt < 0 ? 0 : Number(s.slice(eAt + 1));
  const dot = mant.indexOf(".");
  let digits = mant;
  if (dot >= 0) {
    exp -= mant.length - dot - 1;
    digits = mant.slice(0, dot) + mant.slice(dot + 1);
  }
  const n = BigInt(digits);
  return exp >= 0 ? { n: n * pow10(exp), d: ONE_BI } : make(n, pow10(-exp));
}

/** 10^k as numbers, k = 0..9 (the scaled-integer fast paths of kpi and scoring). */
export const POW10_NUM: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const SCALED_LIMIT = 2 ** 50;

/**
 * The decimal places k (0-9) of a number whose exact rational {@link q} is `m / 10^k` with
 * `m = Math.round(x * 10^k)` and |m| < 2^50; -1 when x has more than 9 decimals, is too large for
 * that, or is not finite (then use {@link q}). Why this is exact: with |m| < 2^50 the doubles
 * around x are closer together than 10^-k, so m / 10^k is the only k-place decimal that reads back
 * as x, and the shortest decimal text of x (what q reads) is that decimal.
 */
export function decimalPlaces(x: number): number {
  for (let k = 0; k <= 9; k++) {
    const p = POW10_NUM[k]!;
    const m = Math.round(x * p);
    if (m / p === x) return m < SCALED_LIMIT && m > -SCALED_LIMIT ? k : -1;
  }
  return -1;
}

/** a + b */
export function add(a: Q, b: Q): Q {
  return a.d === b.d ? make(a.n + b.n, a.d) : make(a.n * b.d + b.n * a.d, a.d * b.d);
}
/** a - b */
export function sub(a: Q, b: Q): Q {
  return a.d === b.d ? make(a.n - b.n, a.d) : make(a.n * b.d - b.n * a.d, a.d * b.d);
}
/** a * b */
export function mul(a: Q, b: Q): Q {
  return make(a.n * b.n, a.d * b.d);
}
/** a / b (b must not be 0) */
export function div(a: Q, b: Q): Q {
  return make(a.n * b.d, a.d * b.n);
}
/** sign of a - b */
export function cmp(a: Q, b: Q): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function min(a: Q, b: Q): Q {
  return cmp(a, b) <= 0 ? a : b;
}
export function max(a: Q, b: Q): Q {
  return cmp(a, b) >= 0 ? a : b;
}
export function isZero(a: Q): boolean {
  return a.n === ZERO_BI;
}
/** Largest integer <= a. */
export function floor(a: Q): Q {
  if (a.d === ONE_BI) return a;
  const t = a.n / a.d; // truncates toward 0
  return { n: a.n < ZERO_BI ? t - ONE_BI : t, d: ONE_BI };
}
/** Smallest integer >= a. */
export function ceil(a: Q): Q {
  if (a.d === ONE_BI) return a;
  const t = a.n / a.d;
  return { n: a.n > ZERO_BI ? t + ONE_BI : t, d: ONE_BI };
}

/** Rounding modes for money (to an integer). */
export type IntRounding = "floor" | "ceil" | "half-up" | "half-even";

/** Round a to an integer with the given mode (half-up rounds halves away from zero). */
export function roundInt(a: Q, mode: IntRounding): bigint {
  if (a.d === ONE_BI) return a.n;
  if (mode === "floor") return floor(a).n;
  if (mode === "ceil") return ceil(a).n;
  const f = floor(a).n;
  const twiceRem = 2n * (a.n - f * a.d); // 2 * fractional part * d, in [0, 2d)
  if (twiceRem < a.d) return f;
  if (twiceRem > a.d) return f + ONE_BI;
  // exactly half
  if (mode === "half-up") return a.n < ZERO_BI ? f : f + ONE_BI;
  return f % 2n === ZERO_BI ? f : f + ONE_BI;
}

const LIMIT = 2n ** 53n;

/** The double nearest to a (correctly rounded when n and d are below 2^53, else to ~25 digits). */
export function toNumber(a: Q): number {
  const an = a.n < ZERO_BI ? -a.n : a.n;
  if (an < LIMIT && a.d < LIMIT) return Number(a.n) / Number(a.d);
  // scale to >= 25 significant digits of decimal text, then parse
  const scale = 25 + Math.max(0, a.d.toString().length - an.toString().length);
  const scaled = (a.n * pow10(scale)) / a.d;
  const neg = scaled < ZERO_BI;
  const digits = (neg ? -scaled : scaled).toString().padStart(scale + 1, "0");
  return Number(`${neg ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

/** Short text of a rational for traces: exact decimal when it terminates (up to 12 places), else n/d. */
export function show(a: Q): string {
  if (a.d === ONE_BI) return a.n.toString();
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === ZERO_BI) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === ZERO_BI) {
    d /= 5n;
    fives++;
  }
  const places = Math.max(twos, fives);
  if (d !== ONE_BI || places > 12) return `${a.n}/${a.d}`;
  const scaled = (a.n * pow10(places)) / a.d;
  const neg = scaled < ZERO_BI;
  const digits = (neg ? -scaled : scaled).toString().padStart(places + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** The nearest double of a, or `code` (path) when it is beyond the largest finite number. */
export function toFiniteNumber(a: Q, code: ErrorCode, path: ErrorPath, what: string): number {
  const x = toNumber(a);
  if (!Number.isFinite(x)) {
    throw new SlaKitError(code, `${what} is ${show(a).length > 40 ? `about ${a.n < ZERO_BI ? "-" : ""}10^${magnitude(a)}` : show(a)}, beyond the largest finite number: use smaller inputs.`, { path });
  }
  return x;
}

/** The integer a as a number, or `code` (path) when a is not a safe integer (|a| > 2^53 - 1). */
export function toSafeInteger(a: bigint, code: ErrorCode, path: ErrorPath, what: string): number {
  if (a > MAX_SAFE || a < -MAX_SAFE) {
    throw new SlaKitError(code, `${what} is ${a.toString().length > 30 ? `about 10^${a.toString().length - 1}` : a.toString()}, beyond Number.MAX_SAFE_INTEGER (2^53 - 1): an exact amount cannot be returned as a number.`, { path });
  }
  return Number(a);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function magnitude(a: Q): number {
  const an = a.n < ZERO_BI ? -a.n : a.n;
  return an.toString().length - a.d.toString().length;
}
