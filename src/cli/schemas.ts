/** The JSON Schemas the command prints and the package ships in `schemas/`. */
import { z } from "zod";
import { calendarSpecSchema } from "../calendar/schema.js";
import { caseFileJsonSchema } from "../golden/index.js";
import { scorecardSchema, scoringRuleSchema } from "../scoring/index.js";
import { policyJsonSchema, ticketJsonSchema } from "../sla/index.js";

export const jsonSchemas: Readonly<Record<string, () => unknown>> = {
  policy: () => policyJsonSchema,
  ticket: () => ticketJsonSchema,
  cases: () => caseFileJsonSchema,
  calendar: () => z.toJSONSchema(calendarSpecSchema, { io: "input" }),
  rule: () => z.toJSONSchema(scoringRuleSchema, { io: "input" }),
  scorecard: () => z.toJSONSchema(scorecardSchema, { io: "input" }),
};

export function schemaText(kind: string): string {
  return `${JSON.stringify(jsonSchemas[kind]!(), null, 2)}\n`;
}
