/**
 * Issue 14, the command's contract: exit codes only 0/1/2 and never a stack trace, bounded and
 * strict input (size limit, regular files, UTF-8, JSON through JSON.parse), atomic writes, and the
 * same answers under every host time zone (the command run as a subprocess under two TZ values).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeAtomic, type WriteFs } from "../../src/cli/io.js";
import { cli, scratch } from "./_cli.js";

const { dir, file } = scratch("sla-kit-contract-");

const CASE = `policy: robotIntegration2026
cases:
  - id: S4 core urgent response
    kind: dueAt
    input: { query: { service: fault, tier: core, urgency: urgent, stage: response }, anchor: 2024-05-06T10:00:00+08:00 }
    expect: 2024-05-06T10:10:00+08:00
`;

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

describe("exit codes 0/1/2 only, never a stack trace (issue 14)", () => {
  it("a YAML alias bomb is a malformed file", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i, all) => `${k}: &${k} [${Array(9).fill(`*${i === 0 ? "a" : all[i - 1]}`).join(", ")}]`)].join("\n");
    const r = await cli("check", file("bomb.yaml", `${bomb}\n`));
    expect(r.code).toBe(2);
    expect(r.err).toContain("malformed YAML");
    noStack(r.err);
  });
  it("--output to a missing directory or an impossible path is exit 2, naming the file", async () => {
    const c = file("ok.yaml", CASE);
    for (const out of [join(dir, "missing", "report.xml"), "/dev/null/report.xml"]) {
      const r = await cli("check", c, "--reporter", "junit", "--output", out);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${out}: cannot write`);
      noStack(r.err);
    }
  });
  it("--update on a read-only file is exit 2 and leaves it as it was", async () => {
    const p = file("readonly.yaml", CASE);
    chmodSync(p, 0o444);
    const r = await cli("check", p, "--update");
    expect(r.code).toBe(2);
    expect(r.err).toContain("read-only");
    expect(readFileSync(p, "utf8")).toBe(CASE);
  });
  it("a failure while writing (injected) leaves the original intact and no temporary file", () => {
    const p = file("atomic.json", '{"keep": true}\n');
    const failing: WriteFs = {
      writeFileSync(f, text, o) {
        writeFileSync(f, text.slice(0, 5), o); // a partial write, then the disk is full
        throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      },
      renameSync() {
        throw new Error("not reached");
      },
    };
    expect(() => writeAtomic(p, '{"keep": false, "long": "........"}\n', failing)).toThrow("ENOSPC");
    expect(readFileSync(p, "utf8")).toBe('{"keep": true}\n');
    expect(spawnSync("ls", ["-A", dir]).stdout.toString()).not.toMatch(/\.tmp/);
    writeAtomic(p, '{"keep": false}\n');
    expect(readFileSync(p, "utf8")).toBe('{"keep": false}\n');
  });
});

describe("bounded, strict input (issue 14)", () => {
  it(".json files go through JSON.parse: YAML in a .json file is malformed JSON with line and column", async () => {
    const r = await cli("check", file("yaml-in.json", '{\n  "cases": [\n    { id: x }\n  ]\n}\n'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/yaml-in\.json:3:7: malformed JSON/);
  });
  it("a JSON file over 1 MB is parsed once (JSON.parse) and still gets each case's line", async () => {
    const cases = Array.from({ length: 7000 }, (_, i) => ({ id: `K1 case ${i}`, kind: "ratio", input: { numerator: i % 10, denominator: 10 }, expect: { value: i === 6543 ? 2 : (i % 10) / 10 } }));
    const text = JSON.stringify({ cases }, null, 2);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const line = text.slice(0, text.indexOf('"id": "K1 case 6543"')).split("\n").length - 1;
    const big = await cli("check", file("big.json", text), "--reporter", "github");
    expect(big.code).toBe(1);
    expect(big.out).toContain(`big.json,line=${line},title=sla-kit%3A K1 case 6543::`);
    // the small-file path (a second parse with positions) points at the same place: the case's "{"
    const smallText = JSON.stringify({ cases: cases.slice(6540, 6545) }, null, 2);
    const smallLine = smallText.slice(0, smallText.indexOf('"id": "K1 case 6543"')).split("\n").length - 1;
    const small = await cli("check", file("small.json", smallText), "--reporter", "github");
    expect(small.out).toContain(`small.json,line=${smallLine},title=sla-kit%3A K1 case 6543::`);
  });
  it("--max-bytes refuses larger files; non-regular files (/dev/zero, directories) are refused", async () => {
    const p = file("big.yaml", CASE);
    const r = await cli("check", p, "--max-bytes", "100");
    expect(r.code).toBe(2);
    expect(r.err).toContain("over the input limit of 100 bytes");
    expect((await cli("check", p, "--max-bytes", "100000")).code).toBe(1);
    expect((await cli("check", p, "--max-bytes", "-3")).code).toBe(2);
    for (const special of ["/dev/zero", dir]) {
      const s = await cli("check", special);
      expect(s.code).toBe(2);
      expect(s.err).toContain("not a regular file");
    }
  });
  it("non-UTF-8 input is an error naming the byte offset", async () => {
    const bytes = Buffer.concat([Buffer.from("policy: robotIntegration2026\n# caf"), Buffer.from([0xe9]), Buffer.from("\ncases: []\n")]);
    const r = await cli("check", file("latin1.yaml", bytes));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`not valid UTF-8 at byte offset ${"policy: robotIntegration2026\n# caf".length}`);
    // valid multi-byte UTF-8 (and a BOM) is fine
    expect((await cli("check", file("utf8.yaml", `\uFEFF# 工单\n${CASE}`))).code).toBe(1);
  });
});

describe("the command under two host time zones (issue 14)", () => {
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  const sub = (tz: string, ...argv: string[]) => {
    const r = spawnSync(tsx, [main, ...argv], { env: { ...process.env, TZ: tz, NO_COLOR: "1" }, encoding: "utf8" });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  it("check and explain give the same output and exit code when run under TZ=America/New_York and TZ=Asia/Shanghai", () => {
    const ticket = file("tz-ticket.json", JSON.stringify({ id: "T", service: "complaint", tier: "ordinary", createdAt: "2024-05-06T17:30:00+08:00", events: [] }));
    // one subprocess per zone (each costs a TypeScript start-up); the in-process test below covers every command
    const runs = [["explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-07 09:00", "--time-zone", "Asia/Shanghai"]];
    for (const argv of runs) {
      const ny = sub("America/New_York", ...argv);
      const sh = sub("Asia/Shanghai", ...argv);
      expect([ny.code, ny.out, ny.err]).toEqual([sh.code, sh.out, sh.err]);
      expect([0, 1]).toContain(ny.code);
      noStack(ny.err);
    }
  }, 120_000);
  it("in-process, every command agrees across host zones (process.env.TZ switched between runs)", async () => {
    const cases = file("tz2.yaml", CASE);
    const ticket = file("tz2-ticket.json", JSON.stringify({ id: "T", service: "complaint", tier: "ordinary", createdAt: "2024-05-06T17:30:00+08:00", events: [] }));
    const tickets = file("tz2-tickets.json", JSON.stringify([{ id: "T", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [] }]));
    const argvs = [
      ["check", cases, "--reporter", "json"],
      ["explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-07T09:00:00+08:00"],
      ["explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-07", "--time-zone", "Asia/Shanghai"],
      ["explain", "robotIntegration2026", "--ticket", ticket, "--as-of", "2024-05-07T09:00"],
      ["diff", "robotIntegration2026", "cableOperatorNorms", "--tickets", tickets, "--as-of", "2024-05-06 10:14", "--time-zone", "Asia/Shanghai", "--reporter", "json"],
    ];
    const saved = process.env["TZ"];
    try {
      const results = [];
      for (const tz of ["America/New_York", "Asia/Shanghai", "Pacific/Kiritimati"]) {
        process.env["TZ"] = tz;
        expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(tz === "America/New_York" ? 300 : tz === "Asia/Shanghai" ? -480 : -840);
        const out = [];
        for (const argv of argvs) out.push(await cli(...argv));
        results.push(out);
      }
      expect(results[0]!.map((r) => r.code)).toEqual([1, 0, 0, 2, 0]);
      expect(results[0]![3]!.err).toContain("has no offset");
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    } finally {
      if (saved === undefined) delete process.env["TZ"];
      else process.env["TZ"] = saved;
    }
  });
});
