/**
 * Generates golden/boundaries.yaml: for every threshold of the built-in scorecards' rules
 * (zeroBelow, target, pass.value, each step's from/to, zeroBeyond) and every KPI target of
 * `kpiDefinitions`, one case just below, at and just above the threshold.
 *
 * Honest tests: the expected values are NOT computed by calling the library. They come from the
 * small reference below, which restates docs/rules.md (P1-P14, K1-K18) and the documented
 * default points of the built-in cards (docs/scoring.md), and computes in exact integer units
 * (values scaled by 10^6, BigInt rationals). The library is only read to cross-check that every
 * threshold it ships is covered by the reference (a new threshold without a reference row fails).
 *
 * Run: npx tsx scripts/generate-boundaries.ts   (writes golden/boundaries.yaml)
 * test/golden/files.test.ts regenerates in memory and fails when the file is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { kpiDefinitions } from "../src/kpi/index.js";
import { accountManagerCard, businessHallCard, callCentreCard, networkCard } from "../src/scoring/index.js";
import type { ScoringRule, Scorecard } from "../src/scoring/index.js";

// ---------------------------------------------------------------------------------------------
// Exact decimals: a value is a BigInt count of 10^-6 units.
// ---------------------------------------------------------------------------------------------
const SCALE_DIGITS = 6;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** "0.98" -> 980000n (units of 1e-6); throws on more than 6 decimals. */
function dec(text: string | number): bigint {
  const s = typeof text === "number" ? String(text) : text;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a plain decimal: ${s}`);
  const frac = m[3] ?? "";
  if (frac.length > SCALE_DIGITS) throw new Error(`too many decimals: ${s}`);
  const v = BigInt(m[2]!) * SCALE + BigInt(frac.padEnd(SCALE_DIGITS, "0") || "0");
  return m[1] === "-" ? -v : v;
}

/** 980000n -> "0.98" (shortest decimal text). */
function text(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const int = a / SCALE;
  const frac = (a % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}
const num = (v: bigint): number => Number(text(v));

/** Number of decimals of a scaled value. */
function decimals(v: bigint): number {
  const t = text(v);
  const i = t.indexOf(".");
  return i < 0 ? 0 : t.length - i - 1;
}

/** Rational n/d with BigInt parts, d > 0. */
interface Q {
  n: bigint;
  d: bigint;
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
function q(n: bigint, d = 1n): Q {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const floorQ = (a: Q): bigint => (a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d));
/** A scaled decimal as a rational. */
const qd = (v: bigint): Q => q(v, SCALE);
/** Nearest double of a rational (both parts are far below 2^53 here; division rounds correctly). */
function toNumber(a: Q): number {
  if (a.n > BigInt(Number.MAX_SAFE_INTEGER) || a.d > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("rational too large");
  return Number(a.n) / Number(a.d);
}

// ---------------------------------------------------------------------------------------------
// Reference: docs/rules.md P1-P14 with the documented default points (docs/scoring.md).
// ---------------------------------------------------------------------------------------------
type Op = ">=" | ">" | "<=" | "<";
type RefRule =
  | { kind: "linear"; points: string; target: string; zeroBelow?: string }
  | { kind: "threshold"; points: string; op: Op; value: string }
  | { kind: "steps"; points: string; direction: "below" | "above"; steps: [string, string, string, string][]; zeroBeyond?: string };

interface RefItem {
  readonly specId: string;
  readonly item: string;
  /** "fraction": values in [0, 1]; "count": whole numbers >= 0. */
  readonly unit: "fraction" | "count";
  readonly rule: RefRule;
}

interface RefCard {
  readonly card: string;
  readonly items: readonly RefItem[];
}

const referenceCards: readonly RefCard[] = [
  {
    card: "callCentreCard",
    items: [
      // P1 002 art. 9.3: 0 below 90%, else actual / 98% (capped)
      { specId: "P1", item: "satisfaction", unit: "fraction", rule: { kind: "linear", points: "45", target: "0.98", zeroBelow: "0.9" } },
      // P2 002 art. 9.4: 2200 -> 1800 minus 1 per 100, 1800 -> 1500 minus 2 per 100 (1600-1500 interpreted), below 1500: 0
      {
        specId: "P2",
        item: "callVolume",
        unit: "count",
        rule: { kind: "steps", points: "10", direction: "below", steps: [["2200", "1800", "100", "1"], ["1800", "1500", "100", "2"]], zeroBeyond: "1500" },
      },
      // P3 002 art. 9.5: 0 below 70%, else actual / 90%
      { specId: "P3", item: "callbackRate", unit: "fraction", rule: { kind: "linear", points: "45", target: "0.9", zeroBelow: "0.7" } },
    ],
  },
  {
    card: "businessHallCard",
    // P4 002 art. 15.3: 0 below 90%, else actual / 95%
    items: [{ specId: "P4", item: "satisfaction", unit: "fraction", rule: { kind: "linear", points: "100", target: "0.95", zeroBelow: "0.9" } }],
  },
  {
    card: "accountManagerCard",
    items: [
      // P5 002 art. 21.3: 0 below 90%, else actual / 95%
      { specId: "P5", item: "satisfaction", unit: "fraction", rule: { kind: "linear", points: "30", target: "0.95", zeroBelow: "0.9" } },
      // P6 002 art. 21.4: 0 below 77%, else actual / 80%
      { specId: "P6", item: "inNetworkRate", unit: "fraction", rule: { kind: "linear", points: "20", target: "0.8", zeroBelow: "0.77" } },
      // P7 002 art. 21.4: churn above 2% scores 0
      { specId: "P7", item: "churnRate", unit: "fraction", rule: { kind: "threshold", points: "10", op: "<=", value: "0.02" } },
      // P8 002 art. 21.5: below 99%, minus 2 per percentage point short (whole points, P14 floor)
      { specId: "P8", item: "timelyRate", unit: "fraction", rule: { kind: "steps", points: "20", direction: "below", steps: [["0.99", "0", "0.01", "2"]] } },
      // P9 002 art. 21.5: minus 1 per false work order (10 points: the step runs 0 -> 10)
      { specId: "P9", item: "falseWorkOrders", unit: "count", rule: { kind: "steps", points: "10", direction: "above", steps: [["0", "10", "1", "1"]] } },
      // P10 002 art. 21.6: below 70%, minus 0.5 per percentage point short
      { specId: "P10", item: "response30Share", unit: "fraction", rule: { kind: "steps", points: "10", direction: "below", steps: [["0.7", "0", "0.01", "0.5"]] } },
    ],
  },
  {
    card: "networkCard",
    items: [
      // P11 002 art. 31.3: below 99.9% scores 0
      { specId: "P11", item: "coreReliability", unit: "fraction", rule: { kind: "threshold", points: "40", op: ">=", value: "0.999" } },
      { specId: "P15", item: "backboneReliability", unit: "fraction", rule: { kind: "threshold", points: "20", op: ">=", value: "0.995" } },
      // P12 002 art. 31.3: each 0.1 point over 0.5% deducts 1/5 of the points; above 1%: 0
      {
        specId: "P12",
        item: "aggregationFailureRate",
        unit: "fraction",
        rule: { kind: "steps", points: "30", direction: "above", steps: [["0.005", "0.01", "0.001", "6"]], zeroBeyond: "0.01" },
      },
      // P13 002 art. 23 (reading "over-3", the built-in default): minus 5 per failure over 3; more than 5: 0
      { specId: "P13", item: "egressFailures", unit: "count", rule: { kind: "steps", points: "30", direction: "above", steps: [["3", "5", "1", "5"]], zeroBeyond: "5" } },
    ],
  },
];

/** Points of a reference rule at a value (docs/rules.md P1-P14; floor rounding of whole units, P14). */
function refPoints(rule: RefRule, v: bigint): Q {
  const value = qd(v);
  const points = qd(dec(rule.points));
  if (rule.kind === "linear") {
    if (rule.zeroBelow !== undefined && v < dec(rule.zeroBelow)) return q(0n);
    const share = div(value, qd(dec(rule.target)));
    return cmp(share, q(1n)) >= 0 ? points : mul(points, share);
  }
  if (rule.kind === "threshold") {
    const t = dec(rule.value);
    const ok = rule.op === ">=" ? v >= t : rule.op === ">" ? v > t : rule.op === "<=" ? v <= t : v < t;
    return ok ? points : q(0n);
  }
  if (rule.zeroBeyond !== undefined) {
    const z = dec(rule.zeroBeyond);
    if (rule.direction === "below" ? v < z : v > z) return q(0n);
  }
  let deducted = q(0n);
  for (const [fromT, toT, perT, deductT] of rule.steps) {
    const from = dec(fromT);
    const to = dec(toT);
    const span = rule.direction === "below" ? from - to : to - from;
    let past = rule.direction === "below" ? from - v : v - from;
    if (past < 0n) past = 0n;
    if (past > span) past = span;
    const units = floorQ(q(past, dec(perT)));
    deducted = add(deducted, mul(q(units), qd(dec(deductT))));
  }
  const left = sub(points, deducted);
  return cmp(left, q(0n)) < 0 ? q(0n) : left;
}

/** Thresholds of a reference rule, in order of appearance, without repeats. */
function refThresholds(rule: RefRule): { name: string; v: bigint }[] {
  const out: { name: string; v: bigint }[] = [];
  const push = (name: string, t: string) => {
    const v = dec(t);
    if (!out.some((x) => x.v === v)) out.push({ name, v });
  };
  if (rule.kind === "linear") {
    if (rule.zeroBelow !== undefined) push("zeroBelow", rule.zeroBelow);
    push("target", rule.target);
  } else if (rule.kind === "threshold") push("pass.value", rule.value);
  else {
    rule.steps.forEach(([from, to], i) => {
      push(`steps[${i}].from`, from);
      push(`steps[${i}].to`, to);
    });
    if (rule.zeroBeyond !== undefined) push("zeroBeyond", rule.zeroBeyond);
  }
  return out;
}

/** Thresholds the library's rule carries (cross-check only: no expected value comes from here). */
function libraryThresholds(rule: ScoringRule): number[] {
  if (rule.kind === "linear") return [...(rule.zeroBelow === undefined ? [] : [rule.zeroBelow]), rule.target];
  if (rule.kind === "threshold") return [rule.pass.value];
  return [...rule.steps.flatMap((s) => [s.from, s.to]), ...(rule.zeroBeyond === undefined ? [] : [rule.zeroBeyond])];
}

/** The step around a threshold: 1 for counts; for fractions 0.001, finer when the threshold has 3+ decimals. */
function stepFor(unit: "fraction" | "count" | "ms" | "score", t: bigint): bigint {
  if (unit === "count" || unit === "ms") return SCALE;
  if (unit === "score") return dec("0.01");
  const d = Math.max(3, decimals(t) + 1);
  return 10n ** BigInt(SCALE_DIGITS - d);
}

// ---------------------------------------------------------------------------------------------
// Reference: KPI targets of docs/rules.md K1-K18 (and 002 art. 4 for K1, see docs/kpi.md).
// ---------------------------------------------------------------------------------------------
interface RefKpi {
  readonly id: string;
  readonly specId: string;
  readonly op: Op;
  readonly value: string;
  /** rate: a share in [0, 1]; ratio: may exceed 1; count; score (mean of 1-5); ms. */
  readonly unit: "rate" | "ratio" | "count" | "score" | "ms";
}

const referenceKpis: readonly RefKpi[] = [
  { id: "K1", specId: "K1", op: ">=", value: "0.98", unit: "rate" }, // 002 art. 4
  { id: "K2", specId: "K2", op: ">=", value: "0.98", unit: "rate" },
  { id: "K3", specId: "K3", op: ">=", value: "0.9", unit: "rate" },
  { id: "K4", specId: "K4", op: ">=", value: "2200", unit: "count" },
  { id: "K5", specId: "K5", op: "<=", value: "0.01", unit: "ratio" },
  { id: "K6a", specId: "K6", op: ">=", value: "1", unit: "rate" },
  { id: "K6b", specId: "K6", op: "<=", value: "0.01", unit: "rate" },
  { id: "K7", specId: "K7", op: ">=", value: "0.8", unit: "rate" },
  { id: "K8", specId: "K8", op: "<=", value: "0.02", unit: "rate" },
  { id: "K9a", specId: "K9", op: ">=", value: "0.99", unit: "rate" },
  { id: "K9b", specId: "K9", op: ">=", value: "0.95", unit: "rate" },
  { id: "K9c", specId: "K9", op: ">=", value: "0.99", unit: "rate" },
  { id: "K9d", specId: "K9", op: ">=", value: "0.7", unit: "rate" },
  { id: "K10", specId: "K10", op: "<=", value: "0.0001", unit: "ratio" }, // 36 s / 100 h = 36 / 360000
  { id: "K11", specId: "K11", op: ">=", value: "0.999", unit: "rate" },
  { id: "K12", specId: "K12", op: ">=", value: "0.995", unit: "rate" },
  { id: "K13", specId: "K13", op: "<=", value: "3", unit: "count" },
  { id: "K14", specId: "K14", op: "<=", value: "0.01", unit: "ratio" },
  { id: "K18a", specId: "K18", op: ">=", value: "4.5", unit: "score" },
  { id: "K18b", specId: "K18", op: ">=", value: "0.95", unit: "rate" },
  { id: "K18c", specId: "K18", op: "<=", value: "86400000", unit: "ms" }, // 24 h
  { id: "W4a", specId: "W4", op: ">=", value: "0.3", unit: "rate" }, // 003 §14: daily sampling >= 30%
  { id: "W4b", specId: "W4", op: ">=", value: "1", unit: "rate" }, // 003 §14: monthly full check
  { id: "S24c", specId: "S24", op: "<=", value: "1", unit: "count" }, // 002 art. 33: at most one outage over 10 min a month
  { id: "K19", specId: "K19", op: ">=", value: "10", unit: "count" }, // 002 art. 28: >= 10 building devices sampled a month
  { id: "K20a", specId: "K20", op: ">=", value: "1", unit: "count" }, // 002 art. 27: central machine room maintenance weekly
  { id: "K20b", specId: "K20", op: ">=", value: "1", unit: "count" }, // 002 art. 27: daily rounds
  { id: "K20c", specId: "K20", op: ">=", value: "2", unit: "count" }, // 002 art. 27: sub-head-ends twice a month
];

function holds(v: bigint, op: Op, t: bigint): boolean {
  return op === ">=" ? v >= t : op === ">" ? v > t : op === "<=" ? v <= t : v < t;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------
const CARD_FACTORIES: Readonly<Record<string, () => Scorecard>> = { callCentreCard, businessHallCard, accountManagerCard, networkCard };

interface Case {
  id: string;
  kind: string;
  input: Record<string, unknown>;
  expect: unknown;
  expectRule: string;
}

function where(v: bigint, t: bigint): string {
  return v < t ? "just below" : v > t ? "just above" : "at";
}

function scoringCases(): Case[] {
  const cases: Case[] = [];
  for (const ref of referenceCards) {
    const card = CARD_FACTORIES[ref.card]!();
    // Cross-check: every item and threshold of the shipped card has a reference row.
    for (const item of card.items) {
      const r = ref.items.find((x) => x.item === item.id);
      if (r === undefined) throw new Error(`${ref.card}: item "${item.id}" has no reference row in scripts/generate-boundaries.ts`);
      const known = refThresholds(r.rule).map((x) => x.v);
      for (const t of libraryThresholds(item.rule)) {
        if (!known.includes(dec(t))) throw new Error(`${ref.card}.${item.id}: threshold ${t} is not in the reference (docs/rules.md ${r.specId}); add it`);
      }
    }
    for (const r of ref.items) {
      if (!card.items.some((x) => x.id === r.item)) throw new Error(`${ref.card}: reference item "${r.item}" is missing from the card`);
      const seen = new Set<bigint>();
      for (const th of refThresholds(r.rule)) {
        const step = stepFor(r.unit, th.v);
        for (const v of [th.v - step, th.v, th.v + step]) {
          if (v < 0n || (r.unit === "fraction" && v > SCALE) || seen.has(v)) continue;
          seen.add(v);
          cases.push({
            id: `${r.specId} boundary ${ref.card}.${r.item} ${th.name} ${text(th.v)}: ${where(v, th.v)} (${text(v)})`,
            kind: "scorecard",
            input: { card: ref.card, values: { [r.item]: num(v) } },
            expect: { items: [{ id: r.item, status: "scored", points: toNumber(refPoints(r.rule, v)) }] },
            expectRule: r.specId,
          });
        }
      }
    }
  }
  return cases;
}

function kpiCases(): Case[] {
  for (const d of kpiDefinitions) {
    if (d.target === null) continue;
    if (!referenceKpis.some((r) => r.id === d.id)) throw new Error(`kpiDefinitions ${d.id} has a target that the reference does not cover; add it`);
  }
  const cases: Case[] = [];
  for (const r of referenceKpis) {
    const t = dec(r.value);
    const step = stepFor(r.unit === "rate" || r.unit === "ratio" ? "fraction" : r.unit, t);
    for (const v of [t - step, t, t + step]) {
      if (v < 0n || (r.unit === "rate" && v > SCALE)) continue;
      let value: unknown;
      if (r.unit === "count" || r.unit === "ms") value = num(v);
      else {
        // an exact Ratio of counts: value = numerator / 10^k
        const k = decimals(step);
        const den = 10n ** BigInt(k);
        const numerator = (v * den) / SCALE;
        value = { numerator: Number(numerator), denominator: Number(den) };
      }
      cases.push({
        id: `${r.specId} boundary ${r.id} target ${r.op} ${r.value}: ${where(v, t)} (${text(v)})`,
        kind: "checkTarget",
        input: { kpi: r.id, value },
        expect: { id: r.id, met: holds(v, r.op, t) },
        expectRule: r.specId,
      });
    }
  }
  return cases;
}

/** The text of golden/boundaries.yaml. */
export function generateBoundaries(): string {
  const header = [
    "# GENERATED by scripts/generate-boundaries.ts: do not edit by hand.",
    "# Regenerate with: npx tsx scripts/generate-boundaries.ts",
    "# test/golden/files.test.ts fails when this file is out of date.",
    "# Every threshold of the built-in scorecards' rules (zeroBelow, target, pass.value, step from/to,",
    "# zeroBeyond) and every KPI target of kpiDefinitions, just below, at and just above. Expected values",
    "# come from the generator's own exact reference of docs/rules.md P1-P14 / K1-K18, not from the library.",
    "",
  ].join("\n");
  const doc = {
    description: "Boundary cases of the built-in scorecards (P1-P14) and KPI targets (K1-K18), generated.",
    cases: [...scoringCases(), ...kpiCases()],
  };
  return header + stringify(doc, { lineWidth: 0 });
}

/** Path of the generated file. */
export const boundariesPath = fileURLToPath(new URL("../golden/boundaries.yaml", import.meta.url));

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(boundariesPath, generateBoundaries());
  process.stdout.write(`wrote ${boundariesPath}\n`);
}
