/**
 * Zod schemas of the `sla` domain's JSON inputs (policy files). The only place zod is used in sla.
 * @module
 */
import { z } from "zod";
import { chinaHolidayYearSchema } from "../calendar/schema.js";
import { DATE_OR_INSTANT, ISO_DURATION, duplicateLevels } from "./_shape.js";
import type { WarnLevel } from "./types.js";

/**
 * Builds the zod schema; called once, behind a pure annotation, so a bundle that never reads
 * `policySchema` drops zod (the sla entry checks shapes by hand, see `_shape.ts`).
 */
function buildPolicySchema() {
  const name = z.string().min(1);
  const hours = z.array(z.string()).readonly();
  const dimension = z.enum(["tier", "urgency", "location", "channel"]);
  const dimValues = z
    .object({ tier: z.array(name).readonly(), urgency: z.array(name).readonly(), location: z.array(name).readonly(), channel: z.array(name).readonly() })
    .partial()
    .strict();


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

  const isoDuration = z.string().regex(ISO_DURATION, 'an ISO-8601 duration such as "PT15M", "PT4H" or "P1D" (no years or months)');
  const levelLabel = name.optional();
  const warnLevel = z.union([
    z.object({ fraction: z.number().gt(0).lte(10), level: levelLabel }).strict(),
    z.object({ before: isoDuration, level: levelLabel }).strict(),
    z.object({ after: isoDuration, level: levelLabel }).strict(),
  ]);
  // one fraction of the allowed time, or a list of levels with unique names (docs/sla.md)
  const warnAt = z.union([z.number().gt(0).lte(1), z.array(warnLevel).min(1).readonly()]).superRefine((v, ctx) => {
    if (typeof v === "number") return;
    for (const issue of duplicateLevels(v as readonly WarnLevel[], [])) ctx.addIssue({ code: "custom", path: issue.path as (string | number)[], message: issue.message });
  });

  const within = z.union([
    isoDuration,
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
        // S15 recurring targets (docs/sla.md "Recurring targets")
        recur: z.union([z.object({ kind: z.literal("next-reply") }).strict(), z.object({ kind: z.literal("periodic"), until: name.optional() }).strict()]).optional(),
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
      warnAt: warnAt.optional(),
    })
    .strict();

  // how running stages respond to a reclassify event, per dimension (docs/sla.md "Facts that change mid-ticket")
  const mode = z.enum(["restart", "retroactive", "keep"]);

  const dateOrInstant = z.string().regex(DATE_OR_INSTANT, 'a local date "YYYY-MM-DD" or an ISO-8601 instant with an offset');

  return z
    .object({
      $schema: z.string().optional(),
      id: name,
      version: name,
      title: z.string().optional(),
      description: z.string().optional(),
      effectiveFrom: dateOrInstant.optional(),
      effectiveTo: dateOrInstant.optional(),
      timeZone: z.string().optional(),
      warnAt: warnAt.optional(),
      calendars: z.record(name, policyCalendar),
      dimensions: dimValues,
      services: z.record(name, serviceDef),
      targets: z.array(targetRow).readonly(),
      pauseReasons: z.record(name, pauseReason).optional(),
      reopen: z.object({ resolvedTime: z.enum(["paused", "counts"]), description: z.string().optional(), sourceRef: name.optional() }).strict().optional(),
      reclassify: z.object({ tier: mode, urgency: mode, location: mode, channel: mode }).partial().strict().optional(),
      /** Ignored on input (recomputed); accepted so a stringified policy with a hash parses. */
      hash: z.string().optional(),
    })
    .strict();
}

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
export const policySchema = /* @__PURE__ */ buildPolicySchema();

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
export const policyJsonSchema: Readonly<Record<string, unknown>> = /* @__PURE__ */ z.toJSONSchema(policySchema, {
  io: "input",
  unrepresentable: "any",
}) as Record<string, unknown>;
