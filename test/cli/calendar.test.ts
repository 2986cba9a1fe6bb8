/** `sla-kit calendar import-notice` (issue 11): a notice file or stdin -> the year as JSON. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chinaHolidayYears } from "../../src/calendar/index.js";
import { run } from "../../src/cli/run.js";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

const fixture = (name: string): string => fileURLToPath(new URL(`../calendar/fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "sla-kit-cal-cli-"));

describe("sla-kit calendar import-notice", () => {
  it("prints the year of a notice file as JSON, equal to the shipped data (T6)", async () => {
    const r = await cli("calendar", "import-notice", fixture("notice-2025.txt"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(chinaHolidayYears[1]);
    const r26 = await cli("calendar", "import-notice", fixture("notice-2026.txt"), "--via", chinaHolidayYears[2]!.source.via!);
    expect(JSON.parse(r26.out)).toEqual(chinaHolidayYears[2]);
  });

  it("--year for a text without its title; --published for one without the date line", async () => {
    const f = join(dir, "bare.txt");
    writeFileSync(f, "一、元旦：1月1日（周五）放假，共1天。\n");
    const r = await cli("calendar", "import-notice", f, "--year", "2027", "--published", "2026-11-20");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ year: 2027, holidays: [{ date: "2027-01-01" }], source: { published: "2026-11-20" } });
    const noYear = await cli("calendar", "import-notice", f);
    expect(noYear.code).toBe(2);
    expect(noYear.err).toContain("INVALID_NOTICE");
    expect(noYear.err).toContain("--year");
  });

  it("a broken notice exits 2 naming the paragraph, without a stack trace", async () => {
    const f = join(dir, "broken.txt");
    writeFileSync(f, readFileSync(fixture("notice-2026.txt"), "utf8").replace("共9天", "共8天"));
    const r = await cli("calendar", "import-notice", f);
    expect(r.code).toBe(2);
    expect(r.err).toContain("INVALID_NOTICE");
    expect(r.err).toContain("二、春节");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("usage errors exit 2: no file, a missing file, a bad --year, an unknown sub-command, non-UTF-8", async () => {
    expect((await cli("calendar")).code).toBe(2);
    expect((await cli("calendar", "--help")).code).toBe(0);
    expect((await cli("calendar", "import-notice", "--help")).out).toContain("import-notice");
    expect((await cli("calendar", "import-notice")).code).toBe(2);
    expect((await cli("calendar", "import-notice", join(dir, "missing.txt"))).err).toContain("cannot read");
    expect((await cli("calendar", "import-notice", fixture("notice-2025.txt"), "--year", "27")).code).toBe(2);
    expect((await cli("calendar", "export")).code).toBe(2);
    const latin1 = join(dir, "latin1.txt");
    writeFileSync(latin1, Buffer.from([0xc4, 0xea, 0x0a]));
    expect((await cli("calendar", "import-notice", latin1)).err).toContain("not valid UTF-8 at byte offset 0");
    // the notice limit is --max-bytes (default 1 MB), as for every other command
    const big = (await cli("calendar", "import-notice", fixture("notice-2024.txt"), "--max-bytes", "100")).err;
    expect(big).toContain("over the input limit of 100 bytes");
    expect((await cli("calendar", "import-notice", fixture("notice-2024.txt"), "--max-bytse", "100")).err).toContain(`Did you mean "--max-bytes"?`);
    expect((await cli("calendar", "import-notice", dir)).err).toContain("not a regular file");
  });

  it("reads the notice from stdin with -", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "calendar", "import-notice", "-"], {
      cwd: root,
      input: readFileSync(fixture("notice-2024.txt")),
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(chinaHolidayYears[0]);
    // stdin is bounded too
    const big = spawnSync(process.execPath, ["--import", "tsx", join(root, "src/cli/main.ts"), "calendar", "import-notice", "-", "--max-bytes", "100"], {
      cwd: root,
      input: readFileSync(fixture("notice-2024.txt")),
      encoding: "utf8",
    });
    expect(big.status).toBe(2);
    expect(big.stderr).toContain("standard input: more than 100 bytes is over the input limit of 100 bytes");
  });
});
