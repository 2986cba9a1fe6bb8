/**
 * S15 with worker threads: `tallyTicketsInWorkers` (sla-kit/node) counts recurring tickets (next-reply
 * and periodic update cycles, some closed and reopened) exactly as `tallyTickets` and as `rollup`
 * over `evaluateTickets`, in the stage and the cycle units.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollup, type RollupKey } from "../../src/kpi/index.js";
import { tallyTicketsInWorkers } from "../../src/node/index.js";
import { evaluateTickets, tallyTickets, type Ticket, type TicketEvent } from "../../src/sla/index.js";
import { H, P, TO, ticketArb } from "./_recurring.js";

/** A closed ticket reopened (S17) some hours later, the customer writing again after the reopening. */
function reopened(t: Ticket, i: number): Ticket {
  const close = t.events.find((e) => e.type === "closed");
  if (close === undefined || i % 2 === 1) return t;
  const back = (close.at as number) + (1 + (i % 5)) * H;
  const more: TicketEvent[] = [{ type: "reopened", at: back, reason: "still broken" }, { type: "message", at: back + H }];
  return { ...t, events: [...t.events, ...more] };
}

const tickets: Ticket[] = fc
  .sample(ticketArb, { numRuns: 400, seed: 1515 })
  .map((x, i) => reopened({ ...x.ticket, id: `W-${i}`, assignee: i % 3 === 0 ? "li" : "wang", createdAt: i % 4 === 0 ? new Date(x.ticket.createdAt as number).toISOString() : x.ticket.createdAt }, i));
const asOf = TO + 30 * 86_400_000;

describe("S15 tallyTicketsInWorkers with recurring tickets", () => {
  it("the input has what the test is about: recurring cycles, reopened tickets, ISO times", () => {
    const evals = [...evaluateTickets(P, tickets, { asOf })];
    const cycles = evals.flatMap((e) => e.stages.flatMap((s) => s.cycles ?? []));
    expect(cycles.length).toBeGreaterThan(evals.length);
    expect(evals.filter((e) => e.stages.some((s) => s.reopenings !== null)).length).toBeGreaterThan(10);
  });

  it("S15 equals tallyTickets and rollup over evaluateTickets, by stage, assignee and month, in the stage and cycle units", async () => {
    const evals = [...evaluateTickets(P, tickets, { asOf })];
    for (const unit of ["stage", "cycle"] as const) {
      for (const by of [["stage"], ["assignee", "month"]] as RollupKey[][]) {
        const o = { asOf, by, unit, timeZone: "Asia/Shanghai" } as const;
        const inWorkers = await tallyTicketsInWorkers(P, tickets, { ...o, workers: 2, batchSize: 64 });
        expect(inWorkers, `${unit} by ${by.join(",")}`).toEqual(tallyTickets(P, tickets, o));
        expect(inWorkers, `${unit} by ${by.join(",")}`).toEqual(rollup(evals, { by, unit, timeZone: "Asia/Shanghai" }));
      }
    }
  }, 180_000);
});
