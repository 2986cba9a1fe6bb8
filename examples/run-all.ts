/**
 * Runs every example script (`examples/*.ts` except this one) with tsx, one after the other,
 * and exits non-zero if any of them fails or times out. `npm run examples` runs them all;
 * `npm run demo` runs `examples/demo.ts` through this script.
 *
 * Examples import the package by its public names (`import { ... } from "sla-kit/calendar"`), so
 * they can be pasted into a project as they are. Here those names resolve to the sources in
 * `src/` (a generated tsconfig with `paths`, passed to tsx), so no build is needed first.
 *
 * Usage: tsx examples/run-all.ts [name ...]   (names without ".ts"; default: all)
 * A file whose first lines contain `run-all: skip` is listed but not run (say why beside it).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TIMEOUT_MS = 120_000;
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");

const wanted = process.argv.slice(2).map((n) => basename(n, ".ts"));
const all = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && f !== "run-all.ts")
  .sort();
const missing = wanted.filter((n) => !all.includes(`${n}.ts`));
if (missing.length > 0) {
  console.error(`run-all: no such example: ${missing.map((n) => `examples/${n}.ts`).join(", ")}`);
  process.exit(1);
}
const files = wanted.length > 0 ? wanted.map((n) => `${n}.ts`) : all;
if (files.length === 0) {
  console.error("run-all: no examples found in examples/ (expected at least examples/demo.ts)");
  process.exit(1);
}
if (wanted.length === 0 && !all.includes("demo.ts")) {
  console.error("run-all: examples/demo.ts is missing, but the README's `npm run demo` runs it");
  process.exit(1);
}

// "sla-kit" and "sla-kit/<domain>" -> the sources, for tsx (it honours tsconfig `paths`).
const tmp = mkdtempSync(join(tmpdir(), "sla-kit-examples-"));
const tsconfig = join(tmp, "tsconfig.json");
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: join(root, "tsconfig.json"),
    compilerOptions: {
      paths: {
        "sla-kit": [join(root, "src/index.ts")],
        "sla-kit/*": [join(root, "src/*/index.ts")],
      },
    },
  }),
);
const tsxCli = join(root, "node_modules", "tsx", "dist", "cli.mjs");
if (!existsSync(tsxCli)) {
  console.error("run-all: tsx is not installed; run `npm ci` first");
  process.exit(1);
}

const results: { file: string; status: "ok" | "failed" | "skipped"; ms: number; note?: string }[] = [];
for (const file of files) {
  const path = join(here, file);
  const head = readFileSync(path, "utf8").split("\n", 5).join("\n");
  if (head.includes("run-all: skip")) {
    results.push({ file, status: "skipped", ms: 0, note: "marked run-all: skip" });
    continue;
  }
  console.log(`\n--- examples/${file} ---`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [tsxCli, "--tsconfig", tsconfig, path], {
    cwd: root,
    stdio: "inherit",
    timeout: TIMEOUT_MS,
    env: process.env,
  });
  const ms = Date.now() - t0;
  if (r.error || r.status !== 0) {
    const note = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    results.push({ file, status: "failed", ms, note });
  } else {
    results.push({ file, status: "ok", ms });
  }
}
rmSync(tmp, { recursive: true, force: true });

const failed = results.filter((r) => r.status === "failed");
if (files.length > 1 || failed.length > 0) {
  console.log("\nexamples:");
  for (const r of results) {
    console.log(`  ${r.status.padEnd(7)} examples/${r.file} (${r.ms} ms)${r.note ? `: ${r.note}` : ""}`);
  }
  console.log(`${results.length - failed.length} of ${results.length} examples ok`);
}
process.exit(failed.length > 0 ? 1 : 0);
