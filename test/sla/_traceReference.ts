/**
 * The trace-rendering reference: a projection of a ticket evaluation onto what sla-kit returned
 * before traces became lazy and results got one fixed shape (0.1.0: absent optional fields, steps
 * rendered at once), and its digest. `fixtures/trace-reference.json.gz` holds the digests computed
 * by that implementation for a broad sample of tickets (every evaluateTicket call of the sla,
 * golden, kpi, table and CLI suites, one to three per distinct set of trace steps, plus the
 * benchmark's synthetic tickets); `trace-render.test.ts` checks today's rendering against them.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import type { PolicyJson, StageEvaluation, Ticket, TicketEvaluation } from "../../src/sla/index.js";

const iso = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());
/** A value as JSON text turns it (Dates become ISO strings; a lazy trace renders through its accessor). */
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

/** What 0.1.0 returned for a stage, absent fields as null/false, plus the warning levels (issue 18). */
export function projectStage(s: StageEvaluation): unknown {
  const o = s as StageEvaluation & Record<string, unknown>;
  return {
    stage: s.stage,
    status: s.status,
    anchorAt: iso(s.anchorAt),
    dueAt: iso(s.dueAt),
    originalDueAt: iso(o.originalDueAt as Date | null | undefined),
    warnAt: iso(s.warnAt),
    doneAt: iso(s.doneAt),
    allowedMs: s.allowedMs,
    elapsedMs: s.elapsedMs,
    remainingMs: s.remainingMs,
    fractionUsed: s.fractionUsed,
    pausedMs: s.pausedMs,
    renegotiated: o.renegotiated === true,
    rejectedAgreements: plain(o.rejectedAgreements),
    needsCause: o.needsCause === true,
    cause: plain(o.cause),
    provisional: o.provisional === true,
    error: plain(o.error),
    levelsReached: plain(o.levelsReached),
    nextLevel: plain(o.nextLevel),
    trace: plain(s.trace),
  };
}

/** What 0.1.0 returned for a ticket, absent fields as null. */
export function projectTicket(ev: TicketEvaluation): unknown {
  const o = ev as TicketEvaluation & Record<string, unknown>;
  const fact = (k: string) => (o[k] === undefined ? null : o[k]);
  return {
    ticketId: ev.ticketId,
    service: ev.service,
    tier: fact("tier"),
    urgency: fact("urgency"),
    location: fact("location"),
    channel: fact("channel"),
    assignee: fact("assignee"),
    department: fact("department"),
    createdAt: iso(ev.createdAt),
    asOf: iso(ev.asOf),
    policy: { ...ev.policy },
    stages: ev.stages.map(projectStage),
    unknownStages: plain(o.unknownStages),
  };
}

export const digest = (v: unknown): string => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16);

export interface ReferenceCase {
  readonly policy: string;
  readonly ticket: Ticket;
  readonly options: { asOf: string | number; stages?: string[]; allowOutsideEffectiveDates?: boolean };
  readonly digest: string;
}
export interface Reference {
  readonly policies: Record<string, PolicyJson>;
  readonly cases: readonly ReferenceCase[];
  /**
   * Digests of `sampleTickets(seed, n)` of bench/_tickets.ts, in order, each evaluated against the
   * policy (`robot` or `cable`, as bench/_tickets.ts built them then) kept here: the built-in
   * policies may change, the reference does not.
   */
  readonly bench: { readonly seed: number; readonly policies: { readonly robot: PolicyJson; readonly cable: PolicyJson }; readonly digests: readonly string[] };
}

export const REFERENCE_FILE = new URL("./fixtures/trace-reference.json.gz", import.meta.url);
export const readReference = (): Reference => JSON.parse(gunzipSync(readFileSync(REFERENCE_FILE)).toString("utf8")) as Reference;
