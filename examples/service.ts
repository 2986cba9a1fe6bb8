/**
 * A service that watches live tickets and raises W1 warnings (80% of the allowed time used,
 * 003 §8(1)) and overdue alerts (copied to the emergency team). It keeps one timer per ticket
 * instead of polling: after each evaluation, `nextChangeAt` says when a status changes next, and
 * the ticket is evaluated again then (or when a new event arrives). Bad tickets come back from
 * `safeEvaluateTicket` as results, never as exceptions. Here the timers are simulated over one
 * morning so the example runs instantly; in production `asOf` is `Date.now()` and the timer a
 * `setTimeout` (docs/sla.md "Using sla-kit in a service").
 */
import { nextChangeAt, robotIntegration2026, safeEvaluateTicket, type StageStatus, type TicketInput } from "sla-kit/sla";

const open: TicketInput[] = [
  { id: "F-9001", service: "fault", tier: "core", urgency: "urgent", createdAt: "2025-06-03T09:00:00+08:00",
    events: [{ type: "done", stage: "response", at: "2025-06-03T09:10:00+08:00" }] },
  { id: "C-9002", service: "complaint", tier: "important", createdAt: "2025-06-03T09:20:00+08:00", events: [] },
  { id: "BAD-1", service: "fault", tier: "platinum", urgency: "urgent", createdAt: "2025-06-03T09:00:00+08:00", events: [] },
];

const start = Date.parse("2025-06-03T09:00:00+08:00");
const end = start + 150 * 60_000; // the simulated morning: 2.5 hours
const timers = new Map<string, number>(open.map((t) => [t.id, Date.parse(String(t.createdAt))])); // ticket id -> when its timer fires
const lastStatus = new Map<string, StageStatus>();
const alerts: string[] = [];
let wakeUps = 0;
while (timers.size > 0) {
  // the simulated clock jumps to the earliest timer
  const [id, asOf] = [...timers].reduce((a, b) => (b[1] < a[1] ? b : a));
  timers.delete(id);
  if (asOf > end) continue;
  wakeUps++;
  const ticket = open.find((t) => t.id === id)!;
  const r = safeEvaluateTicket(robotIntegration2026, ticket, { asOf });
  if (!r.success) {
    // bad input: a stable code and a path; report it once, keep serving the others
    alerts.push(`reject ${id}: ${r.error.code} at ${r.error.path.join(".")}: ${r.error.message}`);
    continue;
  }
  for (const s of r.data.stages) {
    const key = `${id}/${s.stage}`;
    if (lastStatus.get(key) === s.status) continue;
    lastStatus.set(key, s.status);
    const at = new Date(asOf).toISOString().slice(11, 23);
    if (s.status === "warning") alerts.push(`${at}Z WARN    ${key}: ${Math.round((s.fractionUsed ?? 0) * 100)}% used, due ${s.dueAt?.toISOString()} (${s.trace.sourceRef})`);
    if (s.status === "overdue") alerts.push(`${at}Z OVERDUE ${key}: copy the emergency team (003 §8(1))`);
  }
  const next = nextChangeAt(r.data);
  if (next !== null) timers.set(id, next.getTime());
}
for (const a of alerts) console.log(a);
console.log(`${wakeUps} evaluations, where polling every minute would have made ${151 * open.length}`);
if (!alerts.some((a) => a.includes("WARN    F-9001/handling"))) throw new Error("expected a W1 warning on F-9001 handling");
if (!alerts.some((a) => a.includes("OVERDUE F-9001/handling"))) throw new Error("expected F-9001 handling to go overdue");
if (!alerts.some((a) => a.startsWith("reject BAD-1: UNKNOWN_VALUE"))) throw new Error("expected BAD-1 to be rejected");
