/**
 * Zod schema and JSON Schema of a ticket as JSON (an HTTP request body, a queue message). Kept
 * apart from `schema.ts` so `evaluateTicket`'s bundle never carries it: every top-level call is
 * marked pure, and bundlers drop the file when `ticketSchema`/`ticketJsonSchema` are not imported.
 * @module
 */
import { z } from "zod";
import type { TicketInput } from "./types.js";

/** Builds the schema (one pure call, so an unused schema costs a bundle nothing). */
function buildTicketSchema() {
  const text = z.string().min(1);
  // what evaluateTicket reads as an instant from JSON: ISO-8601 with an offset, or epoch ms
  const instant = z.union([
    z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/,
        'an ISO-8601 date-time with an offset, e.g. "2026-05-06T10:00:00+08:00" or "2026-05-06T02:00:00Z"',
      ),
    z.number().min(-8.64e15).max(8.64e15),
  ]);
  const event = <T extends z.ZodRawShape>(type: string, shape: T) => z.object({ type: z.literal(type), at: instant, ...shape }).strict();
  const ev = z.discriminatedUnion("type", [
    event("done", { stage: text, rings: z.number().int().min(0).optional() }),
    event("pause", { reason: text, consent: z.string().optional() }),
    event("resume", { reason: z.string().optional(), consent: z.string().optional() }),
    event("agreed-deadline", { stage: text, dueAt: instant, consent: text }),
    event("remote-resolved", {}),
    event("not-applicable", { stage: text, reason: text }),
    event("closed", { reason: z.string().optional() }),
    event("reopened", { reason: z.string().optional() }),
    event("cause", { stage: text.optional(), cause: text, remedy: text, objective: z.boolean().optional() }),
    event("reclassify", {
      facts: z.object({ tier: text, urgency: text, location: text, channel: text }).partial().strict().refine((f) => Object.keys(f).length > 0, "name at least one dimension that changes"),
      reason: z.string().optional(),
    }),
    event("message", { stage: text.optional() }),
  ]);
  return z.looseObject({
    id: text,
    service: text,
    tier: z.string().optional(),
    urgency: z.string().optional(),
    location: z.string().optional(),
    channel: z.string().optional(),
    assignee: z.string().optional(),
    department: z.string().optional(),
    createdAt: instant,
    events: z.array(ev),
  });
}

/**
 * Zod schema of a ticket as JSON: the shape of `Ticket` with instants as ISO-8601 strings with an
 * offset or epoch ms (JSON has no `Date`), events checked per `type` with no unknown keys, other
 * top-level keys of the ticket (a title, a customer) let through. It checks the shape only:
 * whether the service, stages and pause reasons exist in a policy, and whether the events are in a
 * possible order, is `evaluateTicket`'s job (`safeEvaluateTicket` reports it without throwing).
 * Its output is a `TicketInput`, so `evaluateTicket(policy, ticketSchema.parse(body), options)`
 * type-checks.
 *
 * @example
 * ```ts
 * import { ticketSchema } from "sla-kit/sla";
 *
 * const r = ticketSchema.safeParse({ id: "T-1", service: "fault", createdAt: "2024-05-06 10:00", events: [] });
 * console.log(r.success, r.error?.issues[0]?.path); // false [ 'createdAt' ]
 * ```
 */
export const ticketSchema: z.ZodType<TicketInput, unknown> = /* @__PURE__ */ buildTicketSchema() as unknown as z.ZodType<TicketInput, unknown>;

/**
 * JSON Schema (draft 2020-12) of a ticket as JSON, generated from {@link ticketSchema}: for
 * validating HTTP input with any JSON Schema validator, or an OpenAPI request body. The package
 * also ships it as `schemas/ticket.schema.json` (`sla-kit schema ticket` prints it).
 *
 * @example
 * ```ts
 * import { ticketJsonSchema } from "sla-kit/sla";
 *
 * console.log(ticketJsonSchema.$schema, ticketJsonSchema.required); // https://json-schema.org/draft/2020-12/schema [ 'id', 'service', 'createdAt', 'events' ]
 * ```
 */
export const ticketJsonSchema: Readonly<Record<string, unknown>> = /* @__PURE__ */ z.toJSONSchema(ticketSchema, { io: "input" }) as Record<string, unknown>;
