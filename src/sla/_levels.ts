/**
 * Warning and escalation levels (`warnAt`): compiled once per policy and row, placed on a stage's
 * own clock. Private to `sla`.
 * @internal
 */
import { addBusinessTime, type Calendar } from "../calendar/index.js";
import { iso } from "./_events.js";
import { isoDurationMs } from "./_targets.js";
import { levelName } from "./_shape.js";
import type { WarnAt } from "./types.js";

/** One level of `warnAt`: a fraction of the allowed time, or open time before/after the deadline. */
export interface CompiledLevel {
  readonly name: string;
  readonly kind: "fraction" | "before" | "after";
  /** The fraction, or the offset in ms of open time. */
  readonly value: number;
  /** As written, for traces: `0.5`, `"PT1H"`. */
  readonly text: string;
  /** The level is at or before the deadline: the earliest such level starts status `warning`. */
  readonly warns: boolean;
}

/** The levels of a `warnAt` value: a number is the single level `"warn"`. */
export function compileLevels(w: WarnAt): readonly CompiledLevel[] {
  if (typeof w === "number") return [{ name: "warn", kind: "fraction", value: w, text: String(w), warns: true }];
  return w.map((l): CompiledLevel => {
    const name = levelName(l);
    if ("fraction" in l) return { name, kind: "fraction", value: l.fraction, text: String(l.fraction), warns: l.fraction <= 1 };
    if ("before" in l) return { name, kind: "before", value: isoDurationMs(l.before) ?? 0, text: l.before, warns: true };
    return { name, kind: "after", value: isoDurationMs(l.after) ?? 0, text: l.after, warns: false };
  });
}

/** A level placed on a stage's clock. */
export interface PlacedLevel {
  /** Index of the level in the list placed. */
  readonly i: number;
  readonly ms: number;
}

/** Where a stage's deadline came from, for placing its levels. */
export interface LevelBasis {
  readonly cal: Calendar;
  readonly anchorMs: number;
  /** Open time allowed from the anchor to the deadline, pauses left out. */
  readonly allowed: number;
  /** The deadline in force (pauses and agreements applied). */
  readonly dueMs: number;
  /** Paused open time that moved the deadline (0 once an agreed deadline replaced it). */
  readonly pausedMs: number;
}

/**
 * The instants of a stage's levels in time order (ties in policy order), all measured on the
 * stage's clock: a fraction f at `anchor + f x allowed`, `before` d at `anchor + (allowed - d)`
 * (never before the anchor), both moved later by the paused open time like the deadline, and
 * `after` d at `dueAt + d`. So `addBusinessTime(clock, before-level, d)` is the deadline.
 */
export function placeLevels(levels: readonly CompiledLevel[], b: LevelBasis): PlacedLevel[] {
  const out = new Array<PlacedLevel>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (l.kind === "after") out[i] = { i, ms: addBusinessTime(b.cal, b.dueMs, l.value).getTime() };
    else out[i] = { i, ms: fromAnchor(b, l.kind === "fraction" ? Math.max(0, Math.round(l.value * b.allowed)) : Math.max(0, b.allowed - l.value)) };
  }
  return out.length > 1 ? out.sort(byInstant) : out;
}

/** The instant `open` ms of open time after the anchor, moved later by the paused open time. */
function fromAnchor(b: LevelBasis, open: number): number {
  const ms = addBusinessTime(b.cal, b.anchorMs, open).getTime();
  return b.pausedMs > 0 ? addBusinessTime(b.cal, ms, b.pausedMs).getTime() : ms;
}

const byInstant = (x: PlacedLevel, y: PlacedLevel): number => x.ms - y.ms || x.i - y.i;

/** One trace line per level: how its instant was computed. */
export function levelDetail(l: CompiledLevel, b: LevelBasis, ms: number): string {
  const paused = b.pausedMs > 0 && l.kind !== "after" ? ` + ${b.pausedMs} ms paused` : "";
  if (l.kind === "fraction") return `${l.name}: ${iso(b.anchorMs)} + ${l.text} x ${b.allowed} ms${paused} = ${iso(ms)}`;
  if (l.kind === "before") return `${l.name}: ${l.text} (${l.value} ms of open time) before due ${iso(b.dueMs)} = ${iso(ms)}${l.value > b.allowed ? " (longer than the allowed time: at the start)" : ""}`;
  return `${l.name}: ${l.text} (${l.value} ms of open time) after due ${iso(b.dueMs)} = ${iso(ms)}`;
}
