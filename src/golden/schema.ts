/**
 * The zod schema of golden case files and its JSON Schema.
 * @module
 */
import { z } from "zod";
import { SlaKitError } from "../errors.js";
import { formatPath } from "../_lib/instant.js";
import type { CaseFile } from "./types.js";

const tolerance = z
  .object({ points: z.number().nonnegative().optional(), ms: z.number().int().nonnegative().optional() })
  .strict();

const goldenCase = z
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
  .strict();

/**
 * zod schema of a {@link CaseFile}.
 *
 * @example
 * ```ts
 * import { caseFileSchema } from "sla-kit/golden";
 * console.log(caseFileSchema.safeParse({ cases: [{ id: "a", kind: "ratio", input: { numerator: 1, denominator: 2 } }] }).success); // true
 * ```
 */
export const caseFileSchema = z
  .object({
    $schema: z.string().optional(),
    policy: z.string().min(1).optional(),
    description: z.string().optional(),
    tolerance: tolerance.optional(),
    cases: z.array(goldenCase),
  })
  .strict();

/**
 * JSON Schema (draft 2020-12) of a golden case file, for editors and `sla-kit schema cases`.
 *
 * @example
 * ```ts
 * import { caseFileJsonSchema } from "sla-kit/golden";
 * console.log(Object.keys(caseFileJsonSchema.properties ?? {})); // [ '$schema', 'policy', 'description', 'tolerance', 'cases' ]
 * ```
 */
export const caseFileJsonSchema: { readonly properties?: Record<string, unknown> } & Record<string, unknown> =
  z.toJSONSchema(caseFileSchema, { io: "input" }) as Record<string, unknown>;

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
    throw new SlaKitError("INVALID_CASE_FILE", `Invalid case file at ${formatPath(path)}: ${issue.message}.`, { path, details: r.error.issues });
  }
  const seen = new Map<string, number>();
  r.data.cases.forEach((c, i) => {
    const prev = seen.get(c.id);
    if (prev !== undefined) {
      throw new SlaKitError("INVALID_CASE_FILE", `Duplicate case id ${JSON.stringify(c.id)} at cases[${i}] (first at cases[${prev}]): ids must be unique.`, { path: ["cases", i, "id"] });
    }
    seen.set(c.id, i);
  });
  return r.data as CaseFile;
}
