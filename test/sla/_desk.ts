/** Test policy: document 003's matrix plus one pause reason a desk declares, stopping every stage. */
import { parsePolicy, robotIntegration2026, type PolicyJson } from "../../src/sla/index.js";

export const HOLD = "customer-unreachable";
const json = JSON.parse(JSON.stringify(robotIntegration2026)) as PolicyJson;
const every = [...new Set(Object.values(json.services).flatMap((s) => s.stages.map((x) => (typeof x === "string" ? x : x.name))))];

/** robotIntegration2026 with `pauseReasons: { "customer-unreachable": { stops: every stage } }`. */
export const desk = parsePolicy({ ...json, id: "desk-003", pauseReasons: { [HOLD]: { stops: every, description: "the customer cannot be reached" } } });
