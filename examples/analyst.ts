/**
 * An analyst's notebook flow, end to end and deterministic: a CSV export of a ticket system (local
 * times, one column per stage, a few bad rows) -> ticketsFromRows -> evaluateTickets -> tidy rows
 * (flattenEvaluations) and K17 rates (rollup) -> a plain-text report. Each step is a notebook cell;
 * in Deno write the imports as "npm:sla-kit/table" etc. docs/analysts.md explains each step, and
 * `sla-kit report tickets.csv --policy ... --mapping mapping.json --as-of ...` turns the same
 * table into one HTML page.
 */
import { parse } from "csv-parse/sync";
import { rollup } from "sla-kit/kpi";
import { evaluateTickets, robotIntegration2026 as policy } from "sla-kit/sla";
import { flattenEvaluations, ticketsFromRows, type RowMapping } from "sla-kit/table";

// 1. The export: 240 fault tickets over January-March 2026 (a seeded generator, so the numbers are stable).
let seed = 17;
const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const local = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
const start = Date.parse("2026-01-01T00:00:00+08:00");
const lines = ["ticket,tier,urgency,owner,opened,responded,handled"];
for (let i = 1; i <= 240; i++) {
  const opened = start + Math.floor(rnd() * 89 * 24 * 60) * 60_000;
  const responded = opened + Math.floor(rnd() * (rnd() < 0.85 ? 30 : 200)) * 60_000;
  const handled = responded + Math.floor(rnd() * (rnd() < 0.8 ? 100 : 700)) * 60_000;
  lines.push([`F-${String(i).padStart(4, "0")}`, pick(["core", "important", "ordinary"]), pick(["urgent", "general"]), pick(["li", "wang", "zhao", "chen"]),
    local(opened), rnd() < 0.95 ? local(responded) : "", rnd() < 0.9 ? local(handled) : ""].join(","));
}
lines[40] = lines[40]!.replace(/,(core|important|ordinary),/, ",platinum,"); // a tier the policy does not know
lines[90] = lines[90]!.replace(/2026-(\d\d)-\d\d (\d\d:\d\d),/, "2026-$1-32 $2,"); // a date that does not exist
const csv = `${lines.join("\n")}\n`;

// 2. Rows to tickets: every row is a ticket or a bad row with its line and column, never dropped.
const rows = parse(csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const mapping: RowMapping = {
  id: "ticket", createdAt: "opened", service: { value: "fault" },
  facts: { tier: "tier", urgency: "urgency", assignee: "owner" },
  done: { response: "responded", handling: "handled" },
};
const { tickets, errors, untrackedStages, trackedStages } = ticketsFromRows(rows, mapping, { policy, timeZone: "Asia/Shanghai", firstRowNumber: 2 });
console.log(`read ${rows.length} rows: ${tickets.length} tickets, ${errors.length} bad rows`);
for (const e of errors) console.log(`  line ${e.row}, column ${e.column}: ${e.code}`);
console.log(`untracked (no column, left out): ${untrackedStages.map((u) => `${u.service}/${u.stage}`).join(", ")}`);

// 3. Evaluate only the tracked stages, as of the end of the quarter.
const asOf = new Date("2026-04-01T00:00:00+08:00");
const evaluations = [...evaluateTickets(policy, tickets, { asOf, stages: trackedStages })];

// 4. Tidy rows: one per ticket-stage, for Plot, Arrow, Polars or a spreadsheet.
const tidy = flattenEvaluations(evaluations, { tickets, times: "iso" });
const byStatus: Record<string, number> = {};
for (const r of tidy) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
console.log(`\n${tidy.length} tidy rows by status:`, byStatus);

// 5. K17 compliance per tier and month (local months of Asia/Shanghai).
console.log("\ncompliance by tier and month");
const pct = (v: number | null): string => (v === null ? "  -  " : `${(v * 100).toFixed(1).padStart(5)}%`);
for (const r of rollup(evaluations, { by: ["tier", "month"], timeZone: "Asia/Shanghai" })) {
  console.log(`  ${String(r.tier).padEnd(10)} ${r.period}  ${pct(r.complianceValue)}  (${r.met}/${r.counted} stages met)`);
}

// 6. The worst assignees (highest share of late stages) and the latest tickets.
console.log("\nassignees by overdue rate");
const people = rollup(evaluations, { by: ["assignee"] }).sort((a, b) => (b.overdueValue ?? 0) - (a.overdueValue ?? 0) || String(a.assignee).localeCompare(String(b.assignee)));
for (const r of people) console.log(`  ${String(r.assignee).padEnd(6)} ${pct(r.overdueValue)} late  (${r.breached} breached, ${r.overdue} overdue of ${r.counted})`);
const minutesLate = (r: (typeof tidy)[number]): number => (Date.parse(String(r.doneAt ?? r.asOf)) - Date.parse(String(r.dueAt))) / 60_000;
const latest = tidy.filter((r) => r.status === "breached" || r.status === "overdue").sort((a, b) => minutesLate(b) - minutesLate(a) || a.ticketId.localeCompare(b.ticketId)).slice(0, 3);
console.log("latest tickets:", latest.map((r) => `${r.ticketId} ${r.stage} ${r.status} ${Math.round(minutesLate(r))} min late (${r.sourceRef})`));

// The numbers agree with each other: the tidy rows and rollup count the same stages.
const total = rollup(evaluations, { by: [] })[0]!;
if (total.met !== (byStatus.met ?? 0) || total.breached + total.overdue !== (byStatus.breached ?? 0) + (byStatus.overdue ?? 0)) {
  throw new Error(`tidy rows and rollup disagree: ${JSON.stringify(byStatus)} vs ${JSON.stringify(total)}`);
}
if (errors.length !== 2 || tickets.length + errors.length !== rows.length) throw new Error("every row must be a ticket or a bad row");
console.log(`\noverall: ${pct(total.complianceValue)} of ${total.counted} decided stages met (policy ${policy.id} ${policy.version}, ${policy.hash})`);
