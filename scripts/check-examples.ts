/**
 * Runs every TSDoc `@example` of the library's sources, and lists exported functions, classes
 * and constants whose TSDoc has no `@example`. Imports of "sla-kit" and "sla-kit/<domain>" are
 * pointed at the sources. Exit 1 when an example throws or an export has no example.
 * Run: `npx tsx scripts/check-examples.ts` (CI runs it).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rewriteImports } from "./_sources.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const src = join(root, "src");
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith(".ts") && !f.startsWith("cli") && !f.split("/").some((p) => p.startsWith("_")))
  .sort();

// only what the package exports counts (internal helpers in public files do not need examples)
const publicNames = new Set<string>();
for (const entry of ["index", "calendar/index", "sla/index", "kpi/index", "scoring/index", "golden/index", "table/index", "node/index", "duckdb/index"]) {
  for (const k of Object.keys(await import(pathToFileURL(join(src, `${entry}.ts`)).href))) publicNames.add(k);
}

const tmp = mkdtempSync(join(tmpdir(), "sla-kit-tsdoc-"));
const examples: { where: string; file: string }[] = [];
const missing: string[] = [];

for (const f of files) {
  const text = readFileSync(join(src, f), "utf8");
  // exported declarations and the doc comment right before each
  const decl = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*export (?:async )?(function|const|class) (\w+)/g;
  for (const m of text.matchAll(decl)) {
    const doc = m[1] ?? "";
    const name = m[3]!;
    if (!publicNames.has(name)) continue;
    if (!doc.includes("@example")) {
      missing.push(`${f}: ${m[2]} ${name}`);
      continue;
    }
    const block = /@example[\s\S]*?```(?:ts|js|typescript)?\n([\s\S]*?)```/.exec(doc);
    if (block === null) continue;
    const code = rewriteImports(block[1]!
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n"));
    // .mts: an ES module, so examples may use top-level await (the DuckDB example does)
    const file = join(tmp, `${examples.length}.mts`);
    writeFileSync(file, `${code}\nexport {};\n`);
    examples.push({ where: `${f}: ${name}`, file });
  }
}

const log = console.log;
let failed = 0;
for (const ex of examples) {
  console.log = () => {};
  try {
    await import(pathToFileURL(ex.file).href);
  } catch (e) {
    failed++;
    console.error(`example of ${ex.where} throws: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    console.log = log;
  }
}
for (const m of missing) console.error(`no @example: ${m}`);
console.log(`${examples.length - failed} of ${examples.length} TSDoc examples ran; ${missing.length} export(s) without an example`);
process.exit(failed > 0 || missing.length > 0 ? 1 : 0);
