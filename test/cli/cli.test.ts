import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { cli, scratch } from "./_cli.js";
import { robotIntegration2026 } from "../../src/sla/index.js";

const { dir, file } = scratch("sla-kit-cli-");

const passingCases = `policy: robotIntegration2026
cases:
  - id: S4 core urgent response
    kind: dueAt
    input:
      query: { service: fault, tier: core, urgency: urgent, stage: response }
      anchor: 2024-05-06T10:00:00+08:00
    expect: 2024-05-06T10:15:00+08:00
    expectRule: 003 §6(2)
`;
const passing = file("pass.yaml", passingCases);
const failingText = `policy: robotIntegration2026
cases:
  - id: ok
    kind: dueAt
    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }
    expect: 2024-05-06T10:15:00+08:00
  - id: wrong <deadline> & more
    kind: evaluateTicket
    asOf: 2024-05-06T12:00:00+08:00
    input:
      ticket: { id: T-1, service: fault, tier: core, urgency: urgent, createdAt: 2024-05-06T10:00:00+08:00, events: [{ type: done, stage: response, at: 2024-05-06T10:12:00+08:00 }] }
    expect:
      stages: [{ stage: response, status: breached }]
`;

describe("sla-kit check", () => {
  it("exits 0 when every case passes and prints the totals", async () => {
    const r = await cli("check", passing);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 passed, 0 failed");
  });
  it("exits 1 when a case fails, showing expected vs actual and the trace", async () => {
    const r = await cli("check", file("fail.yaml", failingText));
    expect(r.code).toBe(1);
    expect(r.out).toContain('stages[stage=response].status: expected "breached", got "met"');
    expect(r.out).toContain("trace:");
    expect(r.out).toContain("1 passed, 1 failed");
  });
  it("writes JUnit XML with one testcase per case and escaped names", async () => {
    const out = join(dir, "junit.xml");
    const r = await cli("check", file("fail2.yaml", failingText), "--reporter", "junit", "--output", out);
    expect(r.code).toBe(1);
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain('<testsuites name="sla-kit check" tests="2" failures="1"');
    expect(xml).toContain('name="wrong &lt;deadline&gt; &amp; more"');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml).toContain("<failure ");
  });
  it("json reporter gives machine-readable results", async () => {
    const r = await cli("check", passing, "--reporter", "json");
    expect(JSON.parse(r.out)).toMatchObject({ passed: 1, failed: 0, files: [{ policy: { hash: robotIntegration2026.hash } }] });
  });
  it("--filter runs only matching cases; globs expand", async () => {
    const r = await cli("check", join(dir, "fail.yaml"), "--filter", "ok");
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 passed, 0 failed");
    const g = await cli("check", join(dir, "pass*.yaml"));
    expect(g.code).toBe(0);
  });
  it("--update rewrites expectations so the next check passes", async () => {
    const p = file("update.yaml", failingText);
    expect((await cli("check", p, "--update")).code).toBe(0);
    const updated = parse(readFileSync(p, "utf8"));
    expect(updated.cases[1].expect).toEqual({ stages: [{ stage: "response", status: "met" }] });
    expect((await cli("check", p)).code).toBe(0);
  });
  it("exits 2 on a malformed file, naming file and line, without a stack trace", async () => {
    const bad = file("bad.yaml", "policy: robotIntegration2026\ncases:\n  - id: x\n    kind: dueAt\n    input: [unclosed\n");
    const r = await cli("check", bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: malformed YAML/);
    expect(r.err).not.toContain("    at ");
    const schema = file("schema.yaml", "policy: robotIntegration2026\ncases:\n  - id: x\n    kind: dueAt\n    inputs: {}\n");
    const s = await cli("check", schema);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/schema\.yaml:3:\d+: invalid case file \(INVALID_CASE_FILE\)/);
    const kind = file("kind.json", JSON.stringify({ cases: [{ id: "x", kind: "nope", input: {} }] }, null, 2));
    const k = await cli("check", kind);
    expect(k.code).toBe(2);
    expect(k.err).toMatch(/kind\.json:\d+:\d+: .*Unknown case kind "nope"/);
  });
  it("exits 2 on usage errors: no files, unknown reporter, unknown option, missing file", async () => {
    expect((await cli("check")).code).toBe(2);
    expect((await cli("check", passing, "--reporter", "tap")).code).toBe(2);
    expect((await cli("check", passing, "--frobnicate")).code).toBe(2);
    expect((await cli("check", join(dir, "missing.yaml"))).err).toContain("cannot read");
  });
});

describe("sla-kit diff, validate, explain, schema, help", () => {
  const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; targets: Record<string, unknown>[] };
  json.version = "1.1.0";
  json.targets = json.targets.map((t) => (t["service"] === "fault" && t["tier"] === "core" && t["urgency"] === "urgent" && t["stage"] === "response" ? { ...t, within: "PT10M" } : t));
  const newPolicy = file("new-policy.json", JSON.stringify(json, null, 2));
  const oldPolicy = file("old-policy.json", JSON.stringify(robotIntegration2026, null, 2));
  const cases = file("cases.yaml", failingText.replace("status: breached", "status: met"));

  it("diff prints both hashes, the changed row per service, and the flips; --fail-on flip exits 1", async () => {
    const r = await cli("diff", oldPolicy, newPolicy, "--cases", cases);
    expect(r.code).toBe(0);
    expect(r.out).toContain(robotIntegration2026.hash);
    expect(r.out).toContain('response [core/urgent]: within "PT15M" -> "PT10M"');
    expect(r.out).toContain("met -> breached: 1");
    expect((await cli("diff", oldPolicy, newPolicy, "--cases", cases, "--fail-on", "flip")).code).toBe(1);
    expect((await cli("diff", oldPolicy, oldPolicy, "--cases", cases, "--fail-on", "flip")).code).toBe(0);
  });
  it("S16 diff of two policies that differ only in reclassify modes names the modes and flips the reclassified cases", async () => {
    const desk = JSON.parse(readFileSync(join(import.meta.dirname, "../../golden/policies/reclassify-desk.json"), "utf8")) as { version: string; reclassify: Record<string, string> };
    const restart = file("desk-restart.json", JSON.stringify({ ...desk, $schema: undefined, version: "1.1.0", reclassify: { ...desk.reclassify, urgency: "restart" } }));
    const golden = join(import.meta.dirname, "../../golden/reclassify.yaml");
    const r = await cli("diff", join(import.meta.dirname, "../../golden/policies/reclassify-desk.json"), restart, "--cases", golden);
    expect(r.out).toContain('Reclassify modes changed: urgency "retroactive" -> "restart"');
    expect(r.out).toContain("overdue -> pending: 1");
    const json = JSON.parse((await cli("diff", join(import.meta.dirname, "../../golden/policies/reclassify-desk.json"), restart, "--cases", golden, "--reporter", "json")).out) as { reclassify: string[]; targets: object };
    expect([json.reclassify, json.targets]).toEqual([['urgency "retroactive" -> "restart"'], {}]);
    expect((await cli("diff", join(import.meta.dirname, "../../golden/policies/reclassify-desk.json"), restart, "--cases", golden, "--fail-on", "flip")).code).toBe(1);
  });
  it("diff replays a ticket file at --as-of; --tickets without --as-of is a usage error", async () => {
    const tickets = file("tickets.json", JSON.stringify([{ id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }] }]));
    const r = await cli("diff", oldPolicy, newPolicy, "--tickets", tickets, "--as-of", "2024-05-06T12:00:00+08:00", "--reporter", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).flips).toContainEqual({ caseId: `${tickets}#T-1`, stage: "response", field: "status", old: "met", new: "breached" });
    expect((await cli("diff", oldPolicy, newPolicy, "--tickets", tickets)).code).toBe(2);
  });
  it("validate exits 0 on the built-in policy and 1 on a policy with a gap", async () => {
    expect((await cli("validate", "robotIntegration2026")).code).toBe(0);
    const gap = JSON.parse(JSON.stringify(robotIntegration2026)) as { targets: Record<string, unknown>[] };
    gap.targets = gap.targets.filter((t) => !(t["service"] === "fault" && t["tier"] === "core" && t["urgency"] === "urgent" && t["stage"] === "response"));
    const r = await cli("validate", file("gap.json", JSON.stringify(gap)));
    expect(r.code).toBe(1);
    expect(r.out).toContain("error");
  });
  it("explain prints every stage with its rule and steps", async () => {
    const ticket = file("ticket.json", JSON.stringify({ id: "T-9", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] }));
    const r = await cli("explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-06T10:14:00+08:00");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/response\s+warning/);
    expect(r.out).toContain("rule 003 §6(2)");
    expect((await cli("explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "yesterday")).code).toBe(2);
    const local = await cli("explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-06T10:14:00+08:00", "--time-zone", "Asia/Shanghai");
    expect(local.out).toContain("due 2024-05-06 10:15:00 Asia/Shanghai");
    expect((await cli("explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-06T10:14:00+08:00", "--time-zone", "Mars/Base")).code).toBe(2);
  });
  it("schema prints JSON Schemas; unknown kinds are usage errors", async () => {
    for (const kind of ["policy", "cases", "calendar", "rule", "scorecard"]) {
      const r = await cli("schema", kind);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toHaveProperty("$schema");
    }
    expect((await cli("schema", "nope")).code).toBe(2);
  });
  it("a case file may name a policy file relative to itself (JSON or YAML)", async () => {
    const sub = join(dir, "nested");
    mkdirSync(join(sub, "policies"), { recursive: true });
    writeFileSync(join(sub, "policies", "p.yaml"), stringify(JSON.parse(JSON.stringify(robotIntegration2026))));
    const cases = join(sub, "cases.yaml");
    writeFileSync(cases, passingCases.replace("policy: robotIntegration2026", "policy: policies/p.yaml"));
    const r = await cli("check", cases, "--reporter", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].policy.hash).toBe(robotIntegration2026.hash);
    expect((await cli("validate", join(sub, "policies", "p.yaml"))).code).toBe(0);
    writeFileSync(join(sub, "policies", "p.yaml"), "id: x\n");
    const bad = await cli("check", cases);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("invalid policy (INVALID_POLICY)");
  });
  it("--help on every command exits 0; no command or an unknown one exits 2", async () => {
    for (const c of ["check", "diff", "validate", "explain", "schema"]) {
      const r = await cli(c, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: sla-kit ${c}`);
    }
    expect((await cli("--help")).code).toBe(0);
    expect((await cli()).code).toBe(2);
    expect((await cli("frob")).code).toBe(2);
  });
});

describe("humanize: keys offered for an unknown key", () => {
  it("an unknown key gets a did-you-mean, and the allowed keys once (a policy's and a case file's)", async () => {
    const bad = { ...JSON.parse(JSON.stringify(robotIntegration2026)), targetz: [] } as Record<string, unknown>;
    const p = await cli("validate", file("unknown-key.json", JSON.stringify(bad)));
    expect(p.code).toBe(1);
    expect(p.out).toMatch(/unknown key "targetz" \(allowed: [^)]*\btargets\b[^)]*\)\. Did you mean "targets"\?/);
    expect(p.out).not.toContain("Allowed keys here");
    const typo = await cli("check", file("typo-key.yaml", passingCases.replace("policy:", "polcy:")));
    expect(typo.code).toBe(2);
    expect(typo.err.match(/Did you mean "policy"\?/g)).toHaveLength(1);
    expect(typo.err).not.toContain("Allowed keys here");
    const c = await cli("check", file("unknown-key.yaml", `${passingCases}bogus: 1\n`));
    expect(c.code).toBe(2);
    expect(c.err).toContain('unknown key "bogus". Allowed here: $schema, policy, policies, description, tolerance, cases.');
    expect(c.err).not.toContain("Allowed keys here");
  });
});
