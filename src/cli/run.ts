/** Entry of the `sla-kit` command, testable in-process: `run(argv, io)` returns the exit code. */
import { isSlaKitError } from "../errors.js";
import { UsageError } from "./io.js";
import { check, diff, explain, schema, usage, validate, type Io } from "./commands.js";
import { calendar } from "./calendarCommand.js";

const commands: Record<string, (args: readonly string[], io: Io) => Promise<number>> = { check, diff, validate, explain, schema, calendar };

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(usage.main);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    io.out(typeof __SLA_KIT_VERSION__ === "string" ? __SLA_KIT_VERSION__ : "dev");
    return 0;
  }
  const cmd = commands[command];
  if (cmd === undefined) {
    io.err(`Unknown command ${JSON.stringify(command)}.\n\n${usage.main}`);
    return 2;
  }
  try {
    return await cmd(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return e.exitCode;
    }
    if (isSlaKitError(e)) {
      io.err(`${e.code}${e.path.length ? ` at ${e.path.join(".")}` : ""}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

declare const __SLA_KIT_VERSION__: string;
