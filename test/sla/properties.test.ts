import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOLD, desk as P } from "./_desk.js";
import { dueAt, evaluateTicket, type StageStatus, type Ticket, type TicketEvent } from "../../src/sla/index.js";

const FROM = Date.parse("2024-01-02T00:00:00+08:00");
const TO = Date.parse("2026-11-30T00:00:00+08:00");
const instant = fc.integer({ min: FROM, max: TO });
const tiers = ["core", "important", "ordinary"] as const;
const timedQueries: { service: string; stage: string; urgency?: string; location?: string }[] = [
  ...["online-response", "reply"].map((stage) => ({ service: "consultation", stage })),
  ...["response", "handling", "resolution"].flatMap((stage) => ["urgent", "general"].map((urgency) => ({ service: "fault", stage, urgency }))),
  { service: "onsite", stage: "arrival", urgency: "urgent", location: "same-city" },
  { service: "onsite", stage: "departure", urgency: "urgent", location: "other-city" },
  { service: "onsite", stage: "arrival", urgency: "urgent", location: "other-city" },
  ...["assessment", "report"].map((stage) => ({ service: "requirement", stage })),
  ...["response", "investigation", "solution", "closure", "follow-up"].map((stage) => ({ service: "complaint", stage })),
];

describe("laws of the SLA matrix", () => {
  it("a higher tier never gets a later deadline (S2-S13)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...timedQueries), instant, (q, at) => {
        const due = tiers.map((tier) => dueAt(P, { ...q, tier }, at).getTime());
        expect(due[0]).toBeLessThanOrEqual(due[1] as number);
        expect(due[1]).toBeLessThanOrEqual(due[2] as number);
      }),
      { numRuns: 300 },
    );
  });
  it("deadlines never precede their anchor and move forward with it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...timedQueries), fc.constantFrom(...tiers), instant, fc.integer({ min: 0, max: 5 * 86_400_000 }), (q, tier, a, d) => {
        const d1 = dueAt(P, { ...q, tier }, a).getTime();
        const d2 = dueAt(P, { ...q, tier }, Math.min(a + d, TO)).getTime();
        expect(d1).toBeGreaterThan(a);
        expect(d2).toBeGreaterThanOrEqual(d1);
      }),
      { numRuns: 300 },
    );
  });
});

const rank: Record<StageStatus, number> = { unknown: -2, "not-applicable": -1, pending: 0, warning: 1, overdue: 2, met: 3, breached: 3 };

/** Random fault/complaint tickets with a sane event history. */
const ticketArb = fc
  .record({
    service: fc.constantFrom("fault", "complaint"),
    tier: fc.constantFrom(...tiers),
    urgency: fc.constantFrom("urgent", "general"),
    createdAt: instant,
    gaps: fc.array(fc.integer({ min: 1, max: 6 * 3_600_000 }), { maxLength: 6 }),
    doneFlags: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ service, tier, urgency, createdAt, gaps, doneFlags }): Ticket => {
    const stages = service === "fault" ? ["response", "handling", "resolution"] : ["response", "investigation", "solution", "closure"];
    const events: TicketEvent[] = [];
    let t = createdAt;
    let paused = false;
    gaps.forEach((g, i) => {
      t += g;
      if (i % 2 === 0 || paused) {
        events.push(paused ? { type: "resume", at: t } : { type: "pause", reason: HOLD, at: t });
        paused = !paused;
      }
    });
    stages.forEach((stage, i) => {
      if (doneFlags[i]) events.push({ type: "done", stage, at: createdAt + (i + 1) * 2_700_000 });
    });
    return { id: "P", service, tier, urgency, createdAt, events };
  });

describe("laws of ticket evaluation", () => {
  it("status is monotone in asOf (pending -> warning -> overdue -> met/breached never goes back)", () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: 0, max: 3 * 86_400_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 }), (ticket, d1, d2) => {
        const c = ticket.createdAt as number;
        const a = evaluateTicket(P, ticket, { asOf: c + Math.min(d1, d2) });
        const b = evaluateTicket(P, ticket, { asOf: c + Math.max(d1, d2) });
        a.stages.forEach((s, i) => {
          const later = b.stages[i];
          if (!later) throw new Error("stage lost");
          if (s.status === "met" || s.status === "breached") expect(later.status).toBe(s.status);
          else if (s.status !== "not-applicable" && s.dueAt !== null) expect(rank[later.status]).toBeGreaterThanOrEqual(rank[s.status]);
        });
      }),
      { numRuns: 200 },
    );
  });
  it("adding a pause never makes a deadline earlier", () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: 0, max: 86_400_000 }), fc.integer({ min: 1, max: 86_400_000 }), (ticket, off, len) => {
        const c = ticket.createdAt as number;
        const asOf = c + 4 * 86_400_000;
        const base: Ticket = { ...ticket, events: ticket.events.filter((e) => e.type === "done") };
        const paused: Ticket = { ...base, events: [...base.events, { type: "pause", reason: HOLD, at: c + off }, { type: "resume", at: c + off + len }] };
        const a = evaluateTicket(P, base, { asOf });
        const b = evaluateTicket(P, paused, { asOf });
        a.stages.forEach((s, i) => {
          const t = b.stages[i];
          if (s.dueAt && t?.dueAt) expect(t.dueAt.getTime()).toBeGreaterThanOrEqual(s.dueAt.getTime());
          if (s.warnAt && t?.warnAt) expect(t.warnAt.getTime()).toBeGreaterThanOrEqual(s.warnAt.getTime());
        });
      }),
      { numRuns: 200 },
    );
  });
  it("the result does not depend on the order of the events array", () => {
    fc.assert(
      fc.property(
        ticketArb.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t.events as TicketEvent[], { minLength: t.events.length, maxLength: t.events.length }))),
        ([ticket, shuffled]) => {
          const asOf = (ticket.createdAt as number) + 2 * 86_400_000;
          expect(evaluateTicket(P, { ...ticket, events: shuffled }, { asOf })).toEqual(evaluateTicket(P, ticket, { asOf }));
        },
      ),
      { numRuns: 150 },
    );
  });
  it("elapsed + remaining = allowed, and warnAt <= dueAt", () => {
    fc.assert(
      fc.property(ticketArb, fc.integer({ min: 0, max: 3 * 86_400_000 }), (ticket, d) => {
        const r = evaluateTicket(P, ticket, { asOf: (ticket.createdAt as number) + d });
        for (const s of r.stages) {
          if (s.allowedMs === null) continue;
          expect((s.elapsedMs ?? 0) + (s.remainingMs ?? 0)).toBe(s.allowedMs);
          expect((s.warnAt as Date).getTime()).toBeLessThanOrEqual((s.dueAt as Date).getTime());
        }
      }),
      { numRuns: 150 },
    );
  });
});
