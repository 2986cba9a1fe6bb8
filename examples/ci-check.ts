/**
 * What `sla-kit check` and `sla-kit diff --fail-on flip` do, from code: replay golden cases under
 * a proposed policy change and fail when a pinned outcome flips.
 */
import { diffPolicies, runCaseFile, type CaseFile } from "sla-kit/golden";
import { parsePolicy, robotIntegration2026 } from "sla-kit/sla";

const golden: CaseFile = {
  policy: "robotIntegration2026",
  cases: [
    { id: "S4 core urgent response 15 min", kind: "dueAt", expectRule: "003 §6(2)",
      input: { query: { service: "fault", tier: "core", urgency: "urgent", stage: "response" }, anchor: "2025-03-03T10:00:00+08:00" },
      expect: "2025-03-03T10:15:00+08:00" },
    { id: "T-1 answered after 12 minutes is met", kind: "evaluateTicket", asOf: "2025-03-03T12:00:00+08:00",
      input: { ticket: { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2025-03-03T10:00:00+08:00",
        events: [{ type: "done", stage: "response", at: "2025-03-03T10:12:00+08:00" }] } },
      expect: { stages: [{ stage: "response", status: "met" }] } },
  ],
};

const current = runCaseFile(golden);
console.log(`current policy ${current.policy?.hash}: ${current.passed} passed, ${current.failed} failed`);
if (current.failed > 0) throw new Error("the golden file does not hold for the current policy");

// A proposed change: core urgent response in 10 minutes.
const json = JSON.parse(JSON.stringify(robotIntegration2026));
json.version = "2026.1-proposal";
json.targets = json.targets.map((t: { service: string; tier?: string; urgency?: string; stage: string }) =>
  t.service === "fault" && t.tier === "core" && t.urgency === "urgent" && t.stage === "response" ? { ...t, within: "PT10M" } : t);
const proposal = parsePolicy(json);

const diff = diffPolicies(robotIntegration2026, proposal, golden.cases);
for (const [service, rows] of Object.entries(diff.targets)) for (const r of rows) console.log(`${service}/${r.stage} [${r.tier}/${r.urgency}] ${JSON.stringify(r.fields)}`);
for (const f of diff.flips) console.log(`flip: ${f.caseId} ${f.stage ?? ""} ${f.field} ${String(f.old)} -> ${String(f.new)}`);
const statusFlips = diff.flips.filter((f) => f.field === "status");
console.log(statusFlips.length > 0 ? `CI would fail: ${statusFlips.length} pinned outcome(s) flip` : "CI would pass");
if (statusFlips.length !== 1) throw new Error("expected exactly one flip (T-1 response met -> breached)");
