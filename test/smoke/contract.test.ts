/**
 * The sources export the public contract (the same list the packed-package
 * smoke of .ci/run checks), and the root entry re-exports every domain.
 */
import { describe, expect, it } from "vitest";
import contract from "./contract.json";
import * as root from "../../src/index.js";
import * as calendar from "../../src/calendar/index.js";
import * as sla from "../../src/sla/index.js";
import * as kpi from "../../src/kpi/index.js";
import * as scoring from "../../src/scoring/index.js";
import * as golden from "../../src/golden/index.js";
import * as table from "../../src/table/index.js";

const modules: Record<string, Record<string, unknown>> = {
  "sla-kit": root,
  "sla-kit/calendar": calendar,
  "sla-kit/sla": sla,
  "sla-kit/kpi": kpi,
  "sla-kit/scoring": scoring,
  "sla-kit/golden": golden,
  "sla-kit/table": table,
};

describe("public contract (test/smoke/contract.json)", () => {
  for (const [spec, names] of Object.entries(contract.entries)) {
    it(`${spec} exports ${names.length > 0 ? names.join(", ") : "something"}`, () => {
      const mod = modules[spec] ?? {};
      const missing = names.filter((n) => mod[n] === undefined);
      expect(missing).toEqual([]);
      expect(Object.keys(mod).length).toBeGreaterThan(0);
    });
  }

  it("sla-kit re-exports every name of every sub-path, as the same value", () => {
    const problems: string[] = [];
    for (const [spec, mod] of Object.entries(modules)) {
      if (spec === "sla-kit") continue;
      for (const n of Object.keys(mod)) {
        if (!(n in root)) problems.push(`${n} of ${spec} is not re-exported`);
        else if ((root as Record<string, unknown>)[n] !== mod[n]) problems.push(`${n} of ${spec} differs`);
      }
    }
    expect(problems).toEqual([]);
  });
});
