/**
 * Zod schemas of the `sla` domain's JSON inputs (policy files). The only place zod is used in sla.
 * @module
 */
import { z } from "zod";
import { chinaHolidayYearSchema } from "../calendar/schema.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import type { PolicyJson } from "./types.js";

const name = z.string().min(1);
const hours = z.array(z.string()).readonly();
const dimension = z.enum(["tier", "urgency", "location", "channel"]);
const dimValues = z
  .object({ tier: z.array(name).readonly(), urgency: z.array(name).readonly(), location: z.array(name).readonly(), channel: z.array(name).readonly() })
  .partial()
  .strict();

/** ISO-8601 duration without years/months (their length is not fixed): `P1D`, `PT15M`, `PT1H30M`, `PT0.5S`. */
export const ISO_DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

const calendarSpec = z
  .object({
    id: z.string().optional(),
    timeZone: z.string(),
    week: z.record(z.string(), hours),
    holidays: z.array(z.union([z.string(), z.object({ date: z.string(), name: z.string().optional() })])).readonly().optional(),
    workdays: z
      .array(z.union([z.string(), z.object({ date: z.string(), hours: hours.optional(), name: z.string().optional() })]))
      .readonly()
      .optional(),
    validFrom: z.string().optional(),
    validTo: z.string().optional(),
    beyondData: z.enum(["error", "weekdays"]).optional(),
  })
  .strict();

const policyCalendar = z.union([
  z
    .object({
      builtin: z.enum(["chinaWorkCalendar", "china"]),
      hours: hours.optional(),
      timeZone: z.string().optional(),
      // objects only: the sla-kit CLI inlines file paths ("./china-2027.json") relative to the policy file
      years: z.array(chinaHolidayYearSchema).readonly().optional(),
      beyondData: z.enum(["error", "weekdays"]).optional(),
    })
    .strict(),
  z.object({ builtin: z.literal("alwaysOpen"), timeZone: z.string() }).strict(),
  calendarSpec,
]);

const within = z.union([
  z.string().regex(ISO_DURATION, 'an ISO-8601 duration such as "PT15M", "PT4H" or "P1D" (no years or months)'),
  z.object({ businessDays: z.number().int().min(0) }).strict(),
  z.object({ rings: z.number().int().min(1) }).strict(),
  z.object({ agreed: z.literal(true) }).strict(),
]);

const stageDef = z.union([
  name,
  z
    .object({
      name,
      description: z.string().optional(),
      when: dimValues.optional(),
      notApplicable: z.object({ sourceRef: name, description: z.string().optional(), when: dimValues.optional() }).strict().optional(),
    })
    .strict(),
]);

const pauseReason = z
  .object({
    description: z.string().optional(),
    stops: z.array(name).min(1).readonly(),
    maxMs: z.number().int().min(0).optional(),
    needsConsent: z.boolean().optional(),
    sourceRef: name.optional(),
  })
  .strict();

const serviceDef = z
  .object({
    description: z.string().optional(),
    stages: z.array(stageDef).min(1).readonly(),
    dimensions: z.array(dimension).readonly(),
    values: dimValues.optional(),
    milestones: z.array(name).readonly().optional(),
    onsite: z.boolean().optional(),
  })
  .strict();

const targetRow = z
  .object({
    id: z.string().optional(),
    service: name,
    tier: name.optional(),
    urgency: name.optional(),
    location: name.optional(),
    channel: name.optional(),
    stage: name,
    within,
    clock: name.optional(),
    anchor: name.optional(),
    sourceRef: name,
    note: z.string().optional(),
  })
  .strict();

const dateOrInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/,
    'a local date "YYYY-MM-DD" or an ISO-8601 instant with an offset',
  );

/**
 * Zod schema of a policy file's shape (see docs/rules.md "Readings: SLA"); `parsePolicy` adds the
 * reference checks and compiles it, `policyJsonSchema` is its JSON Schema.
 *
 * @example
 * ```ts
 * import { policySchema, robotIntegration2026 } from "sla-kit/sla";
 * console.log(policySchema.safeParse(JSON.parse(JSON.stringify(robotIntegration2026))).success); // true
 * ```
 */
export const policySchema = z
  .object({
    $schema: z.string().optional(),
    id: name,
    version: name,
    title: z.string().optional(),
    description: z.string().optional(),
    effectiveFrom: dateOrInstant.optional(),
    effectiveTo: dateOrInstant.optional(),
    timeZone: z.string().optional(),
    warnAt: z.number().gt(0).lte(1).optional(),
    calendars: z.record(name, policyCalendar),
    dimensions: dimValues,
    services: z.record(name, serviceDef),
    targets: z.array(targetRow).readonly(),
    pauseReasons: z.record(name, pauseReason).optional(),
    /** Ignored on input (recomputed); accepted so a stringified policy with a hash parses. */
    hash: z.string().optional(),
  })
  .strict();

/**
 * JSON Schema (draft 2020-12) of a policy file, for editors and `sla-kit schema`.
 *
 * @example
 * ```ts
 * import { policyJsonSchema } from "sla-kit/sla";
 *
 * console.log(policyJsonSchema.type); // "object"
 * ```
 */
export const policyJsonSchema: Readonly<Record<string, unknown>> = z.toJSONSchema(policySchema, {
  io: "input",
  unrepresentable: "any",
}) as Record<string, unknown>;

/** The result of {@link schemaParsePolicy}: the JSON or the issues found. @internal */
export type SchemaResult =
  | { readonly ok: true; readonly value: PolicyJson }
  | { readonly ok: false; readonly issues: readonly { readonly path: ErrorPath; readonly message: string }[] };

/**
 * Keys of user-named records that a plain object cannot hold as data (zod drops them silently):
 * reported instead, with their path. @internal
 */
function reservedKeys(input: unknown): { path: ErrorPath; message: string }[] {
  const out: { path: ErrorPath; message: string }[] = [];
  if (input === null || typeof input !== "object") return out;
  for (const key of ["services", "calendars", "pauseReasons"] as const) {
    const rec: unknown = (input as Record<string, unknown>)[key];
    if (rec !== null && typeof rec === "object" && Object.prototype.hasOwnProperty.call(rec, "__proto__")) {
      out.push({ path: [key, "__proto__"], message: `"__proto__" is reserved and cannot name an entry of ${key}; rename it` });
    }
  }
  return out;
}

/** Structural check of a policy file. @internal */
export function schemaParsePolicy(input: unknown): SchemaResult {
  const reserved = reservedKeys(input);
  if (reserved.length > 0) return { ok: false, issues: reserved };
  const r = policySchema.safeParse(input);
  if (r.success) {
    const { hash: _hash, ...rest } = r.data;
    return { ok: true, value: rest as PolicyJson };
  }
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
      message: i.message,
    })),
  };
}

/** Throws INVALID_POLICY for the first structural problem. @internal */
export function schemaParsePolicyOrThrow(input: unknown): PolicyJson {
  const r = schemaParsePolicy(input);
  if (r.ok) return r.value;
  const first = r.issues[0];
  const path = first?.path ?? [];
  throw new SlaKitError(
    "INVALID_POLICY",
    `Invalid policy at ${path.length ? path.join(".") : "(input)"}: ${first?.message ?? "invalid"}. Fix the policy JSON (see policyJsonSchema).`,
    { path, details: r.issues },
  );
}
