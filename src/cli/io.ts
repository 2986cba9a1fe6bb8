/** File reading for the CLI: JSON or YAML, with line numbers for errors. */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LineCounter, isNode, parseDocument, stringify } from "yaml";
import { SlaKitError, isSlaKitError } from "../errors.js";
import { builtinPolicies } from "../golden/index.js";
import { parsePolicy, type Policy } from "../sla/index.js";

/** A user error: printed without a stack trace, exits with `exitCode`. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface Loaded {
  readonly file: string;
  readonly data: unknown;
  readonly format: "json" | "yaml";
  /** Line (1-based) of the node at a path, when it can be found. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Reads a JSON or YAML file; malformed files throw UsageError (exit 2) with file:line. */
export function loadFile(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos?.[0];
    throw new UsageError(`${file}${line ? `:${line.line}:${line.col}` : ""}: malformed ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${err.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS();
  return {
    file,
    data,
    format: /\.json$/i.test(file) ? "json" : "yaml",
    lineOf(path) {
      const node = doc.getIn(path, true);
      const range = isNode(node) ? node.range : undefined;
      return range ? lc.linePos(range[0]).line : undefined;
    },
  };
}

/** Re-throws a SlaKitError about a loaded file as a UsageError naming file, line and path. */
export function fileError(loaded: Loaded, e: unknown, what: string): never {
  if (isSlaKitError(e)) {
    // find the deepest path that has a line
    let line: number | undefined;
    for (let n = e.path.length; n >= 0 && line === undefined; n--) line = loaded.lineOf(e.path.slice(0, n));
    throw new UsageError(`${loaded.file}${line ? `:${line}` : ""}: invalid ${what} (${e.code}) at ${e.path.length ? e.path.join(".") : "top level"}: ${e.message}`);
  }
  throw e;
}

/** A policy from a built-in name or a file path (relative to `base` when given). */
export function loadPolicy(ref: string, base?: string): Policy {
  const builtin = builtinPolicies[ref];
  if (builtin !== undefined) return builtin;
  const file = base === undefined ? ref : resolve(dirname(base), ref);
  const loaded = loadFile(file);
  try {
    return parsePolicy(loaded.data);
  } catch (e) {
    return fileError(loaded, e, "policy");
  }
}

export function writeStructured(file: string, data: unknown, format: "json" | "yaml"): void {
  writeFileSync(file, format === "json" ? `${JSON.stringify(data, null, 2)}\n` : stringify(data, { lineWidth: 0 }));
}

export function readJsonOrYaml(file: string, what: string): unknown {
  const loaded = loadFile(file);
  if (loaded.data === null || loaded.data === undefined) throw new UsageError(`${file}: empty ${what} file.`);
  return loaded.data;
}

export { SlaKitError };
