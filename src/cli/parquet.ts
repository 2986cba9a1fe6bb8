/**
 * Parquet input for `sla-kit report`, read with hyparquet (bundled into the command only; the
 * library entries never import it). Cells become what `ticketsFromRows` reads: text, numbers,
 * Dates for instants and local wall-clock text for timestamps stored without a time zone.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { UsageError } from "./io.js";

const strict = new TextDecoder("utf-8", { fatal: true });

/** `2026-03-02 09:30:00.000`: the wall-clock fields of a Date that hyparquet built as if UTC. */
const wallText = (d: Date): string => d.toISOString().slice(0, 23).replace("T", " ");

/**
 * Row objects of a Parquet file (flat columns). Timestamps with `isAdjustedToUTC = true`
 * (DuckDB `TIMESTAMPTZ`, Arrow/Polars with a zone) are instants and come as Dates; timestamps
 * without it (DuckDB `TIMESTAMP`, Arrow without a zone) and DATE columns are local wall-clock
 * times and come as text such as "2026-03-02 09:30:00.000", read in the mapping's time zone like a
 * CSV cell. 64-bit integers become numbers (text when past 2^53). Text must be valid UTF-8.
 */
export async function parquetRows(file: string, bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const metadata = parquetMetadata(buffer);
    const local = new Set<string>();
    for (const { element } of parquetSchema(metadata).children) {
      const lt = element.logical_type;
      if ((lt?.type === "TIMESTAMP" && !lt.isAdjustedToUTC) || lt?.type === "DATE" || element.converted_type === "DATE") local.add(element.name);
    }
    const rows = (await parquetReadObjects({
      file: buffer,
      metadata,
      parsers: {
        stringFromBytes: (b: Uint8Array) => {
          if (!b) return b;
          try {
            return strict.decode(b);
          } catch {
            throw new UsageError(`${file}: a text cell is not valid UTF-8; write the file with UTF-8 strings.`);
          }
        },
      },
    })) as Record<string, unknown>[];
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        const v = row[key];
        if (typeof v === "bigint") row[key] = Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
        else if (v instanceof Date && local.has(key)) row[key] = Number.isNaN(v.getTime()) ? v : wallText(v);
      }
    }
    return rows;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const message = (e as Error).message;
    const codec = /unsupported compression codec: (\w+)/.exec(message);
    if (codec) {
      throw new UsageError(`${file}: Parquet compressed with ${codec[1]} is not read by sla-kit report (it reads uncompressed and Snappy files); rewrite it, e.g. with DuckDB: COPY (FROM '${file}') TO 'tickets.parquet' (COMPRESSION snappy).`);
    }
    throw new UsageError(`${file}: cannot read Parquet: ${message}`);
  }
}
