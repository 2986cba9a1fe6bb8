/**
 * The timeline of a ticket: what its events say at `asOf` (done times, agreements, pauses,
 * remote resolution). Private to `sla`.
 * @internal
 */
import type { AgreedRead, DoneRead, ReadEvent } from "./_events.js";

/** A pause as [start, end) in epoch ms; an open pause ends at `asOf`. */
export type PauseSpan = readonly [number, number];

export interface Timeline {
  readonly createdMs: number;
  readonly asOfMs: number;
  /** Every done event, also those after `asOf` (for the anchor checks). */
  readonly doneAll: ReadonlyMap<string, DoneRead>;
  /** Done events known at `asOf`. */
  readonly done: ReadonlyMap<string, DoneRead>;
  /** The agreement of each stage known at `asOf` (the last one recorded). */
  readonly agreed: ReadonlyMap<string, AgreedRead>;
  readonly pauses: readonly PauseSpan[];
  /** First `remote-resolved` known at `asOf`, or null. */
  readonly remoteAt: number | null;
}

/** Builds the timeline from sorted events. */
export function buildTimeline(events: readonly ReadEvent[], createdMs: number, asOfMs: number): Timeline {
  const doneAll = new Map<string, DoneRead>();
  for (const e of events) if (e.type === "done") doneAll.set(e.stage, e);
  const done = new Map<string, DoneRead>();
  const agreed = new Map<string, AgreedRead>();
  const pauses: PauseSpan[] = [];
  let pauseStart = -1;
  let remoteAt: number | null = null;
  for (const e of events) {
    if (e.ms > asOfMs) break;
    switch (e.type) {
      case "done":
        done.set(e.stage, e);
        break;
      case "agreed-deadline":
        agreed.set(e.stage, e);
        break;
      case "pause":
        pauseStart = e.ms;
        break;
      case "resume":
        pauses.push([pauseStart, e.ms]);
        pauseStart = -1;
        break;
      case "remote-resolved":
        remoteAt ??= e.ms;
        break;
    }
  }
  if (pauseStart >= 0) pauses.push([pauseStart, asOfMs]);
  return { createdMs, asOfMs, doneAll, done, agreed, pauses, remoteAt };
}
