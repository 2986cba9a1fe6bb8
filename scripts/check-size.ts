/**
 * Bundle sizes of typical imports against budgets (issue 15): each entry is bundled with esbuild
 * (minified, ESM, browser-neutral, from the built `dist/` as a user's bundler would see the
 * package) and gzipped. Run after `npm run build`: `npx tsx scripts/check-size.ts`.
 * Exit 1 when an enforced budget is exceeded or zod reaches a bundle that must stay free of it;
 * whole entries (`import * as m`) are printed for reference, without a budget.
 *
 * An enforced import must also weigh about the same from `dist/` as from `src/` (see CHUNK_SLACK).
 * `--why`: also prints, for each enforced bundle, what it is made of: the same import bundled from
 * `src/`, cut into its source files, each with the gzip bytes the bundle loses without it
 * (the biggest first; the parts do not add up exactly, gzip shares repeats between files).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const why = process.argv.includes("--why");

interface Budget {
  readonly name: string;
  readonly code: string;
  readonly limitBytes: number;
  /** false: printed, not enforced. */
  readonly enforce: boolean;
  /** The bundle must not contain zod (it enters only with the JSON schemas of the edges). */
  readonly noZod?: boolean;
}

/**
 * `evaluateTicket` with a policy: 34.5 kB gz, a small margin over what it weighs (2026-12-02: 34.1 kB
 * with `robotIntegration2026`, 32.4 kB with `parsePolicy`), so a regression fails. Issue 15's goal
 * is 30 kB: `--why` shows the parts; the fast path (`_plan.ts`, `_fast.ts` and its part of
 * `evaluateTicket.ts`) is 4.5 kB of them, the same import without it 29.3 kB.
 */
const EVALUATE_BUDGET = 34.5 * 1024;

const budgets: readonly Budget[] = [
  {
    name: 'import { addBusinessTime, defineCalendar } from "sla-kit/calendar"',
    code: 'import { addBusinessTime, defineCalendar } from "sla-kit/calendar"; console.log(addBusinessTime, defineCalendar);',
    limitBytes: 8 * 1024,
    enforce: true,
    noZod: true,
  },
  {
    name: 'import { chinaWorkCalendar, addBusinessDays } from "sla-kit/calendar"',
    code: 'import { chinaWorkCalendar, addBusinessDays } from "sla-kit/calendar"; console.log(chinaWorkCalendar, addBusinessDays);',
    limitBytes: 12 * 1024,
    enforce: true,
    noZod: true,
  },
  {
    name: 'import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla"',
    code: 'import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla"; console.log(evaluateTicket, robotIntegration2026);',
    // issue 15's goal was 30 kB (24.8 kB when it was set); recurring cycles, reclassification and
    // reopening (S15-S17) are part of every evaluation and brought it to 30.1 kB, and evaluateTicket's
    // fast path on the compiled plans (src/sla/_plan.ts, _fast.ts: about twice as fast) to 34.3 kB;
    // 33.3 kB once the built-in policies and holiday data stopped riding along in the shared chunks
    // (CHUNK_SLACK); 33.8 kB with the calendar's day buckets and the plans' epoch-ms business days
    // and reused event records, 0.2 kB of repeated code folded away; 33.7 kB once the plans decided
    // which policies they judge by the three features they lack instead of a list of every field;
    // 34.0 kB with rejected agreements and unknown stages on the fast path (the cliff of a batch past
    // the holiday data: 21 to 7 µs a ticket) and calendar errors kept as data made without a stack
    // (src/_lib/quiet.ts), so the budget went from 34 to 34.5 kB; 34.2 kB once the ticket and its
    // events were read once (the copy fast traces are rendered from made of the events as read,
    // the ticket's fields read at the call), 34.1 kB once the trace copy kept that reading instead of
    // copying it again. The budget guards against
    // regressions from here; issue 15's 30 kB goal is not met (gzip keeps repeats nearly free: only code and text that say
    // something new weigh, so the bytes left are the fast path's second evaluator, see EVALUATE_BUDGET).
    limitBytes: EVALUATE_BUDGET,
    enforce: true,
    noZod: true,
  },
  {
    name: 'import { parsePolicy, evaluateTicket } from "sla-kit/sla"',
    code: 'import { parsePolicy, evaluateTicket } from "sla-kit/sla"; console.log(parsePolicy, evaluateTicket);',
    limitBytes: EVALUATE_BUDGET,
    enforce: true,
    noZod: true,
  },
  {
    // the golden entry's shared chunk once kept every case kind and zod schema (158.9 kB gz for this
    // import, 2.0 kB once they were built by calls marked pure): a regression past 4 kB fails here
    name: 'import { matchExpected } from "sla-kit/golden"',
    code: 'import { matchExpected } from "sla-kit/golden"; console.log(matchExpected);',
    limitBytes: 4 * 1024,
    enforce: true,
    noZod: true,
  },
  // whole entries, for reference (zod comes in with the exported schemas)
  ...["sla-kit", "sla-kit/calendar", "sla-kit/sla", "sla-kit/kpi", "sla-kit/scoring", "sla-kit/golden", "sla-kit/table"].map(
    (spec): Budget => ({ name: `import * from "${spec}"`, code: `import * as m from "${spec}"; console.log(m);`, limitBytes: Number.POSITIVE_INFINITY, enforce: false }),
  ),
];

const gzipBytes = (text: string | Uint8Array): number => gzipSync(text, { level: 9 }).length;

/**
 * The same import bundled straight from `src/` (identifiers and syntax minified, one `// file`
 * comment per file), cut into its source files, each part minified.
 */
async function sourceParts(code: string): Promise<{ file: string; text: string }[]> {
  const entry = code.replace(/"sla-kit(?:\/(\w+))?"/g, (_, sub: string | undefined) => JSON.stringify(join(root, "src", sub ?? "", "index.ts")));
  const r = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts" },
    bundle: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  const parts: { file: string; text: string }[] = [];
  let cur = { file: "(entry)", lines: [] as string[] };
  const flush = async (): Promise<void> => {
    const text = (await transform(cur.lines.join("\n"), { minifyWhitespace: true, loader: "js", format: "esm" })).code;
    parts.push({ file: cur.file, text });
  };
  for (const line of r.outputFiles[0]!.text.split("\n")) {
    const m = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(line);
    if (m === null) {
      cur.lines.push(line);
      continue;
    }
    await flush();
    cur = { file: m[1]!.replace(/^(?:\.\.\/)*/, "").replace(/^.*?node_modules\//, "node_modules/"), lines: [] };
  }
  await flush();
  return parts;
}

/** What each source file adds to the gzip size: the whole minus the whole without that file. */
function breakdown(parts: readonly { file: string; text: string }[], whole: number): string[] {
  const rows = parts
    .map((p) => ({ file: p.file, min: p.text.length, gz: whole - gzipBytes(parts.filter((q) => q !== p).map((q) => q.text).join("")) }))
    .sort((a, b) => b.gz - a.gz);
  return [
    `         from src/: ${(whole / 1024).toFixed(1)} kB gz; per file, kB gz it adds (kB min):`,
    ...rows.filter((x) => x.gz >= 40).map((x) => `         ${(x.gz / 1024).toFixed(2).padStart(6)} (${(x.min / 1024).toFixed(1).padStart(5)})  ${x.file}`),
  ];
}

/**
 * How much more the import may weigh from `dist/` than from `src/`. More means the shared chunks
 * carry code the import does not use: a module-level statement with side effects (a call, `new`,
 * a spread, a computed key, a tagged template) that a bundler must keep once tsup has merged the
 * modules into one chunk. Build such values with a call marked `/* @__PURE__ *\/` or a function
 * marked `/* @__NO_SIDE_EFFECTS__ *\/` (see src/sla/policies/).
 */
const CHUNK_SLACK = 256;

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
      metafile: true,
    });
    const kept = Object.entries(Object.values(r.metafile.outputs)[0]?.inputs ?? {}).filter(([, v]) => v.bytesInOutput > 0);
    const zod = kept.some(([f]) => /node_modules[\\/]zod[\\/]/.test(f));
    const bytes = r.outputFiles[0]!.contents;
    const gz = gzipBytes(bytes);
    const over = gz > b.limitBytes;
    const zodLeak = zod && b.noZod === true;
    const parts = b.enforce ? await sourceParts(b.code) : [];
    const srcGz = b.enforce ? gzipBytes(parts.map((p) => p.text).join("")) : 0;
    const chunkLeak = b.enforce && gz > srcGz + CHUNK_SLACK;
    if ((over && b.enforce) || zodLeak || chunkLeak) failed++;
    const status = zodLeak
      ? "ZOD INCLUDED"
      : over
        ? b.enforce
          ? "OVER BUDGET"
          : "over (reported, not enforced)"
        : chunkLeak
          ? "CHUNK LEAK"
          : b.enforce
            ? "ok"
            : zod
              ? "(with zod)"
              : "";
    const budget = Number.isFinite(b.limitBytes) ? `budget ${+(b.limitBytes / 1024).toFixed(1)} kB` : "no budget";
    console.log(`${(gz / 1024).toFixed(1).padStart(6)} kB gz (${(bytes.length / 1024).toFixed(1).padStart(5)} kB min) / ${budget.padEnd(12)} ${status.padEnd(12)} ${b.name}`);
    if (chunkLeak) console.log(`         ${((gz - srcGz) / 1024).toFixed(1)} kB gz more than the same import from src/ (${(srcGz / 1024).toFixed(1)} kB): see CHUNK_SLACK`);
    if (why && b.enforce) for (const line of breakdown(parts, srcGz)) console.log(line);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`${failed} enforced size check(s) failed`);
  process.exit(1);
}
