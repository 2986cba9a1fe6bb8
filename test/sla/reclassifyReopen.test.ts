/**
 * S16 x S17: a reclassification (docs/sla.md "Facts that change mid-ticket") on a ticket that is
 * closed and reopened (docs/sla.md "Reopened tickets"), recorded before the close, while the
 * ticket is closed, or after the reopening. Laws checked, for the resolution stage the close
 * settled and the reopening reopened (evaluated after both the reopening and the change):
 * - `retroactive`: the same stage (status, anchor, deadline, paused and elapsed time, the change
 *   reported) whichever of the three times it is recorded, and the stage of the ticket that had the
 *   new facts from its creation: the new row's deadline from the original start, plus the open
 *   time spent resolved when `resolvedTime` is `"paused"`. Only `reopenings` differ: what the close
 *   gave the stage under the facts known at the close.
 * - `keep`: the stage of the ticket that kept the old facts, at all three times.
 * - `restart` with `"paused"`: recorded while closed, the deadline of a restart at the reopening
 *   (the time spent resolved is paused from the change on).
 * - while closed, an evaluation `asOf` before the reopening finds the stage decided: not re-judged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateTicket, parsePolicy, type PolicyJson, type StageEvaluation, type TicketEvent } from "../../src/sla/index.js";

const H = 3_600_000;
const T0 = Date.parse("2024-05-06T10:00:00+08:00"); // a Monday
const at = (h: number): number => T0 + h * H;
const OFFICE = { timeZone: "Asia/Shanghai", week: { mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"], thu: ["09:00-18:00"], fri: ["09:00-18:00"] } };
type Mode = "retroactive" | "restart" | "keep";
type Resolved = "paused" | "counts";

/** Resolution within 4 h (high) or 8 h (normal) on a 24x7 or an office clock; urgency reclassified as `mode` says. */
const policy = (mode: Mode, resolvedTime: Resolved, clock: "desk" | "office") =>
  parsePolicy({
    id: "reclassify-reopen",
    version: "1",
    calendars: { desk: { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" }, office: OFFICE },
    dimensions: { urgency: ["high", "normal"] },
    services: { fault: { stages: ["response", "resolution"], dimensions: ["urgency"] } },
    targets: [
      { service: "fault", stage: "response", within: "PT1H", clock: "desk", sourceRef: "desk §1" },
      { id: "res:high", service: "fault", stage: "resolution", urgency: "high", within: "PT4H", clock, sourceRef: "desk §2" },
      { id: "res:normal", service: "fault", stage: "resolution", urgency: "normal", within: "PT8H", clock, sourceRef: "desk §2" },
    ],
    reclassify: { urgency: mode },
    reopen: { resolvedTime },
  } satisfies PolicyJson);

const toHigh = (ms: number): TicketEvent => ({ type: "reclassify", at: ms, facts: { urgency: "high" }, reason: "production line down" });

/** The resolution stage of a normal ticket (or one created `urgency`) with `events` (sorted by time), at `asOf`. */
function resolution(p: ReturnType<typeof policy>, events: readonly TicketEvent[], asOf: number, urgency = "normal"): StageEvaluation {
  const sorted = [...events].sort((a, b) => Number(a.at) - Number(b.at));
  return evaluateTicket(p, { id: "RR-1", service: "fault", urgency, createdAt: T0, events: sorted }, { asOf }).stages.find((s) => s.stage === "resolution")!;
}

/** What the laws compare: the stage as it stands (not `reopenings`, the first resolution under the facts known then). */
const outcome = (s: StageEvaluation) => ({
  status: s.status,
  anchorAt: s.anchorAt?.getTime() ?? null,
  dueAt: s.dueAt?.getTime() ?? null,
  pausedMs: s.pausedMs,
  elapsedMs: s.elapsedMs,
  rowId: s.trace.rowId,
});

// created Monday 10:00, responded 10:30, closed 15:00, reopened 20:00; evaluated Monday 22:00
const life = (close: number, reopen: number): TicketEvent[] => [
  { type: "done", stage: "response", at: at(0.5) },
  { type: "closed", at: close },
  { type: "reopened", at: reopen, reason: "the fault is back" },
];
const base = life(at(5), at(10));
const TIMES = { "before the close": at(2), "while closed": at(7), "after the reopening": at(11) } as const;

describe("S16 x S17 a reclassification before the close, while closed, after the reopening", () => {
  it("S16 x S17 retroactive, paused: the high row from the original start (14:00) plus the 5 h spent resolved: due 19:00, overdue at 22:00, at all three times", () => {
    const p = policy("retroactive", "paused", "desk");
    const fromStart = resolution(p, base, at(12), "high");
    expect(outcome(fromStart)).toEqual({ status: "overdue", anchorAt: T0, dueAt: at(9), pausedMs: 5 * H, elapsedMs: 7 * H, rowId: "res:high" });
    for (const [when, t] of Object.entries(TIMES)) {
      const s = resolution(p, [...base, toHigh(t)], at(12));
      expect(outcome(s), when).toEqual(outcome(fromStart));
      expect([s.reclassified?.mode, s.reclassified?.toRowId, s.reclassified?.dueAtBefore?.getTime()], when).toEqual(["retroactive", "res:high", at(13)]); // normal: 18:00 + 5 h
    }
    // the first resolution is what the close gave under the facts known at the close
    expect(resolution(p, [...base, toHigh(TIMES["before the close"])], at(12)).reopenings?.map((r) => [r.status, r.dueAt?.getTime()])).toEqual([["breached", at(4)]]);
    expect(resolution(p, [...base, toHigh(TIMES["while closed"])], at(12)).reopenings?.map((r) => [r.status, r.dueAt?.getTime()])).toEqual([["met", at(8)]]);
  });

  it("S16 x S17 retroactive, counts: the high row from the original start (due 14:00), the time spent resolved counting, at all three times", () => {
    const p = policy("retroactive", "counts", "desk");
    const fromStart = outcome(resolution(p, base, at(12), "high"));
    expect(fromStart).toMatchObject({ status: "overdue", dueAt: at(4), pausedMs: 0, elapsedMs: 12 * H });
    for (const [when, t] of Object.entries(TIMES)) expect(outcome(resolution(p, [...base, toHigh(t)], at(12))), when).toEqual(fromStart);
  });

  it("S16 x S17 keep: the reopened stage keeps the normal row (due 18:00 + 5 h resolved), at all three times", () => {
    const p = policy("keep", "paused", "desk");
    const kept = outcome(resolution(p, base, at(12)));
    expect(kept).toMatchObject({ status: "warning", dueAt: at(13), rowId: "res:normal" });
    for (const [when, t] of Object.entries(TIMES)) {
      const s = resolution(p, [...base, toHigh(t)], at(12));
      expect(outcome(s), when).toEqual(kept);
      expect(s.reclassified?.mode, when).toBe("keep");
    }
  });

  it("S16 x S17 restart, paused: recorded while closed, the deadline of a restart at the reopening (the resolved time after the change is paused)", () => {
    for (const clock of ["desk", "office"] as const) {
      const p = policy("restart", "paused", clock);
      const whileClosed = resolution(p, [...base, toHigh(at(7))], at(12));
      const atReopening = resolution(p, [...base, toHigh(at(10))], at(12));
      expect([whileClosed.anchorAt?.getTime(), atReopening.anchorAt?.getTime()], clock).toEqual([at(7), at(10)]);
      expect([whileClosed.status, whileClosed.dueAt, whileClosed.elapsedMs], clock).toEqual([atReopening.status, atReopening.dueAt, atReopening.elapsedMs]);
    }
    // 24x7: 20:00 + 4 h
    expect(resolution(policy("restart", "paused", "desk"), [...base, toHigh(at(7))], at(12)).dueAt?.getTime()).toBe(at(14));
  });

  it("S16 x S17 while closed, asOf before the reopening: the stage the close settled is decided, not re-judged", () => {
    for (const mode of ["retroactive", "restart", "keep"] as const) {
      const p = policy(mode, "paused", "desk");
      const s = resolution(p, [...base, toHigh(at(7))], at(8));
      expect(outcome(s), mode).toEqual(outcome(resolution(p, base, at(8))));
      expect([s.status, s.reclassified], mode).toEqual(["met", null]);
      expect(s.trace.steps.some((x) => x.step === "reclassify" && /after the stage was decided/.test(x.detail ?? "")), mode).toBe(true);
    }
  });

  it("S16 x S17 law: retroactive gives the same stage before the close, while closed and after the reopening, and that of the ticket with the new facts from its creation", () => {
    const arb = fc
      .record({
        clock: fc.constantFrom("desk" as const, "office" as const),
        resolvedTime: fc.constantFrom("paused" as const, "counts" as const),
        close: fc.integer({ min: 2 * 60, max: 40 * 60 }), // minutes after creation
        closedFor: fc.integer({ min: 1, max: 30 * 60 }),
        u: fc.tuple(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 10 * 60 })),
        after: fc.integer({ min: 1, max: 20 * 60 }),
      })
      .map(({ clock, resolvedTime, close, closedFor, u, after }) => {
        const m = 60_000;
        const c = T0 + close * m;
        const r = c + closedFor * m;
        const times = [T0 + Math.max(1, Math.floor(u[0] * close)) * m, c + Math.max(1, Math.min(closedFor - 1, Math.floor(u[1] * closedFor))) * m, r + u[2] * m];
        return { clock, resolvedTime, c, r, times, asOf: r + (u[2] + after) * m };
      })
      .filter(({ c, r, times }) => times[1]! > c && times[1]! < r && c > at(0.5));
    fc.assert(
      fc.property(arb, ({ clock, resolvedTime, c, r, times, asOf }) => {
        const p = policy("retroactive", resolvedTime, clock);
        const events = life(c, r);
        const fromStart = outcome(resolution(p, events, asOf, "high"));
        for (const t of times) expect(outcome(resolution(p, [...events, toHigh(t)], asOf))).toEqual(fromStart);
      }),
      { numRuns: 60 },
    );
  });
});
