/**
 * Shared by the S15 tests: the recurring desk (golden/policies/recurring-desk.json: next-reply and
 * periodic update stages) and a generator of its support tickets.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parsePolicy, type PolicyJson, type Ticket, type TicketEvent } from "../../src/sla/index.js";

export const json = JSON.parse(readFileSync(new URL("../../golden/policies/recurring-desk.json", import.meta.url), "utf8")) as PolicyJson;
export const P = parsePolicy(json);
export const H = 3_600_000;

export const FROM = Date.parse("2024-01-02T00:00:00+08:00");
export const TO = Date.parse("2026-10-30T00:00:00+08:00");
/** Support tickets with messages, replies, updates, pauses, the resolution and a close in random order. */
export const ticketArb = fc
  .record({
    createdAt: fc.integer({ min: FROM, max: TO }),
    steps: fc.array(fc.tuple(fc.constantFrom("message", "reply", "update", "pause", "resolve", "close"), fc.integer({ min: 1, max: 20 * H })), { maxLength: 12 }),
    asOf: fc.integer({ min: 0, max: 15 * 86_400_000 }),
  })
  .map(({ createdAt, steps, asOf }) => {
    const events: TicketEvent[] = [{ type: "done", stage: "first-response", at: createdAt + 10 * 60_000 }];
    let t = createdAt + 10 * 60_000;
    let paused = false;
    let resolved = false;
    for (const [kind, gap] of steps) {
      t += gap;
      if (kind === "message") events.push({ type: "message", at: t });
      else if (kind === "reply") events.push({ type: "done", stage: "reply", at: t });
      else if (kind === "update") events.push({ type: "done", stage: "update", at: t });
      else if (kind === "pause") {
        events.push(paused ? { type: "resume", at: t } : { type: "pause", reason: "waiting-on-customer", at: t });
        paused = !paused;
      } else if (kind === "resolve" && !resolved) {
        events.push({ type: "done", stage: "resolution", at: t });
        resolved = true;
      } else if (kind === "close" && !paused) {
        events.push({ type: "closed", at: t });
        break;
      }
    }
    const ticket: Ticket = { id: `R-${createdAt}`, service: "support", createdAt, events };
    return { ticket, asOf: createdAt + asOf };
  });

