import { expect } from "vitest";
import { isSlaKitError } from "../../src/errors.js";

/** Asserts that `fn` throws a SlaKitError with `code` (and `path` when given). */
export function expectError(fn: () => unknown, code: string, path?: readonly (string | number)[]): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(isSlaKitError(thrown), `expected a SlaKitError, got ${String(thrown)}`).toBe(true);
  const e = thrown as { code: string; path: readonly (string | number)[] };
  expect(e.code).toBe(code);
  if (path !== undefined) expect(e.path).toEqual(path);
}
