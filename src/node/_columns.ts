/**
 * Tickets as compact columns for worker threads: typed arrays (transferred, not copied) plus one
 * table of distinct strings. The columns carry exactly what an evaluation reads of a ticket: its
 * id, `createdAt`, the seven facts (service, tier, urgency, location, channel, assignee,
 * department) and each event's `type`, `at`, and of `stage`, `rings`, `dueAt`, `reason` and
 * `consent` those its type reads (`EVENT_READS` of src/sla/_events.ts; all of them for a type evaluation does not know), times as
 * epoch ms; an event's other fields (`cause`, `remedy`, `objective`, `facts`) travel as one JSON
 * string per distinct value. Fields evaluation never reads are dropped. A ticket whose
 * values the columns would change (a fact that is not a string, `rings` that is not a number, a
 * time that is not a valid instant, a field JSON cannot carry exactly) is left to the caller,
 * which evaluates the original object.
 *
 * The worker rebuilds one ticket at a time, every ticket with the same fields in the same order
 * and every event too (`undefined` where the input had none), so the code that reads them stays
 * monomorphic: keep that in mind before testing fields with `in` or `Object.keys`.
 * @internal
 */
import { parseIsoInstant } from "../_lib/instant.js";
import { EVENT_READS, READS_CAUSE, READS_CONSENT, READS_DUE, READS_FACTS, READS_REASON, READS_RINGS, READS_STAGE } from "../sla/_events.js";
import type { Ticket } from "../sla/types.js";

/** The ticket facts an evaluation reads, in column order: service, tier, urgency, location, channel, assignee, department. */
const NFACTS = 7;
/** Event fields besides the columns' own that evaluation reads; they travel as JSON. */
const REST = ["cause", "remedy", "objective", "facts"] as const;

/** Every field, for an event type evaluation does not know (it refuses it with its own error). */
const ALL = READS_STAGE | READS_REASON | READS_CONSENT | READS_RINGS | READS_DUE | READS_CAUSE | READS_FACTS;

/** One batch of tickets as columns. */
export interface Columns {
  readonly n: number;
  /** Position of each ticket in the caller's input. */
  readonly index: Float64Array;
  readonly ids: string[];
  /** String-table index of fact f of ticket i at [i * 7 + f] (FACTS order), -1 where absent. */
  readonly facts: Int32Array;
  readonly createdAt: Float64Array;
  /** Events of ticket i are evStart[i] .. evStart[i + 1]. */
  readonly evStart: Int32Array;
  /** String-table indexes of `type`, `stage`, `reason` and `consent` (-1: absent). */
  readonly evType: Int32Array;
  readonly evStage: Int32Array;
  readonly evReason: Int32Array;
  readonly evConsent: Int32Array;
  readonly evAt: Float64Array;
  /** `rings` and `dueAt` (epoch ms), NaN where absent. */
  readonly evRings: Float64Array;
  readonly evDue: Float64Array;
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

/** Does JSON carry `v` exactly (strings, booleans, finite numbers, null, plain objects and arrays of them)? */
function exact(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== "object" || depth > 4) return false;
  if (Array.isArray(v)) return v.every((x) => exact(x, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).every((x) => x !== undefined && exact(x, depth + 1));
}

/** A growable typed column. */
class Column<A extends Float64Array | Int32Array> {
  len = 0;
  constructor(
    public a: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: number): void {
    if (this.len === this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.len++] = v;
  }
  /** The filled part (a copy when the column is not full, so the transferred buffer holds no slack). */
  done(): A {
    return (this.len === this.a.length ? this.a : this.a.slice(0, this.len)) as A;
  }
}
const f64 = (n: number) => new Column(new Float64Array(n), (m) => new Float64Array(m));
const i32 = (n: number) => new Column(new Int32Array(n), (m) => new Int32Array(m));

/** Builds one batch; `add` returns false for a ticket that does not fit the columns. */
export class ColumnWriter {
  private readonly index = f64(256);
  private readonly ids: string[] = [];
  private readonly facts = i32(256 * NFACTS);
  private readonly createdAt = f64(256);
  private readonly evStart = i32(256);
  private readonly evType = i32(512);
  private readonly evStage = i32(512);
  private readonly evReason = i32(512);
  private readonly evConsent = i32(512);
  private readonly evAt = f64(512);
  private readonly evRings = f64(512);
  private readonly evDue = f64(512);
  private readonly evRest = i32(512);
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** Facts of the ticket being added. */
  private readonly fact = new Int32Array(NFACTS);

  constructor() {
    this.evStart.push(0);
  }

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

  /** String-table index of an optional string field, -1 when absent, -2 when not a string. */
  private opt(v: unknown): number {
    return v === undefined ? -1 : typeof v === "string" ? this.str(v) : -2;
  }

  /** Adds the ticket at `position` of the input, or returns false (nothing added) when it does not fit. */
  add(t: Ticket, position: number): boolean {
    if (t === null || typeof t !== "object" || typeof t.id !== "string" || !Array.isArray(t.events)) return false;
    const created = timeMs(t.createdAt);
    if (created === null) return false;
    // named loads, one per fact (a loop over key names would make each a generic keyed lookup)
    const fact = this.fact;
    fact[0] = this.opt(t.service);
    fact[1] = this.opt(t.tier);
    fact[2] = this.opt(t.urgency);
    fact[3] = this.opt(t.location);
    fact[4] = this.opt(t.channel);
    fact[5] = this.opt(t.assignee);
    fact[6] = this.opt(t.department);
    if (fact[0] === -2 || fact[1] === -2 || fact[2] === -2 || fact[3] === -2 || fact[4] === -2 || fact[5] === -2 || fact[6] === -2) return false;
    const events = t.events as readonly unknown[];
    const first = this.evType.len;
    for (let k = 0; k < events.length; k++) {
      if (!this.event(events[k])) {
        this.dropEvents(first);
        return false;
      }
    }
    this.index.push(position);
    this.ids.push(t.id);
    for (let f = 0; f < NFACTS; f++) this.facts.push(fact[f]!);
    this.createdAt.push(created);
    this.evStart.push(this.evType.len);
    return true;
  }

  /** Appends one event's columns, or returns false (possibly half written: see dropEvents). */
  private event(raw: unknown): boolean {
    if (raw === null || typeof raw !== "object") return false;
    const e = raw as Record<string, unknown>;
    const type = e.type;
    if (typeof type !== "string") return false;
    const at = timeMs(e.at);
    if (at === null) return false;
    // only the fields evaluation reads of this kind: reading fields an event lacks, on events of
    // many shapes, costs more than the rest of the copy (the others arrive undefined, unread)
    const reads = EVENT_READS.get(type) ?? ALL;
    const stage = reads & READS_STAGE ? this.opt(e.stage) : -1;
    const reason = reads & READS_REASON ? this.opt(e.reason) : -1;
    const consent = reads & READS_CONSENT ? this.opt(e.consent) : -1;
    if (stage === -2 || reason === -2 || consent === -2) return false;
    const rings = reads & READS_RINGS ? e.rings : undefined;
    if (rings !== undefined && (typeof rings !== "number" || rings !== rings)) return false;
    let due = Number.NaN;
    const dueAt = reads & READS_DUE ? e.dueAt : undefined;
    if (dueAt !== undefined) {
      const ms = timeMs(dueAt);
      if (ms === null) return false;
      due = ms;
    }
    let rest = -1;
    if (reads & (READS_CAUSE | READS_FACTS) && (e.cause !== undefined || e.remedy !== undefined || e.objective !== undefined || e.facts !== undefined)) {
      const o: Record<string, unknown> = {};
      for (const key of REST) {
        const v = e[key];
        if (v === undefined) continue;
        if (!exact(v)) return false;
        o[key] = v;
      }
      rest = this.str(JSON.stringify(o));
    }
    this.evType.push(this.str(type));
    this.evAt.push(at);
    this.evStage.push(stage);
    this.evReason.push(reason);
    this.evConsent.push(consent);
    this.evRings.push(rings === undefined ? Number.NaN : rings);
    this.evDue.push(due);
    this.evRest.push(rest);
    return true;
  }

  /** Forgets the events written from index `from` on (a ticket that turned out not to fit). */
  private dropEvents(from: number): void {
    for (const c of [this.evType, this.evAt, this.evStage, this.evReason, this.evConsent, this.evRings, this.evDue, this.evRest]) c.len = from;
  }

  /** The batch, and the buffers to transfer with it. */
  finish(): { columns: Columns; transfer: ArrayBuffer[] } {
    const columns: Columns = {
      n: this.ids.length,
      index: this.index.done(),
      ids: this.ids,
      facts: this.facts.done(),
      createdAt: this.createdAt.done(),
      evStart: this.evStart.done(),
      evType: this.evType.done(),
      evStage: this.evStage.done(),
      evReason: this.evReason.done(),
      evConsent: this.evConsent.done(),
      evAt: this.evAt.done(),
      evRings: this.evRings.done(),
      evDue: this.evDue.done(),
      evRest: this.evRest.done(),
      strings: this.strings,
    };
    const { index, facts, createdAt, evStart, evType, evStage, evReason, evConsent, evAt, evRings, evDue, evRest } = columns;
    const transfer = [index, facts, createdAt, evStart, evType, evStage, evReason, evConsent, evAt, evRings, evDue, evRest].map((a) => a.buffer as ArrayBuffer);
    return { columns, transfer };
  }
}

/**
 * The tickets of a batch, rebuilt one at a time as they are read (each distinct JSON string
 * parsed once): every ticket and every event of one shape, `undefined` where the input had no value.
 */
export function* readColumns(c: Columns): Generator<Ticket, void, undefined> {
  const { strings: s, facts: f } = c;
  const rest: (Record<string, unknown> | undefined)[] = [];
  const str = (i: number): string | undefined => (i < 0 ? undefined : s[i]);
  for (let i = 0; i < c.n; i++) {
    const from = c.evStart[i]!;
    const to = c.evStart[i + 1]!;
    const events = new Array<unknown>(to - from);
    for (let k = from; k < to; k++) {
      const rings = c.evRings[k]!;
      const due = c.evDue[k]!;
      const ev = {
        type: s[c.evType[k]!],
        at: c.evAt[k]!,
        stage: str(c.evStage[k]!),
        rings: rings === rings ? rings : undefined,
        dueAt: due === due ? due : undefined,
        reason: str(c.evReason[k]!),
        consent: str(c.evConsent[k]!),
      };
      const r = c.evRest[k]!;
      if (r >= 0) Object.assign(ev, (rest[r] ??= JSON.parse(s[r]!) as Record<string, unknown>));
      events[k - from] = ev;
    }
    const o = i * NFACTS;
    yield {
      id: c.ids[i]!,
      service: str(f[o]!),
      tier: str(f[o + 1]!),
      urgency: str(f[o + 2]!),
      location: str(f[o + 3]!),
      channel: str(f[o + 4]!),
      assignee: str(f[o + 5]!),
      department: str(f[o + 6]!),
      createdAt: c.createdAt[i]!,
      events,
    } as unknown as Ticket;
  }
}
