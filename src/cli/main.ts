/** The `sla-kit` command: the only place in the package that touches process and the console. */
import { run } from "./run.js";

/** Exit codes are 0, 1 and 2 only; an unexpected failure is reported without a stack trace (SLA_KIT_DEBUG=1 shows it). */
function internal(e: unknown): void {
  const debug = process.env["SLA_KIT_DEBUG"] === "1";
  const text = e instanceof Error ? (debug ? (e.stack ?? e.message) : `${e.name}: ${e.message}`) : String(e);
  process.stderr.write(`sla-kit: could not finish: ${text}\nIf the input looks right, please report it with the command you ran (SLA_KIT_DEBUG=1 shows details).\n`);
  process.exitCode = 2;
}

try {
  run(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then((code) => {
    process.exitCode = code;
  }, internal);
} catch (e) {
  internal(e);
}
