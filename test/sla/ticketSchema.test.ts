/**
 * ticketSchema / ticketJsonSchema (issue 16). No JSON Schema validator is installed (ajv is not a
 * dependency), so this test carries a minimal one for exactly the keywords the generated schema
 * uses, and first checks the schema uses no other keyword (so the mini validator cannot silently
 * ignore a constraint). What it proves: the JSON Schema, read by those keywords' draft 2020-12
 * meanings, accepts and rejects the same inputs as the zod schema, on every golden ticket, on
 * typical bad inputs and on fast-check mutations; and every golden ticket passes both. What it does
 * not prove: that a given third-party validator reads the regex `pattern` identically (ECMA-262
 * syntax, as draft 2020-12 asks).
 */
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sampleTickets } from "../../bench/_tickets.js";
import { evaluateTicket, robotIntegration2026, ticketJsonSchema, ticketSchema } from "../../src/sla/index.js";

type Schema = Record<string, unknown>;
const KNOWN = new Set(["$schema", "type", "properties", "required", "additionalProperties", "anyOf", "oneOf", "const", "pattern", "minLength", "minimum", "maximum", "items"]);

/** Every keyword of every subschema (so an unknown one fails the test instead of being ignored). */
function keywords(s: unknown, out = new Set<string>()): Set<string> {
  if (s === null || typeof s !== "object") return out;
  for (const [k, v] of Object.entries(s as Schema)) {
    out.add(k);
    if (k === "properties") for (const sub of Object.values(v as Schema)) keywords(sub, out);
    else if (k === "anyOf" || k === "oneOf") for (const sub of v as unknown[]) keywords(sub, out);
    else if (k === "items" || (k === "additionalProperties" && typeof v === "object")) keywords(v, out);
  }
  return out;
}

/** Draft 2020-12 validation for the KNOWN keywords only. */
function valid(s: Schema, v: unknown): boolean {
  const type = s.type as string | undefined;
  if (type === "object" && (v === null || typeof v !== "object" || Array.isArray(v))) return false;
  if (type === "array" && !Array.isArray(v)) return false;
  if (type === "string" && typeof v !== "string") return false;
  if (type === "number" && typeof v !== "number") return false;
  if (type === "integer" && !Number.isInteger(v)) return false;
  if (type === "boolean" && typeof v !== "boolean") return false;
  if ("const" in s && v !== s.const) return false;
  if (typeof s.minLength === "number" && [...(v as string)].length < s.minLength) return false;
  if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(v as string)) return false;
  if (typeof s.minimum === "number" && (v as number) < s.minimum) return false;
  if (typeof s.maximum === "number" && (v as number) > s.maximum) return false;
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((x) => valid(x, v))) return false;
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((x) => valid(x, v)).length !== 1) return false;
  if (s.items !== undefined && !(v as unknown[]).every((x) => valid(s.items as Schema, x))) return false;
  if (type === "object") {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    if (Array.isArray(s.required) && !(s.required as string[]).every((k) => Object.hasOwn(o, k))) return false;
    for (const [k, x] of Object.entries(o)) {
      if (Object.hasOwn(props, k)) {
        if (!valid(props[k]!, x)) return false;
      } else if (s.additionalProperties === false) return false;
      else if (typeof s.additionalProperties === "object" && !valid(s.additionalProperties as Schema, x)) return false;
    }
  }
  return true;
}

const jsonOk = (v: unknown): boolean => valid(ticketJsonSchema, v);
const zodOk = (v: unknown): boolean => ticketSchema.safeParse(v).success;

/** The tickets of every golden evaluateTicket case that expects a result (not an error). */
function goldenTickets(): unknown[] {
  const out: unknown[] = [];
  const dir = new URL("../../golden/", import.meta.url);
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
    const doc = parse(readFileSync(new URL(f, dir), "utf8")) as { cases?: { kind?: string; expectError?: unknown; input?: { ticket?: unknown } }[] };
    for (const c of doc.cases ?? []) if (c.kind === "evaluateTicket" && c.expectError === undefined && c.input?.ticket !== undefined) out.push(c.input.ticket);
  }
  return out;
}

const good = { id: "T-1", service: "fault", tier: "core", urgency: "urgent", createdAt: "2024-05-06T10:00:00+08:00", events: [{ type: "done", stage: "response", at: "2024-05-06T10:12:00+08:00" }] };

describe("ticketJsonSchema (issue 16)", () => {
  it("is draft 2020-12 and uses only keywords this test's validator knows", () => {
    expect(ticketJsonSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect([...keywords(ticketJsonSchema)].filter((k) => !KNOWN.has(k))).toEqual([]);
  });

  it("accepts every golden ticket (of cases that expect a result), as the zod schema does, and evaluateTicket can read them", () => {
    const tickets = goldenTickets();
    expect(tickets.length).toBeGreaterThanOrEqual(50);
    for (const t of tickets) expect([jsonOk(t), zodOk(t)], JSON.stringify(t)).toEqual([true, true]);
    expect(jsonOk(good) && zodOk(good)).toBe(true);
    expect(evaluateTicket(robotIntegration2026, ticketSchema.parse(good), { asOf: "2024-05-06T10:20:00+08:00" }).stages[0]?.status).toBe("met");
  });

  it("accepts the synthetic tickets of both policies after a JSON round trip (epoch ms and ISO instants)", () => {
    for (const s of sampleTickets(11, 300)) {
      const t: unknown = JSON.parse(JSON.stringify(s.ticket));
      expect([jsonOk(t), zodOk(t)]).toEqual([true, true]);
    }
  });

  it("rejects typical bad inputs, as the zod schema does", () => {
    const ev = good.events[0]!;
    const bad: [string, unknown][] = [
      ["not an object", "T-1"],
      ["no id", { ...good, id: undefined }],
      ["empty id", { ...good, id: "" }],
      ["no events", { ...good, events: undefined }],
      ["events not an array", { ...good, events: {} }],
      ["createdAt without an offset", { ...good, createdAt: "2024-05-06 10:00" }],
      ["createdAt as a date only", { ...good, createdAt: "2024-05-06" }],
      ["createdAt beyond Date's range", { ...good, createdAt: 9e15 }],
      ["tier not a string", { ...good, tier: 1 }],
      ["unknown event type", { ...good, events: [{ ...ev, type: "finished" }] }],
      ["misspelt event key", { ...good, events: [{ type: "done", stgae: "response", at: ev.at }] }],
      ["done without a stage", { ...good, events: [{ type: "done", at: ev.at }] }],
      ["rings not an integer", { ...good, events: [{ ...ev, rings: 2.5 }] }],
      ["agreed deadline without consent", { ...good, events: [{ type: "agreed-deadline", stage: "resolution", at: ev.at, dueAt: ev.at }] }],
      ["pause without a reason", { ...good, events: [{ type: "pause", at: ev.at }] }],
      ["cause without a remedy", { ...good, events: [{ type: "cause", at: ev.at, cause: "storm" }] }],
      ["event without at", { ...good, events: [{ type: "remote-resolved" }] }],
    ];
    for (const [why, v] of bad) expect([why, jsonOk(v), zodOk(v)]).toEqual([why, false, false]);
  });

  it("zod and JSON Schema agree on mutated tickets (fast-check)", () => {
    const values = fc.oneof(fc.constant(undefined), fc.constant(null), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant("2024-05-06T10:00:00Z"), fc.constant("done"), fc.constant({}), fc.constant([]));
    const keys = fc.constantFrom("id", "service", "tier", "createdAt", "events", "title");
    const eventKeys = fc.constantFrom("type", "stage", "at", "rings", "reason", "consent", "dueAt", "cause", "remedy", "objective", "extra");
    const types = fc.constantFrom("done", "pause", "resume", "agreed-deadline", "remote-resolved", "not-applicable", "closed", "cause", "nope");
    fc.assert(
      fc.property(keys, values, eventKeys, values, types, fc.boolean(), (k, v, ek, ev, type, onEvent) => {
        const t = onEvent
          ? { ...good, events: [{ ...good.events[0], type, [ek]: ev }] }
          : { ...good, [k]: v };
        expect(jsonOk(JSON.parse(JSON.stringify(t)))).toBe(zodOk(JSON.parse(JSON.stringify(t))));
      }),
      { numRuns: 1000 },
    );
  });
});
