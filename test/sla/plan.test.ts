/**
 * The fast path of tallyTickets (src/sla/_plan.ts) against the full evaluator: the same statuses
 * and renegotiations stage by stage, the same roll-up rows, the same errors. On the benchmark's
 * synthetic tickets of both built-in policies and on random tickets of a policy using every
 * feature the fast path handles (pauses with caps and consent, agreements, agreed rows, waivers,
 * causes, closes, remote resolution, milestones, rings, levels before/after the deadline, a
 * calendar whose data ends, effective dates), plus events and fields it does not handle.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollup, type RollupOptions } from "../../src/kpi/index.js";
import { compile, getCompiled } from "../../src/sla/_compile.js";
import { planFor, quickRun, quickTicket, STATUS_NAMES } from "../../src/sla/_plan.js";
import { evaluateTicket, evaluateTickets, tallyTickets, type Policy, type PolicyJson, type Ticket } from "../../src/sla/index.js";
import { benchPolicies, sampleTickets } from "../../bench/_tickets.js";
import { fastPath } from "../../src/sla/_fast.js";
import { desk, deskJson, outcome, ticketArb } from "./_planFixtures.js";

// evaluateTicket's own fast path (_fast.ts) shares the plans: here evaluateTicket is the full path
beforeAll(() => {
  fastPath.enabled = false;
});
afterAll(() => {
  fastPath.enabled = true;
});

interface Flags {
  readonly stages?: readonly string[];
  readonly allowOutsideEffectiveDates?: boolean;
}

/** The fast path's statuses of one ticket (null: it hands the ticket to the full path). */
function fast(policy: Policy, t: Ticket, asOf: number, flags: Flags = {}): { stage: string; status: string; renegotiated: boolean }[] | null {
  const run = quickRun(getCompiled(policy), asOf, flags)!;
  const r = quickTicket(run, t);
  if (r === null) return null;
  const names = r.plan.stages.map((s) => s.name).filter((s) => run.only === null || run.only.has(s));
  expect(names.length).toBe(r.n);
  return names.map((stage, j) => ({ stage, status: STATUS_NAMES[run.out[j]!]!, renegotiated: run.reneg[j] === 1 }));
}

const full = (policy: Policy, t: Ticket, asOf: number, flags: Flags = {}) =>
  evaluateTicket(policy, t, { asOf, trace: false, ...flags }).stages.map((s) => ({ stage: s.stage, status: s.status, renegotiated: s.renegotiated }));

const BYS: RollupOptions[] = [
  { by: [] },
  { by: ["stage"] },
  { by: ["assignee", "month"], timeZone: "Asia/Shanghai" },
  { by: ["service", "tier", "quarter"], timeZone: "UTC" },
  { by: ["department", "year"], timeZone: "Asia/Shanghai", unit: "ticket" },
  { by: ["service", "stage", "assignee"] },
];

describe("tallyTickets' fast path (compiled plans) = the full evaluator", () => {
  it("takes the fast path for every benchmark ticket of both built-in policies, with evaluateTicket's statuses", () => {
    const samples = sampleTickets(3, 2000);
    for (const s of samples) {
      const mine = fast(s.policy, s.ticket, s.asOf);
      expect(mine).not.toBeNull();
      expect(mine).toEqual(full(s.policy, s.ticket, s.asOf));
    }
    for (const p of [benchPolicies.robot, benchPolicies.cable]) {
      const tickets = samples.filter((s) => s.policy === p).map((s) => s.ticket);
      const asOf = Date.parse("2026-12-01T00:00:00+08:00");
      const all = [...evaluateTickets(p, tickets, { asOf })];
      for (const o of BYS) expect(tallyTickets(p, tickets, { asOf, ...o })).toEqual(rollup(all, o));
    }
  });

  it("random tickets: the same statuses, renegotiations, rows and errors as evaluateTicket + rollup", () => {
    let fastTaken = 0;
    let valid = 0;
    fc.assert(
      fc.property(
        fc.array(ticketArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...BYS),
        fc.constantFrom(null, ["respond", "visit"], ["fix", "rate", "report"]),
        fc.boolean(),
        (list, o, only, allowOutside) => {
          const asOf = Math.max(...list.map((x) => x.asOf));
          const flags = { ...(only === null ? {} : { stages: only }), ...(allowOutside ? { allowOutsideEffectiveDates: true } : {}) };
          // stage by stage, each ticket at its own asOf
          for (const { ticket, asOf: at } of list) {
            const mine = fast(desk, ticket, at, flags);
            const theirs = outcome(() => full(desk, ticket, at, flags));
            if ("ok" in theirs) valid++;
            if (mine === null) continue;
            fastTaken++;
            expect(theirs).toEqual({ ok: mine });
          }
          // the rows (or the error) of the whole batch
          const tickets = list.map((x) => x.ticket);
          const a = outcome(() => tallyTickets(desk, tickets, { asOf, ...o, ...flags }));
          const b = outcome(() => rollup([...evaluateTickets(desk, tickets, { asOf, ...flags })], o));
          expect(a).toEqual(b);
        },
      ),
      { numRuns: 400 },
    );
    // the property must exercise the fast path, not only the fallback
    expect(fastTaken).toBeGreaterThan(valid / 2);
  });

  it("falls back for a policy field it does not know (a stage of a newer release)", () => {
    // the shape check of this release refuses unknown fields, so the compiled form is made directly
    const newer = { ...deskJson, services: { ...deskJson.services, desk: { ...deskJson.services.desk!, recurring: true } } };
    expect(planFor(getCompiled(desk), getCompiled(desk).services.get("desk")!, "gold", "high", undefined, undefined)).not.toBeNull();
    const c = compile(newer as unknown as PolicyJson);
    expect(planFor(c, c.services.get("desk")!, "gold", "high", undefined, undefined)).toBeNull();
  });
});
