/**
 * Issue 16 (CI): the command never says "no change" when it failed, `--update` rewrites only what
 * changed, case-file mistakes are malformed files, findings and errors people can act on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseAsOf } from "../../src/cli/commands.js";
import { duration } from "../../src/cli/reporters.js";
import { cli, scratch } from "./_cli.js";
import { robotIntegration2026 } from "../../src/sla/index.js";

const { dir, file } = scratch("sla-kit-ci-");

const CASES = `# Golden cases for the fault table.
# Reviewer note: keep the offsets as written.
policy: robotIntegration2026
cases:
  - id: S4 core urgent response   # pinned by ops
    kind: dueAt
    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }
    expect: 2024-05-06T10:10:00+08:00
    expectRule: 003 §6(2)
  - id: S4 passing, written in UTC
    kind: dueAt
    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }
    expect: "2024-05-06T02:15:00Z"
  - id: W1 ticket
    kind: evaluateTicket
    asOf: 2024-05-06T12:00:00+08:00
    input:
      ticket: { id: T-1, service: fault, tier: core, urgency: urgent, createdAt: 2024-05-06T10:00:00+08:00, events: [{ type: done, stage: response, at: 2024-05-06T10:12:00+08:00 }] }
    expect:
      # the response stage
      stages:
        - { stage: response, status: breached, dueAt: 2024-05-06T10:15:00+08:00 }
        - stage: handling
          status: met   # wrong on purpose
`;

const ticket = { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }] };

describe("check --update, like vitest -u (issue 16)", () => {
  it("rewrites only the failing expectations: byte for byte the same outside the changed lines", async () => {
    const p = file("update.yaml", CASES);
    const r = await cli("check", p, "--update");
    expect(r.code).toBe(0);
    expect(r.out).toContain("~ S4 core urgent response (updated");
    expect(r.out).toContain('stages[stage=handling].status: expected "met", got "overdue"');
    expect(r.out).not.toContain("S4 passing, written in UTC (updated");
    expect(r.out).toContain("3 passed, 0 failed, 2 updated");
    const before = CASES.split("\n");
    const after = readFileSync(p, "utf8").split("\n");
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [i + 1]));
    expect(changed).toEqual([8, 22, 24]);
    expect(after[7]).toBe("    expect: 2024-05-06T10:15:00+08:00"); // the author's offset, plain as written
    expect(after[21]).toBe("        - { stage: response, status: met, dueAt: 2024-05-06T10:15:00+08:00 }"); // flow style kept
    expect(after[23]).toBe("          status: overdue   # wrong on purpose"); // the comment kept
    expect((await cli("check", p)).code).toBe(0);
    // nothing left to update: the file is not touched again
    expect((await cli("check", p, "--update")).out).not.toContain("updated");
    expect(readFileSync(p, "utf8").split("\n")).toEqual(after);
  });
  it("JSON files keep their layout too; a case that now throws gets expectError in place of expect", async () => {
    const json = `{
  "policy": "robotIntegration2026",
  "cases": [
    { "id": "a", "kind": "dueAt", "input": { "query": { "service": "fault", "tier": "gold", "urgency": "urgent", "stage": "response" }, "anchor": "2024-05-06T10:00:00+08:00" }, "expect": "2024-05-06T10:15:00+08:00" },
    { "id": "b", "kind": "dueAt", "input": { "query": { "service": "fault", "tier": "core", "urgency": "urgent", "stage": "response" }, "anchor": "2024-05-06T10:00:00+08:00" }, "expect": "2024-05-06T10:15:00+08:00" }
  ]
}
`;
    const p = file("update.json", json);
    expect((await cli("check", p, "--update")).code).toBe(0);
    const after = readFileSync(p, "utf8");
    expect(after).toBe(json.replace('"expect": "2024-05-06T10:15:00+08:00" },\n', '"expectError": "UNKNOWN_VALUE" },\n'));
  });
  it("a failing expectRule is not rewritten: --update exits 1 and says so", async () => {
    const p = file("rule.yaml", CASES.replace("expectRule: 003 §6(2)", "expectRule: 003 §6(5)"));
    const r = await cli("check", p, "--update");
    expect(r.code).toBe(1);
    expect(r.out).toContain("expected rule 003 §6(5) to fire");
    expect(r.out).toContain("2 passed, 1 failed, 2 updated");
  });
});

describe("case-file mistakes are malformed files: exit 2 with file:line:col (issue 16)", () => {
  const base = (caseText: string) => `policy: robotIntegration2026\ncases:\n${caseText}`;
  it.each([
    ["unknown input key", `  - id: x\n    kind: dueAt\n    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchr: 2024-05-06T10:00:00+08:00 }\n    expect: 2024-05-06T10:15:00+08:00\n`, /:5:\d+: .*Unknown input "anchr".*Did you mean "anchor"\?/],
    ["expect instant without offset", `  - id: x\n    kind: dueAt\n    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }\n    expect: 2024-05-06T10:15:00\n`, /:6:13: .*has no offset/],
    ["a case that checks nothing", `  - id: x\n    kind: dueAt\n    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }\n`, /:3:5: .*checks nothing/],
    ["unknown case key", `  - id: x\n    kind: dueAt\n    input: {}\n    expct: 1\n`, /:3:5: .*unknown key "expct". Did you mean "expect"\?/],
    ["asOf without offset", `  - id: x\n    kind: evaluateTicket\n    asOf: 2024-05-06T10:14\n    input: { ticket: {} }\n    expectRule: x\n`, /:5:11: .*asOf/],
    ["kind valueOf", `  - id: x\n    kind: valueOf\n    input: {}\n    expect: 1\n`, /:4:11: .*Unknown case kind "valueOf"/],
  ])("%s", async (name, text, pattern) => {
    const r = await cli("check", file(`${name.replace(/\W+/g, "-")}.yaml`, base(text)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
  });
});

describe("diff never says 'no change' when it failed (issue 16)", () => {
  const tickets = file("tickets.json", JSON.stringify([ticket, { ...ticket, id: "T-2", service: "falt" }]));
  it("errored cases are counted on their own line and make --fail-on fail", async () => {
    const r = await cli("diff", "robotIntegration2026", "robotIntegration2026", "--tickets", tickets, "--as-of", "2024-05-06T12:00:00+08:00", "--fail-on", "flip");
    expect(r.code).toBe(1);
    expect(r.out).toContain("1 errored");
    expect(r.out).toMatch(/T-2: both UNKNOWN_VALUE: Unknown service "falt".*Did you mean "fault"\?/);
    const ok = await cli("diff", "robotIntegration2026", "robotIntegration2026", "--tickets", file("ok.json", JSON.stringify([ticket])), "--as-of", "2024-05-06T12:00:00+08:00", "--fail-on", "flip");
    expect(ok.code).toBe(0);
    expect(ok.out).not.toContain("errored");
  });
  it("an unparsable --as-of is exit 2; one without offset is refused with a hint unless --time-zone names the zone", async () => {
    const bad = await cli("diff", "robotIntegration2026", "robotIntegration2026", "--tickets", tickets, "--as-of", "yesterday");
    expect(bad.code).toBe(2);
    for (const local of ["2025-10-10", "2025-10-10 12:00", "2024-05-06T12:00"]) {
      const r = await cli("diff", "robotIntegration2026", "robotIntegration2026", "--tickets", tickets, "--as-of", local);
      expect(r.code).toBe(2);
      expect(r.err).toContain("has no offset");
      expect(r.err).toContain("--time-zone");
    }
    const zoned = await cli("diff", "robotIntegration2026", "robotIntegration2026", "--tickets", tickets, "--as-of", "2024-05-06 12:00", "--time-zone", "Asia/Shanghai", "--reporter", "json");
    expect(JSON.parse(zoned.out).asOf).toBe("2024-05-06T04:00:00.000Z");
    expect(parseAsOf("2025-10-10", "America/New_York").toISOString()).toBe("2025-10-10T04:00:00.000Z");
    expect(() => parseAsOf("2025-02-30 10:00", "UTC")).toThrow("not a real date");
  });
  it("lists status flips before moved deadlines, and prints the summary once", async () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { version: string; targets: { id?: string }[] };
    json.version = "1.1.0";
    json.targets = json.targets.map((t) => (t.id === "S4:fault:response:core-urgent" ? { ...t, within: "PT10M" } : t));
    const r = await cli("diff", "robotIntegration2026", file("new.json", JSON.stringify(json)), "--tickets", file("one.json", JSON.stringify([ticket])), "--as-of", "2024-05-06T12:00:00+08:00");
    const status = r.out.indexOf('status "met" -> "breached"');
    const due = r.out.indexOf("dueAt");
    expect(status).toBeGreaterThan(0);
    expect(due).toBeGreaterThan(status);
    expect(r.out.match(/Outcomes:/g)).toHaveLength(1);
  });
});

describe("validate: file:line:column, the row's id, cascades folded, capped (issue 16, 14)", () => {
  it("one renamed stage is one root cause with a did-you-mean, its gaps folded", async () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { targets: { service: string; stage: string }[] };
    json.targets = json.targets.map((t) => (t.service === "fault" && t.stage === "response" ? { ...t, stage: "respnse" } : t));
    const p = file("renamed.yaml", stringify(json));
    const r = await cli("validate", p);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toMatch(/^error UNKNOWN_STAGE .*renamed\.yaml:\d+:\d+ \(row S4:fault:response:core-urgent\).* and 3 more: Stage "respnse" is not a stage of service "fault".*Did you mean "response"\?/);
    expect(lines[1]).toContain("this also explains 6 GAP");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("12 error(s), 0 warning(s): 6 UNKNOWN_STAGE, 6 GAP");
  });
  it("zod's raw texts become sentences: version 1.0 -> quote it", async () => {
    const yaml = stringify(JSON.parse(JSON.stringify(robotIntegration2026))).replace('version: 1.0.0', "version: 1.0");
    const r = await cli("validate", file("version.yaml", yaml));
    expect(r.out).toMatch(/version\.yaml:2:10: version must be a string, got the number 1\.0\. Quote it: "1\.0"\./);
    const withn = JSON.parse(JSON.stringify(robotIntegration2026)) as { targets: Record<string, unknown>[] };
    withn.targets[3] = { ...withn.targets[3], withn: "PT1H" };
    const w = await cli("validate", file("withn.json", JSON.stringify(withn, null, 2)));
    expect(w.out).toMatch(/withn\.json:\d+:\d+ \(row S2:consultation:online-response:core\): .*"withn".*Did you mean "within"\?/);
  });
  it("caps findings: the first N groups, then a count and a summary by kind", async () => {
    const json = JSON.parse(JSON.stringify(robotIntegration2026)) as { dimensions: Record<string, string[]> };
    json.dimensions["tier"] = [...(json.dimensions["tier"] ?? []), ...Array.from({ length: 60 }, (_, i) => `t${i}`)];
    const r = await cli("validate", file("many.json", JSON.stringify(json)), "--max-findings", "5");
    expect(r.code).toBe(1);
    const out = r.out.trim().split("\n");
    expect(out.filter((l) => /^(error|warning) /.test(l))).toHaveLength(5);
    expect(r.out).toMatch(/\.\.\. \d+ more group\(s\) not shown/);
    expect(out.at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\): \d+ GAP/);
    expect(out.length).toBeLessThan(20);
    const j = JSON.parse((await cli("validate", join(dir, "many.json"), "--reporter", "json", "--max-findings", "5")).out);
    expect(j.groups).toHaveLength(5);
    expect(j.findings.length).toBeLessThanOrEqual(50);
    expect(j.findingsOmitted).toBeGreaterThan(0);
  });
});

describe("did you mean: flags, commands, reporters, stages and tiers (issue 16)", () => {
  it("suggests the nearest name", async () => {
    expect((await cli("check", "x.yaml", "--reporterr", "json")).err).toContain('Unknown option --reporterr. Did you mean "--reporter"?');
    expect((await cli("chek")).err).toContain('Did you mean "check"?');
    expect((await cli("check", "x.yaml", "--reporter", "jnuit")).err).toContain('Did you mean "junit"?');
    const stage = file("stage.yaml", `policy: robotIntegration2026\ncases:\n  - id: x\n    kind: dueAt\n    input: { query: { service: fault, tier: cor, urgency: urgent, stage: respnse }, anchor: 2024-05-06T10:00:00+08:00 }\n    expectError: UNKNOWN_VALUE\n`);
    expect((await cli("check", stage)).code).toBe(0);
    const failing = await cli("check", file("stage2.yaml", readFileSync(stage, "utf8").replace("expectError: UNKNOWN_VALUE", "expect: 2024-05-06T10:15:00+08:00")));
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('Unknown stage "respnse" of service "fault"');
    expect(failing.out).toContain('Did you mean "response"?');
  });
});

describe("output people read (issue 16)", () => {
  it("a failing case prints only the failing stage's trace, durations as people write them", async () => {
    const r = await cli("check", file("trace.yaml", CASES));
    expect(r.out).toContain("response: due: 2024-05-06T02:00:00.000Z + 15 min");
    expect(r.out).toContain("handling: status:");
    expect(r.out).not.toContain("resolution:");
    expect(r.out.match(/\d+ passed, \d+ failed/g)).toHaveLength(1);
  });
  it("explain --time-zone shows every trace step in local time, durations as 12 h", async () => {
    const t = file("t.json", JSON.stringify({ id: "T-9", service: "fault", tier: "ordinary", urgency: "general", createdAt: "2024-05-06T10:00:00+08:00", events: [] }));
    const r = await cli("explain", "robotIntegration2026", "--ticket", t, "--as-of", "2024-05-06T10:14:00+08:00", "--time-zone", "Asia/Shanghai");
    expect(r.out).toContain("- due: 2024-05-06 10:00:00 Asia/Shanghai + 2 h on shanghai-24x7 = 2024-05-06 12:00:00 Asia/Shanghai");
    expect(r.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(r.out).not.toMatch(/\d ms\b/);
    expect(duration(43_200_000)).toBe("12 h");
    expect(duration(5_400_000)).toBe("1 h 30 min");
    expect(duration(-90_000)).toBe("-1 min 30 s");
  });
  it("--reporter github writes one workflow annotation per failing case with file and line", async () => {
    const p = file("gh.yaml", CASES);
    const r = await cli("check", p, "--reporter", "github");
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^::error file=${p.replace(/[/\\.]/g, "\\$&")},line=5,title=sla-kit%3A S4 core urgent response::`));
    expect(lines[1]).toMatch(/,line=14,title=sla-kit%3A W1 ticket::stages\[stage=response\]\.status: expected "breached", got "met"%0A/);
    expect(lines.at(-1)).toBe("1 passed, 2 failed");
  });
  it("JUnit carries file and line", async () => {
    const p = file("junit.yaml", CASES);
    const out = join(dir, "out.xml");
    await cli("check", p, "--reporter", "junit", "--output", out);
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain(`name="S4 core urgent response" file="${p}" line="5"`);
    expect(xml).toContain(`name="W1 ticket" file="${p}" line="14"`);
  });
});

describe("check --coverage and --min-coverage, as opa test --coverage (issue 16)", () => {
  it("lists the target rows no case exercised and fails below the threshold", async () => {
    const p = file("cov.yaml", CASES.replace("status: met   # wrong on purpose", "status: overdue").replace("status: breached", "status: met").replace("10:10:00+08:00", "10:15:00+08:00"));
    const r = await cli("check", p, "--coverage");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Coverage: \d+\.\d% \(\d+ of \d+\)/);
    expect(r.out).toContain("not exercised: S13:documents:archive");
    expect(r.out).not.toContain("not exercised: S4:fault:response:core-urgent");
    expect(r.out).not.toContain("not exercised: S4:fault:handling:core-urgent");
    const low = await cli("check", p, "--min-coverage", "90");
    expect(low.code).toBe(1);
    expect(low.err).toContain("below --min-coverage 90%");
    expect((await cli("check", p, "--min-coverage", "1")).code).toBe(0);
    const j = JSON.parse((await cli("check", p, "--coverage", "--reporter", "json")).out);
    expect(j.coverage.parts[0].covered).toContain("S4:fault:response:core-urgent");
    const scoring = file("cov-scoring.yaml", `cases:\n  - id: M1\n    kind: assessPenalty\n    input: { ruleId: M1, input: { count: 1 } }\n    expectRule: M1\n`);
    const s = await cli("check", scoring, "--coverage", "--reporter", "json");
    expect(JSON.parse(s.out).coverage.parts[0]).toMatchObject({ name: "scoring rules (penalties and bonuses)", covered: ["M1"] });
  });
});
