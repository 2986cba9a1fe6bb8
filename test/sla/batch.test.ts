import { describe, expect, it } from "vitest";
import { rollup } from "../../src/kpi/index.js";
import { caught } from "../calendar/_fixture.js";
import { cableOperatorNorms, evaluateTicket, evaluateTickets, tallyTickets, type Policy, type Ticket } from "../../src/sla/index.js";
import { benchPolicies, sampleTickets } from "../../bench/_tickets.js";

// the synthetic tickets of the benchmark: every service of 003, 0-6 events, pauses, agreements
const robot003 = benchPolicies.robot;
const ASOF = Date.UTC(2026, 10, 30, 16); // 2026-12-01 00:00 Shanghai, after every ticket's creation
const robot = sampleTickets(7, 10_000)
  .filter((s) => s.policy === benchPolicies.robot)
  .map((s) => s.ticket);
const few = robot.slice(0, 40);

function* counting(list: readonly Ticket[], pulled: { n: number }): Generator<Ticket> {
  for (const t of list) {
    pulled.n++;
    yield t;
  }
}
async function* slowly(list: readonly Ticket[]): AsyncGenerator<Ticket> {
  for (const t of list) {
    await Promise.resolve();
    yield t;
  }
}

describe("evaluateTickets", () => {
  it("gives what evaluateTicket gives, ticket by ticket, in order", () => {
    const one = few.map((t) => evaluateTicket(robot003, t, { asOf: ASOF }));
    expect([...evaluateTickets(robot003, few, { asOf: new Date(ASOF) })]).toEqual(one);
  });

  it("is lazy: a ticket is read only when its evaluation is asked for", () => {
    const pulled = { n: 0 };
    const it = evaluateTickets(robot003, counting(few, pulled), { asOf: ASOF });
    expect(pulled.n).toBe(0);
    it.next();
    it.next();
    expect(pulled.n).toBe(2);
  });

  it("reads an async iterable and yields asynchronously, same results", async () => {
    const out = [];
    for await (const e of evaluateTickets(robot003, slowly(few), { asOf: ASOF })) out.push(e);
    expect(out).toEqual(few.map((t) => evaluateTicket(robot003, t, { asOf: ASOF })));
  });

  it("names the bad ticket: its index leads the error path, its id is in the message", () => {
    const bad = [...few.slice(0, 2), { ...few[2]!, events: [{ type: "pause", at: "yesterday" }] } as unknown as Ticket];
    const e = caught(() => [...evaluateTickets(robot003, bad, { asOf: ASOF })]);
    expect(e.code).toBe("INVALID_EVENT");
    expect(e.path).toEqual([2, "events", 0, "at"]);
    expect(e.message).toContain(`Ticket 2 (${few[2]!.id}): `);
  });

  it("checks the policy, the options and the tickets before reading any ticket", () => {
    const pulled = { n: 0 };
    expect(caught(() => evaluateTickets(robot003, counting(few, pulled), { asOf: Number.NaN })).code).toBe("INVALID_ARGUMENT");
    expect(caught(() => evaluateTickets({ id: "x" } as unknown as Policy, counting(few, pulled), { asOf: ASOF })).code).toBe("INVALID_POLICY");
    expect(caught(() => evaluateTickets(robot003, 42 as unknown as Ticket[], { asOf: ASOF })).path).toEqual(["tickets"]);
    expect(pulled.n).toBe(0);
  });
});

describe("tallyTickets (K17 without keeping the evaluations)", () => {
  const all = robot.map((t) => evaluateTicket(robot003, t, { asOf: ASOF }));
  const cases = [
    { by: [] },
    { by: ["assignee", "month"], timeZone: "Asia/Shanghai" },
    { by: ["service", "stage"] },
    { by: ["department", "tier", "quarter"], timeZone: "Asia/Shanghai", unit: "ticket" },
  ] as const;

  it(`gives rollup's rows over ${robot.length} tickets (several chunks), for every grouping`, () => {
    expect(robot.length).toBeGreaterThan(4096);
    for (const o of cases) {
      expect(tallyTickets(robot003, robot, { asOf: ASOF, ...o })).toEqual(rollup(all, o));
    }
  });

  it("reads an async iterable and resolves to the same rows", async () => {
    const o = cases[1];
    await expect(tallyTickets(robot003, slowly(robot.slice(0, 300)), { asOf: ASOF, ...o })).resolves.toEqual(rollup(all.slice(0, 300), o));
  });

  it("empty input: no rows, as rollup", () => {
    expect(tallyTickets(robot003, [], { asOf: ASOF, by: [] })).toEqual(rollup([], { by: [] }));
  });

  it("rejects bad grouping options before reading a ticket", () => {
    const pulled = { n: 0 };
    const e = caught(() => tallyTickets(robot003, counting(few, pulled), { asOf: ASOF, by: ["month"] }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.path).toEqual(["options", "timeZone"]);
    expect(pulled.n).toBe(0);
  });
});

describe("a policy passed as plain JSON is compiled once per object", () => {
  const ticket: Ticket = { id: "T", service: "vip-fault", createdAt: "2024-05-06T10:00:00+08:00", events: [] };
  const asOf = Date.parse("2024-05-06T10:17:00+08:00");

  it("reads the object once: later calls do not walk it again", () => {
    const json = JSON.parse(JSON.stringify(cableOperatorNorms)) as { targets: object[] };
    let reads = 0;
    json.targets = json.targets.map((row) => new Proxy(row, { get: (o, k) => (reads++, Reflect.get(o, k)) }));
    const first = evaluateTicket(json as unknown as Policy, ticket, { asOf });
    expect(reads).toBeGreaterThan(0);
    const after = reads;
    const again = evaluateTicket(json as unknown as Policy, ticket, { asOf });
    expect(reads).toBe(after);
    expect(again).toEqual(first);
    expect(first).toEqual(evaluateTicket(cableOperatorNorms, ticket, { asOf }));
  });

  it("never writes to the caller's object, and sees a replaced top-level value", () => {
    const json = JSON.parse(JSON.stringify(cableOperatorNorms)) as Record<string, unknown>;
    const before = structuredClone(json);
    expect(evaluateTicket(json as unknown as Policy, ticket, { asOf }).stages[0]!.status).toBe("warning"); // 17 of 20 min
    expect(json).toEqual(before);
    expect(Object.isFrozen(json)).toBe(false);
    expect(Object.getOwnPropertySymbols(json)).toEqual([]);
    json.warnAt = 0.9;
    expect(evaluateTicket(json as unknown as Policy, ticket, { asOf }).stages[0]!.status).toBe("pending"); // warning from 18 min now
    delete json.warnAt; // a key removed: the default 0.8 again
    expect(evaluateTicket(json as unknown as Policy, ticket, { asOf }).stages[0]!.status).toBe("warning");
    json.warnAt = 0.9; // and added back
    expect(evaluateTicket(json as unknown as Policy, ticket, { asOf }).stages[0]!.status).toBe("pending");
  });
});
