/**
 * Bundle sizes of typical imports against budgets (issue 15): each entry is bundled with esbuild
 * (minified, ESM, browser-neutral, from the built `dist/` as a user's bundler would see the
 * package) and gzipped. Run after `npm run build`: `npx tsx scripts/check-size.ts`.
 * Exit 1 when an enforced budget is exceeded; budgets marked "report" are printed only.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

interface Budget {
  readonly name: string;
  readonly code: string;
  readonly limitBytes: number;
  /** false: printed, not enforced (owned by another domain, not there yet). */
  readonly enforce: boolean;
}

const budgets: readonly Budget[] = [
  {
    name: 'import { addBusinessTime, defineCalendar } from "sla-kit/calendar"',
    code: 'import { addBusinessTime, defineCalendar } from "sla-kit/calendar"; console.log(addBusinessTime, defineCalendar);',
    limitBytes: 8 * 1024,
    enforce: true,
  },
  {
    name: 'import { chinaWorkCalendar, addBusinessDays } from "sla-kit/calendar"',
    code: 'import { chinaWorkCalendar, addBusinessDays } from "sla-kit/calendar"; console.log(chinaWorkCalendar, addBusinessDays);',
    limitBytes: 12 * 1024,
    enforce: true,
  },
  {
    name: 'import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla"',
    code: 'import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla"; console.log(evaluateTicket, robotIntegration2026);',
    limitBytes: 30 * 1024,
    enforce: false,
  },
];

// a consumer project: node_modules/sla-kit is this package, resolved through its exports map
const dir = mkdtempSync(join(tmpdir(), "sla-kit-size-"));
mkdirSync(join(dir, "node_modules"));
symlinkSync(root, join(dir, "node_modules", "sla-kit"), "dir");
let failed = 0;
try {
  for (const b of budgets) {
    const entry = join(dir, "entry.mjs");
    writeFileSync(entry, b.code);
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
      mainFields: ["module", "main"],
    });
    const bytes = r.outputFiles[0]!.contents;
    const gz = gzipSync(bytes, { level: 9 }).length;
    const over = gz > b.limitBytes;
    if (over && b.enforce) failed++;
    const status = over ? (b.enforce ? "OVER BUDGET" : "over (reported, not enforced)") : "ok";
    console.log(`${(gz / 1024).toFixed(1).padStart(6)} kB gz (${(bytes.length / 1024).toFixed(1)} kB min) / budget ${(b.limitBytes / 1024).toFixed(0)} kB  ${status}  ${b.name}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`${failed} enforced size budget(s) exceeded`);
  process.exit(1);
}
