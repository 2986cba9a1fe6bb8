/* eslint-disable @typescript-eslint/ban-ts-comment */
// @ts-nocheck -- runs only in the temp project of .ci/run, where "sla-kit" is the installed
// tarball; in this repository the package is not built when `tsc` runs.
// Smoke test of the packed package under tsx (TypeScript, ESM): `tsx smoke-tsx.ts`.
import * as root from "sla-kit";
import type { SlaKitError } from "sla-kit";
import * as calendar from "sla-kit/calendar";
import * as sla from "sla-kit/sla";
import * as kpi from "sla-kit/kpi";
import * as scoring from "sla-kit/scoring";
import * as golden from "sla-kit/golden";
import * as table from "sla-kit/table";
import { runChecks } from "./checks.mjs";

const mods: Record<string, Record<string, unknown>> = {
  "sla-kit": root,
  "sla-kit/calendar": calendar,
  "sla-kit/sla": sla,
  "sla-kit/kpi": kpi,
  "sla-kit/scoring": scoring,
  "sla-kit/golden": golden,
  "sla-kit/table": table,
};
const isError = (e: unknown): e is SlaKitError => root.isSlaKitError(e);
if (isError(new Error("plain"))) throw new Error("isSlaKitError accepted a plain Error");
runChecks(mods, "tsx");
