import { describe, expect, it } from "vitest";
import { SlaKitError } from "../../src/errors.js";
import { tallyTicketsInWorkers } from "../../src/node/index.js";
import { robotIntegration2026, tallyTickets, type Ticket } from "../../src/sla/index.js";
import { sampleTickets } from "../../bench/_tickets.js";

const ASOF = Date.UTC(2026, 10, 30, 16);
const robot = sampleTickets(11, 1500)
  .filter((s) => s.policy === robotIntegration2026)
  .map((s) => s.ticket);

describe("tallyTicketsInWorkers (sla-kit/node)", () => {
  it("gives tallyTickets' rows; tickets with ISO-string times go through the calling thread", async () => {
    // every third ticket with an ISO createdAt: those are not sent to a worker
    const mixed = robot.map((t, i) => (i % 3 === 0 ? { ...t, createdAt: new Date(t.createdAt as Date).toISOString() } : t));
    const o = { asOf: ASOF, by: ["assignee", "stage", "month"], timeZone: "Asia/Shanghai" } as const;
    expect(await tallyTicketsInWorkers(robotIntegration2026, mixed, { ...o, workers: 2, batchSize: 100 })).toEqual(tallyTickets(robotIntegration2026, mixed, o));
  }, 120_000);

  it("a bad ticket rejects with its position in the input", async () => {
    const bad = [...robot.slice(0, 120)];
    bad[77] = { ...bad[77]!, service: "nope" } as Ticket;
    const e = await tallyTicketsInWorkers(robotIntegration2026, bad, { asOf: ASOF, by: [], workers: 2, batchSize: 16 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SlaKitError);
    expect((e as SlaKitError).code).toBe("UNKNOWN_VALUE");
    expect((e as SlaKitError).path).toEqual([77, "service"]);
    expect((e as SlaKitError).message).toMatch(/^Ticket 77 \(/);
  }, 60_000);

  it("checks workers and batchSize", async () => {
    await expect(tallyTicketsInWorkers(robotIntegration2026, [], { asOf: ASOF, by: [], workers: 0 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", path: ["workers"] });
  });
});
