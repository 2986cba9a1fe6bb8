/**
 * Regenerates the digests of fixtures/trace-reference.json.gz from the current implementation
 * (same cases, policies and benchmark tickets). Run it only on an implementation whose traces are
 * known good (the eager one it was built from), never to make trace-render.test.ts pass:
 * `npx tsx test/sla/_regenTraceReference.ts`.
 */
import { gzipSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { evaluateTicket, parsePolicy, type Policy } from "../../src/sla/index.js";
import { benchPolicies, sampleTickets } from "../../bench/_tickets.js";
import { digest, projectTicket, readReference, REFERENCE_FILE } from "./_traceReference.js";

const ref = readReference();
const policies = new Map<string, Policy>();
const cases = ref.cases.map((c) => {
  let p = policies.get(c.policy);
  if (p === undefined) policies.set(c.policy, (p = parsePolicy(ref.policies[c.policy])));
  return { ...c, digest: digest(projectTicket(evaluateTicket(p, c.ticket, c.options))) };
});
const robot = parsePolicy(ref.bench.policies.robot);
const cable = parsePolicy(ref.bench.policies.cable);
const digests = sampleTickets(ref.bench.seed, ref.bench.digests.length).map((s) =>
  digest(projectTicket(evaluateTicket(s.policy === benchPolicies.robot ? robot : cable, s.ticket, { asOf: s.asOf }))),
);
const changed = cases.filter((c, i) => c.digest !== ref.cases[i]?.digest).length + digests.filter((d, i) => d !== ref.bench.digests[i]).length;
writeFileSync(REFERENCE_FILE, gzipSync(JSON.stringify({ ...ref, cases, bench: { ...ref.bench, digests } })));
console.log(`${cases.length} cases, ${digests.length} benchmark tickets; ${changed} digests changed`);
