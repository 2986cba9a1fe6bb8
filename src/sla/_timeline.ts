/**
 * The timeline of a ticket: what its events say at `asOf` (done times, agreements, pauses,
 * remote resolution, stages waived, the close, causes). Private to `sla`.
 * @internal
 */
import type { AgreedRead, CauseRead, DoneRead, NotApplicableRead, ReadEvent, ReclassifyRead } from "./_events.js";
import type { PauseReason } from "./types.js";

/** A pause as [start, end) in epoch ms (an open pause ends at `asOf`) with its declared reason. */
export interface PauseSpan {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
  readonly rule: PauseReason;
}

/** S17: a close undone by a reopening, both known at `asOf` (epoch ms). */
export interface ResolvedSpan {
  readonly closedAt: number;
  readonly reopenedAt: number;
  /** The `reopened` event's reason, if it gave one. */
  readonly reason: string | undefined;
}

const NO_SPANS: readonly ResolvedSpan[] = [];

export interface Timeline {
  readonly createdMs: number;
  readonly asOfMs: number;
  /** Every done event, also those after `asOf` (for the anchor checks); a recurring stage's first. */
  readonly doneAll: ReadonlyMap<string, DoneRead>;
  /** Done events known at `asOf` (a recurring stage's first). */
  readonly done: ReadonlyMap<string, DoneRead>;
  /** Agreements of each stage known at `asOf`, in time order. */
  readonly agreements: ReadonlyMap<string, readonly AgreedRead[]>;
  readonly pauses: readonly PauseSpan[];
  /** First `remote-resolved` known at `asOf`, or null. */
  readonly remoteAt: number | null;
  /** First `not-applicable` event of each stage known at `asOf`. */
  readonly notApplicable: ReadonlyMap<string, NotApplicableRead>;
  /** The `closed` event's instant when known at `asOf` (and not reopened since), else null. */
  readonly closedAt: number | null;
  /** S17: each close a reopening undid by `asOf`, in time order (docs/sla.md "Reopened tickets"). */
  readonly reopened: readonly ResolvedSpan[];
  /** The sorted events, also those after `asOf` (for the reopening's look at each close, `_reopen.ts`, and the cycles of recurring stages, `_cycles.ts`). */
  readonly events: readonly ReadEvent[];
  /** Cause events known at `asOf`, in time order. */
  readonly causes: readonly CauseRead[];
  /** Reclassifications known at `asOf`, in time order (docs/sla.md "Facts that change mid-ticket"). */
  readonly reclassify: readonly ReclassifyRead[];
}

/** Builds the timeline from sorted events. */
export function buildTimeline(events: readonly ReadEvent[], createdMs: number, asOfMs: number): Timeline {
  const doneAll = new Map<string, DoneRead>();
  for (const e of events) if (e.type === "done" && !doneAll.has(e.stage)) doneAll.set(e.stage, e);
  const done = new Map<string, DoneRead>();
  const agreements = new Map<string, AgreedRead[]>();
  const notApplicable = new Map<string, NotApplicableRead>();
  const causes: CauseRead[] = [];
  const reclassify: ReclassifyRead[] = [];
  const pauses: PauseSpan[] = [];
  let open: { from: number; reason: string; rule: PauseReason } | null = null;
  let remoteAt: number | null = null;
  let closedAt: number | null = null;
  let reopened: ResolvedSpan[] | null = null;
  for (const e of events) {
    if (e.ms > asOfMs) break;
    switch (e.type) {
      case "done":
        if (!done.has(e.stage)) done.set(e.stage, e);
        break;
      case "agreed-deadline": {
        const list = agreements.get(e.stage);
        if (list) list.push(e);
        else agreements.set(e.stage, [e]);
        break;
      }
      case "pause":
        open = { from: e.ms, reason: e.reason, rule: e.rule };
        break;
      case "resume":
        if (open) pauses.push({ ...open, to: e.ms });
        open = null;
        break;
      case "remote-resolved":
        remoteAt ??= e.ms;
        break;
      case "not-applicable":
        if (!notApplicable.has(e.stage)) notApplicable.set(e.stage, e);
        break;
      case "closed":
        closedAt = e.ms;
        break;
      case "reopened":
        (reopened ??= []).push({ closedAt: closedAt!, reopenedAt: e.ms, reason: e.reason });
        closedAt = null;
        break;
      case "cause":
        causes.push(e);
        break;
      case "reclassify":
        reclassify.push(e);
        break;
    }
  }
  if (open) pauses.push({ ...open, to: asOfMs });
  return { createdMs, asOfMs, doneAll, done, agreements, pauses, remoteAt, notApplicable, closedAt, reopened: reopened ?? NO_SPANS, events, causes, reclassify };
}
