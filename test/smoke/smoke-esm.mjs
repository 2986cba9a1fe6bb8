// Smoke test of the packed package as ESM: `node --input-type=module < smoke-esm.mjs` and
// `deno run -A --node-modules-dir=manual smoke-esm.mjs`, from the temp project of .ci/run.
/* global Deno */
import * as root from "sla-kit";
import * as calendar from "sla-kit/calendar";
import * as sla from "sla-kit/sla";
import * as kpi from "sla-kit/kpi";
import * as scoring from "sla-kit/scoring";
import * as golden from "sla-kit/golden";
import * as table from "sla-kit/table";
import { runChecks } from "./checks.mjs";

const label = typeof Deno === "undefined" ? "esm" : "deno";
runChecks({ "sla-kit": root, "sla-kit/calendar": calendar, "sla-kit/sla": sla, "sla-kit/kpi": kpi, "sla-kit/scoring": scoring, "sla-kit/golden": golden, "sla-kit/table": table }, label);
