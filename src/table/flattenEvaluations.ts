import { SlaKitError } from "../errors.js";
import { describe, toEpochMs } from "../_lib/instant.js";
import type { TicketEvaluation } from "../sla/types.js";
import { own } from "../sla/_own.js";
import { TIDY_COLUMNS, columnsWith, factNamesOf } from "./_columns.js";
import type { TableTicket, TidyRow } from "./types.js";

/** `options.facts`, checked: distinct names, none named like a tidy column. */
function checkedFacts(facts: unknown): readonly string[] {
  if (!Array.isArray(facts)) throw new SlaKitError("INVALID_ARGUMENT", `options.facts must be an array of fact names, got ${describe(facts)}.`, { path: ["options", "facts"] });
  const seen = new Set<string>();
  for (let k = 0; k < facts.length; k++) {
    const f: unknown = facts[k];
    const why =
      typeof f !== "string"
        ? `is ${describe(f)}, not a fact name; list the extra facts by name ("region", "device", ...)`
        : TIDY_COLUMNS.has(f)
          ? `"${f}" has the name of a tidy-row column, so its values would be lost; rename the fact (e.g. "${f}Fact")`
          : seen.has(f)
            ? `"${f}" is listed twice; list each fact once`
            : null;
    if (why !== null) throw new SlaKitError("INVALID_ARGUMENT", `options.facts[${k}] ${why}.`, { path: ["options", "facts", k] });
    seen.add(f as string);
  }
  return facts as readonly string[];
}

/** Where a time of evaluation `i` sits in the input (`j` < 0: a ticket field; `k`: the level). */
function timePath(i: number, j: number, field: string, k: number): (string | number)[] {
  if (j < 0) return ["evaluations", i, field];
  const stage = ["evaluations", i, "stages", j, field];
  return field === "levelsReached" ? [...stage, k, "at"] : field === "nextLevel" ? [...stage, "at"] : stage;
}

/** Options of {@link flattenEvaluations}. */
export interface FlattenEvaluationsOptions {
  /**
   * How times come out: `"date"` (Date objects, default; what Observable Plot and Arrow expect),
   * `"iso"` (ISO-8601 UTC texts, for CSV and JSON) or `"ms"` (epoch milliseconds, for Polars).
   */
  readonly times?: "date" | "iso" | "ms";
  /**
   * The tickets the evaluations came from (from `ticketsFromRows`): their row number and extra
   * facts (`region`, ...) are joined by ticket id, one column per fact.
   */
  readonly tickets?: readonly TableTicket[];
  /**
   * The extra fact columns, in this order (default: every fact name of `tickets`, sorted). A fact
   * not listed is left out; a listed fact a ticket lacks is `null`. Give them to flatten a large
   * table a chunk at a time: each chunk passes only its own tickets and the same fact names (the
   * extra facts of the mapping, e.g. `["region"]`), so every chunk has the same columns and no
   * chunk joins the whole table again.
   */
  readonly facts?: readonly string[];
}

/**
 * One plain row per ticket-stage: the ticket's facts, the stage, its status, anchor, warning,
 * deadline and done times, allowed / elapsed / remaining / paused milliseconds, the latest warning or
 * escalation level reached and the next one (`level`, `levelAt`, `nextLevel`, `nextLevelAt`), the target row
 * (`rowId`, `targetRow`, `sourceRef`) and the policy (id, version, hash). Every row has the same
 * columns (missing facts are `null`), so the result goes straight into Observable Plot, Apache
 * Arrow (`tableFromJSON`), Polars (`pl.DataFrame(rows)`), `console.table` or a CSV writer.
 * The evaluations are not changed.
 *
 * @throws SlaKitError `INVALID_ARGUMENT`: evaluations that are not an array of ticket
 *   evaluations (path `["evaluations", i]`), an unknown `times`, an extra fact of `tickets` named
 *   like a tidy column (`status`, `dueAt`, ...: its values would be lost), `facts` that are not
 *   distinct names or name a tidy column (path `["options", "facts", k]`).
 * @example
 * ```ts
 * import { flattenEvaluations } from "sla-kit/table";
 * import { evaluateTicket, robotIntegration2026 } from "sla-kit/sla";
 *
 * const ev = evaluateTicket(robotIntegration2026, {
 *   id: "T-1", service: "fault", tier: "core", urgency: "urgent", assignee: "li",
 *   createdAt: "2026-03-02T09:00:00+08:00",
 *   events: [{ type: "done", stage: "response", at: "2026-03-02T09:20:00+08:00" }],
 * }, { asOf: new Date("2026-03-02T12:00:00+08:00") });
 * const rows = flattenEvaluations([ev], { times: "iso" });
 * console.log(rows.map((r) => `${r.stage} ${r.status} ${r.dueAt}`).join("; "));
 * // response breached 2026-03-02T01:15:00.000Z; handling overdue 2026-03-02T02:00:00.000Z; resolution pending 2026-03-02T05:00:00.000Z
 * console.log(rows[0]!.assignee, rows[0]!.sourceRef, rows[0]!.policyHash); // li 003 §6(2) fnv1a64:b083f56945cf4931
 * // a large table a chunk at a time: each chunk passes its own tickets and the same `facts`
 * const chunk = flattenEvaluations([ev], { times: "ms", facts: ["region"] });
 * console.log("region" in chunk[0]!, chunk[0]!.region, typeof chunk[0]!.dueAt); // true null number
 * ```
 */
export function flattenEvaluations(evaluations: readonly TicketEvaluation[], options: FlattenEvaluationsOptions = {}): TidyRow[] {
  if (!Array.isArray(evaluations)) throw new SlaKitError("INVALID_ARGUMENT", `evaluations must be an array of evaluateTicket results, got ${describe(evaluations)}.`, { path: ["evaluations"] });
  const mode = options.times ?? "date";
  if (mode !== "date" && mode !== "iso" && mode !== "ms") throw new SlaKitError("INVALID_ARGUMENT", `options.times must be "date", "iso" or "ms", got ${describe(mode)}.`, { path: ["options", "times"] });
  // Evaluations may have been through JSON (times as ISO strings): read Date, ms or ISO alike. The
  // path into the input (evaluation i, stage j, field; k: the level) is built only for a non-Date.
  const time = (d: unknown, i: number, j: number, field: string, k = 0): Date | string | number | null => {
    if (d === null || d === undefined) return null;
    const ms = d instanceof Date ? d.getTime() : toEpochMs(d, timePath(i, j, field, k));
    return mode === "iso" ? new Date(ms).toISOString() : mode === "ms" ? ms : d instanceof Date ? d : new Date(ms);
  };
  const byId = new Map<string, TableTicket>();
  for (const t of options.tickets ?? []) byId.set(t.id, t);
  const factNames = options.facts === undefined ? factNamesOf(byId.values()) : checkedFacts(options.facts);
  const clash = options.facts === undefined ? factNames.find((f) => TIDY_COLUMNS.has(f)) : undefined;
  if (clash !== undefined) {
    const i = options.tickets!.findIndex((t) => Object.prototype.hasOwnProperty.call(t.facts ?? {}, clash));
    throw new SlaKitError("INVALID_ARGUMENT", `The fact "${clash}" of options.tickets[${i}] has the name of a tidy-row column, so its values would be lost; rename it in the mapping's facts (e.g. "${clash}Fact").`, { path: ["options", "tickets", i, "facts", clash] });
  }
  // every row is a copy of one template with the columns in order, so rows keep fast properties
  // (a row grown key by key past a dozen keys turns into a dictionary, 4x the memory)
  const template = JSON.parse(JSON.stringify(Object.fromEntries(columnsWith(factNames).map((c) => [c, null])))) as Record<string, unknown>;
  const out: TidyRow[] = [];
  for (let i = 0; i < evaluations.length; i++) {
    const ev = evaluations[i]!;
    if (ev === null || typeof ev !== "object" || !Array.isArray(ev.stages) || ev.createdAt == null || ev.policy === null || typeof ev.policy !== "object") {
      throw new SlaKitError("INVALID_ARGUMENT", `evaluations[${i}] is not an evaluateTicket result (it needs ticketId, createdAt, policy and stages).`, { path: ["evaluations", i] });
    }
    const t = byId.get(ev.ticketId);
    const createdAt = time(ev.createdAt, i, -1, "createdAt");
    const asOf = time(ev.asOf, i, -1, "asOf");
    const stages = ev.stages as TicketEvaluation["stages"];
    for (let j = 0; j < stages.length; j++) {
      const s = stages[j]!;
      if (s === null || typeof s !== "object" || s.trace === null || typeof s.trace !== "object") {
        throw new SlaKitError("INVALID_ARGUMENT", `evaluations[${i}].stages[${j}] is not a stage evaluation of evaluateTicket (it needs stage, status and trace).`, { path: ["evaluations", i, "stages", j] });
      }
      // evaluations from before warning levels (or through JSON) may lack the level fields
      const levels = Array.isArray(s.levelsReached) ? s.levelsReached : [];
      const last = levels[levels.length - 1];
      const row = { ...template };
      row.ticketId = ev.ticketId;
      row.row = t?.row ?? null;
      row.service = ev.service;
      row.tier = ev.tier ?? null;
      row.urgency = ev.urgency ?? null;
      row.location = ev.location ?? null;
      row.channel = ev.channel ?? null;
      row.assignee = ev.assignee ?? null;
      row.department = ev.department ?? null;
      // own facts only ("constructor" is a fact name, not Object); the row's own "__proto__" key
      // shadows the accessor, so even that name is written as data
      for (const f of factNames) row[f] = own(t?.facts, f) ?? null;
      row.createdAt = createdAt;
      row.asOf = asOf;
      row.stage = s.stage;
      row.status = s.status;
      row.anchorAt = time(s.anchorAt, i, j, "anchorAt");
      row.warnAt = time(s.warnAt, i, j, "warnAt");
      row.dueAt = time(s.dueAt, i, j, "dueAt");
      row.doneAt = time(s.doneAt, i, j, "doneAt");
      row.allowedMs = s.allowedMs;
      row.elapsedMs = s.elapsedMs;
      row.remainingMs = s.remainingMs;
      row.pausedMs = s.pausedMs;
      row.fractionUsed = s.fractionUsed;
      row.level = last?.level ?? null;
      row.levelAt = last === undefined ? null : time(last.at, i, j, "levelsReached", levels.length - 1);
      row.nextLevel = s.nextLevel?.level ?? null;
      row.nextLevelAt = s.nextLevel == null ? null : time(s.nextLevel.at, i, j, "nextLevel");
      row.rowId = s.trace.rowId;
      row.targetRow = s.trace.row;
      row.sourceRef = s.trace.sourceRef;
      row.policyId = ev.policy.id;
      row.policyVersion = ev.policy.version;
      row.policyHash = ev.policy.hash;
      out.push(row as TidyRow);
    }
  }
  return out;
}
