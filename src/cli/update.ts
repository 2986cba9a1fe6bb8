/**
 * `sla-kit check --update`: rewrites only the expectations that changed, in place in the file's
 * text, so comments, key order, flow style, quoting and the author's offsets stay as they were and
 * the pull-request diff shows only real changes.
 */
import { isDeepStrictEqual } from "node:util";
import { isNode, isScalar, parse as parseYaml, parseDocument, stringify, type Scalar } from "yaml";
import type { CaseFile, GoldenCase } from "../golden/index.js";
import type { Loaded } from "./io.js";

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

type Path = (string | number)[];

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_ .:+\-/§()]*$/;

/** A value as YAML text that fits where `like` (the node it replaces) stood. */
function yamlText(v: unknown, like: unknown): string {
  if (v === null || typeof v !== "object") {
    if (typeof v !== "string") return v === null || v === undefined ? "null" : String(v);
    const type = isScalar(like) ? (like as Scalar).type : undefined;
    if (type === "QUOTE_SINGLE") return `'${v.replace(/'/g, "''")}'`;
    if (type === "QUOTE_DOUBLE") return JSON.stringify(v);
    // plain only where it reads back as the same string
    return PLAIN_SAFE.test(v) && !/\s$|: | #|:$/.test(v) && parseYaml(v) === v ? v : JSON.stringify(v);
  }
  return stringify(v, { collectionStyle: "flow", lineWidth: 0 }).trim();
}

/** The end of a node's value, without the line breaks and spaces a block node carries after it. */
function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * The text of `loaded` with the expectations of `updated` (from `updateCaseFile`), changing only
 * the nodes whose values differ. Returns undefined when nothing changed.
 */
export function spliceUpdates(loaded: Loaded, old: CaseFile, updated: CaseFile): string | undefined {
  const text = loaded.text;
  const doc = parseDocument(text, { keepSourceTokens: false });
  const json = loaded.format === "json";
  const edits: Edit[] = [];
  const render = (v: unknown, like: unknown) => (json ? JSON.stringify(v) : yamlText(v, like));
  const replaceNode = (path: Path, v: unknown) => {
    const node = doc.getIn(path, true);
    if (!isNode(node) || !node.range) throw new Error(`no node at ${path.join(".")}`);
    edits.push({ start: node.range[0], end: trimEnd(text, node.range[1]), text: render(v, node) });
  };
  const diff = (o: unknown, n: unknown, path: Path) => {
    if (isDeepStrictEqual(o, n)) return;
    if (isPlainObject(o) && isPlainObject(n) && isDeepStrictEqual(Object.keys(o), Object.keys(n))) {
      for (const k of Object.keys(o)) diff(o[k], n[k], [...path, k]);
    } else if (Array.isArray(o) && Array.isArray(n) && o.length === n.length) {
      o.forEach((x, i) => diff(x, n[i], [...path, i]));
    } else replaceNode(path, n);
  };
  /** Replaces the whole `key: value` pair of a case with another key and value. */
  const replacePair = (i: number, key: string, newKey: string, v: unknown) => {
    const map = doc.getIn(["cases", i], true) as { items?: { key: unknown; value: unknown }[] } | undefined;
    const pair = map?.items?.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair || !isNode(pair.key) || !isNode(pair.value) || !pair.key.range || !pair.value.range) throw new Error(`no ${key} in case ${i}`);
    const quote = json ? '"' : "";
    edits.push({ start: pair.key.range[0], end: trimEnd(text, pair.value.range[1]), text: `${quote}${newKey}${quote}: ${render(v, undefined)}` });
  };
  old.cases.forEach((c: GoldenCase, i) => {
    const u = updated.cases[i]!;
    if (u === c) return;
    if (c.expect !== undefined && u.expect !== undefined) diff(c.expect, u.expect, ["cases", i, "expect"]);
    else if (c.expectError !== undefined && u.expectError !== undefined) diff(c.expectError, u.expectError, ["cases", i, "expectError"]);
    else if (c.expect !== undefined && u.expectError !== undefined) replacePair(i, "expect", "expectError", u.expectError);
    else if (c.expectError !== undefined && u.expect !== undefined) replacePair(i, "expectError", "expect", u.expect);
  });
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The same edits through the `yaml` Document API: comments kept, some layout may change. The fallback. */
export function documentUpdates(loaded: Loaded, updated: CaseFile): string {
  if (loaded.format === "json") return `${JSON.stringify(updated, null, 2)}\n`;
  const doc = parseDocument(loaded.text);
  const before = doc.toJS() as CaseFile; // each (case, key) is read before it is edited: convert once
  updated.cases.forEach((u, i) => {
    for (const key of ["expect", "expectError"] as const) {
      if (u[key] === undefined) doc.deleteIn(["cases", i, key]);
      else if (!isDeepStrictEqual(doc.getIn(["cases", i, key]) === undefined ? undefined : before.cases[i]![key], u[key])) doc.setIn(["cases", i, key], doc.createNode(u[key]));
    }
  });
  return doc.toString({ lineWidth: 0 });
}
