import { ANY, DuckDBScalarFunction, TIMESTAMPTZ, type DuckDBDataChunk, type DuckDBScalarFunctionInfo, type DuckDBValue, type DuckDBVector } from "@duckdb/node-api";
import { assertTimeZone } from "../_lib/zone.js";
import { describe, formatPath } from "../_lib/instant.js";
import { isSlaKitError, SlaKitError } from "../errors.js";
import { getCompiled } from "../sla/_compile.js";
import { dueAt } from "../sla/dueAt.js";
import { evaluateTicket } from "../sla/evaluateTicket.js";
import type { Policy, TargetQuery } from "../sla/types.js";
import { evaluateOptionsOf, instantOf, structOf, textOf, ticketOf } from "./_read.js";
import { STAGES_LIST, stagesValue, tsValue } from "./_write.js";
import type { RegisterSlaFunctionsOptions, ScalarFunctionHost, SlaFunctions } from "./types.js";

/** A scalar function body: one result per row, or a SlaKitError for the row. */
type RowFn = (args: readonly DuckDBValue[]) => DuckDBValue;

/** Registers `name` with varargs ANY (so NULLs, structs of any shape and every time type reach it). */
function scalar(name: string, returnType: typeof TIMESTAMPTZ | typeof STAGES_LIST, arity: readonly [number, number], usage: string, row: RowFn): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    returnType,
    varArgsType: ANY,
    specialHandling: true,
    mainFunction: (info: DuckDBScalarFunctionInfo, input: DuckDBDataChunk, output: DuckDBVector) => {
      const n = input.columnCount;
      if (n < arity[0] || n > arity[1]) {
        info.setError(`${name}: INVALID_ARGUMENT: takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} or ${arity[1]}`} arguments, got ${n}. Usage: ${usage}`);
        return;
      }
      const args: DuckDBValue[] = new Array<DuckDBValue>(n);
      let vectors: (DuckDBVector | null)[];
      try {
        vectors = Array.from({ length: n }, (_, i) => columnOf(input, i));
      } catch (e) {
        info.setError(errorText(name, e));
        return;
      }
      for (let r = 0; r < input.rowCount; r++) {
        for (let i = 0; i < n; i++) args[i] = vectors[i]?.getItem(r) ?? null;
        try {
          output.setItem(r, row(args));
        } catch (e) {
          info.setError(errorText(name, e));
          return;
        }
      }
      output.flush();
    },
  });
}

/** The vector of argument `i`, or null for a bare NULL literal (a vector of type SQLNULL). */
function columnOf(input: DuckDBDataChunk, i: number): DuckDBVector | null {
  try {
    return input.getColumnVector(i);
  } catch (e) {
    if (e instanceof Error && /SQLNULL/.test(e.message)) return null;
    throw e;
  }
}

/** The text DuckDB shows for an error of a row: code, where, what to fix. */
function errorText(name: string, e: unknown): string {
  if (isSlaKitError(e)) return `${name}: ${e.code} at ${formatPath(e.path)}: ${e.message}`;
  return `${name}: internal error (please report it with the query): ${e instanceof Error ? e.message : String(e)}`;
}

/** The registered policy a SQL text names. */
function policyNamed(policies: ReadonlyMap<string, Policy>, v: DuckDBValue): Policy {
  const name = textOf(v, ["policy"]);
  const p = name === undefined ? undefined : policies.get(name);
  if (p === undefined) {
    throw new SlaKitError("UNKNOWN_VALUE", `Unknown policy ${name === undefined ? "NULL" : JSON.stringify(name)}: registerSlaFunctions registered ${[...policies.keys()].map((k) => JSON.stringify(k)).join(", ")}.`, { path: ["policy"] });
  }
  return p;
}

/** The ticket id a row's error names, when the facts have one. */
function withTicket(e: unknown, facts: DuckDBValue): never {
  if (isSlaKitError(e) && facts !== null && typeof facts === "object" && "entries" in facts) {
    const entries = (facts as { entries: Record<string, DuckDBValue> }).entries;
    const id = entries["id"] ?? entries["ticket_id"] ?? entries["ticketId"];
    if (id !== undefined && id !== null) {
      throw new SlaKitError(e.code, `ticket ${JSON.stringify(String(id))}: ${e.message}`, { path: e.path, details: e.details, cause: e });
    }
  }
  throw e;
}

function validate(connection: unknown, options: unknown): { host: ScalarFunctionHost; policies: Map<string, Policy>; zone: string | undefined } {
  if (connection === null || typeof connection !== "object" || typeof (connection as { registerScalarFunction?: unknown }).registerScalarFunction !== "function") {
    throw new SlaKitError("INVALID_ARGUMENT", `registerSlaFunctions needs a DuckDB connection (await (await DuckDBInstance.create()).connect() from @duckdb/node-api), got ${describe(connection)}.`, { path: ["connection"] });
  }
  if (options === null || typeof options !== "object") {
    throw new SlaKitError("INVALID_ARGUMENT", `registerSlaFunctions needs options { policies: { name: policy } }, got ${describe(options)}.`, { path: ["options"] });
  }
  const o = options as { policies?: unknown; timeZone?: unknown };
  if (o.policies === null || typeof o.policies !== "object" || Array.isArray(o.policies)) {
    throw new SlaKitError("INVALID_ARGUMENT", `options.policies must map the names SQL uses to policies, e.g. { robot: robotIntegration2026 }; got ${describe(o.policies)}.`, { path: ["options", "policies"] });
  }
  const policies = new Map<string, Policy>();
  for (const [name, p] of Object.entries(o.policies as Record<string, unknown>)) {
    if (name === "") throw new SlaKitError("INVALID_ARGUMENT", "options.policies has an empty name: SQL could not name that policy.", { path: ["options", "policies", name] });
    try {
      getCompiled(p);
    } catch (e) {
      if (!isSlaKitError(e)) throw e;
      throw new SlaKitError(e.code, `options.policies.${name}: ${e.message} (give a policy from parsePolicy or a built-in one).`, { path: ["options", "policies", name, ...e.path], details: e.details });
    }
    policies.set(name, p as Policy);
  }
  if (policies.size === 0) throw new SlaKitError("INVALID_ARGUMENT", "options.policies is empty: name at least one policy, e.g. { robot: robotIntegration2026 }.", { path: ["options", "policies"] });
  const zone = o.timeZone === undefined ? undefined : assertTimeZone(o.timeZone, "INVALID_ARGUMENT", ["options", "timeZone"]);
  return { host: connection as ScalarFunctionHost, policies, zone };
}

const DUE_USAGE = "sla_due(policy, service, tier, urgency, stage, anchor [, {location, channel}])";
const EVALUATE_USAGE = "sla_evaluate(policy, {id, service, created_at, tier, urgency, ...}, list({'type': type, 'stage': stage, 'at': at} ORDER BY at), as_of [, {stages: [...], allow_outside_effective_dates: true}])";

/**
 * Registers the SQL functions `sla_due` and `sla_evaluate` on a DuckDB connection
 * (`@duckdb/node-api`, an optional peer dependency), so SQL over millions of tickets
 * (`read_parquet`, `read_csv`, a warehouse table) gets the same deadlines and stage statuses as
 * `dueAt` and `evaluateTicket` (docs/analysts.md "SQL over millions of tickets: DuckDB"):
 *
 * - `sla_due(policy, service, tier, urgency, stage, anchor [, {location, channel}])` -> TIMESTAMPTZ:
 *   `dueAt` of the stage measured from `anchor`; NULL when `anchor` is NULL (the anchor has not
 *   happened); a NULL tier or urgency is a query without that dimension.
 * - `sla_evaluate(policy, ticket, events, as_of [, {stages, allow_outside_effective_dates}])` ->
 *   `LIST(STRUCT(stage, status, met, anchor_at, warn_at, due_at, done_at, original_due_at,
 *   allowed_ms, elapsed_ms, remaining_ms, paused_ms, fraction_used, renegotiated, provisional,
 *   needs_cause, row_id, source_ref, error_code))`: `evaluateTicket` of the ticket
 *   `{id, service, created_at, tier, urgency, location, channel, assignee, department}` (a STRUCT;
 *   other fields are ignored, NULL fields left out) with `events`, a LIST of STRUCTs
 *   `{type, stage, at, rings, reason, consent, due_at, cause, remedy, objective, facts}` (NULL list: no
 *   events; an event whose `at` is NULL did not happen and is left out; a `reclassify` event's
 *   `facts` is a STRUCT or JSON text, or its `tier`/`urgency`/`location`/`channel` are fields of the event). `met` is true for met, false for breached or overdue and NULL otherwise, so
 *   `avg(met::int)` is the K17a compliance rate.
 *
 * `policy` is a name of `options.policies`. Times are TIMESTAMPTZ (or ISO-8601 text with an
 * offset; a naive TIMESTAMP only with `options.timeZone`), read to the millisecond. A row that
 * `evaluateTicket` or `dueAt` would refuse fails the query with the SlaKitError's code, path and
 * message (wrap the call in `TRY(...)` to get NULL for such rows instead). The JavaScript runs on
 * the Node.js main thread: DuckDB calls it one chunk (2048 rows) at a time, from any of its threads.
 *
 * @param connection - A `DuckDBConnection` (anything with `registerScalarFunction`).
 * @param options.policies - The policies SQL may name: `{ robot: robotIntegration2026 }`.
 * @param options.timeZone - Zone of naive `TIMESTAMP` arguments (none: they are refused).
 * @returns The function names and the registered policies (id, version, hash) by SQL name.
 * @throws SlaKitError `INVALID_ARGUMENT` for a missing connection, an empty or non-object
 *   `policies`, a bad `timeZone`; `INVALID_POLICY` for a value of `policies` that is not a policy.
 * @example
 * ```ts
 * import { DuckDBInstance } from "@duckdb/node-api";
 * import { registerSlaFunctions } from "sla-kit/duckdb";
 * import { robotIntegration2026 } from "sla-kit/sla";
 *
 * const connection = await (await DuckDBInstance.create(":memory:")).connect();
 * registerSlaFunctions(connection, { policies: { robot: robotIntegration2026 } });
 * const reader = await connection.runAndReadAll(`
 *   SELECT s.stage, s.status, s.met
 *   FROM (SELECT unnest(sla_evaluate('robot',
 *     {id: 'T-1', service: 'fault', tier: 'core', urgency: 'urgent', created_at: TIMESTAMPTZ '2024-05-06 10:00:00+08'},
 *     [{'type': 'done', 'stage': 'response', 'at': TIMESTAMPTZ '2024-05-06 10:12:00+08'}],
 *     TIMESTAMPTZ '2024-05-06 10:50:00+08')) AS s)`);
 * console.log(reader.getRowObjectsJS());
 * // [ { stage: 'response', status: 'met', met: true }, { stage: 'handling', status: 'warning', met: null },
 * //   { stage: 'resolution', status: 'pending', met: null } ]
 * connection.closeSync();
 * ```
 */
export function registerSlaFunctions(connection: ScalarFunctionHost, options: RegisterSlaFunctionsOptions): SlaFunctions {
  const { host, policies, zone } = validate(connection, options);

  const due = scalar("sla_due", TIMESTAMPTZ, [6, 7], DUE_USAGE, (a) => {
    const policy = policyNamed(policies, a[0]!);
    const anchor = a[5]!;
    if (anchor === null) return null;
    const query: Record<string, string> = {};
    const put = (key: keyof TargetQuery, v: DuckDBValue, path: string) => {
      const t = textOf(v, [path]);
      if (t !== undefined) query[key] = t;
    };
    put("service", a[1]!, "service");
    put("tier", a[2]!, "tier");
    put("urgency", a[3]!, "urgency");
    put("stage", a[4]!, "stage");
    if (a.length > 6 && a[6] !== null) {
      const more = structOf(a[6]!, ["dimensions"], "{location, channel}");
      for (const [k, v] of Object.entries(more)) {
        if (k !== "location" && k !== "channel") throw new SlaKitError("INVALID_ARGUMENT", `The 7th argument of sla_due holds location and channel, not ${JSON.stringify(k)}.`, { path: ["dimensions", k] });
        put(k, v, k);
      }
    }
    return tsValue(dueAt(policy, query as unknown as TargetQuery, instantOf(anchor, zone, ["anchor"]) as Date));
  });

  const evaluate = scalar("sla_evaluate", STAGES_LIST, [4, 5], EVALUATE_USAGE, (a) => {
    const policy = policyNamed(policies, a[0]!);
    try {
      const ticket = ticketOf(a[1]!, a[2]!, zone);
      const asOf = instantOf(a[3]!, zone, ["as_of"]);
      return stagesValue(evaluateTicket(policy, ticket, evaluateOptionsOf(a[4], asOf)));
    } catch (e) {
      return withTicket(e, a[1]!);
    }
  });

  host.registerScalarFunction(due as never);
  host.registerScalarFunction(evaluate as never);
  return {
    functions: ["sla_due", "sla_evaluate"],
    policies: [...policies].map(([name, p]) => ({ name, id: p.id, version: p.version, hash: p.hash })),
  };
}
