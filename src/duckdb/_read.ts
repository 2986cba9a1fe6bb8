/**
 * DuckDB values (what `vector.getItem` gives) to the plain data of sla-kit: tickets, events,
 * instants and options. Every refusal is a SlaKitError with the path into the SQL arguments.
 * @internal
 */
import {
  DuckDBDateValue,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import { fromZonedTime } from "../calendar/fromZonedTime.js";
import { SlaKitError, type ErrorPath } from "../errors.js";
import { describe, formatPath } from "../_lib/instant.js";
import type { EvaluateTicketOptions, Ticket, TicketEvent } from "../sla/types.js";

const MAX_MS = 8.64e15;

/** Epoch ms of a micro/milli/nano-second count, floored to the millisecond (Date precision). */
function msOf(count: bigint, perMs: bigint): number {
  const q = count / perMs;
  // BigInt division truncates towards zero: floor for instants before 1970
  return Number(count < 0n && q * perMs !== count ? q - 1n : q);
}

/** A naive TIMESTAMP's wall-clock fields read in `zone`. */
function wallClock(wallMs: number, zone: string | undefined, path: ErrorPath): Date {
  if (zone === undefined) {
    throw new SlaKitError(
      "INVALID_ARGUMENT",
      `${formatPath(path)} is a TIMESTAMP without time zone (${new Date(wallMs).toISOString().slice(0, 23).replace("T", " ")}): the instant it means is unknown. Pass registerSlaFunctions(connection, { timeZone: "Asia/Shanghai", ... }) to read such times in that zone, or give a TIMESTAMPTZ (e.g. ts AT TIME ZONE 'Asia/Shanghai').`,
      { path },
    );
  }
  return fromZonedTime(new Date(wallMs).toISOString().slice(0, 23), zone, { path });
}

/**
 * A DuckDB value as plain data: SQL NULL is undefined, TIMESTAMPTZ a Date, a naive TIMESTAMP a
 * Date read in `zone`, BIGINT a number when it is a safe integer; texts, numbers and booleans as
 * they are. A DATE is refused (a day is not an instant). Lists and structs are left as they are
 * (the caller reads them or the library refuses them).
 */
export function plain(v: DuckDBValue, zone: string | undefined, path: ErrorPath): unknown {
  if (v === null) return undefined;
  switch (typeof v) {
    case "string":
    case "number":
    case "boolean":
      return v;
    case "bigint":
      return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  }
  if (v instanceof DuckDBTimestampTZValue) return finite(msOf(v.micros, 1000n), v, path);
  if (v instanceof DuckDBTimestampValue) return wallClock(finite(msOf(v.micros, 1000n), v, path).getTime(), zone, path);
  if (v instanceof DuckDBTimestampMillisecondsValue) return wallClock(finite(Number(v.millis), v, path).getTime(), zone, path);
  if (v instanceof DuckDBTimestampSecondsValue) return wallClock(finite(Number(v.seconds) * 1000, v, path).getTime(), zone, path);
  if (v instanceof DuckDBTimestampNanosecondsValue) return wallClock(finite(msOf(v.nanos, 1_000_000n), v, path).getTime(), zone, path);
  if (v instanceof DuckDBDateValue) {
    throw new SlaKitError("INVALID_ARGUMENT", `${formatPath(path)} is a DATE (${String(v)}): sla-kit needs an instant; give a TIMESTAMPTZ (or a TIMESTAMP with registerSlaFunctions' timeZone).`, { path });
  }
  return v;
}

/** A Date of epoch ms, refusing infinity and times outside the Date range. */
function finite(ms: number, v: DuckDBValue, path: ErrorPath): Date {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) {
    throw new SlaKitError("INVALID_ARGUMENT", `${formatPath(path)} ${describe(String(v))} is not a time sla-kit can use (infinite or beyond the Date range).`, { path });
  }
  return new Date(ms);
}

/** The fields of a STRUCT argument, or a SlaKitError naming what was given instead. */
export function structOf(v: DuckDBValue, path: ErrorPath, what: string): Readonly<Record<string, DuckDBValue>> {
  if (v instanceof DuckDBStructValue) return v.entries;
  throw new SlaKitError("INVALID_ARGUMENT", `${formatPath(path)} must be a STRUCT ${what}, got ${v === null ? "NULL" : describe(typeof v === "object" ? String(v) : v)}.`, { path });
}

/** The first of `names` that the struct has (snake_case and camelCase spellings). */
function field(s: Readonly<Record<string, DuckDBValue>>, names: readonly string[]): [string, DuckDBValue] {
  for (const n of names) if (Object.hasOwn(s, n)) return [n, s[n] ?? null];
  return [names[0]!, null];
}

/** Ticket fields read from the facts STRUCT: SQL name(s) -> Ticket key. */
const FACTS: readonly (readonly [keyof Ticket, readonly string[]])[] = [
  ["service", ["service"]],
  ["createdAt", ["created_at", "createdAt"]],
  ["tier", ["tier"]],
  ["urgency", ["urgency"]],
  ["location", ["location"]],
  ["channel", ["channel"]],
  ["assignee", ["assignee"]],
  ["department", ["department"]],
];

/** Event fields read from each STRUCT of the events list: SQL name(s) -> event key. */
const EVENT_FIELDS: readonly (readonly [string, readonly string[]])[] = [
  ["type", ["type"]],
  ["stage", ["stage"]],
  ["at", ["at"]],
  ["rings", ["rings"]],
  ["reason", ["reason"]],
  ["consent", ["consent"]],
  ["dueAt", ["due_at", "dueAt"]],
  ["cause", ["cause"]],
  ["remedy", ["remedy"]],
  ["objective", ["objective"]],
];

/**
 * A ticket from the facts STRUCT and the events LIST of STRUCTs of one SQL row. Fields that are
 * NULL are left out (a NULL `tier` is a ticket without a tier); other struct fields are ignored,
 * so a whole table row may be passed as the facts. A NULL events list is a ticket without events;
 * an event whose `at` is NULL did not happen and is left out (a wide table's empty cell). Event
 * paths in errors are indices into the list as given.
 */
export function ticketOf(facts: DuckDBValue, events: DuckDBValue, zone: string | undefined): Ticket {
  const f = structOf(facts, ["ticket"], "of ticket facts {id, service, created_at, tier, urgency, ...}");
  const out: Record<string, unknown> = {};
  const [, idValue] = field(f, ["id", "ticket_id", "ticketId"]);
  const id = plain(idValue, zone, ["ticket", "id"]);
  out["id"] = id === undefined ? "(no id)" : typeof id === "string" ? id : String(id);
  for (const [key, names] of FACTS) {
    const [name, v] = field(f, names);
    const p = plain(v, zone, ["ticket", name]);
    if (p !== undefined) out[key] = p;
  }
  out["events"] = eventsOf(events, zone);
  return out as unknown as Ticket;
}

function eventsOf(events: DuckDBValue, zone: string | undefined): TicketEvent[] {
  if (events === null) return [];
  if (!(events instanceof DuckDBListValue)) {
    throw new SlaKitError("INVALID_ARGUMENT", `events must be a LIST of STRUCTs {type, stage, at, ...} (e.g. list({'type': type, 'stage': stage, 'at': at} ORDER BY at)), got ${describe(String(events))}.`, { path: ["events"] });
  }
  const out: TicketEvent[] = [];
  events.items.forEach((e, i) => {
    const s = structOf(e, ["events", i], "{type, stage, at, ...}");
    // an event whose time is NULL did not happen (a wide table's empty "responded_at" cell)
    if (Object.hasOwn(s, "at") && s["at"] === null) return;
    const ev: Record<string, unknown> = {};
    for (const [key, names] of EVENT_FIELDS) {
      const [name, v] = field(s, names);
      const p = plain(v, zone, ["events", i, name]);
      if (p !== undefined) ev[key] = p;
    }
    if (ev["type"] === "reclassify") {
      const f = factsOf(s, zone, ["events", i]);
      if (f !== undefined) ev["facts"] = f;
    }
    out.push(ev as unknown as TicketEvent);
  });
  return out;
}

/**
 * A reclassify event's facts (docs/sla.md "Facts that change mid-ticket"): a STRUCT
 * `{'urgency': 'urgent'}`, JSON text (`'{"urgency":"urgent"}'`), or the dimensions as fields of the
 * event itself (`{'type': 'reclassify', 'at': at, 'urgency': 'urgent'}`); `evaluateTicket` checks them.
 */
function factsOf(s: Readonly<Record<string, DuckDBValue>>, zone: string | undefined, path: ErrorPath): unknown {
  const [, v] = field(s, ["facts"]);
  if (v instanceof DuckDBStructValue) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v.entries)) {
      const p = plain(x, zone, [...path, "facts", k]);
      if (p !== undefined) o[k] = p;
    }
    return o;
  }
  if (typeof v === "string") {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  if (v !== null) return plain(v, zone, [...path, "facts"]);
  const o: Record<string, unknown> = {};
  for (const d of ["tier", "urgency", "location", "channel"]) {
    const p = plain(field(s, [d])[1], zone, [...path, d]);
    if (p !== undefined) o[d] = p;
  }
  return Object.keys(o).length > 0 ? o : undefined;
}

/** An instant argument (`as_of`, `anchor`): TIMESTAMPTZ, TIMESTAMP with the zone, or ISO text. */
export function instantOf(v: DuckDBValue, zone: string | undefined, path: ErrorPath): unknown {
  const p = plain(v, zone, path);
  if (p === undefined) throw new SlaKitError("INVALID_ARGUMENT", `${formatPath(path)} is NULL: give the instant (a TIMESTAMPTZ).`, { path });
  return p;
}

/** The optional 5th argument of sla_evaluate: STRUCT {stages, allow_outside_effective_dates}. */
export function evaluateOptionsOf(v: DuckDBValue | undefined, asOf: unknown): EvaluateTicketOptions {
  if (v === undefined || v === null) return { asOf: asOf as Date };
  const s = structOf(v, ["options"], "{stages: [...], allow_outside_effective_dates: true}");
  const out: { asOf: Date; stages?: readonly string[]; allowOutsideEffectiveDates?: boolean } = { asOf: asOf as Date };
  for (const name of Object.keys(s)) {
    if (name !== "stages" && name !== "allow_outside_effective_dates" && name !== "allowOutsideEffectiveDates") {
      throw new SlaKitError("INVALID_ARGUMENT", `options.${name} is not an option of sla_evaluate: use stages (a LIST of stage names) or allow_outside_effective_dates (BOOLEAN).`, { path: ["options", name] });
    }
  }
  const [, stages] = field(s, ["stages"]);
  if (stages !== null) {
    if (!(stages instanceof DuckDBListValue)) throw new SlaKitError("INVALID_ARGUMENT", `options.stages must be a LIST of stage names, e.g. ['response', 'handling'].`, { path: ["options", "stages"] });
    out.stages = stages.items.map((x) => plain(x, undefined, ["options", "stages"])) as string[];
  }
  const [, allow] = field(s, ["allow_outside_effective_dates", "allowOutsideEffectiveDates"]);
  if (allow !== null) {
    if (typeof allow !== "boolean") throw new SlaKitError("INVALID_ARGUMENT", `options.allow_outside_effective_dates must be a BOOLEAN.`, { path: ["options", "allow_outside_effective_dates"] });
    out.allowOutsideEffectiveDates = allow;
  }
  return out;
}

/** A text argument (policy name, service, stage...), or undefined for NULL. */
export function textOf(v: DuckDBValue, path: ErrorPath): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "string") return v;
  throw new SlaKitError("INVALID_ARGUMENT", `${formatPath(path)} must be a VARCHAR, got ${describe(typeof v === "object" ? String(v) : v)}.`, { path });
}
