import { SlaKitError, isSlaKitError, type ErrorCode } from "../errors.js";
import { fromZonedTime } from "../calendar/fromZonedTime.js";
import { describe, parseIsoInstant } from "../_lib/instant.js";
import { assertTimeZone } from "../_lib/zone.js";
import { evaluateTicket } from "../sla/evaluateTicket.js";
import { stageName } from "../sla/_references.js";
import { hasOwn, own } from "../sla/_own.js";
import type { Policy, Ticket, TicketEvent } from "../sla/types.js";
import type { Row, RowError, RowMapping, TableTicket, TicketsFromRowsOptions, TicketsFromRowsResult, UntrackedStage } from "./types.js";

const OWN_FACTS = new Set(["tier", "urgency", "location", "channel", "assignee", "department"]);
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** A cell that fails; caught per row and turned into a RowError. */
class CellError extends Error {
  constructor(readonly column: string | null, readonly value: unknown, message: string, readonly code: ErrorCode = "INVALID_ROW") {
    super(message);
  }
}

/** The cell of a column: an own property of the row only ("constructor" is a column name, not Object). */
const cell = (row: Row, col: string): unknown => own(row, col);

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function mappingError(message: string, path: (string | number)[]): never {
  throw new SlaKitError("INVALID_MAPPING", message, { path: ["mapping", ...path] });
}

function column(v: unknown, path: (string | number)[]): string {
  if (typeof v !== "string" || v === "") mappingError(`mapping.${path.join(".")} must be a column name (a non-empty string), got ${describe(v)}.`, path);
  return v;
}

function columnRecord(v: unknown, path: string[]): Record<string, string> {
  if (v === undefined) return {};
  if (v === null || typeof v !== "object" || Array.isArray(v)) mappingError(`mapping.${path.join(".")} must be an object of name -> column.`, path);
  const out: Record<string, string> = {};
  for (const [k, c] of Object.entries(v)) out[k] = column(c, [...path, k]);
  return out;
}

/** Checks the mapping against the policy (stage and milestone names), so typos fail at once. */
function checkMapping(m: RowMapping, policy: Policy): void {
  if (m === null || typeof m !== "object") mappingError("The mapping must be an object { id, createdAt, service, facts, done, ... }.", []);
  column(m.id, ["id"]);
  column(m.createdAt, ["createdAt"]);
  if (typeof m.service === "object" && m.service !== null) {
    if (!hasOwn(policy.services, m.service.value)) mappingError(`mapping.service.value ${describe(m.service.value)} is not a service of policy "${policy.id}" (${Object.keys(policy.services).join(", ")}).`, ["service", "value"]);
  } else column(m.service, ["service"]);
  columnRecord(m.facts, ["facts"]);
  const names = new Set<string>();
  for (const s of Object.values(policy.services)) {
    for (const st of s.stages) names.add(stageName(st));
    for (const ms of s.milestones ?? []) names.add(ms);
  }
  for (const key of ["done", "rings", "agreed"] as const) {
    const rec = m[key];
    if (rec === undefined) continue;
    if (rec === null || typeof rec !== "object" || Array.isArray(rec)) mappingError(`mapping.${key} must be an object of stage -> column.`, [key]);
    for (const [stage, c] of Object.entries(rec)) {
      if (!names.has(stage)) mappingError(`mapping.${key} names "${stage}", which is not a stage or milestone of policy "${policy.id}" (${[...names].join(", ")}).`, [key, stage]);
      if (key === "agreed") {
        const a = c as Record<string, unknown>;
        if (a === null || typeof a !== "object") mappingError(`mapping.agreed.${stage} must be { dueAt, at, consent } column names.`, [key, stage]);
        for (const f of ["dueAt", "at", "consent"]) column(a[f], [key, stage, f]);
      } else column(c, [key, stage]);
    }
  }
  if (m.pauses !== undefined) {
    if (!Array.isArray(m.pauses)) mappingError("mapping.pauses must be an array of { pause, resume, reason? } column names.", ["pauses"]);
    m.pauses.forEach((p, i) => {
      if (p === null || typeof p !== "object") mappingError(`mapping.pauses[${i}] must be { pause, resume, reason? }.`, ["pauses", i]);
      column(p.pause, ["pauses", i, "pause"]);
      column(p.resume, ["pauses", i, "resume"]);
      if (p.reason !== undefined) column(p.reason, ["pauses", i, "reason"]);
      if (p.consent !== undefined) column(p.consent, ["pauses", i, "consent"]);
    });
  }
  if (m.remoteResolved !== undefined) column(m.remoteResolved, ["remoteResolved"]);
}

/** Reads a timestamp cell: Date, epoch ms, ISO text with an offset, or local text in `timeZone`. */
function readTime(row: Row, col: string, timeZone: string | undefined): Date {
  const v = cell(row, col);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new CellError(col, v, `${col} is an Invalid Date.`);
    return v;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || Math.abs(v) > 8.64e15) throw new CellError(col, v, `${col} must be epoch milliseconds, got ${describe(v)}.`);
    return new Date(v);
  }
  if (typeof v !== "string") throw new CellError(col, v, `${col} must be a time (ISO text, Date or epoch ms), got ${describe(v)}.`);
  const text = v.trim();
  if (HAS_OFFSET.test(text)) {
    const ms = parseIsoInstant(text.replace(" ", "T"));
    if (Number.isNaN(ms)) throw new CellError(col, v, `${col} ${describe(v)} is not an ISO-8601 time such as "2026-03-02T09:30:00+08:00", or names a date that does not exist.`);
    return new Date(ms);
  }
  if (timeZone === undefined) {
    throw new CellError(col, v, `${col} ${describe(v)} has no offset: pass options.timeZone (e.g. "Asia/Shanghai") to read local times, or write the offset ("+08:00").`);
  }
  try {
    return fromZonedTime(text, timeZone, { path: [col] });
  } catch (e) {
    throw new CellError(col, v, isSlaKitError(e) ? e.message : String(e));
  }
}

function readString(row: Row, col: string): string | undefined {
  const v = cell(row, col);
  if (isEmpty(v)) return undefined;
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  throw new CellError(col, v, `${col} must be text, got ${describe(v)}.`);
}

interface Built {
  readonly ticket: TableTicket;
  /** Column of each event, by index in `ticket.events`. */
  readonly eventColumns: readonly string[];
  readonly lastMs: number;
}

function buildTicket(row: Row, m: RowMapping, rowNumber: number, timeZone: string | undefined): Built {
  const id = readString(row, m.id);
  if (id === undefined) throw new CellError(m.id, cell(row, m.id), `${m.id} (the ticket id) is empty.`);
  const service = typeof m.service === "object" ? m.service.value : readString(row, m.service);
  if (service === undefined) throw new CellError(m.service as string, cell(row, m.service as string), `${m.service as string} (the service) is empty.`);
  if (isEmpty(cell(row, m.createdAt))) throw new CellError(m.createdAt, cell(row, m.createdAt), `${m.createdAt} (the creation time) is empty.`);
  const created = readTime(row, m.createdAt, timeZone);
  let lastMs = created.getTime();
  const events: TicketEvent[] = [];
  const eventColumns: string[] = [];
  const push = (e: TicketEvent, col: string, ms: number): void => {
    events.push(e);
    eventColumns.push(col);
    if (ms > lastMs) lastMs = ms;
  };
  const ticket: Record<string, unknown> = { id, service, createdAt: created, events, row: rowNumber };
  const facts: Record<string, string> = {};
  for (const [fact, col] of Object.entries(m.facts ?? {})) {
    const v = readString(row, col);
    if (v === undefined) continue;
    if (OWN_FACTS.has(fact)) ticket[fact] = v;
    // defineProperty: a fact named "__proto__" is kept as data, never as the object's prototype
    else Object.defineProperty(facts, fact, { value: v, enumerable: true, writable: true, configurable: true });
  }
  ticket.facts = facts;
  const rings = m.rings ?? {};
  for (const [stage, col] of Object.entries(m.done ?? {})) {
    if (isEmpty(cell(row, col))) continue;
    const at = readTime(row, col, timeZone);
    const rc = own(rings, stage);
    let n: number | undefined;
    if (rc !== undefined && !isEmpty(cell(row, rc))) {
      n = Number(cell(row, rc));
      if (!Number.isInteger(n) || n < 0) throw new CellError(rc, cell(row, rc), `${rc} (rings of ${stage}) must be a whole number >= 0, got ${describe(cell(row, rc))}.`);
    }
    push(n === undefined ? { type: "done", stage, at } : { type: "done", stage, at, rings: n }, col, at.getTime());
  }
  for (const [stage, col] of Object.entries(rings)) {
    if (own(m.done, stage) === undefined && !isEmpty(cell(row, col))) throw new CellError(col, cell(row, col), `${col} holds rings of "${stage}", but the mapping has no done column for "${stage}" (map done.${stage} to the answer time).`, "INVALID_ROW");
  }
  for (const p of m.pauses ?? []) {
    const hasPause = !isEmpty(cell(row, p.pause));
    const hasResume = !isEmpty(cell(row, p.resume));
    if (!hasPause && hasResume) throw new CellError(p.pause, cell(row, p.pause), `${p.resume} is set but ${p.pause} is empty: a resume needs the pause it ends.`);
    if (!hasPause) continue;
    const at = readTime(row, p.pause, timeZone);
    const reason = p.reason === undefined ? undefined : readString(row, p.reason);
    const consent = p.consent === undefined ? undefined : readString(row, p.consent);
    push({ type: "pause", at, ...(reason === undefined ? {} : { reason }), ...(consent === undefined ? {} : { consent }) }, p.pause, at.getTime());
    if (hasResume) {
      const r = readTime(row, p.resume, timeZone);
      push({ type: "resume", at: r }, p.resume, r.getTime());
    }
  }
  for (const [stage, a] of Object.entries(m.agreed ?? {})) {
    if (isEmpty(cell(row, a.dueAt))) continue;
    const dueAt = readTime(row, a.dueAt, timeZone);
    if (isEmpty(cell(row, a.at))) throw new CellError(a.at, cell(row, a.at), `${a.at} (when the deadline of ${stage} was agreed) is empty while ${a.dueAt} is set.`);
    const at = readTime(row, a.at, timeZone);
    const consent = readString(row, a.consent) ?? "";
    push({ type: "agreed-deadline", stage, dueAt, at, consent }, a.at, at.getTime());
  }
  if (m.remoteResolved !== undefined && !isEmpty(cell(row, m.remoteResolved))) {
    const at = readTime(row, m.remoteResolved, timeZone);
    push({ type: "remote-resolved", at }, m.remoteResolved, at.getTime());
  }
  return { ticket: ticket as unknown as TableTicket, eventColumns, lastMs };
}

/** The column an evaluateTicket error path points at. */
function columnOf(path: readonly (string | number)[], m: RowMapping, built: Built): string | null {
  const [head, i, field] = path;
  if (head === "events" && typeof i === "number") {
    const e = built.ticket.events[i];
    if (e?.type === "agreed-deadline") {
      const a = own(m.agreed, e.stage);
      if (a !== undefined) return field === "dueAt" ? a.dueAt : field === "consent" ? a.consent : a.at;
    }
    if (field === "rings" && e?.type === "done") return own(m.rings, e.stage) ?? null;
    if (e?.type === "pause" && (field === "reason" || field === "consent")) {
      const p = m.pauses?.find((x) => x.pause === built.eventColumns[i]);
      if (p?.[field] !== undefined) return p[field];
    }
    return built.eventColumns[i] ?? null;
  }
  if (head === "createdAt") return m.createdAt;
  if (head === "service") return typeof m.service === "string" ? m.service : null;
  if (head === "id") return m.id;
  if (typeof head === "string") return own(m.facts, head) ?? null;
  return null;
}

/**
 * Tickets from plain row objects (a parsed CSV, a JSON array, rows of a data frame), with every
 * bad row reported, never dropped silently.
 *
 * The mapping names the column of the id, the creation time, the service (or one fixed service),
 * the facts (tier, urgency, location, channel, assignee, department, and any other such as region,
 * kept in `ticket.facts`), one done-time column per stage, pause/resume column pairs, agreed deadlines and
 * remote resolution. Empty cells mean "did not happen". Timestamps may be Dates, epoch ms, ISO
 * texts with an offset, or local texts ("2026-03-02 09:30") read in `options.timeZone` through
 * {@link fromZonedTime} (DST "compatible").
 *
 * Each ticket is checked the way `evaluateTicket` checks it (services, dimension values, events
 * in a possible order, consent of agreed deadlines), so a ticket that comes back evaluates. A row
 * that fails becomes a {@link RowError} with its row number, column, value and reason. Stages of
 * the services seen that have no done (or rings) column are listed in `untrackedStages`: leave
 * them out of evaluations (`trackedStages`) rather than letting them turn overdue.
 *
 * @throws SlaKitError `INVALID_MAPPING` for a mapping that is not usable (a column that is not a
 *   string, a stage the policy does not have; path `["mapping", ...]`), `INVALID_ARGUMENT` for
 *   rows that are not an array, a missing policy or an unknown `timeZone`.
 * @example
 * ```ts
 * import { ticketsFromRows } from "sla-kit/table";
 * import { robotIntegration2026 } from "sla-kit/sla";
 *
 * const rows = [
 *   { id: "T-1", opened: "2026-03-02 09:00", tier: "core", urgency: "urgent", responded: "2026-03-02 09:20" },
 *   { id: "T-2", opened: "2026-03-02 25:00", tier: "core", urgency: "urgent", responded: "" },
 * ];
 * const { tickets, errors, untrackedStages } = ticketsFromRows(rows, {
 *   id: "id", createdAt: "opened", service: { value: "fault" },
 *   facts: { tier: "tier", urgency: "urgency" }, done: { response: "responded" },
 * }, { policy: robotIntegration2026, timeZone: "Asia/Shanghai", firstRowNumber: 2 });
 * console.log(tickets.map((t) => t.id), tickets[0]!.events[0]!.at); // [ 'T-1' ] 2026-03-02T01:20:00.000Z
 * console.log(errors[0]!.row, errors[0]!.column); // 3 opened
 * console.log(untrackedStages.map((s) => s.stage)); // [ 'handling', 'resolution' ]
 * ```
 */
export function ticketsFromRows(rows: readonly Row[], mapping: RowMapping, options: TicketsFromRowsOptions): TicketsFromRowsResult {
  if (!Array.isArray(rows)) throw new SlaKitError("INVALID_ARGUMENT", `rows must be an array of row objects, got ${describe(rows)}.`, { path: ["rows"] });
  if (options === null || typeof options !== "object" || options.policy === null || typeof options.policy !== "object") {
    throw new SlaKitError("INVALID_ARGUMENT", "ticketsFromRows needs options { policy } (the policy the tickets are checked against).", { path: ["options", "policy"] });
  }
  const { policy } = options;
  const timeZone = options.timeZone === undefined ? undefined : assertTimeZone(options.timeZone, "INVALID_ARGUMENT", ["options", "timeZone"]);
  const first = options.firstRowNumber ?? 1;
  if (!Number.isInteger(first)) throw new SlaKitError("INVALID_ARGUMENT", `options.firstRowNumber must be an integer, got ${describe(first)}.`, { path: ["options", "firstRowNumber"] });
  checkMapping(mapping, policy);

  const tickets: TableTicket[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const services = new Set<string>();
  if (typeof mapping.service === "object") services.add(mapping.service.value);
  rows.forEach((row, i) => {
    const n = first + i;
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      errors.push({ row: n, column: null, value: row, code: "INVALID_ROW", reason: `Row ${n} is not an object of column -> cell.` });
      return;
    }
    let built: Built;
    try {
      built = buildTicket(row, mapping, n, timeZone);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      errors.push({ row: n, column: e.column, value: e.value, code: e.code, reason: e.message });
      return;
    }
    const t = built.ticket;
    const dup = seen.get(t.id);
    if (dup !== undefined) {
      errors.push({ row: n, column: mapping.id, value: cell(row, mapping.id), code: "INVALID_ROW", reason: `Ticket id ${JSON.stringify(t.id)} repeats row ${dup}; ids must be unique.` });
      return;
    }
    try {
      evaluateTicket(policy, t as Ticket, { asOf: built.lastMs, allowOutsideEffectiveDates: true });
    } catch (e) {
      if (!isSlaKitError(e)) throw e;
      const col = columnOf(e.path, mapping, built);
      errors.push({ row: n, column: col, value: col === null ? null : (cell(row, col) ?? null), code: e.code, reason: e.message });
      return;
    }
    seen.set(t.id, n);
    services.add(t.service);
    tickets.push(t);
  });

  const tracked = new Set([...Object.keys(mapping.done ?? {}), ...Object.keys(mapping.rings ?? {})]);
  const untrackedStages: UntrackedStage[] = [];
  const trackedStages = new Set<string>();
  for (const service of Object.keys(policy.services).filter((s) => services.has(s))) {
    for (const st of policy.services[service]!.stages) {
      const stage = stageName(st);
      if (tracked.has(stage)) trackedStages.add(stage);
      else untrackedStages.push({ service, stage });
    }
  }
  return { tickets, errors, untrackedStages, trackedStages: [...trackedStages] };
}
