import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { evaluateCompiled, readValue } from "./_evaluate.js";
import { Q0, add, cmp, mul, q, show, toNumber, type Q } from "../_lib/rational.js";
import { compiledRule, parseScorecard } from "./schema.js";
import type { MissingItem, Ratio, ScoredItem, Scorecard, ScorecardResult, ScorecardValues } from "./types.js";

const validCards = new WeakSet<object>();

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
 * @throws SlaKitError `INVALID_RULE` (bad card, path like `["items", 0, "rule", "target"]`),
 * `INVALID_INPUT` (bad value or unknown item id, path `["values", id]`).
 * @example
 * ```ts
 * import { callCentreCard, scorecard } from "sla-kit/scoring";
 *
 * const r = scorecard(callCentreCard(), { satisfaction: 0.98, callVolume: 2200, callbackRate: 0.9 });
 * console.log(r.total, r.maxTotal, r.grade); // 100 100 excellent
 * ```
 */
export function scorecard(card: Scorecard, values: ScorecardValues): ScorecardResult {
  if (!validCards.has(card)) {
    parseScorecard(card);
    validCards.add(card);
  }
  if (typeof values !== "object" || values === null) {
    throw new SlaKitError("INVALID_INPUT", `values must be an object of item id -> number | Ratio, got ${describe(values)}.`, { path: ["values"] });
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
    const raw = (values as Record<string, number | Ratio | undefined>)[item.id];
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
      points: toNumber(r.points),
      maxPoints: c.rule.points,
      weight: w,
      weightedPoints: toNumber(weighted),
      trace: r.trace,
    };
    items.push(item.name === undefined ? s : { ...s, name: item.name });
    arithmetic.push(`${item.id}: ${show(r.points)}${w === 1 ? "" : ` x weight ${w} = ${show(weighted)}`} of ${show(itemMax)}`);
  }
  arithmetic.push(`total ${show(total)} of ${show(maxTotal)}`);

  const complete = missing.length === 0;
  let grade: string | undefined;
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
  }
  const trace: ScorecardResult["trace"] = card.sourceRef === undefined
    ? { cardId: card.id, arithmetic, notes }
    : { cardId: card.id, sourceRef: card.sourceRef, arithmetic, notes };
  const result = {
    cardId: card.id,
    total: toNumber(total),
    maxTotal: toNumber(maxTotal),
    scoredMaxTotal: toNumber(scoredMax),
    complete,
    items,
    missing,
    trace,
  };
  return grade === undefined ? result : { ...result, grade };
}
