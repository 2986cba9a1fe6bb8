import { SlaKitError } from "../../src/errors.js";

/** The SlaKitError `f` throws (anything else thrown, or nothing, fails the test). */
export function caught(f: () => unknown): SlaKitError {
  try {
    f();
  } catch (e) {
    if (e instanceof SlaKitError) return e;
    throw e;
  }
  throw new Error("expected a SlaKitError");
}
