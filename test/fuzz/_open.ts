/**
 * Bugs the fuzzer found that are still open in another helper's domain (issue 14). Each has a
 * regression case run as `it.fails` by exports.test.ts (a case that throws anything but a
 * SlaKitError, or whose `check` throws, reproduces the bug), and patterns that set its findings
 * aside in the per-export fuzz tests. When the owner fixes one, its `it.fails` turns red: delete
 * the entry (the per-export fuzz test then guards the fix).
 */
import * as sk from "../../src/index.js";
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

export const openBugs: readonly OpenBug[] = [
  // sla
  {
    owner: "sla", bug: "a BigInt service in a query throws TypeError (JSON.stringify in the UNKNOWN_VALUE message)",
    exports: /^(dueAt|findTarget|evaluateTicket)$/, kinds: ["throw"], message: /BigInt/,
    repro: () => sk.dueAt(sk.robotIntegration2026, { service: 10n as never, stage: "response" }, 0),
  },
];
