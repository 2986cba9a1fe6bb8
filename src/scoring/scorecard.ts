import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { evaluateCompiled, readValue } from "./_evaluate.js";
import { Q0, add, cmp, div, frac, mul, q, show, toFiniteNumber, type Q } from "../_lib/rational.js";
import { compiledRule, parseScorecard } from "./schema.js";
import type { Grade, MissingItem, Ratio, ScoredItem, Scorecard, ScorecardResult, ScorecardValues } from "./types.js";
import { shareThresholds } from "./_shares.js";

const validCards = new WeakSet<object>();

/** Options of {@link scorecard}: the indicators and shares behind the G1 grade cap. */
export interface ScorecardOptions {
  /**
   * Met/missed of indicators (e.g. `checkTarget(...).met`), by id: an id of the card overrides what
   * the card derived from the item's value; other ids are further indicators of the evaluation.
   * `null` (no data) counts as not met.
   */
  readonly indicators?: Readonly<Record<string, boolean | null>>;
  /** "Most" indicators met for `good` (default 0.8, inclusive), as in `gradeFromIndicators`. */
  readonly mostShare?: number;
  /** "Basically meet" for `qualified` (default 0.6, inclusive). */
  readonly basicShare?: number;
}

const G1: readonly Grade[] = ["excellent", "good", "qualified", "unqualified"];
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Scores every item of a card and sums the weighted points exactly.
 *
 * Missing values (absent, `undefined`, or a `Ratio` whose value is null) are reported as
 * `status: "missing"` items and listed in `missing`; they are never scored 0. `total` then counts
 * only the scored items (`complete: false`, `scoredMaxTotal` is their maximum, and the trace says
 * so), and no `grade` is given. Values for ids the card does not have throw `INVALID_INPUT`.
 *
 * The card is validated with `parseScorecard` on first use (cached per card object).
 *
 * **Grade cap (G1, 000 §3(4) "优秀：各项评价指标均达到或超过标准要求").** Points alone do not make a
 * grade: each scored item is an indicator that is `met` when its value meets the item's standard
 * (a linear target reached, a threshold passed, no step reached), and `options.indicators` adds or
 * overrides indicators (e.g. from `checkTarget`). With the G1 grade names, `excellent` needs every
 * indicator met, `good` at least `mostShare` (0.8) of them, `qualified` at least `basicShare` (0.6);
 * below that the grade is `unqualified`. The band grade is lowered to the cap, `gradeByPoints` keeps
 * the band, and the trace says why. A call centre at 0.90 satisfaction against 0.98 scores 96.3 of
 * 100 but is not `excellent`. Cards with other grade names get no cap.
 *
 * @throws SlaKitError `INVALID_RULE` (bad card, path like `["items", 0, "rule", "target"]`),
 * `INVALID_INPUT` (bad value or unknown item id, path `["values", id]`; bad `options`),
 * `OUT_OF_SAFE_RANGE` (a total beyond the largest finite number, e.g. points of 1e308).
 * @example
 * ```ts
 * import { callCentreCard, scorecard } from "sla-kit/scoring";
 *
 * const r = scorecard(callCentreCard(), { satisfaction: 0.98, callVolume: 2200, callbackRate: 0.9 });
 * console.log(r.total, r.maxTotal, r.grade); // 100 100 excellent
 *
 * // 96.3 points, but satisfaction misses its 98% standard: good at most, and 2 of 3 met is qualified
 * const s = scorecard(callCentreCard(), { satisfaction: 0.9, callVolume: 2200, callbackRate: 0.9 });
 * console.log(s.total.toFixed(1), s.gradeByPoints, s.grade); // 96.3 excellent qualified
 * ```
 */
export function scorecard(card: Scorecard, values: ScorecardValues, options?: ScorecardOptions): ScorecardResult {
  if (!validCards.has(card)) {
    parseScorecard(card);
    validCards.add(card);
  }
  if (typeof values !== "object" || values === null) {
    throw new SlaKitError("INVALID_INPUT", `values must be an object of item id -> number | Ratio, got ${describe(values)}.`, { path: ["values"] });
  }
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new SlaKitError("INVALID_INPUT", `options must be an object, got ${describe(options)}.`, { path: ["options"] });
  }
  const { mostShare, basicShare } = shareThresholds(options);
  const extra = new Map<string, boolean>();
  if (options?.indicators !== undefined) {
    const ind = options.indicators;
    if (typeof ind !== "object" || ind === null || Array.isArray(ind)) {
      throw new SlaKitError("INVALID_INPUT", `options.indicators must be an object of indicator id -> met (true, false or null), got ${describe(ind)}.`, { path: ["options", "indicators"] });
    }
    for (const k of Object.keys(ind)) {
      const m = (ind as Record<string, unknown>)[k];
      if (m !== true && m !== false && m !== null) {
        throw new SlaKitError("INVALID_INPUT", `options.indicators.${k} must be true, false or null, got ${describe(m)}.`, { path: ["options", "indicators", k] });
      }
      extra.set(k, m === true);
    }
  }
  const ids = new Set<string>();
  for (const item of card.items) ids.add(item.id);
  for (const key of Object.keys(values)) {
    if (!ids.has(key)) {
      throw new SlaKitError("INVALID_INPUT", `Card "${card.id}" has no item "${key}"; its items are ${[...ids].join(", ")}.`, {
        path: ["values", key],
      });
    }
  }

  let total: Q = Q0;
  let maxTotal: Q = Q0;
  let scoredMax: Q = Q0;
  const items: (ScoredItem | MissingItem)[] = [];
  const missing: string[] = [];
  const arithmetic: string[] = [];
  const notes: string[] = [];

  for (let i = 0; i < card.items.length; i++) {
    const item = card.items[i]!;
    const c = compiledRule(item.rule, ["items", i, "rule"]);
    const w = item.weight ?? 1;
    const wq = q(w);
    const itemMax = mul(c.points, wq);
    maxTotal = add(maxTotal, itemMax);
    const raw = own(values, item.id) ? (values as Record<string, number | Ratio | undefined>)[item.id] : undefined;
    const v = raw === undefined ? "no value given" : readValue(raw, ["values", item.id]);
    if (typeof v === "string") {
      missing.push(item.id);
      const m: MissingItem = { id: item.id, status: "missing", maxPoints: c.rule.points, weight: w, reason: v };
      items.push(item.name === undefined ? m : { ...m, name: item.name });
      arithmetic.push(`${item.id}: missing (${v}), not scored`);
      continue;
    }
    const r = evaluateCompiled(c, v);
    const weighted = mul(r.points, wq);
    total = add(total, weighted);
    scoredMax = add(scoredMax, itemMax);
    const s: ScoredItem = {
      id: item.id,
      status: "scored",
      points: toFiniteNumber(r.points, "OUT_OF_SAFE_RANGE", ["card", "items", i, "rule", "points"], `The points of item ${item.id}`),
      maxPoints: c.rule.points,
      weight: w,
      weightedPoints: toFiniteNumber(weighted, "OUT_OF_SAFE_RANGE", ["card", "items", i, "weight"], `The weighted points of item ${item.id}`),
      met: r.met,
      trace: r.trace,
    };
    items.push(item.name === undefined ? s : { ...s, name: item.name });
    arithmetic.push(`${item.id}: ${show(r.points)}${w === 1 ? "" : ` x weight ${w} = ${show(weighted)}`} of ${show(itemMax)}`);
  }
  arithmetic.push(`total ${show(total)} of ${show(maxTotal)}`);

  // G1 indicators: the card's scored items (overridden by options.indicators), then the extra ones
  const indicatorMet = new Map<string, boolean>();
  for (const it of items) if (it.status === "scored") indicatorMet.set(it.id, it.met);
  for (const [k, m] of extra) indicatorMet.set(k, m);
  const missed: string[] = [];
  for (const [k, m] of indicatorMet) if (!m) missed.push(k);
  const indicators = { met: indicatorMet.size - missed.length, total: indicatorMet.size, missed };

  const complete = missing.length === 0;
  let grade: string | undefined;
  let gradeByPoints: string | undefined;
  let grading: { readonly ruleId: "G1"; readonly sourceRef: "000 §3(4)"; readonly cap: Grade; readonly mostShare: number; readonly basicShare: number } | undefined;
  if (!complete) {
    notes.push(
      `${missing.length} item(s) missing (${missing.join(", ")}): total counts only the scored items ` +
        `(${show(total)} of their ${show(scoredMax)}; the card's maximum is ${show(maxTotal)})` +
        (card.grades ? "; no grade is given for an incomplete card" : ""),
    );
  } else if (card.grades) {
    for (const band of card.grades) {
      if (cmp(total, q(band.minTotal)) >= 0) {
        grade = band.grade;
        notes.push(`grade ${band.grade}: total ${show(total)} >= ${band.minTotal}`);
        break;
      }
    }
    if (grade === undefined) notes.push(`no grade band reached by total ${show(total)}`);
    else if ((G1 as readonly string[]).includes(grade) && card.grades.every((b) => (G1 as readonly string[]).includes(b.grade))) {
      // G1 000 §3(4): excellent needs every indicator met; good most; qualified basically
      const met = indicators.met;
      const n = indicators.total;
      const sh = n === 0 ? frac(1) : div(frac(met), frac(n));
      const cap: Grade = met === n ? "excellent" : cmp(sh, q(mostShare)) >= 0 ? "good" : cmp(sh, q(basicShare)) >= 0 ? "qualified" : "unqualified";
      grading = { ruleId: "G1", sourceRef: "000 §3(4)", cap, mostShare, basicShare };
      if (G1.indexOf(cap) > G1.indexOf(grade as Grade)) {
        gradeByPoints = grade;
        notes.push(
          `G1 000 §3(4): ${met} of ${n} indicators meet their standard (missed: ${missed.join(", ")}); ` +
            `${cap === "good" ? `>= mostShare ${mostShare}` : cap === "qualified" ? `>= basicShare ${basicShare}` : `< basicShare ${basicShare}`}, ` +
            `so the grade is capped at ${cap} (the points reach ${grade})`,
        );
        grade = cap;
      } else {
        notes.push(`G1 000 §3(4): ${met} of ${n} indicators meet their standard; ${grade} stands`);
      }
    }
  }
  const base: ScorecardResult["trace"] = card.sourceRef === undefined
    ? { cardId: card.id, arithmetic, notes }
    : { cardId: card.id, sourceRef: card.sourceRef, arithmetic, notes };
  const trace: ScorecardResult["trace"] = grading === undefined ? base : { ...base, grading };
  const result = {
    cardId: card.id,
    total: toFiniteNumber(total, "OUT_OF_SAFE_RANGE", ["card"], "The card's total"),
    maxTotal: toFiniteNumber(maxTotal, "OUT_OF_SAFE_RANGE", ["card"], "The card's maximum total"),
    scoredMaxTotal: toFiniteNumber(scoredMax, "OUT_OF_SAFE_RANGE", ["card"], "The card's scored maximum"),
    complete,
    items,
    missing,
    indicators,
    trace,
  };
  if (grade === undefined) return result;
  return gradeByPoints === undefined ? { ...result, grade } : { ...result, grade, gradeByPoints };
}
