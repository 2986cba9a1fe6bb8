/**
 * Zod schemas and the parse / safeParse edges of the scoring domain.
 * @module
 */
import { z } from "zod";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { compileRule, type CompiledRule } from "./_compile.js";
import type { Scorecard, ScoringRule } from "./types.js";

// Every schema is built by a call marked pure, so a bundle that reads none of them (the built-in
// cards, fines, grades) drops zod even where tsup has put this module in a chunk it uses.
const finite = /* @__PURE__ */ (() => z.number().refine(Number.isFinite, "must be a finite number"))();
const nonNeg = /* @__PURE__ */ (() => finite.refine((x) => x >= 0, "must be >= 0"))();

const meta = /* @__PURE__ */ (() => ({
  id: z.string().min(1).optional(),
  sourceRef: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  interpretation: z.string().optional(),
}))();

/**
 * Zod schema of a {@link LinearRule} (shape only; `parseRule` adds the semantic checks).
 *
 * @example
 * ```ts
 * import { linearRuleSchema } from "sla-kit/scoring";
 * console.log(linearRuleSchema.safeParse({ kind: "linear", points: 45, target: 0.98, zeroBelow: 0.9 }).success); // true
 * ```
 */
export const linearRuleSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal("linear"),
    points: nonNeg,
    target: finite,
    zeroBelow: finite.optional(),
    ...meta,
  }))();

/**
 * Zod schema of a {@link ThresholdRule}.
 *
 * @example
 * ```ts
 * import { thresholdRuleSchema } from "sla-kit/scoring";
 * console.log(thresholdRuleSchema.safeParse({ kind: "threshold", points: 10, pass: { op: ">=", value: 0.999 } }).success); // true
 * ```
 */
export const thresholdRuleSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal("threshold"),
    points: nonNeg,
    pass: z.strictObject({ op: z.enum([">=", ">", "<=", "<"]), value: finite }),
    ...meta,
  }))();

/**
 * Zod schema of a {@link StepsRule} (shape only; sides, gaps and overlaps are checked by `parseRule`).
 *
 * @example
 * ```ts
 * import { stepsRuleSchema } from "sla-kit/scoring";
 * const p2 = { kind: "steps", points: 10, direction: "below", rounding: "floor", zeroBeyond: 1500,
 *   steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1500, per: 100, deduct: 2 }] };
 * console.log(stepsRuleSchema.safeParse(p2).success); // true
 * ```
 */
export const stepsRuleSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal("steps"),
    points: nonNeg,
    direction: z.enum(["below", "above"]),
    steps: z.array(z.strictObject({ from: finite, to: finite, per: finite, deduct: nonNeg })).min(1),
    zeroBeyond: finite.optional(),
    rounding: z.enum(["floor", "ceil", "prorata"]),
    ...meta,
  }))();

/**
 * Zod schema of any {@link ScoringRule}, discriminated by `kind` (`sla-kit schema rule` prints it).
 *
 * @example
 * ```ts
 * import { scoringRuleSchema } from "sla-kit/scoring";
 * console.log(scoringRuleSchema.safeParse({ kind: "bonus" }).success); // false
 * ```
 */
export const scoringRuleSchema = /* @__PURE__ */ (() => z.discriminatedUnion("kind", [linearRuleSchema, thresholdRuleSchema, stepsRuleSchema]))();

/**
 * Zod schema of a {@link Scorecard}.
 *
 * @example
 * ```ts
 * import { callCentreCard, scorecardSchema } from "sla-kit/scoring";
 * console.log(scorecardSchema.safeParse(JSON.parse(JSON.stringify(callCentreCard()))).success); // true
 * ```
 */
export const scorecardSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string().min(1),
    name: z.string(),
    sourceRef: z.string().optional(),
    items: z.array(z.strictObject({ id: z.string().min(1), name: z.string().optional(), rule: scoringRuleSchema, weight: nonNeg.optional() })),
    grades: z.array(z.strictObject({ grade: z.string().min(1), minTotal: finite })).optional(),
  }))();

const compiled = new WeakMap<object, CompiledRule>();

function zodFail(error: z.ZodError, base: ErrorPath, what: string): SlaKitError {
  const first = error.issues[0];
  const path = [...base, ...((first?.path ?? []) as (string | number)[])];
  // an unknown key: point at the key itself, e.g. ["pass", "x"], not at the object holding it
  if (first?.code === "unrecognized_keys" && first.keys[0] !== undefined) path.push(first.keys[0]);
  const lines = error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  return new SlaKitError("INVALID_RULE", `Invalid ${what}: ${lines.join("; ")}.`, { path, details: error.issues });
}

/** @internal Validates (shape + semantics) once per rule object and caches the compiled form. */
export function compiledRule(rule: unknown, base: ErrorPath = []): CompiledRule {
  if (typeof rule === "object" && rule !== null) {
    const hit = compiled.get(rule);
    if (hit !== undefined) return hit;
  }
  const r = scoringRuleSchema.safeParse(rule);
  if (!r.success) throw zodFail(r.error, base, "scoring rule");
  const c = compileRule(r.data as ScoringRule, base);
  compiled.set(r.data, c);
  if (typeof rule === "object" && rule !== null) compiled.set(rule, c);
  return c;
}

/**
 * Validates a scoring rule (JSON data) and returns it typed. Checks the shape with zod, then what
 * zod cannot: step sides (`from > to` for `below`), gaps and overlaps between steps, `zeroBeyond`
 * coverage, `target > 0`, `per > 0`.
 *
 * @throws SlaKitError `INVALID_RULE` with the `path` into the rule, e.g. `["steps", 1, "from"]`.
 * @example
 * ```ts
 * import { parseRule } from "sla-kit/scoring";
 *
 * const rule = parseRule({ kind: "threshold", points: 10, pass: { op: ">=", value: 0.999 } });
 * console.log(rule.kind); // "threshold"
 * ```
 */
export function parseRule(json: unknown): ScoringRule {
  return compiledRule(json).rule;
}

/** Result of {@link safeParseRule} and {@link safeParseScorecard}. */
export type SafeParseResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: SlaKitError };

/**
 * Like {@link parseRule}, but returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * import { safeParseRule } from "sla-kit/scoring";
 *
 * const r = safeParseRule({ kind: "curve", points: 1 });
 * if (!r.success) console.log(r.error.code, r.error.path); // INVALID_RULE [ 'kind' ]
 * ```
 */
export function safeParseRule(json: unknown): SafeParseResult<ScoringRule> {
  try {
    return { success: true, data: parseRule(json) };
  } catch (e) {
    if (e instanceof SlaKitError) return { success: false, error: e };
    throw e;
  }
}

/**
 * Validates a scorecard (JSON data): its shape, every item's rule (paths like
 * `["items", 2, "rule", "steps", 0, "to"]`) and unique item ids.
 *
 * @throws SlaKitError `INVALID_RULE`.
 * @example
 * ```ts
 * import { parseScorecard } from "sla-kit/scoring";
 *
 * const card = parseScorecard({
 *   id: "demo", name: "Demo",
 *   items: [{ id: "sat", rule: { kind: "linear", points: 10, target: 0.98, zeroBelow: 0.9 } }],
 * });
 * console.log(card.items.length); // 1
 * ```
 */
export function parseScorecard(json: unknown): Scorecard {
  const r = scorecardSchema.safeParse(json);
  if (!r.success) throw zodFail(r.error, [], "scorecard");
  const seen = new Set<string>();
  const input = json as Scorecard;
  r.data.items.forEach((item, i) => {
    if (seen.has(item.id)) throw new SlaKitError("INVALID_RULE", `Duplicate item id "${item.id}".`, { path: ["items", i, "id"] });
    seen.add(item.id);
    const c = compiledRule(item.rule, ["items", i, "rule"]);
    const original = input.items[i]?.rule;
    if (original !== undefined) compiled.set(original, c);
  });
  return r.data as Scorecard;
}

/**
 * Like {@link parseScorecard}, but returns `{ success, data | error }` instead of throwing.
 *
 * @example
 * ```ts
 * import { safeParseScorecard } from "sla-kit/scoring";
 *
 * console.log(safeParseScorecard({ id: "x", name: "X", items: "none" }).success); // false
 * ```
 */
export function safeParseScorecard(json: unknown): SafeParseResult<Scorecard> {
  try {
    return { success: true, data: parseScorecard(json) };
  } catch (e) {
    if (e instanceof SlaKitError) return { success: false, error: e };
    throw e;
  }
}
