/**
 * Bugs the fuzzer found that are still open in another helper's domain (issue 14). Each has a
 * regression case run as `it.fails` by exports.test.ts (a case that throws anything but a
 * SlaKitError, or whose `check` throws, reproduces the bug), and patterns that set its findings
 * aside in the per-export fuzz tests. When the owner fixes one, its `it.fails` turns red: delete
 * the entry (the per-export fuzz test then guards the fix).
 */
import type { Finding } from "./_engine.js";

export interface OpenBug {
  readonly owner: "cal" | "sla" | "kpi" | "cli";
  readonly bug: string;
  /** Which exports' findings this bug explains. */
  readonly exports: RegExp;
  readonly kinds: readonly Finding["kind"][];
  readonly message: RegExp;
  /** Reproduces the bug: throws a non-SlaKitError, or returns something `check` rejects. */
  readonly repro?: () => unknown;
  readonly check?: (outcome: unknown) => void;
}

// None open: the last one (a BigInt service in a query, sla) is fixed and pinned in
// test/sla/hostile-names.test.ts. Add new findings here while their owner fixes them.
export const openBugs: readonly OpenBug[] = [];
