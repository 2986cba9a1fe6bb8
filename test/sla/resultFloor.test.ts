/**
 * bench/_resultFloor.ts builds `evaluateTicket`'s result objects from precomputed numbers, to time
 * the result shape alone: it must build the same shape (keys in order, Dates where the result has
 * Dates, the same instants and levels), or the bench's "result objects alone" row means nothing.
 */
import { describe, expect, it } from "vitest";
import { buildResult, precompute } from "../../bench/_resultFloor.js";
import { sampleTickets } from "../../bench/_tickets.js";
import { evaluateTicket } from "../../src/sla/index.js";

const shape = (o: object): [string, string][] => Object.entries(o).map(([k, v]) => [k, v === null ? "null" : v instanceof Date ? "Date" : Array.isArray(v) ? "array" : typeof v]);

describe("bench/_resultFloor.ts builds evaluateTicket's result shape", () => {
  it("same keys in the same order, Dates as Dates, the same instants and levels", () => {
    const samples = sampleTickets(3, 300);
    const pre = precompute(samples);
    samples.forEach((s, i) => {
      const real = evaluateTicket(s.policy, s.ticket, { asOf: s.asOf });
      const built = buildResult(pre[i]!, true);
      expect(Object.keys(built)).toEqual(Object.keys(real));
      expect([built.createdAt.getTime(), built.asOfMs]).toEqual([real.createdAt.getTime(), real.asOfMs]);
      expect(built.stages.length).toBe(real.stages.length);
      built.stages.forEach((b, j) => {
        const r = real.stages[j]!;
        expect(Object.keys(b)).toEqual(Object.keys(r));
        for (const k of ["anchorAt", "dueAt", "originalDueAt", "warnAt", "doneAt"] as const) expect([k, b[k]?.getTime() ?? null]).toEqual([k, r[k]?.getTime() ?? null]);
        expect(b.levelsReached.map((l) => [l.level, l.at.getTime()])).toEqual(r.levelsReached.map((l) => [l.level, l.at.getTime()]));
        expect(Object.getOwnPropertyDescriptor(b.trace, "steps")?.get).toBeTypeOf("function");
        expect(shape(b).filter(([k]) => k.endsWith("At") || k === "trace" || k === "levelsReached")).toEqual(shape(r).filter(([k]) => k.endsWith("At") || k === "trace" || k === "levelsReached"));
      });
    });
  });
});
