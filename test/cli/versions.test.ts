/**
 * S18 policy versions in the command: `sla-kit check` loads a case file's `policies`, and
 * `sla-kit diff --effective` lists the stages a new version changes from its effective date on.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, scratch } from "./_cli.js";

const golden = fileURLToPath(new URL("../../golden/", import.meta.url));
const v1 = `${golden}policies/desk-v1.json`;
const v2 = `${golden}policies/desk-v2.json`;
const { file } = scratch("sla-kit-versions-");
const tickets = file("tickets.json", JSON.stringify([
  { id: "A", service: "fault", createdAt: "2026-06-30T20:00:00+08:00", events: [{ type: "done", stage: "response", at: "2026-06-30T20:30:00+08:00" }] },
  { id: "B", service: "fault", createdAt: "2026-06-30T23:30:00+08:00", events: [{ type: "done", stage: "response", at: "2026-07-01T00:10:00+08:00" }] },
]));
const asOf = "2026-07-01T06:00:00+08:00";

describe("S18 policy versions in the command", () => {
  it("S18 check runs golden/policy-versions.yaml with the versions its `policies` names", async () => {
    const r = await cli("check", `${golden}policy-versions.yaml`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/7 passed, 0 failed/);
  });

  it("S18 a case file whose `policies` is missing makes an evaluateTicketVersions case a malformed file", async () => {
    const f = file("no-set.yaml", `cases:\n  - { id: S18 x, kind: evaluateTicketVersions, asOf: "${asOf}", input: { ticket: { id: X, service: fault, createdAt: "${asOf}", events: [] } }, expect: {} }\n`);
    const r = await cli("check", f);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toMatch(/needs a policy set: set "policies"/);
  });

  it("S18 diff --effective lists the stages the new version changes, and keeps the others", async () => {
    const r = await cli("diff", v1, v2, "--tickets", tickets, "--as-of", asOf, "--effective");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 change\(s\) over 2 ticket\(s\).*3 kept/);
    expect(r.out).toMatch(/B resolution: status "pending" -> "overdue"/);
    expect(r.out).not.toMatch(/^ {2}A /m);
    expect((await cli("diff", v1, v2, "--tickets", tickets, "--as-of", asOf, "--effective", "--fail-on", "flip")).code).toBe(1);
    const j = JSON.parse((await cli("diff", v1, v2, "--tickets", tickets, "--as-of", asOf, "--effective", "--reporter", "json")).out) as { kept: number; changes: { ticketId: string; field: string }[] };
    expect(j.kept).toBe(3);
    expect(j.changes.map((c) => `${c.ticketId}:${c.field}`)).toEqual(["B:status", "B:dueAt"]);
  });

  it("S18 diff --effective needs --tickets and --as-of", async () => {
    const r = await cli("diff", v1, v2, "--effective");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--effective replays tickets/);
  });

  it("S18 explain with several policies judges each stage by its version and names it in the trace", async () => {
    const t = file("ticket.json", JSON.stringify({ id: "B", service: "fault", createdAt: "2026-06-30T23:30:00+08:00", events: [{ type: "done", stage: "response", at: "2026-07-01T00:10:00+08:00" }] }));
    const r = await cli("explain", v1, v2, "--ticket", t, "--as-of", "2026-07-01T05:00:00+08:00");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rule desk SLA v1 §1/);
    expect(r.out).toMatch(/rule desk SLA v2 §2/);
    expect(r.out).toMatch(/policy-version: policy "versioned-desk" 2\.0\.0/);
    const same = await cli("explain", v1, v1, "--ticket", t, "--as-of", "2026-07-01T05:00:00+08:00");
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/desk-v1\.json: Versions 0 and 1 are both version "1\.0\.0"/);
  });
});
