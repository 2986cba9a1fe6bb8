import { SlaKitError } from "../errors.js";
import { describe } from "../_lib/instant.js";
import { Q0, add, div, mul, q, show, toNumber, type Q } from "../_lib/rational.js";

/**
 * The evaluators of 000 §2(1) (docs/rules.md G2).
 *
 * @example
 * ```ts
 * import { evaluators } from "sla-kit/scoring";
 * console.log(evaluators); // [ 'customer', 'internal', 'third-party' ]
 * ```
 */
export const evaluators = ["customer", "internal", "third-party"] as const;

/**
 * The evaluation dimensions of 000 §3 (docs/rules.md G2): content, attitude, quality.
 *
 * @example
 * ```ts
 * import { evaluationDimensions } from "sla-kit/scoring";
 * console.log(evaluationDimensions); // [ 'content', 'attitude', 'quality' ]
 * ```
 */
export const evaluationDimensions = ["content", "attitude", "quality"] as const;

/** One evaluator's score on one dimension. */
export interface EvaluationScore {
  readonly evaluator: string;
  readonly dimension: string;
  readonly score: number;
}

/** Weights of {@link weightedEvaluation}. */
export interface EvaluationWeights {
  /** Weight per evaluator (>= 0); every score's evaluator must be listed. */
  readonly evaluators: Readonly<Record<string, number>>;
  /** Weight per dimension (>= 0); default 1 for every dimension. */
  readonly dimensions?: Readonly<Record<string, number>>;
}

/** Result of {@link weightedEvaluation}. */
export interface WeightedEvaluation {
  /** Weighted score over the evaluators present, or null when no weighted score exists. */
  readonly score: number | null;
  readonly byEvaluator: Readonly<Record<string, number>>;
  /** Evaluators with a weight but no score: reported, their weight left out (renormalised). */
  readonly missingEvaluators: readonly string[];
  readonly trace: { readonly sourceRef: "000 §2-3"; readonly arithmetic: readonly string[] };
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function weight(x: unknown, path: (string | number)[]): Q {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0) {
    throw new SlaKitError("INVALID_INPUT", `Weights must be finite numbers >= 0, got ${describe(x)}.`, { path });
  }
  return q(x);
}

/**
 * Weighted evaluation over evaluators and dimensions (docs/rules.md G2, 000 §2-3). Each evaluator's score is
 * the dimension-weighted mean of its scores (several scores of one dimension are averaged first);
 * the result is the evaluator-weighted mean over the evaluators that gave scores. Evaluators
 * without scores are listed in `missingEvaluators` and their weight is left out (the trace says so).
 * Arithmetic is exact; results are the nearest doubles.
 *
 * @throws SlaKitError `INVALID_INPUT` (unknown evaluator, bad weight or score).
 * @example
 * ```ts
 * import { weightedEvaluation } from "sla-kit/scoring";
 *
 * const r = weightedEvaluation(
 *   [
 *     { evaluator: "customer", dimension: "attitude", score: 90 },
 *     { evaluator: "internal", dimension: "attitude", score: 80 },
 *   ],
 *   { evaluators: { customer: 0.6, internal: 0.4 } },
 * );
 * console.log(r.score); // 86
 * ```
 */
export function weightedEvaluation(scores: readonly EvaluationScore[], weights: EvaluationWeights): WeightedEvaluation {
  if (!Array.isArray(scores)) {
    throw new SlaKitError("INVALID_INPUT", `scores must be an array of { evaluator, dimension, score }, got ${describe(scores)}.`, { path: ["scores"] });
  }
  if (typeof weights !== "object" || weights === null || typeof weights.evaluators !== "object" || weights.evaluators === null) {
    throw new SlaKitError("INVALID_INPUT", "weights.evaluators must map each evaluator to a weight.", { path: ["weights", "evaluators"] });
  }
  if (weights.dimensions !== undefined && (typeof weights.dimensions !== "object" || weights.dimensions === null)) {
    throw new SlaKitError("INVALID_INPUT", `weights.dimensions must map dimensions to weights, got ${describe(weights.dimensions)}.`, { path: ["weights", "dimensions"] });
  }
  // evaluator -> dimension -> [sum, count]
  const acc = new Map<string, Map<string, { sum: Q; count: number }>>();
  scores.forEach((s, i) => {
    if (typeof s !== "object" || s === null || typeof s.evaluator !== "string" || typeof s.dimension !== "string") {
      throw new SlaKitError("INVALID_INPUT", `scores[${i}] must be { evaluator, dimension, score }.`, { path: ["scores", i] });
    }
    if (!own(weights.evaluators, s.evaluator)) {
      throw new SlaKitError("INVALID_INPUT", `Evaluator "${s.evaluator}" has no weight in weights.evaluators.`, { path: ["scores", i, "evaluator"] });
    }
    if (typeof s.score !== "number" || !Number.isFinite(s.score)) {
      throw new SlaKitError("INVALID_INPUT", `scores[${i}].score must be a finite number, got ${describe(s.score)}.`, { path: ["scores", i, "score"] });
    }
    let dims = acc.get(s.evaluator);
    if (dims === undefined) acc.set(s.evaluator, (dims = new Map()));
    const cell = dims.get(s.dimension);
    if (cell === undefined) dims.set(s.dimension, { sum: q(s.score), count: 1 });
    else dims.set(s.dimension, { sum: add(cell.sum, q(s.score)), count: cell.count + 1 });
  });
  const arithmetic: string[] = [];
  // keyed by user data: no prototype, so "toString" or "__proto__" are ordinary evaluators
  const byEvaluator = Object.create(null) as Record<string, number>;
  let num = Q0;
  let den = Q0;
  const missing: string[] = [];
  for (const [ev, wRaw] of Object.entries(weights.evaluators)) {
    const we = weight(wRaw, ["weights", "evaluators", ev]);
    const dims = acc.get(ev);
    if (dims === undefined) {
      missing.push(ev);
      arithmetic.push(`${ev}: no scores, weight ${wRaw} left out`);
      continue;
    }
    let sn = Q0;
    let sd = Q0;
    for (const [dim, cell] of dims) {
      const dw = weights.dimensions !== undefined && weights.dimensions !== null && own(weights.dimensions, dim) ? weights.dimensions[dim] : undefined;
      const wd = dw === undefined ? q(1) : weight(dw, ["weights", "dimensions", dim]);
      sn = add(sn, mul(wd, div(cell.sum, q(cell.count))));
      sd = add(sd, wd);
    }
    if (sd.n === 0n) {
      arithmetic.push(`${ev}: every dimension weight is 0, left out`);
      continue;
    }
    const es = div(sn, sd);
    Object.defineProperty(byEvaluator, ev, { value: toNumber(es), enumerable: true, writable: true, configurable: true });
    arithmetic.push(`${ev}: dimension-weighted mean ${show(es)} x weight ${wRaw}`);
    num = add(num, mul(we, es));
    den = add(den, we);
  }
  const score = den.n === 0n ? null : toNumber(div(num, den));
  arithmetic.push(den.n === 0n ? "no weighted score: total weight 0" : `score = ${show(num)} / ${show(den)} = ${score}`);
  return { score, byEvaluator, missingEvaluators: missing, trace: { sourceRef: "000 §2-3", arithmetic } };
}
