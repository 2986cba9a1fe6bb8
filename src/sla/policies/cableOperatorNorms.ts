/**
 * Document 002 (电话客户服务规范, cable/broadband operator) as a policy: docs/rules.md S20-S25.
 * @module
 */
import { parsePolicy } from "../parsePolicy.js";
import type { Policy, PolicyJson, TargetRow } from "../types.js";

const H24 = "shanghai-24x7"; // T4: call centre 7x24 (002 art. 3)

/* @__NO_SIDE_EFFECTS__ */
const row = (rule: string, service: string, stage: string, within: string, sourceRef: string, urgency?: string): TargetRow => ({
  id: `${rule}:${service}:${stage}${urgency ? `:${urgency}` : ""}`,
  service,
  ...(urgency ? { urgency } : {}),
  stage,
  within,
  clock: H24,
  sourceRef,
});

const targets: TargetRow[] = [
  // S20 002 art. 18: account manager business and fault work orders: respond 30 min, complete 24 h
  row("S20", "work-order", "response", "PT30M", "002 art. 18"),
  row("S20", "work-order", "completion", "PT24H", "002 art. 18"),
  // S21 002 art. 19: VIP fault: respond 20 min, resolve 6 h
  row("S21", "vip-fault", "response", "PT20M", "002 art. 19"),
  row("S21", "vip-fault", "resolution", "PT6H", "002 art. 19"),
  // S21 002 art. 19: VIP business activation: respond 1 h, complete 12 h
  row("S21", "vip-business", "response", "PT1H", "002 art. 19"),
  row("S21", "vip-business", "completion", "PT12H", "002 art. 19"),
  // S22 002 art. 25: backbone fault: on site 40 min, fixed 2 h
  row("S22", "backbone-fault", "arrival", "PT40M", "002 art. 25"),
  row("S22", "backbone-fault", "repair", "PT2H", "002 art. 25"),
  // S22 002 art. 25: aggregation fault: on site 1 h, fixed and ticket returned 2 h
  row("S22", "aggregation-fault", "arrival", "PT1H", "002 art. 25"),
  row("S22", "aggregation-fault", "repair", "PT2H", "002 art. 25"),
  // S22 002 art. 25: access fault: respond 30 min, fixed 24 h
  row("S22", "access-fault", "response", "PT30M", "002 art. 25"),
  row("S22", "access-fault", "repair", "PT24H", "002 art. 25"),
  // S23 002 art. 26: major equipment: hot standby switch 5 min
  row("S23", "hot-standby", "switch", "PT5M", "002 art. 26"),
  // S23 002 art. 26: cold standby replaced 20 min
  row("S23", "cold-standby", "replacement", "PT20M", "002 art. 26"),
  // S23 002 art. 26: single channel: source switch 5 min, equipment fault cleared 30 min
  row("S23", "single-channel", "source-switch", "PT5M", "002 art. 26"),
  row("S23", "single-channel", "fault-cleared", "PT30M", "002 art. 26"),
  // S24 002 art. 32: BOSS / LAN fault: general 1 h, major 3 h
  row("S24", "boss-lan-fault", "resolution", "PT1H", "002 art. 32", "general"),
  row("S24", "boss-lan-fault", "resolution", "PT3H", "002 art. 32", "major"),
  // S24 002 art. 33: call system fault: general 30 min, major 2 h
  // (the "at most one outage over 10 min a month" limit is a count: see sla-kit/kpi)
  row("S24", "call-system-fault", "resolution", "PT30M", "002 art. 33", "general"),
  row("S24", "call-system-fault", "resolution", "PT2H", "002 art. 33", "major"),
  // S25 002 art. 8: online service: forum replies within 4 h
  row("S25", "forum", "reply", "PT4H", "002 art. 8"),
];

/* @__NO_SIDE_EFFECTS__ */
const simple = (description: string, ...stages: string[]) => ({ description, stages, dimensions: [] as const });

const json: PolicyJson = {
  id: "cable-operator-norms",
  version: "1.0.0",
  title: "电话客户服务规范 (document 002): work-order, network and system time limits",
  description: "docs/rules.md S20-S25 on a 7x24 clock in Asia/Shanghai. Open-ended reference encoding.",
  timeZone: "Asia/Shanghai",
  warnAt: 0.8,
  // H24, spelt out: a literal key lets a bundler drop the policy when it is not imported
  calendars: { "shanghai-24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" } },
  dimensions: { urgency: ["general", "major"] },
  services: {
    "work-order": simple("Account manager business and fault work orders (S20)", "response", "completion"),
    "vip-fault": simple("VIP customer fault (S21)", "response", "resolution"),
    "vip-business": simple("VIP business activation (S21)", "response", "completion"),
    "backbone-fault": simple("Backbone network fault (S22)", "arrival", "repair"),
    "aggregation-fault": simple("Aggregation network fault (S22)", "arrival", "repair"),
    "access-fault": simple("Access network fault (S22)", "response", "repair"),
    "hot-standby": simple("Major equipment with hot standby (S23)", "switch"),
    "cold-standby": simple("Major equipment with cold standby (S23)", "replacement"),
    "single-channel": simple("Single-channel equipment (S23)", "source-switch", "fault-cleared"),
    "boss-lan-fault": { description: "BOSS / LAN system fault (S24)", stages: ["resolution"], dimensions: ["urgency"] },
    "call-system-fault": { description: "Call system fault (S24)", stages: ["resolution"], dimensions: ["urgency"] },
    forum: simple("Online forum (S25)", "reply"),
  },
  targets,
};

/**
 * Document 002 (cable/broadband operator customer-service norms) as a compiled policy: docs/rules.md
 * S20-S25, every stage on a 7x24 clock in Asia/Shanghai (`"shanghai-24x7"`). No effective dates.
 *
 * @example
 * ```ts
 * import { dueAt, cableOperatorNorms } from "sla-kit/sla";
 *
 * const due = dueAt(cableOperatorNorms, { service: "vip-fault", stage: "resolution" }, new Date("2024-05-06T10:00:00+08:00"));
 * console.log(due.toISOString()); // 2024-05-06T08:00:00.000Z (16:00 in Shanghai)
 * ```
 */
export const cableOperatorNorms: Policy = /* @__PURE__ */ parsePolicy(json);
