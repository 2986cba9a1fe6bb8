/**
 * Runs every TypeScript/JavaScript code block of README.md and docs/*.md (not docs/api), and
 * checks the values the blocks show in comments. Run: `npx tsx scripts/check-docs.ts`
 * (`--verbose` lists every passing check). Exit 1 when a block throws or a shown value is wrong.
 *
 * What it does:
 * - Blocks: fenced ```ts, ```js and ```typescript blocks (```json, ```text, ... are not code).
 *   Imports of "sla-kit", "sla-kit/<domain>" and "npm:sla-kit/<domain>" (static and dynamic) are
 *   pointed at the sources (src/index.ts, src/<domain>/index.ts). Each block is written to a temp
 *   .ts file and imported on its own, in this process (like scripts/check-examples.ts), so every
 *   block must be self-contained: it imports what it uses. Other bare imports ("yaml", "zod")
 *   resolve from this repository's node_modules.
 * - Skipped blocks: a block whose FIRST line is a comment `// not run: <reason>` (it reads files,
 *   uses Deno APIs, needs data the reader has...) is not run; the script lists them.
 * - Shown values (best effort; expression statements anywhere in the block, found with the
 *   TypeScript parser):
 *   * `console.log(a, b); // <output>`: what console.log prints (util.format) must be described by
 *     a prefix of the comment (the rest, after a space, is prose). Whitespace runs compare as one
 *     space, `"` and `'` are the same, and `...` in the comment matches anything. When the line
 *     has no comment of its own, comment lines right below it that start with `[`, `{`, a quote
 *     or `=>` are the expected output. A comment starting with `e.g.` is prose and not compared.
 *   * `expr; // <literal> <prose>` (also `// => <literal>`): when the comment starts with a
 *     JSON-ish literal (string in " or ', number such as 10_800_000, true, false, null,
 *     undefined, arrays, objects with bare or quoted keys) followed by the end, a space, `:` or
 *     `,`, the value of `expr` must equal it: primitives with Object.is, arrays element by element
 *     with the same length, objects as a subset (the keys shown must be present and equal). Other
 *     comments (`// { ..., value: null }`, prose) are not compared. A statement without a comment
 *     of its own may put its value on the comment lines right below it, starting with `// =>`.
 *   * A block followed, within a short paragraph that contains "prints", by a ```text block: the
 *     block's whole console.log output must equal that text (line by line, trailing spaces
 *     ignored). This is how README's quick start shows its output.
 *   console.log output of the blocks is captured, never printed; console.table is silenced.
 * - Types: every run ```ts block is also type-checked as a reader would paste it into a strict
 *   project (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess; "sla-kit/<domain>"
 *   mapped to the sources), which catches wrong option names and signatures that run anyway.
 *   ```js blocks are not type-checked. `--no-types` skips this step.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format, inspect, isDeepStrictEqual } from "node:util";
import ts from "typescript";
import { rewriteImports } from "./_sources.js";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const verbose = process.argv.includes("--verbose");
const docs = [
  join(root, "README.md"),
  ...readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(root, "docs", f)),
];

// ---------------------------------------------------------------------------------------------
// blocks
interface Block {
  readonly doc: string; // relative path
  readonly line: number; // 1-based line of the first code line
  readonly code: string;
  readonly expectedOutput: string | null; // from a following ```text block introduced by "prints"
  readonly lang: string;
}

const fence = /^(`{3,}|~{3,})\s*([\w-]*)[^\n]*$/;
const codeLangs = new Set(["ts", "js", "typescript", "javascript", "mjs", "mts"]);

function extractBlocks(path: string): Block[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const raw: { lang: string; line: number; code: string; endLine: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i]!);
    if (open === null) continue;
    const marker = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimEnd().startsWith(marker)) body.push(lines[j++]!);
    raw.push({ lang: open[2]!.toLowerCase(), line: i + 2, code: body.join("\n"), endLine: j });
    i = j;
  }
  const blocks: Block[] = [];
  for (let k = 0; k < raw.length; k++) {
    const b = raw[k]!;
    if (!codeLangs.has(b.lang)) continue;
    const next = raw[k + 1];
    let expectedOutput: string | null = null;
    if (next !== undefined && next.lang === "text") {
      const between = lines.slice(b.endLine + 1, next.line - 2).join("\n");
      if (between.length < 400 && /\bprints\b/i.test(between)) expectedOutput = next.code;
    }
    blocks.push({ doc: relative(root, path), line: b.line, code: b.code, expectedOutput, lang: b.lang });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// JSON-ish literal at the start of a comment
type Parsed = { value: unknown; end: number } | null;

function parseLiteral(s: string, i: number): Parsed {
  const ws = (k: number): number => {
    while (k < s.length && /\s/.test(s[k]!)) k++;
    return k;
  };
  i = ws(i);
  const c = s[i];
  if (c === undefined) return null;
  if (c === '"' || c === "'") {
    let out = "";
    let k = i + 1;
    while (k < s.length && s[k] !== c) {
      if (s[k] === "\\") {
        const e = s[k + 1];
        out += e === "n" ? "\n" : e === "t" ? "\t" : (e ?? "");
        k += 2;
      } else out += s[k++];
    }
    return k < s.length ? { value: out, end: k + 1 } : null;
  }
  const num = /^-?(?:\d[\d_]*)(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?/.exec(s.slice(i));
  if (num !== null) {
    const after = s[i + num[0].length];
    if (after !== undefined && /[\w.-]/.test(after)) return null; // 2024-05-06, 10:15, 1.5x
    return { value: Number(num[0].replace(/_/g, "")), end: i + num[0].length };
  }
  for (const [word, value] of [["true", true], ["false", false], ["null", null], ["undefined", undefined]] as const) {
    if (s.startsWith(word, i) && !/[\w$]/.test(s[i + word.length] ?? "")) return { value, end: i + word.length };
  }
  if (c === "[") {
    const arr: unknown[] = [];
    let k = ws(i + 1);
    if (s[k] === "]") return { value: arr, end: k + 1 };
    for (;;) {
      const el = parseLiteral(s, k);
      if (el === null) return null;
      arr.push(el.value);
      k = ws(el.end);
      if (s[k] === ",") k = ws(k + 1);
      else if (s[k] === "]") return { value: arr, end: k + 1 };
      else return null;
      if (s[k] === "]") return { value: arr, end: k + 1 }; // trailing comma
    }
  }
  if (c === "{") {
    const obj: Record<string, unknown> = {};
    let k = ws(i + 1);
    if (s[k] === "}") return { value: obj, end: k + 1 };
    for (;;) {
      let key: string;
      const bare = /^[A-Za-z_$][\w$]*/.exec(s.slice(k));
      if (bare !== null) {
        key = bare[0];
        k += key.length;
      } else {
        const q = parseLiteral(s, k);
        if (q === null || typeof q.value !== "string") return null;
        key = q.value;
        k = q.end;
      }
      k = ws(k);
      if (s[k] !== ":") return null;
      const v = parseLiteral(s, k + 1);
      if (v === null) return null;
      obj[key] = v.value;
      k = ws(v.end);
      if (s[k] === ",") k = ws(k + 1);
      else if (s[k] === "}") return { value: obj, end: k + 1 };
      else return null;
      if (s[k] === "}") return { value: obj, end: k + 1 };
    }
  }
  return null;
}

/** The literal a comment starts with, or `NO` when it does not start with one. */
const NO = Symbol("no literal");
function commentLiteral(comment: string): unknown {
  const text = comment.replace(/^=>\s*/, "");
  const p = parseLiteral(text, 0);
  if (p === null) return NO;
  const rest = text.slice(p.end);
  return rest === "" || /^[\s:,]/.test(rest) ? p.value : NO;
}

function subsetEqual(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => subsetEqual(actual[i], e));
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return false;
    return Object.entries(expected).every(([k, v]) => k in actual && subsetEqual((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected) || isDeepStrictEqual(actual, expected);
}

// console.log output against a comment: a prefix of the comment (cut at a space) must match it all
const norm = (s: string): string => s.replace(/"/g, "'").replace(/\s+/g, " ").trim();
function outputMatches(output: string, comment: string): boolean {
  const out = norm(output);
  const words = norm(comment).split(" ");
  for (let n = words.length; n >= 1; n--) {
    const pattern = words
      .slice(0, n)
      .join(" ")
      .split("...")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*?");
    if (new RegExp(`^${pattern}$`).test(out)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// instrumenting a block
interface Check {
  readonly where: string; // doc:line
  readonly kind: "log" | "eq";
  readonly comment: string;
  readonly expected?: unknown;
}

const checks: Check[] = [];

function instrument(block: Block): string {
  const code = rewriteImports(block.code);
  const sf = ts.createSourceFile("block.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const codeLines = code.split("\n");

  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const trailing = ts.getTrailingCommentRanges(code, node.end)?.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
      let comment: string | null =
        trailing !== undefined && lineOf(trailing.pos) === lineOf(node.end) ? code.slice(trailing.pos + 2, trailing.end).trim() : null;
      const e = node.expression;
      const isLog =
        ts.isCallExpression(e) &&
        ts.isPropertyAccessExpression(e.expression) &&
        e.expression.getText(sf) === "console.log";
      if (comment === null) {
        // expected output on the comment lines right below
        const below: string[] = [];
        for (let l = lineOf(node.end) + 1; l < codeLines.length; l++) {
          const m = /^\s*\/\/ ?(.*)$/.exec(codeLines[l]!);
          if (m === null) break;
          below.push(m[1]!);
        }
        if (below.length > 0 && (isLog ? /^\s*(=>|[[{'"])/ : /^\s*=>/).test(below[0]!)) comment = below.join("\n");
      }
      const where = `${block.doc}:${block.line + lineOf(node.getStart(sf))}`;
      if (comment !== null && !/^e\.g\./.test(comment)) {
        if (isLog) {
          comment = comment.replace(/^=>\s*/, "");
          const args = (e as ts.CallExpression).arguments.map((a) => a.getText(sf)).join(", ");
          edits.push({ start: node.getStart(sf), end: node.end, text: `globalThis.__docCheck.log(${checks.length}, [${args}]);` });
          checks.push({ where, kind: "log", comment });
          return;
        }
        const expected = commentLiteral(comment);
        if (expected !== NO) {
          edits.push({ start: node.getStart(sf), end: node.end, text: `globalThis.__docCheck.eq(${checks.length}, (${e.getText(sf)}));` });
          checks.push({ where, kind: "eq", comment, expected });
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let out = code;
  for (const ed of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
  return `${out}\nexport {};\n`;
}

// ---------------------------------------------------------------------------------------------
// run
const failures: string[] = [];
let captured: string[] = [];
let compared = 0;

(globalThis as Record<string, unknown>).__docCheck = {
  log(id: number, args: unknown[]): void {
    const c = checks[id]!;
    const text = format(...args);
    captured.push(text);
    compared++;
    if (!outputMatches(text, c.comment)) failures.push(`${c.where}: console.log prints\n    ${text.replace(/\n/g, "\n    ")}\n  the comment says\n    ${c.comment.replace(/\n/g, "\n    ")}`);
    else if (verbose) console.error(`ok ${c.where}: ${text.split("\n")[0]}`);
  },
  eq(id: number, actual: unknown): void {
    const c = checks[id]!;
    compared++;
    if (!subsetEqual(actual, c.expected)) {
      failures.push(`${c.where}: the value is ${inspect(actual, { depth: 4, breakLength: 120 })}, the comment says ${c.comment}`);
    } else if (verbose) console.error(`ok ${c.where}: ${inspect(actual, { breakLength: Infinity }).slice(0, 80)}`);
  },
};

const tmp = mkdtempSync(join(tmpdir(), "sla-kit-docs-"));
const skipped: string[] = [];
const typeInputs: { file: string; where: string }[] = [];
let ran = 0;
const log = console.log;
const table = console.table;

for (const doc of docs) {
  for (const block of extractBlocks(doc)) {
    const where = `${block.doc}:${block.line}`;
    const first = block.code.split("\n").find((l) => l.trim() !== "") ?? "";
    const skip = /^\s*\/\/\s*not run:\s*(.*)$/.exec(first);
    if (skip !== null) {
      skipped.push(`${where} (${skip[1]!.trim() || "no reason given"})`);
      continue;
    }
    const typeFile = join(tmp, `typed-${typeInputs.length}.${/^(js|javascript|mjs)$/.test(block.lang) ? "mjs" : "mts"}`);
    writeFileSync(typeFile, `${block.code.startsWith("// not run") ? "" : ""}${block.code}\nexport {};\n`);
    typeInputs.push({ file: typeFile, where });
    let file: string;
    try {
      file = join(tmp, `block-${ran}.mts`);
      writeFileSync(file, instrument(block));
    } catch (e) {
      failures.push(`${where}: cannot instrument the block: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    ran++;
    captured = [];
    console.log = (...args: unknown[]) => void captured.push(format(...args));
    console.table = () => {};
    try {
      await import(pathToFileURL(file).href);
    } catch (e) {
      failures.push(`${where}: the block throws: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      continue;
    } finally {
      console.log = log;
      console.table = table;
    }
    if (block.expectedOutput !== null) {
      compared++;
      const got = captured.join("\n").split("\n").map((l) => l.trimEnd()).join("\n").trim();
      const want = block.expectedOutput.split("\n").map((l) => l.trimEnd()).join("\n").trim();
      if (got !== want) failures.push(`${where}: the block prints\n${got}\n  the text block below it says\n${want}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// type check: every run block, as a reader pasting it into a strict TypeScript project would
if (!process.argv.includes("--no-types")) {
  const rootNames = typeInputs.map((t) => t.file);
  const program = ts.createProgram(rootNames, {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    allowJs: true,
    checkJs: false, // ```js blocks (README's quick start) run as plain JavaScript: not type-checked
    baseUrl: root,
    paths: { "sla-kit": ["src/index.ts"], "sla-kit/*": ["src/*/index.ts"], "*": ["node_modules/*"] },
  });
  const byFile = new Map(typeInputs.map((t) => [t.file, t.where]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file === undefined || !byFile.has(d.file.fileName)) continue;
    const where = byFile.get(d.file.fileName)!;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const [doc, first] = [where.slice(0, where.lastIndexOf(":")), Number(where.slice(where.lastIndexOf(":") + 1))];
    failures.push(`${doc}:${first + line}: type error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
}

for (const s of skipped) console.log(`skipped ${s}`);
for (const f of failures) console.error(`FAIL ${f}`);
console.log(
  `${ran} doc block(s) run, ${skipped.length} skipped (// not run), ${compared} shown value(s) compared, ${failures.length} failure(s)`,
);
rmSync(tmp, { recursive: true, force: true });
process.exit(failures.length > 0 ? 1 : 0);
