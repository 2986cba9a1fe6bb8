/**
 * Document 003 (2026年机器人集成公司客户服务时效管控制度) as a policy: docs/rules.md S1-S14, W1-W3.
 * @module
 */
import { parsePolicy } from "../parsePolicy.js";
import type { Policy, PolicyJson, TargetRow, Within } from "../types.js";

const H24 = "shanghai-24x7"; // T1: minute/hour stages run 24x7 (003 §10 duty cover)
const BD = "china-workdays"; // T2: business-day stages on chinaWorkCalendar()
const TIERS = ["core", "important", "ordinary"] as const;
type Tier = (typeof TIERS)[number];

/** One row per tier: `by` gives core / important / ordinary. */
/* @__NO_SIDE_EFFECTS__ */
function perTier(
  rule: string,
  sourceRef: string,
  base: Omit<TargetRow, "tier" | "within" | "sourceRef" | "clock" | "id">,
  by: readonly [Within, Within, Within],
): TargetRow[] {
  return TIERS.map((tier: Tier, i) => {
    const within = by[i] as Within;
    const clock = typeof within === "string" ? H24 : "businessDays" in within ? BD : undefined;
    const dims = [tier, base.urgency, base.location].filter((x) => x !== undefined).join("-");
    return { id: `${rule}:${base.service}:${base.stage}:${dims}`, ...base, tier, within, ...(clock ? { clock } : {}), sourceRef };
  });
}
/* @__NO_SIDE_EFFECTS__ */
const bd = (n: number): Within => ({ businessDays: n });
/* @__NO_SIDE_EFFECTS__ */
const rings = (n: number): Within => ({ rings: n });
const AGREED: Within = { agreed: true };
/** 003 §6(2) "1小时内派出技术人员赶赴现场（同城）或启动远程技术支持": the 1 h dispatch is same-city only. */
const CORE_URGENT_HANDLING =
  "technician dispatched (same city) or remote support started within 1 h; for an other-city or remote-area customer the 1 h is for remote support, and a technician sent instead is judged by the on-site departure (S8 / S9): mark handling not-applicable";

/** The core tier's row with {@link CORE_URGENT_HANDLING} as its note. */
/* @__NO_SIDE_EFFECTS__ */
const withCoreNote = (rows: readonly TargetRow[]): TargetRow[] => rows.map((r) => (r.tier === "core" ? { ...r, note: CORE_URGENT_HANDLING } : r));

// built by a pure call (array spreads count as side effects): a bundle without the policy drops it
const targets: TargetRow[] = /* @__PURE__ */ (() => [
  // S1 003 §6(1): phone answered within 3 / 5 / 6 rings
  ...perTier("S1", "003 §6(1)", { service: "consultation", stage: "phone-answer" }, [rings(3), rings(5), rings(6)]),
  // S2 003 §6(1): online first response 5 / 10 / 15 min
  ...perTier("S2", "003 §6(1)", { service: "consultation", stage: "online-response" }, ["PT5M", "PT10M", "PT15M"]),
  // S3 003 §6(1): reply when not answerable at once 2 / 4 / 8 h
  ...perTier("S3", "003 §6(1)", { service: "consultation", stage: "reply" }, ["PT2H", "PT4H", "PT8H"]),
  // S4 003 §6(2): urgent fault response 15 min / 30 min / 1 h
  ...perTier("S4", "003 §6(2)", { service: "fault", urgency: "urgent", stage: "response" }, ["PT15M", "PT30M", "PT1H"]),
  // S4 003 §6(2): urgent fault dispatch or remote start 1 / 2 / 4 h. The core tier's 1 h dispatch is
  // "(同城)", same city only: see services.fault.stages handling.notApplicable.
  ...withCoreNote(perTier("S4", "003 §6(2)", { service: "fault", urgency: "urgent", stage: "handling" }, ["PT1H", "PT2H", "PT4H"])),
  // S4 003 §6(2): urgent fault solution implemented 4 / 6 / 8 h
  ...perTier("S4", "003 §6(2)", { service: "fault", urgency: "urgent", stage: "resolution" }, ["PT4H", "PT6H", "PT8H"]),
  // S5 003 §6(2): general fault response 30 min / 1 h / 2 h
  ...perTier("S5", "003 §6(2)", { service: "fault", urgency: "general", stage: "response" }, ["PT30M", "PT1H", "PT2H"]),
  // S5 003 §6(2): general fault technical handling started 2 / 4 / 6 h
  ...perTier("S5", "003 §6(2)", { service: "fault", urgency: "general", stage: "handling" }, ["PT2H", "PT4H", "PT6H"]),
  // S5 003 §6(2): general fault resolved 24 / 48 / 72 h
  ...perTier("S5", "003 §6(2)", { service: "fault", urgency: "general", stage: "resolution" }, ["PT24H", "PT48H", "PT72H"]),
  // S6 003 §6(2) last sentence: see services.onsite.onsite (remote-resolved -> on-site stages not-applicable)
  // S7 003 §6(3): urgent on-site, same city, arrival 2 / 4 / 8 h
  ...perTier("S7", "003 §6(3)", { service: "onsite", urgency: "urgent", location: "same-city", stage: "arrival" }, ["PT2H", "PT4H", "PT8H"]),
  // S8 003 §6(3): urgent on-site, other city, departure 4 / 6 / 12 h
  ...perTier("S8", "003 §6(3)", { service: "onsite", urgency: "urgent", location: "other-city", stage: "departure" }, ["PT4H", "PT6H", "PT12H"]),
  // S8 003 §6(3): urgent on-site, other city, arrival 24 / 36 / 48 h
  ...perTier("S8", "003 §6(3)", { service: "onsite", urgency: "urgent", location: "other-city", stage: "arrival" }, ["PT24H", "PT36H", "PT48H"]),
  // S9 003 §6(3): remote area: no fixed limit, the deadline is agreed with the customer in advance
  { id: "S9:onsite:departure:remote-area", service: "onsite", urgency: "urgent", location: "remote-area", stage: "departure", within: AGREED, clock: H24, sourceRef: "003 §6(3)" },
  { id: "S9:onsite:arrival:remote-area", service: "onsite", urgency: "urgent", location: "remote-area", stage: "arrival", within: AGREED, clock: H24, sourceRef: "003 §6(3)" },
  // S10 003 §6(4): requirement docking + first assessment 1 / 2 / 3 business days
  ...perTier("S10", "003 §6(4)", { service: "requirement", stage: "assessment" }, [bd(1), bd(2), bd(3)]),
  // S10 003 §6(4): assessment report 2 / 3 / 5 business days after the assessment is done
  ...perTier("S10", "003 §6(4)", { service: "requirement", stage: "report", anchor: "assessment" }, [bd(2), bd(3), bd(5)]),
  // S11 003 §6(5): complaint response 15 min / 30 min / 1 h
  ...perTier("S11", "003 §6(5)", { service: "complaint", stage: "response" }, ["PT15M", "PT30M", "PT1H"]),
  // S11 003 §6(5): investigation 1 / 2 / 3 business days
  ...perTier("S11", "003 §6(5)", { service: "complaint", stage: "investigation" }, [bd(1), bd(2), bd(3)]),
  // S11 003 §6(5): solution agreed 3 / 5 / 7 business days
  ...perTier("S11", "003 §6(5)", { service: "complaint", stage: "solution" }, [bd(3), bd(5), bd(7)]),
  // S11 003 §6(5): closed 5 / 7 / 10 business days
  ...perTier("S11", "003 §6(5)", { service: "complaint", stage: "closure" }, [bd(5), bd(7), bd(10)]),
  // S12 003 §6(5): follow-up visit within 2 business days of closure, every tier
  { id: "S12:complaint:follow-up", service: "complaint", stage: "follow-up", anchor: "closure", within: bd(2), clock: BD, sourceRef: "003 §6(5)" },
  // S13 003 §6(6): service documents archived within 1 business day of service completion, every tier
  { id: "S13:documents:archive", service: "documents", stage: "archive", anchor: "service-completed", within: bd(1), clock: BD, sourceRef: "003 §6(6)" },
  // S14 003 §11: when a system fails, the backup plan is started within 30 minutes (24x7)
  { id: "S14:system-failure:backup-plan", service: "system-failure", stage: "backup-plan", within: "PT30M", clock: H24, sourceRef: "003 §11" },
])();

/** The policy JSON of document 003. */
const json: PolicyJson = {
  id: "robot-integration-2026",
  version: "1.0.0",
  title: "2026年机器人集成公司客户服务时效管控制度 (document 003)",
  description: "SLA matrix by customer tier and urgency; docs/rules.md S1-S14, W1-W3. Open-ended reference encoding.",
  timeZone: "Asia/Shanghai", // effective dates, if a copy sets them, are Beijing dates
  warnAt: 0.8, // W1 003 §8(1): warning once 80% of the allowed time has elapsed
  calendars: {
    // H24 and BD, spelt out: literal keys let a bundler drop the policy when it is not imported
    "shanghai-24x7": { builtin: "alwaysOpen", timeZone: "Asia/Shanghai" },
    "china-workdays": { builtin: "chinaWorkCalendar" },
  },
  dimensions: {
    tier: ["core", "important", "ordinary"], // 003 §5, highest first
    urgency: ["urgent", "general"],
    location: ["same-city", "other-city", "remote-area"],
    channel: ["phone", "online"], // 003 §6(1): phone and online are alternative channels
  },
  services: {
    consultation: {
      description: "Customer consultation (S1-S3): a ticket with channel phone has no online response and vice versa; the reply applies only when the question cannot be answered at once",
      stages: [
        { name: "phone-answer", when: { channel: ["phone"] } },
        { name: "online-response", when: { channel: ["online"] } },
        { name: "reply", notApplicable: { sourceRef: "003 §6(1)", description: "the question was answered at once (现场回应): no reply time limit applies" } },
      ],
      dimensions: ["tier"],
    },
    fault: {
      description: "Fault report (S4-S6): response, dispatch / remote start / technical handling, resolution",
      stages: [
        "response",
        {
          name: "handling",
          // 003 §6(2): the core tier's 1 h dispatch is "(同城)"; elsewhere a dispatched technician runs on the S8 / S9 departure
          notApplicable: {
            sourceRef: "003 §6(2)",
            description:
              "a core customer's urgent fault in another city or a remote area, handled by a technician sent on site: the 1 h dispatch is same-city only (同城), the on-site departure (S8 / S9) applies instead",
            when: { tier: ["core"], urgency: ["urgent"], location: ["other-city", "remote-area"] },
          },
        },
        "resolution",
      ],
      dimensions: ["tier", "urgency"],
    },
    onsite: {
      description: "Urgent on-site service (S6-S9); a remote-resolved event makes its stages not-applicable",
      stages: [{ name: "departure", when: { location: ["other-city", "remote-area"] } }, "arrival"],
      dimensions: ["tier", "urgency", "location"],
      values: { urgency: ["urgent"] },
      onsite: true, // S6
    },
    requirement: { description: "Requirement docking and assessment (S10)", stages: ["assessment", "report"], dimensions: ["tier"] },
    complaint: {
      description: "Complaint handling (S11) and follow-up visit (S12)",
      stages: ["response", "investigation", "solution", "closure", "follow-up"],
      dimensions: ["tier"],
    },
    documents: {
      description: "Service documents archived after the service is completed (S13)",
      stages: ["archive"],
      dimensions: [],
      milestones: ["service-completed"],
    },
    "system-failure": {
      description: "Failure of the customer service, communication or remote support systems: backup plan started within 30 minutes (S14, 003 §11)",
      stages: ["backup-plan"],
      dimensions: [],
    },
  },
  targets,
};

/**
 * Document 003 (robot integration company, 2026) as a compiled policy: every row of docs/rules.md
 * S1-S14. Minute and hour stages run on `alwaysOpen("Asia/Shanghai")` (clock `"shanghai-24x7"`),
 * business-day stages on `chinaWorkCalendar()` (clock `"china-workdays"`). No effective dates;
 * `timeZone: "Asia/Shanghai"`. No pause reasons (003 knows no pauses, only renegotiated limits).
 *
 * @example
 * ```ts
 * import { dueAt, robotIntegration2026 } from "sla-kit/sla";
 *
 * const due = dueAt(robotIntegration2026, { service: "requirement", tier: "core", stage: "assessment" },
 *   new Date("2024-09-27T18:00:00+08:00"));
 * console.log(due.toISOString()); // 2024-09-29T10:00:00.000Z (18:00 on the make-up Sunday)
 * ```
 */
export const robotIntegration2026: Policy = /* @__PURE__ */ parsePolicy(json);
