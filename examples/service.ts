/**
 * A service that watches live tickets: every minute it evaluates the open tickets against the
 * policy and raises W1 warnings (80% of the allowed time used, 003 §8(1)) and overdue alerts
 * (copied to the emergency team). Here the "minutes" are simulated over one morning so the
 * example runs instantly; in production `asOf` is simply `Date.now()`.
 */
import { SlaKitError } from "sla-kit";
import { evaluateTicket, robotIntegration2026, type StageStatus, type Ticket } from "sla-kit/sla";

const open: Ticket[] = [
  { id: "F-9001", service: "fault", tier: "core", urgency: "urgent", createdAt: "2025-06-03T09:00:00+08:00",
    events: [{ type: "done", stage: "response", at: "2025-06-03T09:10:00+08:00" }] },
  { id: "C-9002", service: "complaint", tier: "important", createdAt: "2025-06-03T09:20:00+08:00", events: [] },
  { id: "BAD-1", service: "fault", tier: "platinum", urgency: "urgent", createdAt: "2025-06-03T09:00:00+08:00", events: [] },
];

const lastStatus = new Map<string, StageStatus>();
const alerts: string[] = [];
const start = Date.parse("2025-06-03T09:00:00+08:00");
for (let minute = 0; minute <= 150; minute += 1) {
  const asOf = start + minute * 60_000;
  for (const ticket of open) {
    if (asOf < Date.parse(String(ticket.createdAt))) continue; // not created yet at this simulated minute
    let ev;
    try {
      ev = evaluateTicket(robotIntegration2026, ticket, { asOf });
    } catch (e) {
      // bad input is a SlaKitError with a stable code and a path: report it once, keep serving
      if (e instanceof SlaKitError && !lastStatus.has(ticket.id)) {
        alerts.push(`reject ${ticket.id}: ${e.code} at ${e.path.join(".")}: ${e.message}`);
        lastStatus.set(ticket.id, "not-applicable");
      }
      continue;
    }
    for (const s of ev.stages) {
      const key = `${ticket.id}/${s.stage}`;
      if (lastStatus.get(key) === s.status) continue;
      lastStatus.set(key, s.status);
      const at = new Date(asOf).toISOString().slice(11, 16);
      if (s.status === "warning") alerts.push(`${at}Z WARN    ${key}: ${Math.round((s.fractionUsed ?? 0) * 100)}% used, due ${s.dueAt?.toISOString()} (${s.trace.sourceRef})`);
      if (s.status === "overdue") alerts.push(`${at}Z OVERDUE ${key}: copy the emergency team (003 §8(1))`);
    }
  }
}
for (const a of alerts) console.log(a);
if (!alerts.some((a) => a.includes("WARN    F-9001/handling"))) throw new Error("expected a W1 warning on F-9001 handling");
if (!alerts.some((a) => a.includes("OVERDUE F-9001/handling"))) throw new Error("expected F-9001 handling to go overdue");
if (!alerts.some((a) => a.startsWith("reject BAD-1: UNKNOWN_VALUE"))) throw new Error("expected BAD-1 to be rejected");
