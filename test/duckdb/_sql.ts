/**
 * Test helpers for sla-kit/duckdb: an in-memory connection with the SQL functions, SQL literals
 * of plain values, and the error code of a failed query.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { registerSlaFunctions, type RegisterSlaFunctionsOptions } from "../../src/duckdb/index.js";

/** A fresh in-memory DuckDB connection with sla_due and sla_evaluate registered. */
export async function connect(options: RegisterSlaFunctionsOptions, threads?: number): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", threads === undefined ? {} : { threads: String(threads) });
  const connection = await instance.connect();
  registerSlaFunctions(connection, options);
  return connection;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** SQL type of a plain value (Date -> TIMESTAMPTZ, string, integer, double, boolean), or null for null/undefined. */
function typeOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return "TIMESTAMPTZ";
  if (typeof v === "string") return "VARCHAR";
  if (typeof v === "boolean") return "BOOLEAN";
  if (typeof v === "number") return Number.isInteger(v) ? "BIGINT" : "DOUBLE";
  return "VARCHAR";
}

/** A SQL literal of a plain value, as `type` (values of another type are written as text). */
export function literal(v: unknown, type: string | null = typeOf(v)): string {
  if (v === null || v === undefined || type === null) return type === null ? "NULL" : `CAST(NULL AS ${type})`;
  if (v instanceof Date) return type === "TIMESTAMPTZ" ? `TIMESTAMPTZ ${quote(v.toISOString())}` : quote(v.toISOString());
  if (type === "VARCHAR") return quote(typeof v === "string" ? v : JSON.stringify(v));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return type === "DOUBLE" ? `CAST(${v} AS DOUBLE)` : String(v);
  return quote(String(v));
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A STRUCT literal of an object: keys in snake_case, each value as `types[key]` when given. */
export function structLiteral(o: Readonly<Record<string, unknown>>, types: Readonly<Record<string, string | null>> = {}): string {
  const keys = Object.keys(types).length > 0 ? Object.keys(types) : Object.keys(o);
  return `{${keys.map((k) => `${quote(snake(k))}: ${literal(o[k], k in types ? types[k] : typeOf(o[k]))}`).join(", ")}}`;
}

/**
 * A LIST literal of objects with one STRUCT type: every key of any element in every struct
 * (NULL where absent), each field typed by its values (mixed types become VARCHAR).
 */
export function listLiteral(items: readonly Readonly<Record<string, unknown>>[]): string {
  if (items.length === 0) return "[]";
  const types: Record<string, string | null> = {};
  for (const it of items) {
    for (const [k, v] of Object.entries(it)) {
      const t = typeOf(v);
      if (!(k in types) || types[k] === null) types[k] = t;
      else if (t !== null && types[k] !== t) types[k] = "VARCHAR";
    }
  }
  for (const k of Object.keys(types)) types[k] ??= "VARCHAR";
  return `[${items.map((it) => structLiteral(it, types)).join(", ")}]`;
}

/** The SlaKitError code in the message of a failed sla_due / sla_evaluate query. */
export function codeOf(e: unknown): string {
  const m = /sla_(?:due|evaluate): ([A-Z_]+)\b/.exec(e instanceof Error ? e.message : String(e));
  if (m === null) throw e;
  return m[1]!;
}
