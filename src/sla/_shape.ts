/**
 * The structural check of a policy file, hand-written so that evaluating a policy (and the built-in
 * policies) never loads zod: the same acceptance as `policySchema` in `schema.ts` (a test compares
 * both on random mutations), every problem collected with its path. A problem inside a union
 * (`within`, a stage, a calendar) is reported at the member the value's shape selects, so its path
 * may be deeper than zod's `invalid_union` at the union itself. Private to `sla`.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
// a record of named entries must be a plain object (`{}` or null-prototype); keys are read as own properties
import { isRecord as isPlain, own as get } from "../calendar/_checks.js";
import type { PolicyJson, WarnLevel } from "./types.js";

/** ISO-8601 duration without years/months (their length is not fixed): `P1D`, `PT15M`, `PT1H30M`, `PT0.5S`. */
export const ISO_DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/** A local date "YYYY-MM-DD" or an ISO-8601 instant with an offset (effective dates). */
export const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export interface ShapeIssue {
  readonly path: ErrorPath;
  readonly message: string;
}

/** The result of {@link checkPolicyJson}: the JSON (without `hash`) or every problem found. */
export type ShapeResult = { readonly ok: true; readonly value: PolicyJson } | { readonly ok: false; readonly issues: readonly ShapeIssue[] };

type Obj = Record<string, unknown>;
type Check = (v: unknown, path: ErrorPath, out: ShapeIssue[]) => void;
// The check builders below are marked free of side effects: the checks built from them at module
// level are then dropped by a bundle that never checks a policy (e.g. `nextChangeAt` alone).

const DIMS = ["tier", "urgency", "location", "channel"] as const;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function push(out: ShapeIssue[], path: ErrorPath, what: string, v: unknown): void {
  out.push({ path, message: `expected ${what}, got ${describe(v)}` });
}

const str: Check = (v, path, out) => {
  if (typeof v !== "string") push(out, path, "a string", v);
};
const name: Check = (v, path, out) => {
  if (typeof v !== "string" || v.length === 0) push(out, path, typeof v === "string" ? "a non-empty string" : "a string", v);
};
/* @__NO_SIDE_EFFECTS__ */
function matching(re: RegExp, what: string): Check {
  return (v, path, out) => {
    if (typeof v !== "string" || !re.test(v)) push(out, path, what, v);
  };
}
/* @__NO_SIDE_EFFECTS__ */
function oneOf(values: readonly unknown[]): Check {
  return (v, path, out) => {
    if (!values.includes(v)) push(out, path, `one of ${values.map((x) => JSON.stringify(x)).join(", ")}`, v);
  };
}
/* @__NO_SIDE_EFFECTS__ */
function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): Check {
  return (v, path, out) => {
    if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) push(out, path, `a whole number ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}-${max}`}`, v);
  };
}
const bool: Check = (v, path, out) => {
  if (typeof v !== "boolean") push(out, path, "true or false", v);
};
/* @__NO_SIDE_EFFECTS__ */
function arrayOf(item: Check, what: string, min = 0): Check {
  return (v, path, out) => {
    if (!Array.isArray(v)) return push(out, path, what, v);
    if (v.length < min) push(out, path, `${what} with at least ${min} item${min > 1 ? "s" : ""}`, v);
    v.forEach((x: unknown, i) => item(x, [...path, i], out));
  };
}
/* @__NO_SIDE_EFFECTS__ */
const optional =
  (check: Check): Check =>
  (v, path, out) => {
    if (v !== undefined) check(v, path, out);
  };

/** An object with these fields (checked in order), then no other keys (reported at the object). */
/* @__NO_SIDE_EFFECTS__ */
function object(fields: Readonly<Record<string, Check>>, what: string, closed = true): Check {
  const keys = Object.keys(fields);
  return (v, path, out) => {
    if (!isObject(v)) return push(out, path, what, v);
    for (const k of keys) (fields[k] as Check)(get(v, k), [...path, k], out);
    if (!closed) return;
    const extra = Object.keys(v).filter((k) => !keys.includes(k));
    if (extra.length > 0) out.push({ path, message: `unknown key${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(k)).join(", ")} (allowed: ${keys.join(", ")})` });
  };
}

/** A plain object whose keys are non-empty names (any string when `anyKey`) and values pass `value`. */
/* @__NO_SIDE_EFFECTS__ */
function record(value: Check, what: string, anyKey = false): Check {
  return (v, path, out) => {
    if (!isPlain(v)) return push(out, path, what, v);
    for (const k of Object.keys(v)) {
      if (!anyKey && k.length === 0) out.push({ path: [...path, k], message: "expected a non-empty name as the key" });
      else value(v[k], [...path, k], out);
    }
  };
}

const strings = arrayOf(str, "an array of strings");
const names = arrayOf(name, "an array of non-empty strings");
const dimValues = object({ tier: optional(names), urgency: optional(names), location: optional(names), channel: optional(names) }, "an object of dimension values { tier?, urgency?, location?, channel? }");
const beyondData = optional(oneOf(["error", "weekdays"]));
/** `reclassify`: a mode per dimension (docs/sla.md "Facts that change mid-ticket"). */
const mode = optional(oneOf(["restart", "retroactive", "keep"]));
const reclassify = object({ tier: mode, urgency: mode, location: mode, channel: mode }, "an object of modes per dimension { tier?, urgency?, location?, channel? }");

const holidayYear = object(
  {
    year: wholeNumber(1000, 9999),
    source: object({ title: name, number: optional(name), published: str, via: optional(name) }, "the notice { title, published, number?, via? }"),
    holidays: arrayOf(object({ date: str, name }, "{ date, name }"), "an array of { date, name }"),
    workdays: arrayOf(object({ date: str, name }, "{ date, name }"), "an array of { date, name }"),
  },
  "one year of holiday data { year, source, holidays, workdays }",
);

/* @__NO_SIDE_EFFECTS__ */
function dateEntry(withHours: boolean): Check {
  const entry = object(withHours ? { date: str, hours: optional(strings), name: optional(str) } : { date: str, name: optional(str) }, "", false);
  return (v, path, out) => {
    if (typeof v === "string") return;
    if (!isObject(v)) return push(out, path, `a date "YYYY-MM-DD" or { date${withHours ? ", hours?" : ""}, name? }`, v);
    entry(v, path, out);
  };
}

const CHINA = object(
  { builtin: oneOf(["chinaWorkCalendar", "china"]), hours: optional(strings), timeZone: optional(str), years: optional(arrayOf(holidayYear, "an array of holiday years")), beyondData },
  "",
);
const ALWAYS_OPEN = object({ builtin: oneOf(["alwaysOpen"]), timeZone: str }, "");
const SPEC = object(
  {
    id: optional(str),
    timeZone: str,
    week: record(strings, "weekly hours { mon?, tue?, ..., sun? }", true),
    holidays: optional(arrayOf(dateEntry(false), "an array of dates")),
    workdays: optional(arrayOf(dateEntry(true), "an array of dates")),
    validFrom: optional(str),
    validTo: optional(str),
    beyondData,
  },
  "",
);

/** `{ builtin: "chinaWorkCalendar" | "china", ... }`, `{ builtin: "alwaysOpen", timeZone }` or a calendar spec. */
const calendar: Check = (v, path, out) => {
  if (!isObject(v)) return push(out, path, 'a calendar: { builtin: "chinaWorkCalendar" | "alwaysOpen", ... } or { timeZone, week, ... }', v);
  const builtin = get(v, "builtin");
  if (builtin === undefined) SPEC(v, path, out);
  else if (builtin === "alwaysOpen") ALWAYS_OPEN(v, path, out);
  else CHINA(v, path, out);
};

const BUSINESS_DAYS = object({ businessDays: wholeNumber(0) }, "");
const RINGS = object({ rings: wholeNumber(1) }, "");
const AGREED = object({ agreed: oneOf([true]) }, "");
const DURATION = matching(ISO_DURATION, 'an ISO-8601 duration such as "PT15M", "PT4H" or "P1D" (no years or months)');

/** An ISO-8601 duration, `{ businessDays }`, `{ rings }` or `{ agreed: true }`. */
const within: Check = (v, path, out) => {
  if (typeof v === "string") return DURATION(v, path, out);
  const what = 'an ISO-8601 duration such as "PT15M", or { businessDays: n }, { rings: n } or { agreed: true }';
  if (!isObject(v)) return push(out, path, what, v);
  if (get(v, "businessDays") !== undefined) BUSINESS_DAYS(v, path, out);
  else if (get(v, "rings") !== undefined) RINGS(v, path, out);
  else if (get(v, "agreed") !== undefined) AGREED(v, path, out);
  else push(out, path, what, v);
};

const RECUR_WHAT = '{ kind: "next-reply" } or { kind: "periodic", until? }';
const NEXT_REPLY = object({ kind: oneOf(["next-reply"]) }, RECUR_WHAT);
const PERIODIC = object({ kind: oneOf(["periodic"]), until: optional(name) }, RECUR_WHAT);
/** S15: how a stage recurs. */
const recur: Check = (v, path, out) => {
  if (!isObject(v)) return push(out, path, RECUR_WHAT, v);
  const kind = get(v, "kind");
  if (kind === "next-reply") NEXT_REPLY(v, path, out);
  else if (kind === "periodic") PERIODIC(v, path, out);
  else push(out, [...path, "kind"], '"next-reply" or "periodic"', kind);
};

const STAGE = object(
  {
    name,
    description: optional(str),
    when: optional(dimValues),
    notApplicable: optional(object({ sourceRef: name, description: optional(str), when: optional(dimValues) }, "{ sourceRef, description?, when? }")),
    recur: optional(recur),
  },
  "",
);
const stage: Check = (v, path, out) => {
  if (typeof v === "string") return name(v, path, out);
  if (!isObject(v)) return push(out, path, "a stage name or { name, when?, notApplicable?, recur?, description? }", v);
  STAGE(v, path, out);
};

const service = object(
  {
    description: optional(str),
    stages: arrayOf(stage, "an array of stages", 1),
    dimensions: arrayOf(oneOf(DIMS), "an array of dimension names"),
    values: optional(dimValues),
    milestones: optional(names),
    onsite: optional(bool),
  },
  "a service { stages, dimensions, ... }",
);

const FRACTION: Check = (v, path, out) => {
  if (typeof v !== "number" || !(v > 0 && v <= 10)) push(out, path, "a fraction of the allowed time, > 0 and <= 10", v);
};
const LEVEL_WHAT = '{ fraction: 0.5 }, { before: "PT1H" } or { after: "PT2H" }, each with an optional level name';
const FRACTION_LEVEL = object({ fraction: FRACTION, level: optional(name) }, LEVEL_WHAT);
const BEFORE_LEVEL = object({ before: DURATION, level: optional(name) }, LEVEL_WHAT);
const AFTER_LEVEL = object({ after: DURATION, level: optional(name) }, LEVEL_WHAT);
const warnLevel: Check = (v, path, out) => {
  if (!isObject(v)) return push(out, path, LEVEL_WHAT, v);
  if (get(v, "fraction") !== undefined) FRACTION_LEVEL(v, path, out);
  else if (get(v, "before") !== undefined) BEFORE_LEVEL(v, path, out);
  else if (get(v, "after") !== undefined) AFTER_LEVEL(v, path, out);
  else push(out, path, LEVEL_WHAT, v);
};
const LEVELS = arrayOf(warnLevel, "a list of warning levels", 1);

/** The name of a warning level: its `level`, else `"fraction:0.5"`, `"before:PT1H"`, `"after:PT2H"`. */
export function levelName(l: WarnLevel): string {
  if (l.level !== undefined) return l.level;
  if ("fraction" in l) return `fraction:${l.fraction}`;
  return "before" in l ? `before:${l.before}` : `after:${l.after}`;
}

/** Issues of level names used twice in one list (the second one is reported). */
export function duplicateLevels(levels: readonly WarnLevel[], path: ErrorPath): ShapeIssue[] {
  const seen = new Set<string>();
  const out: ShapeIssue[] = [];
  levels.forEach((l, i) => {
    const n = levelName(l);
    if (seen.has(n)) out.push({ path: [...path, i, "level"], message: `level "${n}" appears twice: give each level of warnAt its own name` });
    seen.add(n);
  });
  return out;
}

/** A fraction of the allowed time, or a list of warning and escalation levels with unique names. */
const warnAt: Check = (v, path, out) => {
  if (Array.isArray(v)) {
    const before = out.length;
    LEVELS(v, path, out);
    if (out.length === before) out.push(...duplicateLevels(v as WarnLevel[], path));
    return;
  }
  if (typeof v !== "number" || !(v > 0 && v <= 1)) push(out, path, "a fraction of the allowed time, > 0 and <= 1, or a list of warning levels", v);
};

const targetRow = object(
  {
    id: optional(str),
    service: name,
    tier: optional(name),
    urgency: optional(name),
    location: optional(name),
    channel: optional(name),
    stage: name,
    within,
    clock: optional(name),
    anchor: optional(name),
    sourceRef: name,
    note: optional(str),
    warnAt: optional(warnAt),
  },
  "a target row { service, stage, within, sourceRef, ... }",
);

const pauseReason = object(
  { description: optional(str), stops: arrayOf(name, "an array of stage names", 1), maxMs: optional(wholeNumber(0)), needsConsent: optional(bool), sourceRef: optional(name) },
  "a pause reason { stops, ... }",
);

/** S17: how a reopening treats the time spent resolved. */
const reopen = object({ resolvedTime: oneOf(["paused", "counts"]), description: optional(str), sourceRef: optional(name) }, 'the reopen policy { resolvedTime: "paused" | "counts", ... }');

const effective = optional(matching(DATE_OR_INSTANT, 'a local date "YYYY-MM-DD" or an ISO-8601 instant with an offset'));

const POLICY = object(
  {
    $schema: optional(str),
    id: name,
    version: name,
    title: optional(str),
    description: optional(str),
    effectiveFrom: effective,
    effectiveTo: effective,
    timeZone: optional(str),
    warnAt: optional(warnAt),
    calendars: record(calendar, "a record of calendars by name"),
    dimensions: dimValues,
    services: record(service, "a record of services by name"),
    targets: arrayOf(targetRow, "an array of target rows"),
    pauseReasons: optional(record(pauseReason, "a record of pause reasons by name")),
    reopen: optional(reopen),
    reclassify: optional(reclassify),
    hash: optional(str),
  },
  "a policy object { id, version, calendars, dimensions, services, targets, ... }",
);

/**
 * Keys of user-named records that a plain object cannot hold as data (`__proto__`): reported
 * alone, with their path, before anything else.
 */
function reservedKeys(input: unknown): ShapeIssue[] {
  const out: ShapeIssue[] = [];
  if (input === null || typeof input !== "object") return out;
  for (const key of ["services", "calendars", "pauseReasons"] as const) {
    const rec: unknown = (input as Obj)[key];
    if (rec !== null && typeof rec === "object" && Object.prototype.hasOwnProperty.call(rec, "__proto__")) {
      out.push({ path: [key, "__proto__"], message: `"__proto__" is reserved and cannot name an entry of ${key}; rename it` });
    }
  }
  return out;
}

/** Structural check of a policy file: the JSON without its (recomputed) `hash`, or every problem. */
export function checkPolicyJson(input: unknown): ShapeResult {
  const reserved = reservedKeys(input);
  if (reserved.length > 0) return { ok: false, issues: reserved };
  const issues: ShapeIssue[] = [];
  POLICY(input, [], issues);
  if (issues.length > 0) return { ok: false, issues };
  const { hash: _hash, ...rest } = input as PolicyJson & { hash?: string };
  return { ok: true, value: rest };
}

/** Throws INVALID_POLICY for the first structural problem (all of them in `details`). */
export function checkPolicyJsonOrThrow(input: unknown): PolicyJson {
  const r = checkPolicyJson(input);
  if (r.ok) return r.value;
  const first = r.issues[0] as ShapeIssue;
  throw new SlaKitError("INVALID_POLICY", `Invalid policy at ${formatPath(first.path)}: ${first.message}. Fix the policy JSON (see policyJsonSchema).`, {
    path: first.path,
    details: r.issues,
  });
}
