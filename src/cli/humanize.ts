/**
 * Error messages people can act on: zod's raw texts become sentences naming the field and the fix,
 * and unknown names get a "did you mean".
 */
import type { SlaKitError } from "../errors.js";
import { didYouMean } from "../golden/_suggest.js";
import { policyJsonSchema } from "../sla/index.js";

interface Source {
  sourceOf(path: readonly (string | number)[]): string | undefined;
  readonly data: unknown;
}

type Schema = { properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

/** Every schema that may describe the value at `path` (through items, properties and unions). */
function schemasAt(root: Schema, path: readonly (string | number)[]): Schema[] {
  let here: Schema[] = [root];
  for (const p of path) {
    const next: Schema[] = [];
    const visit = (s: Schema) => {
      for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(alt);
      if (typeof p === "number" && s.items) next.push(s.items);
      else if (typeof p === "string" && s.properties && Object.hasOwn(s.properties, p)) next.push(s.properties[p]!);
      else if (typeof s.additionalProperties === "object") next.push(s.additionalProperties);
    };
    here.forEach(visit);
    here = next;
  }
  return here;
}

function keysAt(root: Schema, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  const collect = (s: Schema) => {
    for (const k of Object.keys(s.properties ?? {})) keys.add(k);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) collect(alt);
  };
  schemasAt(root, path).forEach(collect);
  keys.delete("$schema");
  return [...keys];
}

/** A candidate list at the end of a message: `...: a, b, c.` or `... (a, b, c).` */
function candidates(message: string): string[] {
  const m = /(?:: |\()([^():]+?)\)?\.$/.exec(message);
  return m ? m[1]!.split(/,\s*/).map((x) => x.trim()).filter(Boolean) : [];
}

/** The value at `path` in parsed data, or undefined. */
function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** The message of a SlaKitError, made actionable with what the file says at its path. */
export function humanize(e: SlaKitError, source?: Source): string {
  let message = e.message;
  const path = e.path;
  const last = path[path.length - 1];
  // zod: Unrecognized key(s) in object: "withn"; policy shape checks: unknown key "withn" (allowed: ...);
  // case files: unknown key "polcy". Allowed here: .... A message that lists the keys already gets
  // only the did-you-mean; one that does not gets the policy schema's keys at the path.
  const unknownKey = /(?:Unrecognized keys?: |unknown keys? )"([^"]+)"/.exec(message);
  if (unknownKey) {
    if (message.includes("Did you mean")) return message;
    const listed = /\(allowed: ([^)]*)\)|Allowed here: ([^.]*)\./.exec(message);
    const known = listed ? (listed[1] ?? listed[2]!).split(/,\s*/).filter((k) => k !== "$schema") : keysAt(policyJsonSchema as Schema, path);
    if (known.length > 0) message += `${/[.]$/.test(message) ? "" : "."}${didYouMean(unknownKey[1]!, known)}${listed ? "" : ` Allowed keys here: ${known.join(", ")}.`}`;
    return message;
  }
  // zod: Invalid input: expected string, received number
  const type = /Invalid input: expected (\w+), received (\w+)/.exec(message);
  if (type) {
    const [, expected, received] = type;
    const src = source?.sourceOf(path);
    const field = last === undefined ? "the file" : String(last);
    const got = received === "undefined" ? "nothing" : src !== undefined ? `the ${received} ${src}` : `a ${received}`;
    const fix = expected === "string" && (received === "number" || received === "boolean") ? ` Quote it: "${src ?? "..."}".` : received === "undefined" ? ` Add "${field}".` : "";
    const where = message.slice(0, type.index).replace(/:\s*$/, "");
    return `${where ? `${where}: ` : ""}${field} must be ${expected === "object" ? "a mapping" : expected === "array" ? "a list" : `a ${expected}`}, got ${got}.${fix}`;
  }
  // policy shape checks (sla): Invalid policy at version: expected a string, got 1. Fix ...
  const shape = /^(?:(.*?): )?expected (an? .+?), got .+?(?:\. (Fix the policy JSON.*))?$/s.exec(message);
  if (shape) {
    const [, where, expected, tail] = shape;
    const value = valueAt(source?.data, path);
    const received = value === undefined ? "undefined" : value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const src = source?.sourceOf(path);
    const field = last === undefined ? "the file" : String(last);
    const got = received === "undefined" ? "nothing" : src !== undefined ? `the ${received} ${src}` : `a ${received}`;
    const fix = /string/.test(expected!) && (received === "number" || received === "boolean") ? ` Quote it: "${src ?? "..."}".` : received === "undefined" ? ` Add "${field}".` : "";
    return `${where ? `${where}: ` : ""}${field} must be ${expected}, got ${got}.${fix}${tail ? ` ${tail}` : ""}`;
  }
  // Unknown stage "respnse" ...: response, handling. / Stage "respnse" is not ... (response, handling).
  const name = /"([^"]+)"/.exec(message);
  if (name && !message.includes("Did you mean") && /unknown|not a |not declared|is not/i.test(message)) {
    const hint = didYouMean(name[1]!, candidates(message));
    if (hint) message += hint;
  }
  return message;
}
