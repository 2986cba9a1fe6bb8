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

interface Shape {
  readonly policy: Policy;
  readonly service: string;
  /** Stages (and the `service-completed` milestone) in the order they are done. */
  readonly chain: readonly string[];
  readonly dims: (r: () => number) => Partial<Record<"tier" | "urgency" | "location", string>>;
  readonly onsite?: boolean;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const tier = (r: () => number) => ({ tier: pick(r, TIERS) });

const SHAPES: readonly Shape[] = [
  { policy: robotIntegration2026, service: "consultation", chain: ["phone-answer", "online-response", "reply"], dims: tier },
  { policy: robotIntegration2026, service: "fault", chain: ["response", "handling", "resolution"], dims: (r) => ({ ...tier(r), urgency: pick(r, ["urgent", "general"]) }) },
  { policy: robotIntegration2026, service: "onsite", chain: ["departure", "arrival"], dims: (r) => ({ ...tier(r), urgency: "urgent", location: pick(r, LOCATIONS) }), onsite: true },
  { policy: robotIntegration2026, service: "requirement", chain: ["assessment", "report"], dims: tier },
  { policy: robotIntegration2026, service: "complaint", chain: ["response", "investigation", "solution", "closure", "follow-up"], dims: tier },
  { policy: robotIntegration2026, service: "documents", chain: ["service-completed", "archive"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "work-order", chain: ["response", "completion"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "vip-fault", chain: ["response", "resolution"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "backbone-fault", chain: ["arrival", "repair"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "access-fault", chain: ["response", "repair"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "single-channel", chain: ["source-switch", "fault-cleared"], dims: () => ({}) },
  { policy: cableOperatorNorms, service: "boss-lan-fault", chain: ["resolution"], dims: (r) => ({ urgency: pick(r, ["general", "major"]) }) },
  { policy: cableOperatorNorms, service: "forum", chain: ["reply"], dims: () => ({}) },
];

/** A gap between two events: minutes to a few days, skewed short. */
const gap = (r: () => number): number => Math.max(MIN, Math.round(r() * r() * r() * 4 * DAY));

/** The `i`-th synthetic ticket of the run seeded with `seed` (same arguments, same ticket). */
export function sampleTicket(seed: number, i: number): Sample {
  const r = prng(seed * 1_000_003 + i);
  const shape = pick(r, SHAPES);
  const created = FROM + Math.floor(r() * (TO - FROM) / MIN) * MIN + Math.floor(r() * 60) * 1000;
  const dims = shape.dims(r);
  const budget = Math.floor(r() * 7); // 0-6 events
  const events: TicketEvent[] = [];
  let t = created;
  // stage done events: a prefix of the chain, so every anchor is done before what it anchors
  for (const stage of shape.chain) {
    if (events.length >= budget || r() < 0.15) break;
    if (stage === "departure" && dims.location === "same-city") continue; // stage does not apply
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
  const remote = dims.location === "remote-area";
  if (events.length < budget && (remote || r() < 0.3) && shape.policy === robotIntegration2026 && shape.service !== "documents" && shape.service !== "consultation") {
    const stage = remote ? pick(r, ["departure", "arrival"]) : shape.chain[0]!;
    events.push({ type: "agreed-deadline", stage, at: created + Math.round(r() * HOUR), dueAt: created + HOUR + Math.round(r() * 3 * DAY), consent: "phone call with the customer, recorded" });
  }
  if (shape.onsite && events.length < budget && r() < 0.2) events.push({ type: "remote-resolved", at: created + gap(r) });
  // some events are listed out of order, as exports often are
  if (events.length > 1 && r() < 0.2) events.reverse();
  const asOf = created + Math.round(r() * r() * 12 * DAY);
  const ticket: Ticket = {
    id: `T-${seed}-${i}`,
    service: shape.service,
    ...dims,
    assignee: pick(r, ASSIGNEES),
    department: pick(r, DEPARTMENTS),
    createdAt: new Date(created),
    events,
  };
  return { policy: shape.policy, ticket, asOf };
}

/** `n` samples of the run seeded with `seed`. */
export function sampleTickets(seed: number, n: number): Sample[] {
  const out: Sample[] = new Array<Sample>(n);
  for (let i = 0; i < n; i++) out[i] = sampleTicket(seed, i);
  return out;
}
