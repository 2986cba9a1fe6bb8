/**
 * Deterministic synthetic tickets for the ticket benchmark: both built-in policies, every service,
 * 0-6 events (stage done events in order, pauses with and without a resume, consented agreed
 * deadlines, remote resolution of on-site work), created 2024-01-01 to 2026-11-30 at all hours.
 * Every ticket is valid (evaluateTicket never throws on it). Private to bench/.
 */
import { prng } from "./_prng.js";
import { cableOperatorNorms as cable002, parsePolicy, robotIntegration2026 as robot003, type Policy, type PolicyJson, type Ticket, type TicketEvent } from "../src/sla/index.js";

/** The built-in policy plus one declared pause reason that stops every stage (built-ins declare none). */
function withPauses(p: Policy): Policy {
  const json = JSON.parse(JSON.stringify(p)) as PolicyJson;
  const stops = [...new Set(Object.values(json.services).flatMap((s) => s.stages.map((x) => (typeof x === "string" ? x : x.name))))];
  return parsePolicy({ ...json, pauseReasons: { "waiting for the customer": { stops } } });
}
const robotIntegration2026 = withPauses(robot003);
const cableOperatorNorms = withPauses(cable002);
/** The two policies the samples use (the built-ins plus a pause reason). */
export const benchPolicies = { robot: robotIntegration2026, cable: cableOperatorNorms } as const;


/** A ticket, the policy it belongs to and the instant it is evaluated at. */
export interface Sample {
  readonly policy: Policy;
  readonly ticket: Ticket;
  readonly asOf: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2023, 11, 31, 16); // 2024-01-01 00:00 Shanghai
const TO = Date.UTC(2026, 10, 30, 16); // 2026-12-01 00:00 Shanghai: business-day deadlines stay inside the 2026 data
const TIERS = ["core", "important", "ordinary"];
const LOCATIONS = ["same-city", "other-city", "remote-area"];
const ASSIGNEES = ["li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang"];
const DEPARTMENTS = ["north", "south", "east", "west"];

/** How a shape draws its matrix facts: none; tier; tier, then urgency; tier, urgency "urgent", then location; urgency general or major. */
const Dims = { None: 0, Tier: 1, TierUrgency: 2, Onsite: 3, BossLan: 4 } as const;
type Dims = (typeof Dims)[keyof typeof Dims];

interface Shape {
  readonly policy: Policy;
  readonly service: string;
  /** Stages (and the `service-completed` milestone) in the order they are done. */
  readonly chain: readonly string[];
  readonly dims: Dims;
  readonly onsite: boolean;
  /** Takes a consented agreed deadline (robot-integration services other than documents and consultation). */
  readonly agrees: boolean;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const shape = (policy: Policy, service: string, chain: readonly string[], dims: Dims): Shape => ({
  policy,
  service,
  chain,
  dims,
  onsite: dims === Dims.Onsite,
  agrees: policy === robotIntegration2026 && service !== "documents" && service !== "consultation",
});
const SHAPES: readonly Shape[] = [
  shape(robotIntegration2026, "consultation", ["phone-answer", "online-response", "reply"], Dims.Tier),
  shape(robotIntegration2026, "fault", ["response", "handling", "resolution"], Dims.TierUrgency),
  shape(robotIntegration2026, "onsite", ["departure", "arrival"], Dims.Onsite),
  shape(robotIntegration2026, "requirement", ["assessment", "report"], Dims.Tier),
  shape(robotIntegration2026, "complaint", ["response", "investigation", "solution", "closure", "follow-up"], Dims.Tier),
  shape(robotIntegration2026, "documents", ["service-completed", "archive"], Dims.None),
  shape(cableOperatorNorms, "work-order", ["response", "completion"], Dims.None),
  shape(cableOperatorNorms, "vip-fault", ["response", "resolution"], Dims.None),
  shape(cableOperatorNorms, "backbone-fault", ["arrival", "repair"], Dims.None),
  shape(cableOperatorNorms, "access-fault", ["response", "repair"], Dims.None),
  shape(cableOperatorNorms, "single-channel", ["source-switch", "fault-cleared"], Dims.None),
  shape(cableOperatorNorms, "boss-lan-fault", ["resolution"], Dims.BossLan),
  shape(cableOperatorNorms, "forum", ["reply"], Dims.None),
];
const URGENCIES = ["urgent", "general"];
const BOSS_URGENCIES = ["general", "major"];
const REMOTE_STAGES = ["departure", "arrival"];
const CONSENT = "phone call with the customer, recorded";

/** A gap between two events: minutes to a few days, skewed short. */
const gap = (r: () => number): number => Math.max(MIN, Math.round(r() * r() * r() * 4 * DAY));

/**
 * The `i`-th sample of the run seeded with `seed`, or null when `only` is set and the sample is
 * of another policy (then only its shape is drawn: streams of one policy skip the others cheaply).
 */
function sampleAt(seed: number, i: number, only: Policy | null): Sample | null {
  const r = prng(seed * 1_000_003 + i);
  const sh = pick(r, SHAPES);
  if (only !== null && sh.policy !== only) return null;
  const created = FROM + Math.floor(r() * (TO - FROM) / MIN) * MIN + Math.floor(r() * 60) * 1000;
  // the matrix facts, drawn in the order tier, urgency, location
  let tier: string | undefined;
  let urgency: string | undefined;
  let location: string | undefined;
  const dims = sh.dims;
  if (dims === Dims.Tier || dims === Dims.TierUrgency || dims === Dims.Onsite) tier = pick(r, TIERS);
  if (dims === Dims.TierUrgency) urgency = pick(r, URGENCIES);
  else if (dims === Dims.Onsite) {
    urgency = "urgent";
    location = pick(r, LOCATIONS);
  } else if (dims === Dims.BossLan) urgency = pick(r, BOSS_URGENCIES);
  const budget = Math.floor(r() * 7); // 0-6 events
  const events: TicketEvent[] = [];
  let t = created;
  // stage done events: a prefix of the chain, so every anchor is done before what it anchors
  for (const stage of sh.chain) {
    if (events.length >= budget || r() < 0.15) break;
    if (stage === "departure" && location === "same-city") continue; // stage does not apply
    t += gap(r);
    events.push(stage === "phone-answer" && r() < 0.8 ? { type: "done", stage, at: t, rings: Math.floor(r() * 9) } : { type: "done", stage, at: t });
  }
  // a pause, resumed or still open
  if (events.length + 1 < budget && r() < 0.5) {
    const ps = created + gap(r);
    events.push({ type: "pause", at: ps, reason: "waiting for the customer" });
    if (r() < 0.75) events.push({ type: "resume", at: ps + gap(r) });
  }
  // a consented agreed deadline on a stage that runs from creation (S9 remote-area rows need one)
  const remote = location === "remote-area";
  if (events.length < budget && (remote || r() < 0.3) && sh.agrees) {
    const stage = remote ? pick(r, REMOTE_STAGES) : sh.chain[0]!;
    events.push({ type: "agreed-deadline", stage, at: created + Math.round(r() * HOUR), dueAt: created + HOUR + Math.round(r() * 3 * DAY), consent: CONSENT });
  }
  if (sh.onsite && events.length < budget && r() < 0.2) events.push({ type: "remote-resolved", at: created + gap(r) });
  // some events are listed out of order, as exports often are
  if (events.length > 1 && r() < 0.2) events.reverse();
  const asOf = created + Math.round(r() * r() * 12 * DAY);
  const id = `T-${seed}-${i}`;
  const assignee = pick(r, ASSIGNEES);
  const department = pick(r, DEPARTMENTS);
  const createdAt = new Date(created);
  // the facts a ticket of this shape has, in the order tier, urgency, location (absent ones left out)
  let ticket: Ticket;
  const service = sh.service;
  if (dims === Dims.None) ticket = { id, service, assignee, department, createdAt, events };
  else if (dims === Dims.Tier) ticket = { id, service, tier: tier!, assignee, department, createdAt, events };
  else if (dims === Dims.TierUrgency) ticket = { id, service, tier: tier!, urgency: urgency!, assignee, department, createdAt, events };
  else if (dims === Dims.Onsite) ticket = { id, service, tier: tier!, urgency: urgency!, location: location!, assignee, department, createdAt, events };
  else ticket = { id, service, urgency: urgency!, assignee, department, createdAt, events };
  return { policy: sh.policy, ticket, asOf };
}

/** The `i`-th synthetic ticket of the run seeded with `seed` (same arguments, same ticket). */
export function sampleTicket(seed: number, i: number): Sample {
  return sampleAt(seed, i, null)!;
}

/** `n` samples of the run seeded with `seed`. */
export function sampleTickets(seed: number, n: number): Sample[] {
  const out: Sample[] = new Array<Sample>(n);
  for (let i = 0; i < n; i++) out[i] = sampleTicket(seed, i);
  return out;
}

/**
 * The first `n` tickets of `policy` in the run seeded with `seed`, made one at a time: the
 * tickets of `sampleTicket(seed, 0)`, `sampleTicket(seed, 1)`, ... whose policy is `policy`, in
 * that order, without making the others (about twice as fast as filtering `sampleTicket`'s).
 */
export function* ticketsOf(policy: Policy, seed: number, n: number): Generator<Ticket, void, undefined> {
  for (let i = 0, k = 0; k < n; i++) {
    const s = sampleAt(seed, i, policy);
    if (s === null) continue;
    k++;
    yield s.ticket;
  }
}
