/** The `sla-kit` command: the only place in the package that touches process and the console. */
import { run } from "./run.js";

/** Exit codes are 0, 1 and 2 only; an unexpected failure is reported without a stack trace (SLA_KIT_DEBUG=1 shows it). */
function internal(e: unknown): void {
  const debug = process.env["SLA_KIT_DEBUG"] === "1";
  const text = e instanceof Error ? (debug ? (e.stack ?? e.message) : `${e.name}: ${e.message}`) : String(e);
  write(process.stderr, `sla-kit: could not finish: ${text}\nIf the input looks right, please report it with the command you ran (SLA_KIT_DEBUG=1 shows details).\n`);
  process.exitCode = 2;
}

/**
 * A reader that stops early (`sla-kit ... | head`) closes the pipe: the next write fails with
 * EPIPE. That is not an error of the command: later output to that stream is dropped quietly and
 * the command still finishes with its own exit code (so `set -o pipefail` sees a failed check).
 */
const closed = new WeakSet<NodeJS.WriteStream>();
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!closed.has(stream)) stream.write(text);
}
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    closed.add(stream);
  });
}

try {
  run(process.argv.slice(2), {
    out: (t) => write(process.stdout, `${t}\n`),
    err: (t) => write(process.stderr, `${t}\n`),
  }).then((code) => {
    process.exitCode = code;
  }, internal);
} catch (e) {
  internal(e);
}
