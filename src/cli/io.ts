/** File reading and writing for the CLI: bounded, strict UTF-8, JSON or YAML, line numbers for errors, atomic writes. */
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { LineCounter, isNode, parseDocument, type Document } from "yaml";
import { SlaKitError, isSlaKitError } from "../errors.js";
import { builtinPolicies } from "../golden/index.js";
import { parsePolicy, type Policy } from "../sla/index.js";
import { humanize } from "./humanize.js";

/** A user error: printed without a stack trace, exits with `exitCode` (2: usage error or malformed file). */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 2) {
    super(message);
  }
}

/** The default of `--max-bytes`: input files larger than this are refused (64 MiB). */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * JSON files larger than this get no line numbers in messages: finding them means parsing the text a
 * second time (with positions), which costs more than the check itself on a very large file.
 */
export const MAX_JSON_BYTES_WITH_LINES = 1024 * 1024;

/**
 * Offsets of the items of the array under a top-level key of a JSON text (`"cases": [...]`), in one
 * pass without building anything: line numbers of cases for files too large to parse twice.
 */
function topLevelArrayItems(text: string, key: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inArray = false;
  let expectItem = false;
  let lastKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (depth === 1) lastKey = text.slice(start + 1, i);
      if (inArray && depth === 2 && expectItem) [out[out.length], expectItem] = [start, false];
      continue;
    }
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (inArray && depth === 2 && expectItem) [out[out.length], expectItem] = [i, false];
      depth++;
      if (c === 91 && depth === 2 && lastKey === key) [inArray, expectItem] = [true, true];
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 1 && inArray) inArray = false;
    } else if (c === 44 /* , */ && inArray && depth === 2) expectItem = true;
    else if (inArray && depth === 2 && expectItem) [out[out.length], expectItem] = [i, false];
  }
  return out;
}

/** How reading is bounded (set once per command from `--max-bytes`). */
export const limits = { maxBytes: DEFAULT_MAX_BYTES };

export interface Loaded {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  readonly format: "json" | "yaml";
  /** Line and column (1-based) of the node at a path, when it can be found. */
  positionOf(path: readonly (string | number)[]): { line: number; col: number } | undefined;
  /** Line (1-based) of the node at a path, when it can be found. */
  lineOf(path: readonly (string | number)[]): number | undefined;
  /** The source text of a scalar at a path (e.g. `1.0` where the parsed value is the number 1). */
  sourceOf(path: readonly (string | number)[]): string | undefined;
}

/**
 * Reads a file's bytes (`-`: standard input): refuses non-regular files (/dev/zero, directories,
 * FIFOs) and input over `limits.maxBytes` (set by `--max-bytes`). `what` names the file expected.
 */
export function readBounded(file: string, what = "a JSON or YAML file"): Buffer {
  const name = file === "-" ? "standard input" : file;
  const tooLarge = (size: string): UsageError => new UsageError(`${name}: ${size} bytes is over the input limit of ${limits.maxBytes} bytes; raise it with --max-bytes <n> if the input is meant to be this large.`);
  if (file === "-") {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue;
        if (code === "EOF") break;
        throw new UsageError(`standard input: cannot read (${code ?? String(e)}).`);
      }
      if (n === 0) break;
      total += n;
      if (total > limits.maxBytes) throw tooLarge(`more than ${limits.maxBytes}`);
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`${file}: not a regular file (a device, directory or pipe); give ${what}.`);
    if (st.size > limits.maxBytes) throw tooLarge(String(st.size));
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** A text file (`-`: standard input), bounded and strict UTF-8, without its byte-order mark. */
export function readText(file: string, what?: string): string {
  return decodeUtf8(file === "-" ? "standard input" : file, readBounded(file, what)).replace(/^\uFEFF/, "");
}

/** Decodes strict UTF-8; an invalid byte is an error naming its offset (never silently replaced). */
export function decodeUtf8(file: string, buf: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw new UsageError(`${file}: not valid UTF-8 at byte offset ${firstInvalidUtf8(buf)}; save the file as UTF-8.`);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    // overlong 3/4-byte forms, surrogates and code points past U+10FFFF
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! > 0x9f) || (c === 0xf0 && b[i + 1]! < 0x90) || (c === 0xf4 && b[i + 1]! > 0x8f)) return i;
    i += n + 1;
  }
  return b.length;
}

const isJson = (file: string) => /\.json$/i.test(file);

/** Line:column of a character offset in a text (`starts`: the offsets where lines start, cached by the caller). */
function lineCol(text: string, offset: number, starts: number[] = lineStarts(text)): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Reads a JSON (`.json`, with `JSON.parse`) or YAML file; unreadable, oversized, non-UTF-8 and
 * malformed files throw UsageError (exit 2) naming file:line:column.
 */
export function loadFile(file: string): Loaded {
  const text = readText(file);
  const format = isJson(file) ? "json" : "yaml";
  let data: unknown;
  let doc: Document | undefined;
  const lc = new LineCounter();
  const document = (): Document => (doc ??= parseDocument(text, { lineCounter: lc, uniqueKeys: false }));
  if (format === "json") {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const at = m ? lineCol(text, Number(m[1])) : undefined;
      throw new UsageError(`${file}${at ? `:${at.line}:${at.col}` : ""}: malformed JSON: ${(e as Error).message.replace(/ in JSON at position \d+.*$/s, "")}.`);
    }
  } else {
    const d = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
    doc = d;
    const err = d.errors[0];
    if (err !== undefined) {
      const pos = err.linePos?.[0];
      throw new UsageError(`${file}${pos ? `:${pos.line}:${pos.col}` : ""}: malformed YAML: ${err.message.split("\n")[0]}`);
    }
    try {
      data = d.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new UsageError(`${file}: malformed YAML: ${(e as Error).message} (aliases expand to too much data).`);
    }
  }
  let caseOffsets: number[] | undefined;
  let starts: number[] | undefined;
  const nodeAt = (path: readonly (string | number)[]) => {
    if (format === "json" && text.length > MAX_JSON_BYTES_WITH_LINES) return undefined;
    const node = document().getIn(path, true);
    return isNode(node) ? node : undefined;
  };
  return {
    file,
    text,
    data,
    format,
    positionOf(path) {
      if (format === "json" && text.length > MAX_JSON_BYTES_WITH_LINES) {
        if (path.length !== 2 || path[0] !== "cases" || typeof path[1] !== "number") return undefined;
        caseOffsets ??= topLevelArrayItems(text, "cases");
        const at = caseOffsets[path[1]];
        return at === undefined ? undefined : lineCol(text, at, (starts ??= lineStarts(text)));
      }
      const range = nodeAt(path)?.range;
      if (!range) return undefined;
      document();
      const p = lc.linePos(range[0]);
      return { line: p.line, col: p.col };
    },
    lineOf(path) {
      return this.positionOf(path)?.line;
    },
    sourceOf(path) {
      const n = nodeAt(path) as { source?: unknown } | undefined;
      return typeof n?.source === "string" ? n.source : undefined;
    },
  };
}

/** file:line:col of the deepest part of `path` that has a position. */
export function locate(loaded: Loaded, path: readonly (string | number)[]): string {
  for (let n = path.length; n >= 0; n--) {
    const p = loaded.positionOf(path.slice(0, n));
    if (p !== undefined) return `${loaded.file}:${p.line}:${p.col}`;
  }
  return loaded.file;
}

/** Re-throws a SlaKitError about a loaded file as a UsageError naming file, line, path and the fix. */
export function fileError(loaded: Loaded, e: unknown, what: string): never {
  if (isSlaKitError(e)) {
    throw new UsageError(`${locate(loaded, e.path)}: invalid ${what} (${e.code}) at ${e.path.length ? e.path.join(".") : "top level"}: ${humanize(e, loaded)}`);
  }
  throw e;
}

/**
 * Reads the files a policy's calendars name (`calendars.<name>.years: ["./china-2027.json"]`),
 * relative to the policy file, and puts their JSON in place, so the pure library gets objects.
 */
export function inlineCalendarFiles(data: unknown, policyFile: string): unknown {
  const cals = (data as { calendars?: unknown } | null)?.calendars;
  if (cals === null || typeof cals !== "object" || Array.isArray(cals)) return data;
  const out: Record<string, unknown> = {};
  for (const [name, cal] of Object.entries(cals)) {
    const years = (cal as { years?: unknown } | null)?.years;
    if (!Array.isArray(years) || !years.some((y) => typeof y === "string")) {
      Object.defineProperty(out, name, { value: cal, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const inlined = years.map((y: unknown) => {
      if (typeof y !== "string") return y;
      const loaded = loadFile(resolve(dirname(policyFile), y));
      return loaded.data;
    });
    Object.defineProperty(out, name, { value: { ...(cal as object), years: inlined.flat() }, enumerable: true, writable: true, configurable: true });
  }
  return { ...(data as object), calendars: out };
}

/** A policy from a built-in name or a file path (relative to `base` when given). */
export function loadPolicy(ref: string, base?: string): Policy {
  if (Object.hasOwn(builtinPolicies, ref)) return builtinPolicies[ref]!;
  const file = base === undefined ? ref : resolve(dirname(base), ref);
  const loaded = loadFile(file);
  try {
    return parsePolicy(inlineCalendarFiles(loaded.data, file));
  } catch (e) {
    return fileError(loaded, e, "policy");
  }
}

/** File operations `writeAtomic` uses (a test swaps in a failing one). */
export interface WriteFs {
  writeFileSync(file: string, text: string, options: { flag: string; mode?: number }): void;
  renameSync(from: string, to: string): void;
}

const nodeFs: WriteFs = { writeFileSync: (f, t, o) => writeFileSync(f, t, o), renameSync };

/**
 * Writes `text` to a temporary file in the same directory and renames it over `file`: a failure
 * (full disk, size limit, no permission) leaves the original file as it was.
 */
export function writeAtomic(file: string, text: string, fs: WriteFs = nodeFs): void {
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // a new file
  }
  if (mode !== undefined && (mode & 0o222) === 0) throw new UsageError(`${file}: the file is read-only; make it writable (chmod u+w) to update it.`);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { flag: "wx", ...(mode === undefined ? {} : { mode }) });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the directory itself is not there or not writable: nothing was left behind
    }
    throw new UsageError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the file was left as it was.`);
  }
}

export function readJsonOrYaml(file: string, what: string): unknown {
  const loaded = loadFile(file);
  if (loaded.data === null || loaded.data === undefined) throw new UsageError(`${file}: empty ${what} file.`);
  return loaded.data;
}

export { SlaKitError };
