/**
 * Type tests: the public signatures of `sla-kit/kpi` (docs/rules.md "Readings: KPIs"). Run by
 * `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import { complianceRate, failureWeight, overdueRate, ratio, reliability, weightedFailures, type Failure, type Ratio } from "../../src/kpi/index.js";
import type { TicketEvaluation } from "../../src/sla/index.js";

describe("kpi signatures", () => {
  it("Ratio is { numerator, denominator, value: number | null, reason? }", () => {
    expectTypeOf<Ratio>().toEqualTypeOf<{ readonly numerator: number; readonly denominator: number; readonly value: number | null; readonly reason?: string }>();
  });

  it("ratio(numerator, denominator): Ratio", () => {
    expectTypeOf(ratio).parameters.toEqualTypeOf<[numerator: number, denominator: number]>();
    expectTypeOf(ratio).returns.toEqualTypeOf<Ratio>();
  });

  it("failureWeight(n, { cap }?): number", () => {
    expectTypeOf(failureWeight).toBeCallableWith(3);
    expectTypeOf(failureWeight).toBeCallableWith(3, { cap: 8 });
    expectTypeOf(failureWeight).returns.toEqualTypeOf<number>();
  });

  it("weightedFailures(failures: { deviceId, at, group? }[], { timeZone }): number", () => {
    expectTypeOf<{ deviceId: string; at: Date }>().toExtend<Failure>();
    expectTypeOf<{ deviceId: string; at: number; group: string }>().toExtend<Failure>();
    expectTypeOf(weightedFailures).toBeCallableWith([{ deviceId: "agg-1", at: new Date() }], { timeZone: "Asia/Shanghai" });
    expectTypeOf<Record<string, never>>().not.toExtend<Parameters<typeof weightedFailures>[1]>();
    expectTypeOf(weightedFailures).returns.toEqualTypeOf<number>();
  });

  it("reliability({ downtimeMs, periodMs }) is a Ratio", () => {
    expectTypeOf(reliability).toBeCallableWith({ downtimeMs: 0, periodMs: 1 });
    expectTypeOf(reliability).returns.toExtend<Ratio>();
  });

  it("complianceRate / overdueRate(evaluations, { unit }?): Ratio", () => {
    for (const f of [complianceRate, overdueRate]) {
      expectTypeOf(f).parameter(0).toEqualTypeOf<readonly TicketEvaluation[]>();
      expectTypeOf(f).toBeCallableWith([] as TicketEvaluation[]);
      expectTypeOf(f).toBeCallableWith([] as TicketEvaluation[], { unit: "ticket" });
      expectTypeOf(f).toBeCallableWith([] as TicketEvaluation[], { unit: "stage" });
      expectTypeOf(f).returns.toEqualTypeOf<Ratio>();
    }
  });
});
