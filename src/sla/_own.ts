/**
 * Lookups keyed by user data (service, calendar, reason names) that never reach
 * `Object.prototype`: `"constructor"`, `"toString"` or `"__proto__"` are plain names here.
 * @internal
 */

/** The own property `key` of a record, or undefined (never an inherited member). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Is `key` an own property of `record`? */
export function hasOwn(record: object | undefined, key: string): boolean {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key);
}
