/** Counting the cycles of recurring stages (docs/rules.md S15) for `unit: "cycle"`. @internal */
import { addStage, type Tally } from "./_tally.js";

/**
 * Adds one stage in cycles: a recurring stage with cycles counts each cycle by its status (met,
 * breached, overdue; pending and warning not counted); any other stage (and a recurring one with
 * no cycle yet) counts once, as with `unit: "stage"`. `code` is the stage's status code.
 */
export function addCycles(t: Tally, code: number, stage: Record<string, unknown>): void {
  const cycles = stage.cycles;
  if (!Array.isArray(cycles) || cycles.length === 0) return addStage(t, code, stage);
  for (const c of cycles as readonly ({ status?: unknown } | null)[]) {
    const s = c?.status;
    if (s === "met") t.met++;
    else if (s === "breached") t.breached++;
    else if (s === "overdue") t.overdue++;
    else t.notCounted++;
  }
}
