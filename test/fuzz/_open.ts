/**
 * Bugs the fuzzer found that are still open in another helper's domain (issue 14). Each has a
 * regression case run as `it.fails` by exports.test.ts (a case that throws anything but a
 * SlaKitError, or whose `check` throws, reproduces the bug), and patterns that set its findings
 * aside in the per-export fuzz tests. When the owner fixes one, its `it.fails` turns red: delete
 * the entry (the per-export fuzz test then guards the fix).
 */
import * as sk from "../../src/index.js";
import type { Finding } from "./_engine.js";
import { nonFinite } from "./_engine.js";

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

const finite = (v: unknown) => {
  const bad = nonFinite(v);
  if (bad.length > 0) throw new Error(`non-finite result: ${bad.join("; ")}`);
};

export const openBugs: readonly OpenBug[] = [
  // sla
  {
    owner: "sla", bug: "a BigInt service in a query throws TypeError (JSON.stringify in the UNKNOWN_VALUE message)",
    exports: /^(dueAt|findTarget|evaluateTicket)$/, kinds: ["throw"], message: /BigInt/,
    repro: () => sk.dueAt(sk.robotIntegration2026, { service: 10n as never, stage: "response" }, 0),
  },
  // kpi / scoring
  {
    owner: "kpi", bug: "gradeDistribution([{ grade: 'good', item: '__proto__' }]) sets Object.prototype.good",
    exports: /^gradeDistribution$/, kinds: ["pollution", "throw"], message: /./,
    repro: () => {
      sk.gradeDistribution([{ grade: "good", item: "__proto__" } as never]);
      const polluted = Object.prototype.hasOwnProperty.call(Object.prototype, "good");
      delete (Object.prototype as Record<string, unknown>)["good"];
      if (polluted) throw new Error("Object.prototype.good was set");
    },
  },
  {
    owner: "kpi", bug: "bonusAdjustment with a Symbol in evidence throws TypeError",
    exports: /^bonusAdjustment$/, kinds: ["throw"], message: /^TypeError/,
    repro: () => sk.bonusAdjustment("M4", { bonusFen: 500_000, evidence: { complianceRate: 1, rating: Symbol("x") } } as never),
  },
  {
    owner: "kpi", bug: "assessPenalty echoes unknown input keys into trace.input, so -Infinity reaches the result",
    exports: /^assessPenalty$/, kinds: ["non-finite"], message: /trace\.input/,
    repro: () => sk.assessPenalty("M3", { count: 2, person: "zhang", leader: "li", extra: Number.NEGATIVE_INFINITY } as never),
    check: finite,
  },
];
