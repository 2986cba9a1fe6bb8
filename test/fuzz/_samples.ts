/**
 * Valid calls of the public exports: the fuzzer starts from these and mutates them (a hostile
 * value in one argument, a hostile key or string deep inside plain data). Each entry is a factory
 * so every call gets fresh arguments. An export without an entry here is still fuzzed, with
 * random and hostile arguments only; add a sample when you add an export.
 *
 * Library-made values (calendars, compiled policies, cards) are marked with `opaque()`: the fuzzer
 * may replace them whole but does not edit inside them, since their shape is not user input.
 */
import { addBusinessDays, alwaysOpen, chinaWorkCalendar, defineCalendar } from "../../src/calendar/index.js";
import { ratio } from "../../src/kpi/index.js";
import { runCaseFile } from "../../src/golden/index.js";
import { assessPenalty, callCentreCard, networkCard } from "../../src/scoring/index.js";
import { cableOperatorNorms, evaluateTicket, parsePolicy, robotIntegration2026 } from "../../src/sla/index.js";

const opaqueSet = new WeakSet<object>();
/** Marks a library-made value: replaced whole by the fuzzer, never edited inside. */
export function opaque<T extends object>(v: T): T {
  opaqueSet.add(v);
  return v;
}
export function isOpaque(v: unknown): boolean {
  return typeof v === "object" && v !== null && opaqueSet.has(v);
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const calendarSpec = () => ({
  id: "ny-office",
  timeZone: "America/New_York",
  week: { mon: ["09:00-12:00", "13:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["22:00-06:00"] },
  holidays: ["2026-07-03", { date: "2026-11-26", name: "Thanksgiving" }],
  workdays: [{ date: "2026-07-11", hours: ["10:00-14:00"], name: "make-up" }],
  validFrom: "2026-01-01",
  validTo: "2027-12-31",
});
const cn = () => opaque(chinaWorkCalendar());
const open = () => opaque(alwaysOpen("Asia/Shanghai"));
let nyCalendar: ReturnType<typeof defineCalendar> | undefined;
const ny = () => (nyCalendar ??= opaque(defineCalendar(calendarSpec())));
const T0 = "2026-04-30T10:00:00+08:00";
const t0 = () => new Date(T0);

const faultQuery = () => ({ service: "fault", tier: "core", urgency: "urgent", stage: "response" });
const complaintQuery = () => ({ service: "complaint", tier: "important", stage: "investigation" });
const ticket = () => ({
  id: "T-1",
  service: "fault",
  tier: "core",
  urgency: "urgent",
  assignee: "li",
  department: "north",
  createdAt: T0,
  events: [
    { type: "done", stage: "response", at: "2026-04-30T10:12:00+08:00" },
    { type: "pause", at: "2026-04-30T10:20:00+08:00", reason: "customer away" },
    { type: "resume", at: "2026-04-30T10:40:00+08:00" },
    { type: "agreed-deadline", stage: "resolution", dueAt: "2026-04-30T18:00:00+08:00", at: "2026-04-30T11:00:00+08:00", consent: "email" },
  ],
});
const simpleTicket = () => ({
  id: "T-2", service: "complaint", tier: "core", createdAt: new Date(T0),
  events: [{ type: "done", stage: "response", at: new Date("2026-04-30T10:10:00+08:00") }],
});
/** A fault whose urgency and tier change mid-ticket (docs/sla.md "Facts that change mid-ticket"). */
const reclassifiedTicket = () => ({
  id: "T-3", service: "fault", tier: "important", urgency: "general", createdAt: T0,
  events: [
    { type: "done", stage: "response", at: "2026-04-30T10:12:00+08:00" },
    { type: "reclassify", at: "2026-04-30T10:30:00+08:00", facts: { urgency: "urgent", tier: "core" }, reason: "line down" },
  ],
});
/** S17: closed, reopened and closed again (a follow-up runs from the second close). */
const reopenedTicket = () => ({
  id: "T-4", service: "complaint", tier: "core", createdAt: T0,
  events: [
    { type: "done", stage: "response", at: "2026-04-30T10:10:00+08:00" },
    { type: "closed", at: "2026-04-30T10:30:00+08:00" },
    { type: "reopened", at: "2026-04-30T10:50:00+08:00", reason: "not solved" },
    { type: "closed", at: "2026-04-30T11:10:00+08:00" },
  ],
});
const asOf = () => ({ asOf: new Date("2026-04-30T11:30:00+08:00") });
const evaluation = () => {
  try {
    return json(evaluateTicket(robotIntegration2026, simpleTicket() as never, asOf()));
  } catch {
    return { id: "T-2", service: "complaint", createdAt: T0, stages: [{ stage: "response", status: "met" }] };
  }
};
const failures = () => [
  { deviceId: "agg-7", at: new Date("2026-05-03T08:00:00+08:00") },
  { deviceId: "agg-7", at: "2026-05-19T08:00:00+08:00" },
  { deviceId: "agg-8", at: Date.parse("2026-05-20T08:00:00+08:00"), group: "storm-0520", appealAccepted: true },
  { deviceId: "agg-9", at: Date.parse("2026-05-20T09:00:00+08:00"), group: "storm-0520" },
];
const linearRule = () => ({ kind: "linear", points: 45, target: 0.98, zeroBelow: 0.9 });
const stepsRule = () => ({
  kind: "steps", points: 10, direction: "below", rounding: "floor", zeroBeyond: 1500,
  steps: [{ from: 2200, to: 1800, per: 100, deduct: 1 }, { from: 1800, to: 1500, per: 100, deduct: 2 }],
});
const thresholdRule = () => ({ kind: "threshold", points: 10, pass: { op: ">=", value: 0.999 } });
const dueAtCase = () => ({
  id: "S4 core urgent response", kind: "dueAt",
  input: { query: faultQuery(), anchor: "2024-05-06T10:00:00+08:00" },
  expect: "2024-05-06T10:15:00+08:00", expectRule: "003 §6(2)",
});
const ticketCase = () => ({
  id: "S11 complaint", kind: "evaluateTicket", asOf: "2026-04-30T11:30:00+08:00",
  input: { ticket: json(simpleTicket()) },
  expect: { stages: [{ stage: "response", status: "met" }] },
});
const kpiCase = () => ({ id: "K2 dispatch", kind: "ratio", input: { numerator: 49, denominator: 50 }, expect: { value: 0.98 } });
const ruleCase = () => ({ id: "P1 satisfaction", kind: "evaluateRule", input: { rule: linearRule(), value: 0.95 }, expect: { points: 43.62244897959184 }, tolerance: { points: 1e-6 } });
const caseFile = (): { policy: string; tolerance: object; cases: { expect?: unknown }[] } => ({ policy: "robotIntegration2026", tolerance: { ms: 0 }, cases: [dueAtCase(), ticketCase(), kpiCase(), ruleCase()] });
const policyJson = () => json(robotIntegration2026);
const changedPolicy = () => {
  const p = json(robotIntegration2026) as unknown as { version: string; targets: { service: string; tier?: string; urgency?: string; stage: string; within: unknown }[] };
  p.version = "2026.2";
  for (const t of p.targets) if (t.service === "fault" && t.tier === "core" && t.urgency === "urgent" && t.stage === "response") t.within = "PT10M";
  return p;
};
let changed: ReturnType<typeof parsePolicy> | undefined;
/** changedPolicy() as version 2026.2 of the 003 policy, in force from 2026-05-01 (S18 policy versions). */
const laterVersion = () => ({ ...changedPolicy(), effectiveFrom: "2026-05-01" });
let later: ReturnType<typeof parsePolicy> | undefined;
const scoreValues = () => ({ satisfaction: 0.98, callVolume: 2150, callbackRate: ratio(45, 50) });

/** Valid argument lists per export name. */
export const samples: Readonly<Record<string, readonly (() => unknown[])[]>> = {
  // errors
  isSlaKitError: [() => [new Error("x"), "INVALID_INPUT"]],
  // calendar
  defineCalendar: [() => [calendarSpec()], () => [{ timeZone: "UTC", week: { sat: ["00:00-24:00"] } }]],
  parseCalendarSpec: [() => [calendarSpec()]],
  alwaysOpen: [() => ["America/New_York"], () => []],
  chinaWorkCalendar: [() => [{ hours: ["09:00-12:00", "13:30-18:00"], timeZone: "Asia/Shanghai" }], () => []],
  isBusinessDay: [() => [cn(), "2026-05-01"], () => [ny(), new Date("2026-07-11T15:00:00Z")], () => [open(), 0]],
  isOpenAt: [() => [cn(), t0()], () => [ny(), Date.parse("2026-03-08T07:30:00Z")]],
  nextOpening: [() => [cn(), t0()], () => [ny(), "2026-11-26T12:00:00Z"]],
  addBusinessTime: [() => [cn(), t0(), 10 * 3_600_000], () => [ny(), Date.parse("2026-03-06T20:00:00Z"), 90 * 60_000], () => [open(), t0(), 0]],
  businessTimeBetween: [() => [cn(), t0(), new Date("2026-05-08T10:00:00+08:00")], () => [ny(), Date.parse("2026-11-30T00:00:00Z"), Date.parse("2026-11-01T00:00:00Z")]],
  addBusinessDays: [() => [cn(), t0(), 1], () => [ny(), Date.parse("2026-07-02T20:00:00Z"), 0]],
  coverage: [() => [cn()], () => [opaque(chinaWorkCalendar({ beyondData: "weekdays" }))]],
  firstAssumedDate: [() => {
    const cal = opaque(chinaWorkCalendar({ beyondData: "weekdays" }));
    const start = new Date("2026-12-30T10:00:00+08:00");
    return [cal, start, addBusinessDays(cal, start, 5)];
  }],
  parseChinaHolidayYear: [() => [{
    year: 2027, source: { title: "国务院办公厅关于2027年部分节假日安排的通知", published: "2026-11-20" },
    holidays: [{ date: "2027-01-01", name: "New Year's Day 元旦" }], workdays: [],
  }]],
  parseChinaHolidayNotice: [() => ["国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n国务院办公厅\n2025年11月4日"]],
  fromZonedTime: [() => ["2026-03-08T02:30", "America/New_York"], () => ["2026-03-02 09:30", "Asia/Shanghai"]],
  // sla
  parsePolicy: [() => [policyJson()], () => [json(cableOperatorNorms)]],
  safeParsePolicy: [() => [policyJson()]],
  validatePolicy: [() => [opaque(robotIntegration2026)], () => [policyJson()]],
  findTarget: [() => [opaque(robotIntegration2026), faultQuery()], () => [opaque(robotIntegration2026), complaintQuery()]],
  dueAt: [
    () => [opaque(robotIntegration2026), faultQuery(), t0()],
    () => [opaque(robotIntegration2026), complaintQuery(), Date.parse(T0)],
    () => [opaque(cableOperatorNorms), { service: "online", stage: "forum-reply" }, T0],
  ],
  evaluateTicket: [
    () => [opaque(robotIntegration2026), ticket(), asOf()],
    () => [opaque(robotIntegration2026), simpleTicket(), { asOf: T0 }],
    () => [opaque(robotIntegration2026), reopenedTicket(), asOf()],
    () => [opaque({ ...JSON.parse(JSON.stringify(robotIntegration2026)), reclassify: { urgency: "retroactive", tier: "restart" } }), reclassifiedTicket(), asOf()],
  ],
  evaluateTickets: [() => [opaque(robotIntegration2026), [simpleTicket(), simpleTicket()], asOf()]],
  tallyTickets: [() => [opaque(robotIntegration2026), [simpleTicket()], { ...asOf(), by: ["service", "stage"] }]],
  nextChangeAt: [() => [evaluation()], () => [evaluateTicket(robotIntegration2026, simpleTicket() as never, { asOf: T0 })]],
  reviveEvaluation: [() => [evaluation()], () => [json(evaluateTicket(robotIntegration2026, simpleTicket() as never, { asOf: T0 }))]],
  evaluateTicketVersions: [
    () => [[opaque(robotIntegration2026), opaque(later ??= parsePolicy(laterVersion()))], ticket(), asOf()],
    () => [[policyJson(), laterVersion()], json(simpleTicket()), { asOf: T0, choose: "creation", trace: false }],
  ],
  safeEvaluateTicket: [() => [opaque(robotIntegration2026), ticket(), asOf()], () => [opaque(cableOperatorNorms), json(simpleTicket()), { asOf: T0 }]],
  // kpi
  ratio: [() => [49, 50], () => [0, 0]],
  rate: [() => [98, 100]],
  combineRatios: [() => [[ratio(1, 1), ratio(50, 100)]]],
  formatRatio: [() => [ratio(1, 8), { digits: 2, mode: "half-even", percent: true }], () => [ratio(0, 0), { mode: "half-up" }]],
  failureWeight: [() => [3], () => [60, { cap: 8 }]],
  weightedFailures: [() => [failures(), { timeZone: "Asia/Shanghai" }]],
  weightedFailuresBreakdown: [() => [failures(), { timeZone: "Asia/Shanghai", acceptedGroups: ["storm-0520"] }]],
  aggregationFailureRate: [() => [failures(), { managedDevices: 400, timeZone: "Asia/Shanghai", month: "2026-05" }]],
  reliability: [() => [{ downtimeMs: 3_600_000, periodMs: 86_400_000 }]],
  downtime: [() => [[{ from: new Date("2026-01-01T10:00:00Z"), to: "2026-01-01T10:30:00Z" }, { from: Date.parse("2026-01-01T10:20:00Z"), to: new Date("2026-01-01T11:00:00Z") }], { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") }]],
  outagePer100Hours: [() => [{ downtimeMs: 72_000, operationMs: 200 * 3_600_000 }]],
  complianceRate: [() => [[evaluation(), evaluation()]]],
  overdueRate: [() => [[evaluation()]]],
  causeRecordedRate: [() => [[evaluation(), { stages: [{ stage: "response", status: "breached", cause: { cause: "storm", remedy: "second crew" } }, { stage: "handling", status: "overdue", needsCause: true }] }]]],
  rollup: [() => [[evaluation(), evaluation()], { by: ["assignee", "month"], timeZone: "Asia/Shanghai" }]],
  checkTarget: [() => ["K2", ratio(49, 50)], () => ["K4", 2150], () => ["K13", 3]],
  meanRating: [() => [[5, 4, 5, 4]]],
  signalQuality: [() => [[{ id: "bldg-3", levelDb: 72.5, merDb: 31, ber: 1e-9 }, { id: "bldg-7", levelDb: 66.8, merDb: 25.5, ber: 1e-7 }]]],
  // scoring
  parseRule: [() => [stepsRule()], () => [thresholdRule()]],
  safeParseRule: [() => [linearRule()]],
  parseScorecard: [() => [json(callCentreCard())]],
  safeParseScorecard: [() => [json(networkCard())]],
  evaluateRule: [() => [stepsRule(), 1650], () => [linearRule(), ratio(475, 500)], () => [thresholdRule(), 0.9995]],
  scorecard: [() => [opaque(callCentreCard()), scoreValues()], () => [json(callCentreCard()), scoreValues()]],
  callCentreCard: [() => [{ points: { satisfaction: 50 }, rounding: "ceil" }], () => []],
  businessHallCard: [() => [{}]],
  accountManagerCard: [() => [{ rounding: "prorata" }]],
  networkCard: [() => [{}]],
  assessPenalty: [() => ["M3", { count: 2, person: "zhang", leader: "li" }], () => ["M1", { count: 1, person: "wang", severity: "max" }]],
  finesByPerson: [() => [[assessPenalty("M3", { count: 1, person: "zhou", leader: "wu" }), assessPenalty("M1", { count: 1, person: "wu" })]]],
  bonusAdjustment: [() => ["M7", { bonusFen: 2_000_000, evidence: { complianceRate: 0.75 } }], () => ["M4", { bonusFen: 500_000, evidence: { complianceRate: 1, rating: "excellent" } }]],
  gradeFromIndicators: [() => [[{ id: "response", met: true }, { id: "resolution", met: false }], { satisfaction: 0.97 }]],
  gradeDistribution: [() => [[{ grade: "good", person: "zhang", item: "repair" }, { grade: "excellent", person: "li", item: "repair" }]]],
  retrainingFlags: [() => [[{ person: "zhang", period: "2026-01", grade: "unqualified" }, { person: "zhang", period: "2026-02", grade: "unqualified" }]]],
  standardLevel: [() => [4.8, { direction: "higher-better", basic: 4.5, improved: 4.7, excellent: 4.9 }]],
  weightedEvaluation: [() => [[{ evaluator: "customer", dimension: "attitude", score: 90 }, { evaluator: "internal", dimension: "attitude", score: 80 }], { evaluators: { customer: 0.6, internal: 0.4 } }]],
  // table
  ticketsFromRows: [() => [
    [
      { id: "T-1", opened: "2026-03-02 09:00", tier: "core", urgency: "urgent", responded: "2026-03-02 09:20" },
      { id: "T-2", opened: "2026-03-02 25:00", tier: "core", urgency: "urgent", responded: "" },
    ],
    { id: "id", createdAt: "opened", service: { value: "fault" }, facts: { tier: "tier", urgency: "urgency" }, done: { response: "responded" } },
    { policy: opaque(robotIntegration2026), timeZone: "Asia/Shanghai", firstRowNumber: 2 },
  ]],
  flattenEvaluations: [() => [[evaluation()], { times: "iso" }], () => [[evaluation(), evaluation()]]],
  // duckdb: a stand-in connection that takes the functions (the fuzzer checks the validation of
  // the arguments; test/duckdb registers them on real DuckDB connections and runs SQL)
  registerSlaFunctions: [
    () => [{ registerScalarFunction: () => undefined }, { policies: { robot: opaque(robotIntegration2026), cable: opaque(cableOperatorNorms) } }],
    () => [{ registerScalarFunction: () => undefined }, { policies: { robot: opaque(robotIntegration2026) }, timeZone: "Asia/Shanghai" }],
  ],
  // golden
  parseCaseFile: [() => [caseFile()]],
  matchExpected: [
    () => [{ dueAt: "2024-05-06T10:15:00+08:00", stages: [{ stage: "response", status: "met" }] }, { dueAt: new Date("2024-05-06T02:15:00Z"), stages: [{ stage: "response", status: "met" }] }],
    () => [{ points: 9 }, { points: 9.0000001 }, { points: 1e-3 }],
  ],
  runCase: [() => [dueAtCase(), { policy: opaque(robotIntegration2026) }], () => [kpiCase()]],
  runCaseFile: [() => [caseFile()], () => [{ cases: [kpiCase(), ruleCase()] }]],
  updateCaseFile: [() => {
    const file = caseFile();
    file.cases[0]!.expect = "2024-05-06T11:00:00+08:00";
    return [file, json(runCaseFile(caseFile()))];
  }],
  diffPolicies: [() => [opaque(robotIntegration2026), opaque(changed ??= parsePolicy(changedPolicy())), [ticketCase()]]],
  diffVersions: [() => [opaque(robotIntegration2026), opaque(later ??= parsePolicy(laterVersion())), [ticket(), json(simpleTicket())], { asOf: "2026-05-02T12:00:00+08:00" }]],
};
