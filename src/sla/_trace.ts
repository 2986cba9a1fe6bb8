/**
 * Stage traces rendered on demand. While a stage is judged, each trace step is recorded as a
 * renderer (a module-level function) and up to three arguments, mostly numbers (instants as epoch
 * ms, row and event indexes, amounts); the text is built only when `steps` is first read, which
 * `JSON.stringify`, `structuredClone`, object spread, `explain` and every other reader do through
 * the same accessor. With `trace: false` nothing is recorded and `steps` is empty. Private to `sla`.
 * @internal
 */
import type { CompiledPolicy } from "./_compile.js";
import { CREATED } from "./_references.js";
import type { StageTrace, Target, TraceStep } from "./types.js";

/** Renders one recorded step; `a`, `b`, `d`, `e` are what `add` recorded. */
export type StepRenderer = (tr: TraceContext, a: never, b: never, d: never, e: never) => TraceStep;

/** What a renderer may read besides its arguments: the trace's row fields and the policy's labels. */
export interface TraceContext extends Omit<StageTrace, "steps"> {
  readonly c: CompiledPolicy;
  readonly stage: string;
}

const NO_STEPS: readonly TraceStep[] = Object.freeze([]);

/**
 * Where the steps of a trace come from when they were not recorded: `evaluateTicket`'s fast path
 * (`_fast.ts`) computes a stage's numbers without recording steps, and its traces ask the full
 * evaluation, run once per ticket on a copy of the input when a trace is first read.
 */
export interface TraceSource {
  /** The rendered steps of the `index`-th stage of the evaluation. */
  stepsOf(index: number): readonly TraceStep[];
}

/**
 * `steps` as an own enumerable accessor (one descriptor shared by every trace, so every trace
 * with steps has one hidden class; with traces off, `steps` is a plain `[]`): plain-data walkers (`JSON.stringify`, `structuredClone`, `Object.entries`,
 * spread, test matchers) see and copy rendered steps, never the recording.
 */
const STEPS: PropertyDescriptor = {
  get(this: LazyTrace): readonly TraceStep[] {
    return this.render();
  },
  enumerable: true,
  configurable: false,
};

/** The trace of one stage: row fields as data, steps recorded now and rendered when read. */
export class LazyTrace implements StageTrace, TraceContext {
  /** Recorded steps: renderer, a, b, d, e, renderer, ... (null before the first step, when traces are off, or once rendered). */
  #tape: unknown[] | null;
  #rendered: readonly TraceStep[] | null;
  readonly #c: CompiledPolicy;
  readonly #stage: string;
  #source: TraceSource | null;
  readonly #index: number;
  row: number | null = null;
  rowId: string | null = null;
  sourceRef: string | null = null;
  within: unknown = null;
  clock: string | null = null;
  anchor: string = CREATED;
  declare readonly steps: readonly TraceStep[];

  /** `source`: the steps are not recorded but asked from it when first read (`index`: the stage's). */
  constructor(c: CompiledPolicy, stage: string, on: boolean, source: TraceSource | null = null, index = 0) {
    this.#c = c;
    this.#stage = stage;
    this.#tape = null;
    this.#rendered = on ? null : NO_STEPS;
    this.#source = on ? source : null;
    this.#index = index;
    // traces off: plain data (defining an accessor costs more than the rest of the trace)
    if (on) Object.defineProperty(this, "steps", STEPS);
    else (this as { steps: readonly TraceStep[] }).steps = NO_STEPS;
  }

  get c(): CompiledPolicy {
    return this.#c;
  }
  get stage(): string {
    return this.#stage;
  }

  /** The stage's target row (and the anchor its deadline runs from). */
  target(t: Target): void {
    this.row = t.index;
    this.rowId = t.id ?? null;
    this.sourceRef = t.sourceRef;
    this.within = t.within;
    this.clock = t.clock ?? null;
    this.anchor = t.anchor ?? CREATED;
  }

  /** Records a step (nothing when traces are off). */
  add<A, B, D, E>(render: (tr: TraceContext, a: A, b: B, d: D, e: E) => TraceStep, a: A, b: B, d: D, e: E): void {
    if (this.#rendered === null) (this.#tape ??= []).push(render, a, b, d, e);
  }

  /** The rendered steps (rendered once, then kept). */
  render(): readonly TraceStep[] {
    if (this.#rendered !== null) return this.#rendered;
    const source = this.#source;
    this.#source = null;
    const tape = this.#tape ?? NO_STEPS;
    const out: TraceStep[] = source === null ? [] : source.stepsOf(this.#index).slice();
    for (let i = 0; i < tape.length; i += 5) out.push((tape[i] as StepRenderer)(this, tape[i + 1] as never, tape[i + 2] as never, tape[i + 3] as never, tape[i + 4] as never));
    this.#tape = null;
    return (this.#rendered = out);
  }

  /** Plain data, as JSON and `structuredClone` give it. */
  toJSON(): StageTrace {
    return { row: this.row, rowId: this.rowId, sourceRef: this.sourceRef, within: this.within, clock: this.clock, anchor: this.anchor, steps: this.render() };
  }
}
