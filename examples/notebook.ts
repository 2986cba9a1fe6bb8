/**
 * An analyst's notebook, Deno- or tsx-style (top-level await, plain console output): batch
 * thousands of tickets, sweep a parameter, and ask why a number came out as it did.
 * In a Deno notebook write the imports as "npm:sla-kit/sla" and "npm:sla-kit/kpi".
 */
import { formatRatio, rollup } from "sla-kit/kpi";
import { evaluateTicket, parsePolicy, robotIntegration2026, type Ticket } from "sla-kit/sla";

// 1. A deterministic batch of 5,000 fault tickets over 2025 (a tiny PRNG, so the numbers are stable).
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const tiers = ["core", "important", "ordinary"] as const;
const tickets: Ticket[] = Array.from({ length: 5000 }, (_, i) => {
  const created = Date.parse("2025-01-02T00:00:00+08:00") + Math.floor(rnd() * 360) * 86_400_000 + Math.floor(rnd() * 86_400_000);
  const tier = tiers[i % 3]!;
  const responseMin = 5 + Math.floor(rnd() * 40);
  const handlingMin = responseMin + 10 + Math.floor(rnd() * 150);
  const resolutionMin = handlingMin + 30 + Math.floor(rnd() * 600);
  return {
    id: `F-${i}`, service: "fault", tier, urgency: rnd() < 0.3 ? "urgent" : "general", department: i % 2 ? "north" : "south",
    createdAt: created,
    events: [
      { type: "done", stage: "response", at: created + responseMin * 60_000 },
      { type: "done", stage: "handling", at: created + handlingMin * 60_000 },
      { type: "done", stage: "resolution", at: created + resolutionMin * 60_000 },
    ],
  };
});
const asOf = Date.parse("2026-01-01T00:00:00+08:00");

const t0 = performance.now();
const evaluations = tickets.map((t) => evaluateTicket(robotIntegration2026, t, { asOf }));
console.log(`evaluated ${evaluations.length} tickets in ${(performance.now() - t0).toFixed(0)} ms`);

// 2. Compliance by tier and quarter (K17), as tidy rows.
const rows = rollup(evaluations, { by: ["tier", "quarter"], timeZone: "Asia/Shanghai" });
console.table(rows.slice(0, 6).map((r) => ({ tier: r.tier, period: r.period, met: r.met, missed: r.breached + r.overdue, compliance: formatRatio(r.complianceRate, { mode: "half-even", digits: 1, percent: true }) })));

// 3. Sweep: what if the general-fault response limit for ordinary customers were 60..180 minutes?
const base = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; targets: { service: string; tier?: string; urgency?: string; stage: string; within: unknown }[] };
for (const minutes of [20, 30, 45, 60]) {
  const variant = parsePolicy({
    ...base,
    version: `sweep-${minutes}`,
    targets: base.targets.map((t) => (t.service === "fault" && t.tier === "ordinary" && t.urgency === "general" && t.stage === "response" ? { ...t, within: `PT${minutes}M` } : t)),
  });
  const ordinary = tickets.filter((t) => t.tier === "ordinary" && t.urgency === "general");
  const met = ordinary.filter((t) => evaluateTicket(variant, t, { asOf }).stages.find((s) => s.stage === "response")?.status === "met").length;
  console.log(`ordinary general response within ${String(minutes).padStart(3)} min: ${((100 * met) / ordinary.length).toFixed(1)}% met`);
}

// 4. Why did this one come out as it did?
const late = evaluations.find((e) => e.stages.some((s) => s.stage === "response" && s.status === "breached"))!;
const stage = late.stages.find((s) => s.stage === "response")!;
console.log(`\n${late.ticketId} response ${stage.status}: due ${stage.dueAt?.toISOString()}, done ${stage.doneAt?.toISOString()}`);
for (const step of stage.trace.steps) console.log(`  - ${step.step}${step.detail ? `: ${step.detail}` : ""}`);
