/**
 * Reading a ticket's events: validated, normalised to epoch ms and stably sorted, still a union
 * by `type` (one shape per event kind, never a bag of optional fields). Private to `sla`.
 * @internal
 */
import { SlaKitError, type ErrorPath } from "../errors.js";
import type { CompiledService } from "./_compile.js";
import { toInstantMs } from "./_time.js";
import type { Ticket } from "./types.js";

interface At {
  /** Index of the event in `ticket.events`. */
  readonly i: number;
  /** `at` in epoch ms. */
  readonly ms: number;
}
export type DoneRead = At & { readonly type: "done"; readonly stage: string; readonly rings: number | undefined };
export type PauseRead = At & { readonly type: "pause" | "resume"; readonly reason: string | undefined };
export type AgreedRead = At & { readonly type: "agreed-deadline"; readonly stage: string; readonly dueMs: number; readonly consent: string };
export type RemoteResolvedRead = At & { readonly type: "remote-resolved" };
/** A ticket event as read: the `TicketEvent` union with instants in epoch ms and its index. */
export type ReadEvent = DoneRead | PauseRead | AgreedRead | RemoteResolvedRead;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Throws `INVALID_EVENT` at `path`. */
export function badEvent(message: string, path: ErrorPath): never {
  throw new SlaKitError("INVALID_EVENT", message, { path });
}

function stageOf(svc: CompiledService, ev: Record<string, unknown>, i: number, type: "done" | "agreed-deadline"): string {
  const path: ErrorPath = ["events", i, "stage"];
  const stage = ev.stage;
  if (typeof stage !== "string") badEvent(`Event ${i} (${type}) needs a "stage".`, path);
  if (!svc.byName.has(stage) && !(type === "done" && svc.milestones.has(stage))) {
    const milestone = type === "done" && svc.milestones.size ? " or milestone" : "";
    badEvent(`Event ${i}: "${stage}" is not a stage${milestone} of service "${svc.name}" (${[...svc.byName.keys(), ...svc.milestones].join(", ")}).`, path);
  }
  return stage;
}

/** One event, checked on its own. */
function readEvent(svc: CompiledService, e: unknown, i: number): ReadEvent {
  const path: ErrorPath = ["events", i];
  if (e === null || typeof e !== "object") badEvent(`Event ${i} must be an object with a "type".`, path);
  const ev = e as Record<string, unknown>;
  const ms = toInstantMs(ev.at, [...path, "at"], "INVALID_EVENT");
  const type = ev.type;
  switch (type) {
    case "done": {
      const stage = stageOf(svc, ev, i, type);
      const rings = ev.rings;
      if (rings !== undefined && (typeof rings !== "number" || !Number.isInteger(rings) || rings < 0)) badEvent(`Event ${i}: "rings" must be a non-negative integer.`, [...path, "rings"]);
      return { i, ms, type, stage, rings };
    }
    case "agreed-deadline": {
      const stage = stageOf(svc, ev, i, type);
      const consent = ev.consent;
      if (typeof consent !== "string" || consent.trim() === "") {
        throw new SlaKitError("CONSENT_REQUIRED", `Event ${i}: an agreed deadline counts only with the customer's recorded consent (003 §8(2)); set "consent" to the record (e.g. who agreed and how).`, {
          path: [...path, "consent"],
        });
      }
      return { i, ms, type, stage, consent, dueMs: toInstantMs(ev.dueAt, [...path, "dueAt"], "INVALID_EVENT") };
    }
    case "pause":
    case "resume":
      return { i, ms, type, reason: typeof ev.reason === "string" ? ev.reason : undefined };
    case "remote-resolved":
      return { i, ms, type };
    default:
      return badEvent(`Event ${i} has unknown type ${JSON.stringify(type)}; use done, pause, resume, agreed-deadline or remote-resolved.`, [...path, "type"]);
  }
}

/** Validates, normalises and stably sorts the events; checks the sequence rules. */
export function readEvents(svc: CompiledService, ticket: Ticket, createdMs: number): ReadEvent[] {
  const raw: unknown = ticket.events;
  if (!Array.isArray(raw)) throw new SlaKitError("INVALID_ARGUMENT", "ticket.events must be an array (use [] when nothing happened yet).", { path: ["events"] });
  const out = raw.map((e: unknown, i: number) => readEvent(svc, e, i));
  out.sort((a, b) => a.ms - b.ms || a.i - b.i);
  let paused = false;
  const done = new Set<string>();
  for (const e of out) {
    const path: ErrorPath = ["events", e.i];
    if (e.ms < createdMs) badEvent(`Event ${e.i} (${e.type} at ${iso(e.ms)}) is before the ticket was created (${iso(createdMs)}).`, [...path, "at"]);
    if (e.type === "pause") {
      if (paused) badEvent(`Event ${e.i}: pause while the ticket is already paused; resume it first.`, path);
      paused = true;
    } else if (e.type === "resume") {
      if (!paused) badEvent(`Event ${e.i}: resume without a preceding pause.`, path);
      paused = false;
    } else if (e.type === "done") {
      if (done.has(e.stage)) badEvent(`Event ${e.i}: stage "${e.stage}" is done twice; keep one done event per stage.`, [...path, "stage"]);
      done.add(e.stage);
    }
  }
  return out;
}
