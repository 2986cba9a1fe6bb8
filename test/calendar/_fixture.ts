/**
 * Shared by the calendar tests: units of time, a Monday-to-Friday week, and the SlaKitError a call
 * throws.
 */
import { SlaKitError } from "../../src/errors.js";

export const M = 60_000;
export const H = 3_600_000;
export const DAY = 86_400_000;

/** A week open the same `hours` Monday to Friday (e.g. `["09:00-18:00"]`), closed at weekends. */
export const weekdays = (...hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

/** The SlaKitError `f` throws, or undefined when it returns (anything else thrown fails the test). */
export function thrown(f: () => unknown): SlaKitError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof SlaKitError) return e;
    throw e;
  }
  return undefined;
}

/** The SlaKitError `f` throws (anything else thrown, or nothing, fails the test). */
export function caught(f: () => unknown): SlaKitError {
  const e = thrown(f);
  if (e === undefined) throw new Error("expected a SlaKitError");
  return e;
}
