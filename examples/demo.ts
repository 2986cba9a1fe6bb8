/**
 * The sla-kit demo (`npm run demo`): a week of real-looking tickets of a robot-integration
 * company evaluated against the built-in 003 policy (rules S1-S13 of docs/rules.md) on the China working
 * calendar, then rolled up into SLA compliance (K17), and a call-centre month scored with the
 * 002 card (P1-P3). Every number printed can be traced back to its clause.
 */
import { addBusinessDays, chinaWorkCalendar } from "sla-kit/calendar";
import { formatRatio, rollup, weightedFailuresBreakdown } from "sla-kit/kpi";
import { callCentreCard, scorecard } from "sla-kit/scoring";
import { evaluateTicket, robotIntegration2026, type Ticket, type TicketEvaluation } from "sla-kit/sla";

const asOf = new Date("2024-10-08T16:00:00+08:00"); // first working day after the 2024 National Day week
const t = (s: string) => `2024-${s}+08:00`;

const tickets: Ticket[] = [
  { id: "F-101", service: "fault", tier: "core", urgency: "urgent", assignee: "Li Wei", department: "field-service",
    createdAt: t("09-30T08:40:00"), events: [
      { type: "done", stage: "response", at: t("09-30T08:52:00") },
      { type: "done", stage: "handling", at: t("09-30T09:30:00") },
      { type: "done", stage: "resolution", at: t("09-30T12:10:00") }] },
  { id: "F-102", service: "fault", tier: "important", urgency: "general", assignee: "Zhao Min", department: "remote-support",
    createdAt: t("09-30T17:05:00"), events: [
      { type: "done", stage: "response", at: t("09-30T18:20:00") },
      // 003 has no pauses: the new limit is agreed with the customer in time (W2, 003 §8(2))
      { type: "agreed-deadline", stage: "handling", dueAt: t("10-01T10:00:00"), at: t("09-30T19:00:00"), consent: "customer call 19:00: site closed for the holiday" },
      { type: "done", stage: "handling", at: t("10-01T09:30:00") }] },
  { id: "F-103", service: "fault", tier: "ordinary", urgency: "urgent", assignee: "Li Wei", department: "field-service",
    createdAt: t("10-08T09:00:00"), events: [{ type: "done", stage: "response", at: t("10-08T09:40:00") }] },
  { id: "O-201", service: "onsite", tier: "core", urgency: "urgent", location: "other-city", assignee: "Sun Hao", department: "field-service",
    createdAt: t("10-07T10:00:00"), events: [
      { type: "done", stage: "departure", at: t("10-07T13:00:00") },
      { type: "agreed-deadline", stage: "arrival", dueAt: t("10-08T14:00:00"), at: t("10-07T20:00:00"), consent: "customer email 2024-10-07 20:00, typhoon warning" },
      { type: "done", stage: "arrival", at: t("10-08T13:30:00") }] },
  { id: "R-301", service: "requirement", tier: "important", assignee: "Zhao Min", department: "solutions",
    createdAt: t("09-27T18:00:00"), events: [{ type: "done", stage: "assessment", at: t("09-30T16:00:00") }] },
  { id: "C-401", service: "complaint", tier: "core", assignee: "Chen Jing", department: "customer-care",
    createdAt: t("09-29T10:00:00"), events: [
      { type: "done", stage: "response", at: t("09-29T10:20:00") },
      { type: "done", stage: "investigation", at: t("09-30T11:00:00") }] },
  { id: "Q-501", service: "consultation", tier: "ordinary", assignee: "Chen Jing", department: "customer-care",
    createdAt: t("10-08T14:00:00"), events: [{ type: "done", stage: "online-response", at: t("10-08T14:09:00") }] },
];

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const local = (d: Date | null) =>
  d === null ? "-" : new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(d);

console.log(`sla-kit demo: policy ${robotIntegration2026.id}@${robotIntegration2026.version} (${robotIntegration2026.hash}), as of ${local(asOf)} Asia/Shanghai\n`);

const evaluations: TicketEvaluation[] = [];
for (const ticket of tickets) {
  const ev = evaluateTicket(robotIntegration2026, ticket, { asOf });
  evaluations.push(ev);
  console.log(`${ev.ticketId}  ${ev.service} ${[ev.tier, ev.urgency, ev.location].filter(Boolean).join("/")}  (${ev.assignee})`);
  for (const s of ev.stages) {
    const used = s.fractionUsed === null ? "" : `${(s.fractionUsed * 100).toFixed(0)}% used`;
    const agreed = s.originalDueAt ? ` (agreed; was ${local(s.originalDueAt)})` : "";
    console.log(`  ${pad(s.stage, 16)} ${pad(s.status, 15)} due ${pad(local(s.dueAt), 16)} done ${pad(local(s.doneAt), 16)} ${pad(used, 10)} ${s.trace.sourceRef ?? ""}${agreed}`);
  }
}

// Where did one deadline come from? The trace says it.
const report = evaluations.find((e) => e.ticketId === "R-301")!.stages.find((s) => s.stage === "report")!;
console.log(`\nWhy is R-301's report due ${local(report.dueAt)}?`);
for (const step of report.trace.steps) console.log(`  - ${step.step}${step.detail ? `: ${step.detail}` : ""}`);
console.log(`  (T2: 2024-09-27 18:00 + 1, 2, 3 business days = ${[1, 2, 3].map((n) => local(addBusinessDays(chinaWorkCalendar(), new Date(t("09-27T18:00:00")), n))).join(", ")})`);

console.log("\nSLA compliance (K17, 003 §15) by assignee:");
console.table(
  rollup(evaluations, { by: ["assignee"] }).map((r) => ({
    assignee: r.assignee,
    met: r.met,
    breached: r.breached,
    overdue: r.overdue,
    compliance: formatRatio(r.complianceRate, { mode: "half-up", digits: 1, percent: true }),
  })),
);

console.log("Aggregation device failures in October (K14-K16, 002 art. 30):");
const failures = weightedFailuresBreakdown(
  [
    { deviceId: "AGG-07", at: new Date(t("10-02T03:10:00")) },
    { deviceId: "AGG-07", at: new Date(t("10-09T22:45:00")) },
    { deviceId: "AGG-07", at: new Date(t("10-31T23:30:00")) }, // still October in Shanghai, whatever the host TZ
    { deviceId: "AGG-12", at: new Date(t("10-15T11:00:00")), group: "grid-outage-1015", appealAccepted: true },
    { deviceId: "AGG-13", at: new Date(t("10-15T11:02:00")), group: "grid-outage-1015", appealAccepted: true },
  ],
  { timeZone: "Asia/Shanghai" },
);
for (const r of failures.rows) console.log(`  ${pad(r.deviceId ?? r.group ?? "", 18)} ${r.month} #${r.nth} weight ${r.weight}`);
console.log(`  weighted total: ${failures.total}`);

console.log("\nCall-centre agent, September (002 art. 9, built-in card):");
const card = scorecard(callCentreCard(), { satisfaction: 0.95, callVolume: 2050, callbackRate: 0.86 });
const pts = (x: number | null | undefined) => (typeof x === "number" ? x.toFixed(2) : "-");
for (const item of card.items) console.log(`  ${pad(item.id, 14)} ${pts("points" in item ? item.points : null)} / ${item.maxPoints}`);
console.log(`  total ${pts(card.total)} / ${card.maxTotal}${card.grade ? `, grade ${card.grade}` : ""}`);
