/**
 * S17 reopened tickets (docs/sla.md "Reopened tickets"): a `reopened` event after a close reopens
 * the stages the close settled; the policy's `reopen.resolvedTime` says whether the time spent
 * resolved counts; the first resolution stays in `reopenings` and the trace.
 */
import { describe, expect, it } from "vitest";
import { evaluateTicket, parsePolicy, type PolicyJson, type TicketEvent } from "../../src/sla/index.js";
import { isSlaKitError } from "../../src/errors.js";

const H = 3_600_000;
const T0 = Date.parse("2024-05-06T10:00:00+08:00");
const at = (h: number): number => T0 + h * H;

/** A 24x7 desk: response 1 h, resolution 8 h, follow-up 24 h after the resolution. */
const deskJson = (resolvedTime?: "paused" | "counts"): PolicyJson => ({
  id: "reopen-test",
  version: "1",
  calendars: { desk: { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" } },
  dimensions: {},
  services: { fault: { stages: ["response", "resolution", "follow-up"], dimensions: [] } },
  targets: [
    { service: "fault", stage: "response", within: "PT1H", clock: "desk", sourceRef: "desk §1" },
    { service: "fault", stage: "resolution", within: "PT8H", clock: "desk", sourceRef: "desk §2" },
    { service: "fault", stage: "follow-up", within: "PT24H", clock: "desk", anchor: "resolution", sourceRef: "desk §3" },
  ],
  ...(resolvedTime === undefined ? {} : { reopen: { resolvedTime } }),
});
const paused = parsePolicy(deskJson());
const counts = parsePolicy(deskJson("counts"));

const ticket = (events: TicketEvent[]) => ({ id: "R-1", service: "fault", createdAt: T0, events });

function code(f: () => unknown): { code: string; path: unknown } {
  try {
    f();
  } catch (e) {
    if (isSlaKitError(e)) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error("no error thrown");
}

describe("S17 reopened events", () => {
  it("S17 a reopened event without a prior close is INVALID_EVENT with its path", () => {
    const r = code(() => evaluateTicket(paused, ticket([{ type: "reopened", at: at(2) }]), { asOf: at(3) }));
    expect(r).toEqual({ code: "INVALID_EVENT", path: ["events", 0] });
    const twice = code(() => evaluateTicket(paused, ticket([{ type: "closed", at: at(1) }, { type: "reopened", at: at(2) }, { type: "reopened", at: at(3) }]), { asOf: at(4) }));
    expect(twice).toEqual({ code: "INVALID_EVENT", path: ["events", 2] });
  });

  it("S17 a second close needs a reopening between (closed twice stays INVALID_EVENT)", () => {
    const r = code(() => evaluateTicket(paused, ticket([{ type: "closed", at: at(1) }, { type: "closed", at: at(2) }]), { asOf: at(3) }));
    expect(r).toEqual({ code: "INVALID_EVENT", path: ["events", 1] });
    expect(() => evaluateTicket(counts, ticket([{ type: "closed", at: at(1) }, { type: "reopened", at: at(2) }, { type: "closed", at: at(3) }]), { asOf: at(4) })).not.toThrow();
  });
});
