/**
 * S16 (docs/rules.md; docs/sla.md "Facts that change mid-ticket"): reclassify events, the
 * policy's restart / retroactive / keep modes per dimension, stages decided before a change never
 * re-judged, and the laws that tie the modes together.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPolicies } from "../../src/golden/index.js";
import { rollup } from "../../src/kpi/index.js";
import {
  evaluateTicket,
  evaluateTickets,
  parsePolicy,
  reviveEvaluation,
  robotIntegration2026,
  tallyTickets,
  ticketSchema,
  validatePolicy,
  type PolicyJson,
  type TicketEvaluation,
  type TicketEvent,
  type TicketInput,
} from "../../src/sla/index.js";
import { expectError } from "../kpi/helpers.js";

const json = JSON.parse(readFileSync(new URL("../../golden/policies/reclassify-desk.json", import.meta.url), "utf8")) as PolicyJson;
type Modes = NonNullable<PolicyJson["reclassify"]>;
const withModes = (reclassify: Modes | undefined) => {
  const { reclassify: _r, ...rest } = json;
  return parsePolicy(reclassify === undefined ? rest : { ...rest, reclassify });
};
const desk = parsePolicy(json);

const MON = "2024-05-13T09:00:00+08:00";
const at = (hhmm: string, day = 13) => `2024-05-${day}T${hhmm}:00+08:00`;
const iso = (s: string) => new Date(s).toISOString();
function ticket(events: readonly TicketEvent[], facts: { tier?: string; urgency?: string; channel?: string } = {}): TicketInput {
  return { id: "R-1", service: "incident", tier: "gold", urgency: "normal", channel: "phone", createdAt: MON, events, ...facts };
}
const stage = (e: TicketEvaluation, name: string) => e.stages.find((s) => s.stage === name)!;
const toUrgent = (hhmm: string): TicketEvent => ({ type: "reclassify", at: at(hhmm), facts: { urgency: "urgent" } });
const responded: TicketEvent = { type: "done", stage: "response", at: at("09:05") };

describe("S16 the three modes on a running stage (resolution normal 16 business hours -> urgent 4 business hours at 11:00)", () => {
  const ev = (mode: "restart" | "retroactive" | "keep", asOf = at("14:00")) => evaluateTicket(withModes({ urgency: mode }), ticket([responded, toUrgent("11:00")]), { asOf });
  it("S16 retroactive: the urgent row's deadline from the original start (13:00): overdue at 14:00", () => {
    const r = stage(ev("retroactive"), "resolution");
    expect([r.status, r.anchorAt?.toISOString(), r.dueAt?.toISOString()]).toEqual(["overdue", iso(MON), iso(at("13:00"))]);
    expect(r.reclassified).toEqual({
      at: new Date(at("11:00")), event: 1, mode: "retroactive", dimension: "urgency",
      fromRow: 3, fromRowId: "resolution:normal", toRow: 2, toRowId: "resolution:urgent", dueAtBefore: new Date(at("16:00", 14)),
    });
  });
  it("S16 restart: the urgent row's deadline from the change (15:00); the clock starts at the change", () => {
    const r = stage(ev("restart"), "resolution");
    expect([r.status, r.anchorAt?.toISOString(), r.dueAt?.toISOString(), r.elapsedMs]).toEqual(["pending", iso(at("11:00")), iso(at("15:00")), 3 * 3_600_000]);
    expect(r.trace.rowId).toBe("resolution:urgent");
  });
  it("S16 keep: the running stage keeps the normal row (Tuesday 16:00); the change is reported with mode keep", () => {
    const r = stage(ev("keep"), "resolution");
    expect([r.status, r.dueAt?.toISOString(), r.trace.rowId]).toEqual(["pending", iso(at("16:00", 14)), "resolution:normal"]);
    expect(r.reclassified?.mode).toBe("keep");
    expect(r.reclassified?.dueAtBefore).toEqual(r.dueAt);
  });
  it("S16 a dimension the policy does not name is keep", () => {
    const r = evaluateTicket(withModes(undefined), ticket([responded, toUrgent("11:00")]), { asOf: at("14:00") });
    expect(stage(r, "resolution").dueAt?.toISOString()).toBe(iso(at("16:00", 14)));
    expect(stage(r, "resolution").trace.steps.find((s) => s.step === "reclassify")?.detail).toContain('policy.reclassify names no mode for urgency: "keep" by default');
  });
  it("S16 the trace shows both targets, the mode and the dimension's rule that chose it", () => {
    const steps = stage(ev("restart"), "resolution").trace.steps;
    const d = steps.find((s) => s.step === "reclassify")?.detail ?? "";
    expect(d).toContain('row 3 (resolution:normal), desk §2, within "PT16H" -> row 2 (resolution:urgent), desk §2, within "PT4H"');
    expect(d).toContain('policy.reclassify.urgency is "restart"');
    expect(steps.some((s) => s.step === "anchor" && s.detail?.includes("restarted by the reclassification"))).toBe(true);
  });
  it("S16 the evaluation carries the facts in force at asOf and those at creation; before the change, the old ones", () => {
    const after = ev("keep");
    expect([after.urgency, after.factsAtCreation]).toEqual(["urgent", { tier: "gold", urgency: "normal", location: null, channel: "phone" }]);
    const before = ev("keep", at("10:00"));
    expect([before.urgency, before.factsAtCreation, stage(before, "resolution").reclassified]).toEqual(["normal", null, null]);
  });
});

describe("S16 pauses, decided stages, stages not yet started", () => {
  const paused: TicketEvent[] = [responded, { type: "pause", reason: "hold", at: at("10:00") }, { type: "resume", at: at("11:00") }, toUrgent("12:00")];
  it("S16 retroactive keeps the pauses already taken: 4 h + 1 h on hold = 14:00", () => {
    const r = stage(evaluateTicket(withModes({ urgency: "retroactive" }), ticket(paused), { asOf: at("13:00") }), "resolution");
    expect([r.dueAt?.toISOString(), r.pausedMs]).toEqual([iso(at("14:00")), 3_600_000]);
  });
  it("S16 restart does not count pauses before the change (the time before it is not counted either): 12:00 + 4 h", () => {
    const r = stage(evaluateTicket(withModes({ urgency: "restart" }), ticket(paused), { asOf: at("13:00") }), "resolution");
    expect([r.dueAt?.toISOString(), r.pausedMs]).toEqual([iso(at("16:00")), 0]);
  });
  it("S16 restart counts a pause running at the change from the change on", () => {
    const events: TicketEvent[] = [responded, { type: "pause", reason: "hold", at: at("10:00") }, toUrgent("11:00"), { type: "resume", at: at("12:00") }];
    const r = stage(evaluateTicket(withModes({ urgency: "restart" }), ticket(events), { asOf: at("13:00") }), "resolution");
    expect([r.dueAt?.toISOString(), r.pausedMs]).toEqual([iso(at("16:00")), 3_600_000]);
  });
  it("S16 a stage decided before the change is never re-judged, in any mode", () => {
    for (const mode of ["restart", "retroactive", "keep"] as const) {
      const e = evaluateTicket(withModes({ urgency: mode }), ticket([responded, { type: "done", stage: "resolution", at: at("15:00") }, toUrgent("16:00")]), { asOf: at("17:00") });
      const r = stage(e, "resolution");
      expect([r.status, r.dueAt?.toISOString(), r.reclassified, r.trace.rowId]).toEqual(["met", iso(at("16:00", 14)), null, "resolution:normal"]);
      expect(r.trace.steps.some((s) => s.step === "reclassify" && s.detail?.includes("not re-judged"))).toBe(true);
    }
  });
  it("S16 a stage not started yet uses the new facts in every mode (follow-up after a tier change before resolution)", () => {
    for (const mode of ["restart", "retroactive", "keep"] as const) {
      const events: TicketEvent[] = [responded, { type: "reclassify", at: at("10:00"), facts: { tier: "standard" } }, { type: "done", stage: "resolution", at: at("12:00") }];
      const f = stage(evaluateTicket(withModes({ tier: mode }), ticket(events, { urgency: "urgent" }), { asOf: at("20:00", 14) }), "follow-up");
      expect([f.trace.rowId, f.dueAt?.toISOString(), f.reclassified]).toEqual(["follow-up:standard", iso(at("18:00", 16)), null]);
    }
  });
  it("S16 several reclassifications apply in time order (listed out of order); the last change that met the stage is reported", () => {
    const events: TicketEvent[] = [toUrgent("11:00"), responded, { type: "reclassify", at: at("10:00"), facts: { urgency: "normal", tier: "standard" } }];
    const e = evaluateTicket(withModes({ urgency: "restart" }), ticket(events, { urgency: "urgent" }), { asOf: at("12:00") });
    const r = stage(e, "resolution");
    expect([e.urgency, e.tier, r.anchorAt?.toISOString(), r.dueAt?.toISOString(), r.reclassified?.at.toISOString(), r.reclassified?.fromRowId]).toEqual([
      "urgent", "standard", iso(at("11:00")), iso(at("15:00")), iso(at("11:00")), "resolution:normal",
    ]);
    expect(r.trace.steps.filter((s) => s.step === "reclassify")).toHaveLength(2);
  });
  it("S16 one event changing several dimensions: the strongest mode among those the rows depend on wins (restart > retroactive > keep)", () => {
    const e = evaluateTicket(withModes({ urgency: "retroactive", channel: "restart", tier: "keep" }), ticket([{ type: "reclassify", at: at("09:10"), facts: { urgency: "urgent", channel: "email", tier: "standard" } }]), { asOf: at("09:20") });
    expect([stage(e, "response").reclassified?.mode, stage(e, "response").reclassified?.dimension]).toEqual(["restart", "channel"]);
    // resolution depends on urgency only: the channel's restart does not reach it
    expect([stage(e, "resolution").reclassified?.mode, stage(e, "resolution").reclassified?.dimension]).toEqual(["retroactive", "urgency"]);
    const both = evaluateTicket(withModes({ urgency: "retroactive", channel: "restart" }), ticket([{ type: "reclassify", at: at("09:10"), facts: { urgency: "urgent", channel: "email" } }]), { asOf: at("09:20") });
    expect(stage(both, "resolution").dueAt?.toISOString()).toBe(iso(at("13:00")));
  });
  it("S16 a row that does not change leaves the stage alone whatever the mode (follow-up does not depend on urgency)", () => {
    const e = evaluateTicket(withModes({ urgency: "restart" }), ticket([responded, { type: "done", stage: "resolution", at: at("10:00") }, toUrgent("11:00")]), { asOf: at("12:00") });
    expect(stage(e, "follow-up").reclassified).toBeNull();
    expect(stage(e, "follow-up").anchorAt?.toISOString()).toBe(iso(at("10:00")));
  });
  it("S16 restart: agreements recorded before the change belong to the old target (rejected with the reason), later ones count", () => {
    const events: TicketEvent[] = [
      responded,
      { type: "agreed-deadline", stage: "resolution", at: at("10:00"), dueAt: at("17:00", 15), consent: "customer by phone" },
      toUrgent("11:00"),
    ];
    const r = stage(evaluateTicket(withModes({ urgency: "restart" }), ticket(events), { asOf: at("12:00") }), "resolution");
    expect([r.renegotiated, r.dueAt?.toISOString(), r.rejectedAgreements?.[0]?.event]).toEqual([false, iso(at("15:00")), 1]);
    expect(r.rejectedAgreements?.[0]?.reason).toContain("before the reclassification");
    const kept = stage(evaluateTicket(withModes({ urgency: "retroactive" }), ticket(events), { asOf: at("12:00") }), "resolution");
    expect([kept.renegotiated, kept.dueAt?.toISOString()]).toEqual([true, iso(at("17:00", 15))]);
  });
});

describe("S16 stages restricted by `when`", () => {
  const policy = (mode: "restart" | "retroactive" | "keep") =>
    parsePolicy({
      id: "onsite-desk", version: "1",
      calendars: { h: { builtin: "alwaysOpen", timeZone: "UTC" } },
      dimensions: { location: ["city", "remote"] },
      services: { job: { stages: ["reply", { name: "visit", when: { location: ["city"] } }], dimensions: ["location"] } },
      targets: [
        { service: "job", stage: "reply", within: "PT1H", clock: "h", sourceRef: "j1" },
        { id: "visit", service: "job", stage: "visit", within: "PT8H", clock: "h", sourceRef: "j2" },
      ],
      reclassify: { location: mode },
    });
  const job = (from: string, to: string): TicketInput => ({
    id: "J", service: "job", location: from, createdAt: "2026-01-05T00:00:00Z",
    events: [{ type: "reclassify", at: "2026-01-05T02:00:00Z", facts: { location: to } }],
  });
  it("S16 a running stage the new facts exclude: restart and retroactive make it not-applicable, keep keeps it", () => {
    for (const mode of ["restart", "retroactive"] as const) {
      const v = stage(evaluateTicket(policy(mode), job("city", "remote"), { asOf: "2026-01-05T03:00:00Z" }), "visit");
      expect([v.status, v.reclassified?.toRow, v.reclassified?.fromRowId]).toEqual(["not-applicable", null, "visit"]);
    }
    const kept = stage(evaluateTicket(policy("keep"), job("city", "remote"), { asOf: "2026-01-05T03:00:00Z" }), "visit");
    expect([kept.status, kept.dueAt?.toISOString()]).toEqual(["pending", "2026-01-05T08:00:00.000Z"]);
  });
  it("S16 a stage the new facts include while its anchor has passed: restart starts it at the change, retroactive at its anchor, keep leaves it not-applicable", () => {
    const due = (mode: "restart" | "retroactive" | "keep") => {
      const v = stage(evaluateTicket(policy(mode), job("remote", "city"), { asOf: "2026-01-05T03:00:00Z" }), "visit");
      return [v.status, v.dueAt?.toISOString() ?? null];
    };
    expect(due("restart")).toEqual(["pending", "2026-01-05T10:00:00.000Z"]);
    expect(due("retroactive")).toEqual(["pending", "2026-01-05T08:00:00.000Z"]);
    expect(due("keep")).toEqual(["not-applicable", null]);
  });
});

describe("S16 bad reclassify events", () => {
  const bad = (facts: unknown) => () => evaluateTicket(desk, ticket([{ type: "reclassify", at: at("10:00"), facts } as unknown as TicketEvent]), { asOf: at("11:00") });
  it("S16 a key that is not a dimension is INVALID_EVENT at the key", () => expectError(bad({ priority: "p1" }), "INVALID_EVENT", ["events", 0, "facts", "priority"]));
  it("S16 a value the policy does not declare is UNKNOWN_VALUE at the key", () => expectError(bad({ urgency: "critical" }), "UNKNOWN_VALUE", ["events", 0, "facts", "urgency"]));
  it("S16 a value that is not a string is UNKNOWN_VALUE at the key", () => expectError(bad({ tier: 1 }), "UNKNOWN_VALUE", ["events", 0, "facts", "tier"]));
  it("S16 missing or empty facts are INVALID_EVENT", () => {
    expectError(bad(undefined), "INVALID_EVENT", ["events", 0, "facts"]);
    expectError(bad({}), "INVALID_EVENT", ["events", 0, "facts"]);
    expectError(bad(["urgent"]), "INVALID_EVENT", ["events", 0, "facts"]);
  });
  it("S16 a bad event after asOf is still an error (every event is checked)", () => {
    expectError(() => evaluateTicket(desk, ticket([{ type: "reclassify", at: at("12:00"), facts: { urgency: "p1" } }]), { asOf: at("11:00") }), "UNKNOWN_VALUE", ["events", 0, "facts", "urgency"]);
  });
  it("S16 policy.reclassify accepts the three modes only", () => {
    expectError(() => parsePolicy({ ...json, reclassify: { urgency: "sometimes" } } as unknown as PolicyJson), "INVALID_POLICY", ["reclassify", "urgency"]);
    expectError(() => parsePolicy({ ...json, reclassify: { priority: "keep" } } as unknown as PolicyJson), "INVALID_POLICY", ["reclassify"]);
    expect(validatePolicy(json)).toEqual([]);
    expect(validatePolicy({ ...json, reclassify: { location: "restart" } }).map((i) => [i.code, i.path])).toEqual([["RECLASSIFY_UNUSED", ["reclassify", "location"]]]);
  });
  it("S16 policies without reclassify keep the hash they had before it existed (pinned from main before this feature); with it, the hash differs", () => {
    expect(robotIntegration2026.hash).toBe("fnv1a64:8a4d626f1911f04f");
    expect(parsePolicy(JSON.parse(readFileSync(new URL("../../golden/policies/escalation-desk.json", import.meta.url), "utf8"))).hash).toBe("fnv1a64:d3be5519ddc3c6e3");
    expect(withModes(undefined).hash).not.toBe(desk.hash);
  });
  it("S16 ticketSchema accepts reclassify events and refuses empty facts or unknown keys", () => {
    expect(ticketSchema.safeParse(ticket([toUrgent("11:00")])).success).toBe(true);
    expect(ticketSchema.safeParse(ticket([{ type: "reclassify", at: at("11:00"), facts: {} }])).success).toBe(false);
    expect(ticketSchema.safeParse(ticket([{ type: "reclassify", at: at("11:00"), facts: { priority: "x" } } as unknown as TicketEvent])).success).toBe(false);
  });
});

describe("S16 results travel and count like any other", () => {
  const tickets = (["restart", "retroactive", "keep"] as const).map((_, i) => ticket([responded, toUrgent(`1${i}:00`)], {}));
  it("S16 reviveEvaluation(JSON) deep-equals a reclassified evaluation", () => {
    const e = evaluateTicket(withModes({ urgency: "restart" }), tickets[0]!, { asOf: at("14:00") });
    expect(stage(e, "resolution").reclassified).not.toBeNull();
    expect(reviveEvaluation(JSON.parse(JSON.stringify(e)))).toEqual(JSON.parse(JSON.stringify(e), (k, v) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT.*Z$/.test(v) && k !== "detail" && k !== "value" ? new Date(v) : v)));
  });
  it("S16 tallyTickets counts reclassified tickets as rollup over evaluateTickets does (its fast path falls back for the event and the policy field)", () => {
    for (const modes of [undefined, { urgency: "restart" }, { urgency: "retroactive" }, { urgency: "keep" }] as const) {
      const p = withModes(modes);
      const opts = { asOf: at("14:00"), by: ["stage"] as const };
      const expected = rollup([...evaluateTickets(p, tickets, { asOf: opts.asOf })], { by: ["stage"] });
      expect(tallyTickets(p, tickets, { asOf: opts.asOf, by: ["stage"] })).toEqual(expected);
    }
  });
  it("S16 diffPolicies shows the outcome flips of policies that differ only in their reclassify modes", () => {
    const cases = [{ id: "S16 urgent at 11:00", kind: "evaluateTicket" as const, asOf: at("14:00"), input: { ticket: ticket([responded, toUrgent("11:00")]) } }];
    const d = diffPolicies(withModes({ urgency: "retroactive" }), withModes({ urgency: "restart" }), cases);
    expect(d.targets).toEqual({});
    expect(d.flips.filter((f) => f.field === "status" || f.field === "dueAt")).toEqual([
      { caseId: "S16 urgent at 11:00", stage: "resolution", field: "status", old: "overdue", new: "pending" },
      { caseId: "S16 urgent at 11:00", stage: "resolution", field: "dueAt", old: iso(at("13:00")), new: iso(at("15:00")) },
    ]);
    const keep = diffPolicies(withModes({ urgency: "retroactive" }), withModes({ urgency: "keep" }), cases);
    expect([keep.counts["overdue -> pending"], keep.counts["dueAt changed"]]).toEqual([1, 1]);
  });
});

// ------------------------------------------------------------------------------------------ laws
const MODES = ["restart", "retroactive", "keep"] as const;
const START = Date.parse("2024-03-04T00:00:00+08:00");
const H = 3_600_000;
const modesArb = fc.record({ tier: fc.constantFrom(...MODES), urgency: fc.constantFrom(...MODES), channel: fc.constantFrom(...MODES) });
const factsArb = fc.record({ tier: fc.constantFrom("gold", "standard"), urgency: fc.constantFrom("urgent", "normal"), channel: fc.constantFrom("phone", "email") });
/** A ticket of the desk with response/resolution/follow-up done or not, maybe one pause, at random offsets (hours). */
const ticketArb = fc
  .record({
    created: fc.integer({ min: 0, max: 500 }).map((d) => START + d * 86_400_000 + 7 * H),
    facts: factsArb,
    response: fc.option(fc.integer({ min: 0, max: 3 * H }), { nil: undefined }),
    resolution: fc.option(fc.integer({ min: 0, max: 40 * H }), { nil: undefined }),
    followUp: fc.option(fc.integer({ min: 0, max: 100 * H }), { nil: undefined }),
    pause: fc.option(fc.tuple(fc.integer({ min: 0, max: 20 * H }), fc.integer({ min: 1, max: 10 * H })), { nil: undefined }),
  })
  .map(({ created, facts, response, resolution, followUp, pause }) => {
    const events: TicketEvent[] = [];
    if (response !== undefined) events.push({ type: "done", stage: "response", at: created + response });
    if (resolution !== undefined) {
      events.push({ type: "done", stage: "resolution", at: created + resolution });
      if (followUp !== undefined) events.push({ type: "done", stage: "follow-up", at: created + resolution + followUp });
    }
    if (pause !== undefined) events.push({ type: "pause", reason: "hold", at: created + pause[0] }, { type: "resume", at: created + pause[0] + pause[1] });
    return { id: "L", service: "incident", createdAt: created, ...facts, events } satisfies TicketInput;
  });
const lastEventMs = (t: { createdAt: number; events: readonly TicketEvent[] }) => Math.max(t.createdAt, ...t.events.map((e) => e.at as number));
const reclassified = (t: TicketInput, ms: number, facts: object): TicketInput => ({ ...t, events: [...t.events, { type: "reclassify", at: ms, facts } as TicketEvent] });
const numbers = (e: TicketEvaluation) => e.stages.map((s) => [s.stage, s.status, s.dueAtMs, s.anchorAtMs, s.elapsedMs, s.pausedMs]);

describe("S16 laws", () => {
  it("law: a reclassification after every stage is decided changes nothing, in any mode", () => {
    fc.assert(
      fc.property(ticketArb, modesArb, factsArb, fc.integer({ min: 0, max: 50 * H }), (t, modes, facts, after) => {
        const all = t;
        fc.pre(["response", "resolution", "follow-up"].every((s) => all.events.some((e) => e.type === "done" && e.stage === s)));
        const ms = lastEventMs(all) + after;
        const asOf = ms + H;
        const p = withModes(modes);
        const e = evaluateTicket(p, reclassified(all, ms, facts), { asOf });
        expect(numbers(e)).toEqual(numbers(evaluateTicket(p, all, { asOf })));
        expect(e.stages.every((s) => s.reclassified === null)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  it("law: keep leaves the dueAt of every stage started before the change exactly as without the event", () => {
    fc.assert(
      fc.property(ticketArb, factsArb, fc.integer({ min: 0, max: 60 * H }), fc.integer({ min: 0, max: 80 * H }), (t, facts, off, later) => {
        const ms = (t.createdAt as number) + off;
        const asOf = ms + later;
        const p = withModes({ tier: "keep", urgency: "keep", channel: "keep" });
        const without = evaluateTicket(p, t, { asOf });
        const withEv = evaluateTicket(p, reclassified(t, ms, facts), { asOf });
        without.stages.forEach((s, i) => {
          if (s.anchorAtMs !== null && s.anchorAtMs <= ms) expect([withEv.stages[i]?.status, withEv.stages[i]?.dueAtMs]).toEqual([s.status, s.dueAtMs]);
        });
      }),
      { numRuns: 150 },
    );
  });
  it("law: reclassifying to the facts in force changes no deadline and no status, in any mode", () => {
    fc.assert(
      fc.property(ticketArb, modesArb, fc.integer({ min: 0, max: 60 * H }), fc.integer({ min: 0, max: 80 * H }), (t, modes, off, later) => {
        const ms = (t.createdAt as number) + off;
        const p = withModes(modes);
        const same = { tier: t.tier, urgency: t.urgency, channel: t.channel };
        expect(numbers(evaluateTicket(p, reclassified(t, ms, same), { asOf: ms + later }))).toEqual(numbers(evaluateTicket(p, t, { asOf: ms + later })));
      }),
      { numRuns: 150 },
    );
  });
  it("law: retroactive = the new row's deadline from the original anchor plus the pauses (the ticket as if created with the new facts), for every stage running at the change", () => {
    let hits = 0;
    fc.assert(
      fc.property(ticketArb, factsArb, fc.integer({ min: 0, max: 60 * H }), fc.integer({ min: 0, max: 80 * H }), (t, facts, off, later) => {
        const ms = (t.createdAt as number) + off;
        const asOf = ms + later;
        const p = withModes({ tier: "retroactive", urgency: "retroactive", channel: "retroactive" });
        const e = evaluateTicket(p, reclassified(t, ms, facts), { asOf });
        const fresh = evaluateTicket(p, { ...t, ...facts }, { asOf });
        e.stages.forEach((s, i) => {
          if (s.reclassified?.mode !== "retroactive") return;
          hits++;
          expect([s.status, s.dueAtMs, s.pausedMs]).toEqual([fresh.stages[i]?.status, fresh.stages[i]?.dueAtMs, fresh.stages[i]?.pausedMs]);
        });
      }),
      { numRuns: 150 },
    );
    expect(hits).toBeGreaterThan(20);
  });
  it("law: restart puts the clock at the change and the deadline at or after it", () => {
    let hits = 0;
    fc.assert(
      fc.property(ticketArb, factsArb, fc.integer({ min: 0, max: 60 * H }), fc.integer({ min: 0, max: 80 * H }), (t, facts, off, later) => {
        const ms = (t.createdAt as number) + off;
        const p = withModes({ tier: "restart", urgency: "restart", channel: "restart" });
        for (const s of evaluateTicket(p, reclassified(t, ms, facts), { asOf: ms + later }).stages) {
          if (s.reclassified?.mode !== "restart" || s.dueAtMs === null) continue;
          hits++;
          expect(s.anchorAtMs).toBe(ms);
          expect(s.dueAtMs).toBeGreaterThanOrEqual(ms);
        }
      }),
      { numRuns: 150 },
    );
    expect(hits).toBeGreaterThan(20);
  });
});
