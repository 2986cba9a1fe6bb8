/**
 * Tickets as compact columns for worker threads: typed arrays (transferred, not copied) plus one
 * table of distinct strings. A ticket's facts (service, tier, assignee, ...) and each event's
 * fields besides `type` and `at` travel as JSON strings, written once per distinct value, so a
 * million tickets of a few hundred fact combinations cost a few bytes each. Tickets that do not
 * fit (no array of events, a time that is not a valid instant, ...) are left to the caller.
 * @internal
 */
import { SlaKitError } from "../errors.js";
import { parseIsoInstant } from "../_lib/instant.js";
import type { Ticket, TicketEvent } from "../sla/types.js";

/**
 * An error of `tallyTickets` on a batch, moved to the input's numbering: a `SlaKitError` whose
 * path starts with the ticket's index in the batch gets its position in the caller's input
 * (`positions[i]`) in its path and message; anything else is returned as is.
 */
export function atPosition(e: unknown, positions: ArrayLike<number>): unknown {
  if (!(e instanceof SlaKitError) || typeof e.path[0] !== "number") return e;
  const at = positions[e.path[0]]!;
  return new SlaKitError(e.code, e.message.replace(/^Ticket \d+/, `Ticket ${at}`), { path: [at, ...e.path.slice(1)], details: e.details, cause: e });
}

/** One batch of tickets as columns. */
export interface Columns {
  readonly n: number;
  /** Position of each ticket in the caller's input. */
  readonly index: Float64Array;
  readonly ids: string[];
  /** String-table index of the JSON of the ticket's other fields. */
  readonly facts: Int32Array;
  readonly createdAt: Float64Array;
  /** Events of ticket i are evStart[i] .. evStart[i + 1]. */
  readonly evStart: Int32Array;
  readonly evType: Int32Array;
  readonly evAt: Float64Array;
  /** String-table index of the JSON of the event's other fields, or -1. */
  readonly evRest: Int32Array;
  readonly strings: string[];
}

/** Epoch ms of a time the worker reads as evaluateTicket would (a number, a Date, an ISO-8601 instant), or null. */
function timeMs(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  if (typeof v !== "string") return null;
  const ms = parseIsoInstant(v);
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : null;
}
/** JSON of a value, with Dates as epoch ms (what evaluateTicket reads them as). */
const toJson = (v: object): string => JSON.stringify(v, function (this: Record<string, unknown>, k, x: unknown) {
  const raw = this[k];
  return raw instanceof Date ? raw.getTime() : x;
});

/** Builds one batch; `add` returns false for a ticket that does not fit the columns. */
export class ColumnWriter {
  private readonly index: number[] = [];
  private readonly ids: string[] = [];
  private readonly facts: number[] = [];
  private readonly createdAt: number[] = [];
  private readonly evStart: number[] = [0];
  private readonly evType: number[] = [];
  private readonly evAt: number[] = [];
  private readonly evRest: number[] = [];
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  private str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  add(t: Ticket, position: number): boolean {
    if (t === null || typeof t !== "object" || typeof t.id !== "string" || !Array.isArray(t.events)) return false;
    const created = timeMs(t.createdAt);
    if (created === null) return false;
    const types: number[] = [];
    const ats: number[] = [];
    const rests: number[] = [];
    for (const e of t.events as readonly TicketEvent[]) {
      if (e === null || typeof e !== "object" || typeof e.type !== "string") return false;
      const at = timeMs(e.at);
      if (at === null) return false;
      const { type, at: _at, ...rest } = e as TicketEvent & Record<string, unknown>;
      types.push(this.str(type));
      ats.push(at);
      rests.push(Object.keys(rest).length === 0 ? -1 : this.str(toJson(rest)));
    }
    const { id, createdAt: _c, events: _e, ...facts } = t as Ticket & Record<string, unknown>;
    this.index.push(position);
    this.ids.push(id);
    this.facts.push(this.str(toJson(facts)));
    this.createdAt.push(created);
    for (let k = 0; k < types.length; k++) {
      this.evType.push(types[k]!);
      this.evAt.push(ats[k]!);
      this.evRest.push(rests[k]!);
    }
    this.evStart.push(this.evType.length);
    return true;
  }

  /** The batch, and the buffers to transfer with it. */
  finish(): { columns: Columns; transfer: ArrayBuffer[] } {
    const columns: Columns = {
      n: this.ids.length,
      index: Float64Array.from(this.index),
      ids: this.ids,
      facts: Int32Array.from(this.facts),
      createdAt: Float64Array.from(this.createdAt),
      evStart: Int32Array.from(this.evStart),
      evType: Int32Array.from(this.evType),
      evAt: Float64Array.from(this.evAt),
      evRest: Int32Array.from(this.evRest),
      strings: this.strings,
    };
    const transfer = [columns.index, columns.facts, columns.createdAt, columns.evStart, columns.evType, columns.evAt, columns.evRest].map((a) => a.buffer as ArrayBuffer);
    return { columns, transfer };
  }
}

/** The tickets of a batch, rebuilt (each distinct JSON string parsed once). */
export function readColumns(c: Columns): Ticket[] {
  const parsed = c.strings.map((s) => (s.startsWith("{") ? (JSON.parse(s) as Record<string, unknown>) : null));
  const out = new Array<Ticket>(c.n);
  for (let i = 0; i < c.n; i++) {
    const events = [];
    for (let k = c.evStart[i]!; k < c.evStart[i + 1]!; k++) {
      const r = c.evRest[k]!;
      events.push(r < 0 ? { type: c.strings[c.evType[k]!], at: c.evAt[k]! } : { ...parsed[r], type: c.strings[c.evType[k]!], at: c.evAt[k]! });
    }
    out[i] = { ...parsed[c.facts[i]!], id: c.ids[i]!, createdAt: c.createdAt[i]!, events } as unknown as Ticket;
  }
  return out;
}
