/**
 * Type tests: SlaKitError and its code union (docs/errors.md), from every entry that re-exports
 * them. Run by `npm test` (vitest typecheck).
 */
import { describe, expectTypeOf, it } from "vitest";
import { isSlaKitError, type ErrorCode, type ErrorPath, type SlaKitError } from "../../src/index.js";

describe("SlaKitError signatures", () => {
  it("code is the union of the declared codes, not a bare string", () => {
    expectTypeOf<SlaKitError["code"]>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ErrorCode>().toEqualTypeOf<(typeof ErrorCode)[keyof typeof ErrorCode]>();
    expectTypeOf<string>().not.toExtend<ErrorCode>();
    for (const c of ["INVALID_CALENDAR", "INVALID_ARGUMENT", "INVALID_DURATION", "CALENDAR_OUT_OF_RANGE", "CALENDAR_NEVER_OPEN", "INVALID_POLICY", "UNKNOWN_VALUE", "MISSING_DIMENSION", "NO_MATCHING_TARGET", "AMBIGUOUS_TARGET", "NOT_A_TIME_TARGET", "INVALID_EVENT", "CONSENT_REQUIRED", "OUTSIDE_EFFECTIVE_DATES", "INVALID_INPUT", "INVALID_RULE", "MISSING_VALUE"] as const) {
      expectTypeOf(c).toExtend<ErrorCode>();
    }
    expectTypeOf<"NOT_A_CODE">().not.toExtend<ErrorCode>();
  });

  it("path, details, message; isSlaKitError narrows", () => {
    expectTypeOf<SlaKitError["path"]>().toEqualTypeOf<ErrorPath>();
    expectTypeOf<ErrorPath>().toEqualTypeOf<readonly (string | number)[]>();
    expectTypeOf<SlaKitError["message"]>().toEqualTypeOf<string>();
    expectTypeOf<SlaKitError>().toExtend<Error>();
    const e: unknown = JSON.parse("{}");
    if (isSlaKitError(e, "INVALID_INPUT")) expectTypeOf(e).toEqualTypeOf<SlaKitError>();
    expectTypeOf(isSlaKitError).parameter(1).toEqualTypeOf<ErrorCode | undefined>();
    // @ts-expect-error an unknown code is a type error
    isSlaKitError(e, "NOT_A_CODE");
  });
});
