import { describe, expect, it } from "vitest";
import { SlaKitError } from "../../src/errors.js";
import { tallyTicketsInWorkers } from "../../src/node/index.js";
import { tallyTickets, type Ticket } from "../../src/sla/index.js";
import { benchPolicies, sampleTickets } from "../../bench/_tickets.js";

const robot003 = benchPolicies.robot;
const ASOF = Date.UTC(2026, 10, 30, 16);
const robot = sampleTickets(11, 1500)
  .filter((s) => s.policy === benchPolicies.robot)
  .map((s) => s.ticket);

describe("tallyTicketsInWorkers (sla-kit/node)", () => {
  it("gives tallyTickets' rows; ISO-string times travel to the workers as epoch ms", async () => {
    // every third ticket with ISO-string times (createdAt and events), as a CSV export has them
    const isoTimes = (t: Ticket): Ticket => ({ ...t, createdAt: new Date(t.createdAt as Date).toISOString(), events: t.events.map((e) => ({ ...e, at: new Date(e.at as number).toISOString() })) }) as Ticket;
    const mixed = robot.map((t, i) => (i % 3 === 0 ? isoTimes(t) : t));
    const o = { asOf: ASOF, by: ["assignee", "stage", "month"], timeZone: "Asia/Shanghai" } as const;
    expect(await tallyTicketsInWorkers(robot003, mixed, { ...o, workers: 2, batchSize: 100 })).toEqual(tallyTickets(robot003, mixed, o));
  }, 120_000);

  it.each([
    { where: "in a worker", at: 77, change: { service: "nope" }, code: "UNKNOWN_VALUE", key: "service" },
    { where: "on the calling thread (a time without an offset)", at: 90, change: { createdAt: "2024-05-06 10:00" }, code: "INVALID_ARGUMENT", key: "createdAt" },
  ])("a bad ticket tallied $where rejects with its position in the input", async ({ at, change, code, key }) => {
    const bad = [...robot.slice(0, 120)];
    bad[at] = { ...bad[at]!, ...change } as Ticket;
    // callingThread: false: every ticket the columns carry is tallied in a worker
    const e = await tallyTicketsInWorkers(robot003, bad, { asOf: ASOF, by: [], workers: 2, batchSize: 16, callingThread: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SlaKitError);
    expect((e as SlaKitError).code).toBe(code);
    expect((e as SlaKitError).path).toEqual([at, key]);
    expect((e as SlaKitError).message).toMatch(new RegExp(`^Ticket ${at} \\(`));
  }, 60_000);

  it("callingThread: false (route and wait) and the default (tally here while the workers are busy) give tallyTickets' rows", async () => {
    const o = { asOf: ASOF, by: ["assignee", "month"], timeZone: "Asia/Shanghai" } as const;
    const want = tallyTickets(robot003, robot, o);
    // tiny batches: both workers have two in hand most of the time, so each mode takes its own branch
    expect(await tallyTicketsInWorkers(robot003, robot, { ...o, workers: 2, batchSize: 8, callingThread: false })).toEqual(want);
    expect(await tallyTicketsInWorkers(robot003, robot, { ...o, workers: 1, batchSize: 8 })).toEqual(want);
    async function* slowly(): AsyncGenerator<Ticket> {
      for (const t of robot.slice(0, 300)) yield t;
    }
    expect(await tallyTicketsInWorkers(robot003, slowly(), { ...o, workers: 1, batchSize: 8, callingThread: false })).toEqual(tallyTickets(robot003, robot.slice(0, 300), o));
  }, 120_000);

  it.each([true, false])("lets the event loop run while it tallies a long synchronous stream (callingThread: %s)", async (callingThread) => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const many = function* (): Generator<Ticket> {
        for (let r = 0; r < 8; r++) yield* robot;
      };
      const rows = await tallyTicketsInWorkers(robot003, many(), { asOf: ASOF, by: [], workers: 1, batchSize: 64, callingThread });
      expect(rows[0]!.tickets).toBe(8 * robot.length);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  }, 120_000);

  it("checks workers, batchSize and workerHeapMb", async () => {
    await expect(tallyTicketsInWorkers(robot003, [], { asOf: ASOF, by: [], callingThread: "yes" as unknown as boolean })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", path: ["callingThread"] });
    await expect(tallyTicketsInWorkers(robot003, [], { asOf: ASOF, by: [], workers: 0 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", path: ["workers"] });
    await expect(tallyTicketsInWorkers(robot003, [], { asOf: ASOF, by: [], workerHeapMb: 16 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", path: ["workerHeapMb"] });
    await expect(tallyTicketsInWorkers(robot003, [], { asOf: ASOF, by: [], workerHeapMb: 1.5 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", path: ["workerHeapMb"] });
  });
});
