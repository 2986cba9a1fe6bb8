/**
 * Traces render on demand with the same content as the eager traces of 0.1.0: every evaluation of
 * a broad sample (fixtures/trace-reference.json.gz, see _traceReference.ts) projected onto the 0.1.0
 * fields hashes to the digest that implementation produced.
 */
import { describe, expect, it } from "vitest";
import { evaluateTicket, parsePolicy, type Policy } from "../../src/sla/index.js";
import { benchPolicies, sampleTickets } from "../../bench/_tickets.js";
import { digest, projectTicket, readReference } from "./_traceReference.js";

const ref = readReference();

describe("trace rendering matches the 0.1.0 eager traces", () => {
  it(`on ${ref.cases.length} tickets of the test suites (every kind of trace step)`, () => {
    const policies = new Map<string, Policy>();
    const bad: string[] = [];
    for (const c of ref.cases) {
      let p = policies.get(c.policy);
      if (p === undefined) policies.set(c.policy, (p = parsePolicy(ref.policies[c.policy])));
      const got = projectTicket(evaluateTicket(p, c.ticket, c.options));
      if (digest(got) !== c.digest) bad.push(`${c.ticket.id}: ${JSON.stringify(got)}`);
    }
    expect(bad.slice(0, 3)).toEqual([]);
    expect(ref.cases.length).toBeGreaterThan(1000);
  });

  it(`on ${ref.bench.digests.length} synthetic tickets of the benchmark`, () => {
    const samples = sampleTickets(ref.bench.seed, ref.bench.digests.length);
    const robot = parsePolicy(ref.bench.policies.robot);
    const cable = parsePolicy(ref.bench.policies.cable);
    const bad = samples.flatMap((s, i) => {
      const got = projectTicket(evaluateTicket(s.policy === benchPolicies.robot ? robot : cable, s.ticket, { asOf: s.asOf }));
      return digest(got) === ref.bench.digests[i] ? [] : [`${s.ticket.id}: ${JSON.stringify(got)}`];
    });
    expect(bad.slice(0, 3)).toEqual([]);
  });
});
