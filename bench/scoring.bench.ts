/**
 * Scoring benchmark: `evaluateRule` against a frozen copy of itself from before the scaled-integer
 * compilation (bench/_legacy/, commit 869a094), in one process, on the same rules and values,
 * reported as ops/s and a ratio (goal: >= 5x). Run with `npm run bench`.
 *
 * Work: the rules of the built-in cards (linear, threshold, steps with floor/ceil/prorata) and the
 * P10 share rule, each scored on 2000 deterministic values with 0-4 decimals around their ranges,
 * plus a Ratio input and a pass over values with more than 9 decimals (the BigInt fallback).
 * First it checks that both give the same points, met flag and trace on every input.
 */
import { performance } from "node:perf_hooks";
import { accountManagerCard, businessHallCard, callCentreCard, evaluateRule, networkCard, type ScoringRule } from "../src/scoring/index.js";
import type { Ratio } from "../src/kpi/index.js";
import { legacyEvaluateRule } from "./_legacy/evaluateRule.js";
import { prng } from "./_prng.js";

const rules: ScoringRule[] = [
  ...[callCentreCard(), businessHallCard(), accountManagerCard(), networkCard()].flatMap((c) => c.items.map((i) => i.rule)),
  { kind: "steps", id: "P10", points: 10, direction: "below", rounding: "floor", steps: [{ from: 0.7, to: 0, per: 0.01, deduct: 0.5 }] },
];

/** A value near the rule's interesting range, with 0-4 decimals (or more when `wide`). */
function valueFor(rule: ScoringRule, r: () => number, wide: boolean): number {
  const anchor = rule.kind === "linear" ? rule.target : rule.kind === "threshold" ? rule.pass.value : rule.steps[0]!.from;
  const scale = Math.abs(anchor) || 1;
  const raw = anchor + (r() - 0.6) * scale * 0.8;
  if (wide) return raw; // shortest decimal text: usually 15-17 digits
  const places = Math.floor(r() * 5);
  return Math.round(raw * 10 ** places) / 10 ** places;
}

const N = 2000;
function inputs(wide: boolean): { rule: ScoringRule; value: number | Ratio }[] {
  const r = prng(wide ? 7 : 3);
  return Array.from({ length: N }, (_, i) => {
    const rule = rules[i % rules.length]!;
    if (!wide && i % 10 === 9) {
      const d = 1 + Math.floor(r() * 500);
      const n = Math.floor(r() * d);
      return { rule, value: { numerator: n, denominator: d, value: n / d } };
    }
    return { rule, value: valueFor(rule, r, wide) };
  });
}
const short = inputs(false);
const wide = inputs(true);

// --- agreement first: a ratio against a different answer means nothing ---------------------------
let bad = 0;
for (const { rule, value } of [...short, ...wide]) {
  const a = evaluateRule(rule, value);
  const b = legacyEvaluateRule(rule, value);
  if (JSON.stringify(a) !== JSON.stringify(b) && bad++ < 3) console.error("DISAGREE", JSON.stringify(rule), value, "\n new:", JSON.stringify(a), "\n old:", JSON.stringify(b));
}
if (bad > 0) {
  console.error(`evaluateRule disagrees with the legacy copy on ${bad} inputs`);
  process.exit(1);
}
console.log(`evaluateRule agrees with the legacy copy on all ${short.length + wide.length} inputs (points, met and the rendered trace)`);

let sink = 0;
function opsPerSec(list: readonly { rule: ScoringRule; value: number | Ratio }[], f: typeof evaluateRule, read: boolean): number {
  let best = Infinity;
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    for (let k = 0; k < 10; k++) {
      for (let i = 0; i < list.length; i++) {
        const x = list[i]!;
        const res = f(x.rule, x.value);
        sink += res.points;
        if (read) sink += res.trace.arithmetic.length;
      }
    }
    best = Math.min(best, performance.now() - t0);
  }
  return (list.length * 10) / (best / 1000);
}
for (const f of [evaluateRule, legacyEvaluateRule]) opsPerSec(short, f, true);

const rows: { task: string; "new ops/s": number; "legacy ops/s": number; ratio: string }[] = [];
for (const [task, list, read] of [
  ["<= 9 decimals, trace not read", short, false],
  ["<= 9 decimals, trace text read", short, true],
  ["> 9 decimals (BigInt path), trace not read", wide, false],
] as const) {
  const a = opsPerSec(list, evaluateRule, read);
  const b = opsPerSec(list, legacyEvaluateRule, read);
  rows.push({ task, "new ops/s": Math.round(a), "legacy ops/s": Math.round(b), ratio: `${(a / b).toFixed(2)}x` });
}
console.log(`\nevaluateRule vs the legacy copy, ${rules.length} rules x ${N} values, best of 5 (node ${process.version}); goal >= 5x`);
console.table(rows);
if (sink === 42) console.log("");
