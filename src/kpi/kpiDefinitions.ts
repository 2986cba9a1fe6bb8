import type { KpiDefinition } from "./types.js";

const HOUR_MS = 3_600_000;

/**
 * Every KPI of rule K1-K23 as data: ID, name, formula, what the numerator and denominator count,
 * target (`{ op, value, unit }`, null when the source sets none) and the source clause. A rule
 * holding several targets gets one row per target with a letter (K6a, K6b, K9a-K9d, K17a-b,
 * K18a-c); `ruleId` is the rule ID. The counted targets of the SLA documents (W4 sampling,
 * S24's monthly outage limit) are here too. Check a value with `checkTarget`. KPIs counted from
 * ticket evaluations say their `unit`: `"ticket"` (one count per work order, e.g. K9c) or
 * `"stage"` (one per stage, K17); pass it to `complianceRate`/`rollup` as `{ unit }`.
 *
 * Fractions are written as decimals and compared exactly (0.98 is exactly 98%).
 *
 * @example
 * ```ts
 * import { kpiDefinitions } from "sla-kit/kpi";
 *
 * const k11 = kpiDefinitions.find((d) => d.id === "K11");
 * k11?.target;    // { op: ">=", value: 0.999, unit: "fraction" }
 * k11?.sourceRef; // "002 art. 23"
 * ```
 */
export const kpiDefinitions: readonly KpiDefinition[] = /* @__PURE__ */ (() =>
  // built by a call marked pure (to a bundler `24 * HOUR_MS` might have side effects): a bundle
  // that does not read the definitions drops them
  freezeAll([
  {
    id: "K1", ruleId: "K1", name: "Satisfaction rate", nameZh: "客户满意率", kind: "rate",
    formula: "satisfied / surveyed", numerator: "customers satisfied", denominator: "customers surveyed",
    target: { op: ">=", value: 0.98, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 4",
    note: "Call-centre target (002 art. 4); the business hall (002 art. 11) and account managers (002 art. 16) aim at 95%: use a custom definition.",
  },
  {
    id: "K2", ruleId: "K2", name: "Dispatch accuracy", nameZh: "派单准确率", kind: "rate",
    formula: "correct dispatches / dispatches", numerator: "correct dispatches", denominator: "dispatches",
    target: { op: ">=", value: 0.98, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 5",
  },
  {
    id: "K3", ruleId: "K3", name: "Effective callback rate", nameZh: "有效电话回访率", kind: "rate",
    formula: "effective callbacks / tickets due for callback", numerator: "effective callbacks", denominator: "tickets due for callback",
    target: { op: ">=", value: 0.9, unit: "fraction" }, computedBy: "rate", unit: "ticket", sourceRef: "002 art. 6",
  },
  {
    id: "K4", ruleId: "K4", name: "Calls answered per agent per month", nameZh: "接听量", kind: "count",
    formula: "calls answered by the agent in the month (22 days x 330 min / 3.3 min = 2200)", numerator: null, denominator: null,
    target: { op: ">=", value: 2200, unit: "count" }, computedBy: null, sourceRef: "002 art. 7",
    note: "A Ratio calls / agents is read as the mean per agent.",
  },
  {
    id: "K5", ruleId: "K5", name: "Complaint rate", nameZh: "服务投诉率", kind: "ratio",
    formula: "complaints / customers served in the month", numerator: "complaints", denominator: "customers served in the month",
    target: { op: "<=", value: 0.01, unit: "fraction" }, computedBy: "ratio", sourceRef: "002 art. 11",
    note: "A customer may complain more than once, so the numerator may exceed the denominator.",
  },
  {
    id: "K6a", ruleId: "K6", name: "Entry accuracy", nameZh: "客户基础信息资料核对、录入准确率", kind: "rate",
    formula: "correct entries / entries", numerator: "correct entries", denominator: "entries",
    target: { op: ">=", value: 1, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 13",
  },
  {
    id: "K6b", ruleId: "K6", name: "BOSS entry error rate", nameZh: "BOSS系统操作录入差错率", kind: "rate",
    formula: "erroneous BOSS entries / BOSS entries", numerator: "erroneous entries", denominator: "BOSS entries",
    target: { op: "<=", value: 0.01, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 13",
  },
  {
    id: "K7", ruleId: "K7", name: "In-network rate", nameZh: "客户在网率", kind: "rate",
    formula: "(normal hosts + normal broadband) / (registered hosts + registered broadband)",
    numerator: "normal hosts + normal broadband accounts", denominator: "registered hosts + registered broadband accounts",
    target: { op: ">=", value: 0.8, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 17",
  },
  {
    id: "K8", ruleId: "K8", name: "Collective-unit and VIP churn", nameZh: "集体单位及VIP客户流失率", kind: "rate",
    formula: "units or VIP customers lost / units or VIP customers at the start", numerator: "lost", denominator: "at the start of the period",
    target: { op: "<=", value: 0.02, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 17",
  },
  {
    id: "K9a", ruleId: "K9", name: "First-time fix, digital TV", nameZh: "数字电视故障一次性解决率", kind: "rate",
    formula: "faults fixed at the first visit / faults", numerator: "faults fixed the first time", denominator: "faults",
    target: { op: ">=", value: 0.99, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 20",
  },
  {
    id: "K9b", ruleId: "K9", name: "First-time fix, two-way services", nameZh: "双向业务故障一次性解决率", kind: "rate",
    formula: "faults fixed at the first visit / faults", numerator: "faults fixed the first time", denominator: "faults",
    target: { op: ">=", value: 0.95, unit: "fraction" }, computedBy: "rate", sourceRef: "002 art. 20",
  },
  {
    id: "K9c", ruleId: "K9", name: "Work-order timely rate", nameZh: "工单及时处理率", kind: "rate",
    formula: "work orders handled in time / work orders (complianceRate with unit: \"ticket\")", numerator: "work orders with a decided stage and none breached or overdue", denominator: "work orders with a decided stage",
    target: { op: ">=", value: 0.99, unit: "fraction" }, computedBy: "complianceRate", unit: "ticket", sourceRef: "002 art. 20",
    note: "Counted per work order (002 art. 20 counts orders): 100 orders with 2 late give 98/100, not the 198/200 of their stages.",
  },
  {
    id: "K9d", ruleId: "K9", name: "30-minute response share", nameZh: "30分钟响应率", kind: "rate",
    formula: "work orders responded to within 30 min / work orders", numerator: "responded within 30 min", denominator: "work orders",
    target: { op: ">=", value: 0.7, unit: "fraction" }, computedBy: "rate", unit: "ticket", sourceRef: "002 art. 21.6",
  },
  {
    id: "K10", ruleId: "K10", name: "Centre outage", nameZh: "中心机房系统停播率", kind: "ratio",
    formula: "outage time / operating time; 36 s per 100 h = 0.0001", numerator: "outage ms", denominator: "operating ms",
    target: { op: "<=", value: 0.0001, unit: "fraction" }, computedBy: "outagePer100Hours", sourceRef: "002 art. 22",
  },
  {
    id: "K11", ruleId: "K11", name: "Core network reliability", nameZh: "核心网络层运行可靠性", kind: "rate",
    formula: "1 - downtime / period", numerator: "period - downtime (ms)", denominator: "period (ms)",
    target: { op: ">=", value: 0.999, unit: "fraction" }, computedBy: "reliability", sourceRef: "002 art. 23",
  },
  {
    id: "K12", ruleId: "K12", name: "Backbone reliability", nameZh: "骨干层网络运行可靠性", kind: "rate",
    formula: "1 - backbone outage time / (24 h x 365 d)", numerator: "BACKBONE_YEAR_MS - outage (ms)", denominator: "BACKBONE_YEAR_MS",
    target: { op: ">=", value: 0.995, unit: "fraction" }, computedBy: "reliability", sourceRef: "002 art. 24",
    note: "reliability() takes any period; pass periodMs: BACKBONE_YEAR_MS for the formula as written.",
  },
  {
    id: "K13", ruleId: "K13", name: "Egress failures", nameZh: "网络出口故障次数", kind: "count",
    formula: "network egress failures in the month", numerator: null, denominator: null,
    target: { op: "<=", value: 3, unit: "count" }, computedBy: null, sourceRef: "002 art. 23",
    note: "Points for 3 or more failures are scoring rule P13.",
  },
  {
    id: "K14", ruleId: "K14", name: "Aggregation device failure rate", nameZh: "汇聚层设备故障率", kind: "ratio",
    formula: "weighted failures (K15, K16) / managed devices, per month", numerator: "weighted failures", denominator: "managed devices",
    target: { op: "<=", value: 0.01, unit: "fraction" }, computedBy: "aggregationFailureRate", sourceRef: "002 art. 30",
  },
  {
    id: "K15", ruleId: "K15", name: "Escalating failure weights", nameZh: "同一设备故障加权", kind: "rule",
    formula: "the n-th failure of a device in a month weighs 2^(n-1) (1, 2, 4, 8), optionally capped", numerator: null, denominator: null,
    target: null, computedBy: "failureWeight", sourceRef: "002 art. 30",
  },
  {
    id: "K16", ruleId: "K16", name: "Force majeure", nameZh: "不可抗力", kind: "rule",
    formula: "a large-area non-human failure with an accepted appeal counts as one failure of weight 1", numerator: null, denominator: null,
    target: null, computedBy: "weightedFailures", sourceRef: "002 art. 30",
  },
  {
    id: "K17a", ruleId: "K17", name: "SLA compliance rate", nameZh: "时效达标率", kind: "rate",
    formula: "met / (met + breached + overdue) stages", numerator: "met stages", denominator: "met + breached + overdue stages",
    target: null, computedBy: "complianceRate", unit: "stage", sourceRef: "003 §15",
    note: "No target in 003 §15; rewards and penalties on it (100%, below 80%) are M4 and M7.",
  },
  {
    id: "K17b", ruleId: "K17", name: "Overdue rate", nameZh: "超时率", kind: "rate",
    formula: "(breached + overdue) / (met + breached + overdue) stages", numerator: "breached + overdue stages", denominator: "met + breached + overdue stages",
    target: null, computedBy: "overdueRate", unit: "stage", sourceRef: "003 §15",
  },
  {
    id: "K18a", ruleId: "K18", name: "Satisfaction score", nameZh: "客户满意度评分", kind: "mean",
    formula: "sum of 1-5 ratings / number of ratings", numerator: "sum of ratings", denominator: "number of ratings",
    target: { op: ">=", value: 4.5, unit: "score" }, computedBy: "meanRating", sourceRef: "001 §1.3",
  },
  {
    id: "K18b", ruleId: "K18", name: "Resolution rate", nameZh: "问题解决率", kind: "rate",
    formula: "problems resolved / problems reported", numerator: "resolved", denominator: "reported",
    target: { op: ">=", value: 0.95, unit: "fraction" }, computedBy: "rate", sourceRef: "001 §1.3",
  },
  {
    id: "K18c", ruleId: "K18", name: "Response time", nameZh: "响应时间", kind: "duration",
    formula: "time to respond, ms", numerator: null, denominator: null,
    target: { op: "<=", value: 24 * HOUR_MS, unit: "ms" }, computedBy: null, sourceRef: "001 §1.3",
  },
  {
    id: "K19", ruleId: "K19", name: "Building devices sampled per month", nameZh: "楼道设备数据采集", kind: "count",
    formula: "building (stairwell) devices whose data was collected in the month, per branch", numerator: null, denominator: null,
    target: { op: ">=", value: 10, unit: "count" }, computedBy: null, sourceRef: "002 art. 28",
    note: "Per branch company (各分公司每月楼道设备数据采集不少于10台); the dispatch centre picks the sampled estates.",
  },
  {
    id: "K20a", ruleId: "K20", name: "Central machine room maintenance per week", nameZh: "中心机房每周设备检修", kind: "count",
    formula: "equipment maintenance runs in the central machine room in the week", numerator: null, denominator: null,
    target: { op: ">=", value: 1, unit: "count" }, computedBy: null, sourceRef: "002 art. 27",
  },
  {
    id: "K20b", ruleId: "K20", name: "Central machine room rounds per day", nameZh: "中心机房每日设备巡检", kind: "count",
    formula: "equipment rounds in the central machine room on the day", numerator: null, denominator: null,
    target: { op: ">=", value: 1, unit: "count" }, computedBy: null, sourceRef: "002 art. 27",
  },
  {
    id: "K20c", ruleId: "K20", name: "Sub-head-end maintenance per month", nameZh: "分前端机房每月两次设备维护", kind: "count",
    formula: "maintenance and operation checks of each sub-head-end machine room in the month", numerator: null, denominator: null,
    target: { op: ">=", value: 2, unit: "count" }, computedBy: null, sourceRef: "002 art. 27",
  },
  {
    id: "K21", ruleId: "K21", name: "Signal quality at the building distributor", nameZh: "楼道集中分配器输出指标", kind: "rule",
    formula: "digital TV level 70 dB ± 3 dB, MER >= 26 dB, BER <= 1.0E-7 at each measured output", numerator: null, denominator: null,
    target: null, computedBy: "signalQuality", sourceRef: "002 art. 29",
    note: "A checker over measurements (signalQuality); the share of measurements that pass is a rate.",
  },
  {
    id: "K22", ruleId: "K22", name: "Core network scope", nameZh: "核心网络层定义范围", kind: "rule",
    formula: "core-network downtime leaves out group-equipment and egress failures", numerator: null, denominator: null,
    target: null, computedBy: "downtime", sourceRef: "002 art. 23",
    note: "downtime(outages, period, { scope: \"core-network\" }) leaves out outages with cause \"group-equipment\" or \"egress\"; egress failures are counted by K13.",
  },
  {
    id: "K23a", ruleId: "K23", name: "Customer timeliness satisfaction", nameZh: "客户时效满意度", kind: "rate",
    formula: "customers satisfied with timeliness / customers asked", numerator: "satisfied with timeliness", denominator: "customers asked (callbacks, surveys)",
    target: null, computedBy: "rate", sourceRef: "003 §15",
    note: "No target in 003 §15; the detailed rules are left to HR (具体考核细则由人力资源部会同客户服务部制定).",
  },
  {
    id: "K23b", ruleId: "K23", name: "Rectification completion rate", nameZh: "问题整改完成率", kind: "rate",
    formula: "problems rectified on time / problems found (003 §14 checks)", numerator: "problems rectified", denominator: "problems found",
    target: null, computedBy: "rate", sourceRef: "003 §15",
    note: "No target in 003 §15.",
  },
  {
    id: "M8", ruleId: "M8", name: "Personal fines in the KPI", nameZh: "个人罚款计入KPI考核", kind: "count",
    formula: "fines assessed on the person in the period, fen (finesByPerson)", numerator: null, denominator: null,
    target: null, computedBy: "finesByPerson", sourceRef: "002 art. 15.4",
    note: "A count of fen per person; how the fines enter the KPI score is the company's rule.",
  },
  // Counted rules of the SLA documents that are targets, not deadlines:
  {
    id: "W4a", ruleId: "W4", name: "Daily sampling share", nameZh: "每日抽查比例", kind: "rate",
    formula: "tickets sampled that day / tickets closed that day", numerator: "tickets sampled", denominator: "tickets closed that day",
    target: { op: ">=", value: 0.3, unit: "fraction" }, computedBy: "rate", unit: "ticket", sourceRef: "003 §14",
  },
  {
    id: "W4b", ruleId: "W4", name: "Monthly full check", nameZh: "每月全面检查", kind: "rate",
    formula: "tickets checked in the month / tickets of the month", numerator: "tickets checked", denominator: "tickets of the month",
    target: { op: ">=", value: 1, unit: "fraction" }, computedBy: "rate", unit: "ticket", sourceRef: "003 §14",
  },
  {
    id: "S24c", ruleId: "S24", name: "Call-system outages over 10 min", nameZh: "呼叫系统10分钟以上中断次数", kind: "count",
    formula: "outages of the call system longer than 10 minutes in the month", numerator: null, denominator: null,
    target: { op: "<=", value: 1, unit: "count" }, computedBy: null, sourceRef: "002 art. 33",
  },
] satisfies KpiDefinition[]))();

function freezeAll(defs: KpiDefinition[]): readonly KpiDefinition[] {
  for (const d of defs) {
    if (d.target !== null) Object.freeze(d.target);
    Object.freeze(d);
  }
  return Object.freeze(defs);
}
