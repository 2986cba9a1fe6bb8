/** Entry of the `sla-kit` command, testable in-process: `run(argv, io)` returns the exit code (0, 1 or 2). */
import { isSlaKitError } from "../errors.js";
import { didYouMean } from "../golden/_suggest.js";
import { check, diff, explain, humanize, schema, usage, validate, type Io } from "./commands.js";
import { calendar } from "./calendarCommand.js";
import { UsageError } from "./io.js";

const commands = new Map<string, (args: readonly string[], io: Io) => Promise<number>>([
  ["check", check],
  ["diff", diff],
  ["validate", validate],
  ["explain", explain],
  ["schema", schema],
  ["calendar", calendar],
  ["report", async (args, io) => (await import("./reportCommand.js")).report(args, io)],
]);

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
  const cmd = commands.get(command);
  if (cmd === undefined) {
    io.err(`Unknown command ${JSON.stringify(command)}.${didYouMean(command, commands.keys())}\n\n${usage.main}`);
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
      io.err(`${e.code}${e.path.length ? ` at ${e.path.join(".")}` : ""}: ${humanize(e)}`);
      return 2;
    }
    throw e;
  }
}

declare const __SLA_KIT_VERSION__: string;
