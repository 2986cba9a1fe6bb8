/**
 * The columns of tidy rows. Private to `table` (the CLI uses it too).
 * @internal
 */
import type { TableTicket } from "./types.js";

/** The columns of a tidy row, in order: the ticket's, then the extra facts, then the stage's. */
const TICKET_COLUMNS = ["ticketId", "row", "service", "tier", "urgency", "location", "channel", "assignee", "department"] as const;
const STAGE_COLUMNS = [
  "createdAt", "asOf", "stage", "status", "anchorAt", "warnAt", "dueAt", "doneAt", "allowedMs", "elapsedMs", "remainingMs", "pausedMs", "fractionUsed",
  "level", "levelAt", "nextLevel", "nextLevelAt", "rowId", "targetRow", "sourceRef", "policyId", "policyVersion", "policyHash",
] as const;
/** An extra fact may not take one of these names. */
export const TIDY_COLUMNS: ReadonlySet<string> = new Set([...TICKET_COLUMNS, ...STAGE_COLUMNS]);
export const columnsWith = (facts: readonly string[]): string[] => [...TICKET_COLUMNS, ...facts, ...STAGE_COLUMNS];

/** Every extra fact name of `tickets` (`region`, ...), once each, sorted: the default fact columns of `flattenEvaluations`. */
export function factNamesOf(tickets: Iterable<TableTicket>): string[] {
  const names = new Set<string>();
  for (const t of tickets) for (const f of Object.keys(t.facts ?? {})) names.add(f);
  return [...names].sort();
}
