/**
 * The zod schema of golden case files and its JSON Schema.
 * @module
 */
import { z } from "zod";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { formatPath, parseIsoInstant } from "../_lib/instant.js";
import { kindTable } from "./_kinds.js";
import { assertDepth, didYouMean } from "./_suggest.js";
import type { CaseFile, GoldenCase } from "./types.js";

// built by calls marked pure, so a bundle that never validates a case file drops them
const tolerance = /* @__PURE__ */ (() => z.object({ points: z.number().nonnegative().optional(), ms: z.number().int().nonnegative().optional() }).strict())();

const goldenCase = /* @__PURE__ */ (() =>
  z
  .object({
    id: z.string().min(1),
    kind: z.string().min(1),
    description: z.string().optional(),
    asOf: z.string().optional(),
    input: z.record(z.string(), z.unknown()),
    expect: z.unknown().optional(),
    expectRule: z.string().min(1).optional(),
    expectError: z.string().min(1).optional(),
    tolerance: tolerance.optional(),
  })
  .strict())();

/**
 * zod schema of a {@link CaseFile}.
 *
 * @example
 * ```ts
 * import { caseFileSchema } from "sla-kit/golden";
 * console.log(caseFileSchema.safeParse({ cases: [{ id: "a", kind: "ratio", input: { numerator: 1, denominator: 2 } }] }).success); // true
 * ```
 */
export const caseFileSchema = /* @__PURE__ */ (() =>
  z
  .object({
    $schema: z.string().optional(),
    policy: z.string().min(1).optional(),
    policies: z.array(z.string().min(1)).min(1).optional(),
    description: z.string().optional(),
    tolerance: tolerance.optional(),
    cases: z.array(goldenCase),
  })
  .strict())();

/**
 * JSON Schema (draft 2020-12) of a golden case file, for editors and `sla-kit schema cases`.
 *
 * @example
 * ```ts
 * import { caseFileJsonSchema } from "sla-kit/golden";
 * console.log(Object.keys(caseFileJsonSchema.properties ?? {})); // [ '$schema', 'policy', 'policies', 'description', 'tolerance', 'cases' ]
 * ```
 */
export const caseFileJsonSchema: { readonly properties?: Record<string, unknown> } & Record<string, unknown> =
  /* @__PURE__ */ (() => z.toJSONSchema(caseFileSchema, { io: "input" }) as Record<string, unknown>)();

/**
 * Validates a golden case file (already parsed from JSON or YAML). Throws `INVALID_CASE_FILE`
 * with the path of the first problem; case ids must be unique.
 *
 * @example
 * ```ts
 * import { parseCaseFile } from "sla-kit/golden";
 * const file = parseCaseFile({ policy: "robotIntegration2026", cases: [
 *   { id: "s4-core", kind: "dueAt", input: { query: { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, anchor: "2024-05-06T10:00:00+08:00" },
 *     expect: "2024-05-06T10:15:00+08:00" } ] });
 * console.log(file.cases.length); // 1
 * ```
 */
export function parseCaseFile(input: unknown): CaseFile {
  const r = caseFileSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    throw new SlaKitError("INVALID_CASE_FILE", `Invalid case file at ${formatPath(path)}: ${sentence(issue, input)}`, { path, details: r.error.issues });
  }
  const seen = new Map<string, number>();
  r.data.cases.forEach((c, i) => {
    const prev = seen.get(c.id);
    if (prev !== undefined) {
      throw new SlaKitError("INVALID_CASE_FILE", `Duplicate case id ${JSON.stringify(c.id)} at cases[${i}] (first at cases[${prev}]): ids must be unique.`, { path: ["cases", i, "id"] });
    }
    seen.set(c.id, i);
    checkCase(c, i, true);
  });
  return r.data as CaseFile;
}

/**
 * Validates one case (as `parseCaseFile` does for each case of a file); `index` places it in its file.
 * @internal
 */
export function parseCase(input: unknown, index: number): GoldenCase {
  const r = goldenCase.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = ["cases", index, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
    throw new SlaKitError("INVALID_CASE_FILE", `Invalid case at ${formatPath(path)}: ${sentence({ ...issue, path: ["cases", index, ...issue.path] }, { cases: { [index]: input } })}`, { path, details: r.error.issues });
  }
  checkCase(r.data, index);
  return r.data as GoldenCase;
}

const bad = (path: ErrorPath, message: string): never => {
  throw new SlaKitError("INVALID_CASE_FILE", message, { path });
};

/** A date-time written without an offset ("2024-05-06T10:00", "2024-05-06 10:00:00"): ambiguous. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** Mistakes in one case that zod's shape check cannot see: they make the file malformed, not the case failing. */
export function checkCase(c: z.infer<typeof goldenCase>, i: number, inFile = false): void {
  const at = (...p: (string | number)[]): ErrorPath => ["cases", i, ...p];
  const spec = kindTable.get(c.kind);
  if (spec === undefined) {
    bad(at("kind"), `Unknown case kind ${JSON.stringify(c.kind)} in case ${JSON.stringify(c.id)}.${didYouMean(c.kind, kindTable.keys())} The kinds: ${[...kindTable.keys()].join(", ")}.`);
    return;
  }
  for (const key of Object.keys(c.input)) {
    if (!spec.inputs.includes(key)) {
      bad(at("input", key), `Unknown input ${JSON.stringify(key)} for kind ${c.kind} in case ${JSON.stringify(c.id)}.${didYouMean(key, spec.inputs)} ${c.kind} takes ${spec.inputs.length ? spec.inputs.join(", ") : "no input"}.`);
    }
  }
  if (inFile && c.expect === undefined && c.expectError === undefined && c.expectRule === undefined) {
    bad(at(), `Case ${JSON.stringify(c.id)} checks nothing: give "expect" (the result), "expectError" (the error code) or "expectRule" (the rule that fires); run \`sla-kit check --update\` to fill "expect" in.`);
  }
  if (c.expect !== undefined && c.expectError !== undefined) {
    bad(at("expectError"), `Case ${JSON.stringify(c.id)} has both "expect" and "expectError": a call either returns or throws, keep one.`);
  }
  if (c.asOf !== undefined && !Number.isFinite(parseIsoInstant(c.asOf))) {
    bad(at("asOf"), `"asOf" ${JSON.stringify(c.asOf)} of case ${JSON.stringify(c.id)} is not an ISO-8601 instant with an offset: write e.g. "2024-05-06T12:00:00+08:00".`);
  }
  for (const part of ["input", "expect"] as const) {
    assertDepth(c[part], at(part), "INVALID_CASE_FILE", `The ${part} of case ${JSON.stringify(c.id)}`);
    const local = findLocalDateTime(c[part]);
    if (local !== undefined) {
      bad(at(part, ...local.path), `${JSON.stringify(local.text)} in the ${part} of case ${JSON.stringify(c.id)} has no offset, so it would mean a different instant in every zone: write ${JSON.stringify(`${local.text.replace(" ", "T")}+08:00`)} (or Z for UTC).`);
    }
  }
}

function findLocalDateTime(v: unknown): { path: (string | number)[]; text: string } | undefined {
  const stack: [unknown, (string | number)[]][] = [[v, []]];
  while (stack.length > 0) {
    const [x, path] = stack.pop()!;
    if (typeof x === "string" && LOCAL_DATE_TIME.test(x)) return { path, text: x };
    if (x !== null && typeof x === "object") for (const [k, y] of Object.entries(x)) stack.push([y, [...path, Array.isArray(x) ? Number(k) : k]]);
  }
  return undefined;
}

const KEYS_AT: Readonly<Record<string, readonly string[]>> = {
  file: ["$schema", "policy", "policies", "description", "tolerance", "cases"],
  case: ["id", "kind", "description", "asOf", "input", "expect", "expectRule", "expectError", "tolerance"],
  tolerance: ["points", "ms"],
};

/** A zod issue as a sentence that names the field and the fix. */
function sentence(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path;
  const last = path[path.length - 1];
  if (issue.code === "unrecognized_keys") {
    const where = last === "tolerance" ? KEYS_AT["tolerance"]! : path.length === 0 ? KEYS_AT["file"]! : KEYS_AT["case"]!;
    return issue.keys.map((key) => `unknown key ${JSON.stringify(key)}.${didYouMean(key, where)} Allowed here: ${where.join(", ")}.`).join(" ");
  }
  if (issue.code === "invalid_type") {
    let value: unknown = input;
    for (const p of path) value = value !== null && typeof value === "object" && Object.hasOwn(value, p as PropertyKey) ? (value as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined;
    const got = value === undefined ? "nothing" : Array.isArray(value) ? "a list" : value === null ? "null" : `the ${typeof value} ${JSON.stringify(value)}`;
    const fix = issue.expected === "string" && (typeof value === "number" || typeof value === "boolean") ? ` Quote it: "${String(value)}".` : value === undefined ? ` Add "${String(last)}".` : "";
    return `${String(last ?? "the file")} must be ${issue.expected === "object" ? "a mapping" : issue.expected === "array" ? "a list" : `a ${issue.expected}`}, got ${got}.${fix}`;
  }
  return `${issue.message}.`;
}
