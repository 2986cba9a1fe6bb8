/**
 * `sla-kit validate` findings for people: each with file:line:column and the row's id, identical
 * findings together, and the cascade of one mistake (a renamed stage leaves every combination of
 * the real stage uncovered) folded into its root cause.
 */
import { closest } from "../golden/_suggest.js";
import type { PolicyIssue } from "../sla/index.js";
import { humanize } from "./humanize.js";
import { locate, type Loaded } from "./io.js";
import type { FindingGroup } from "./reporters.js";
import { SlaKitError } from "../errors.js";

const ROOT_CODES = new Set(["UNKNOWN_STAGE", "UNKNOWN_SERVICE", "UNKNOWN_VALUE"]);

/** The name a root-cause finding is about, and what it was probably meant to be. */
function intended(message: string): { wrong: string; meant: string } | undefined {
  const wrong = /"([^"]+)"/.exec(message)?.[1];
  const list = /\(([^()]+)\)\.?$/.exec(message)?.[1] ?? /: ([^:]+)\.$/.exec(message)?.[1];
  if (wrong === undefined || list === undefined) return undefined;
  const meant = closest(wrong, list.split(/,\s*/));
  return meant === undefined ? undefined : { wrong, meant };
}

/** The service, stage and combination text a GAP message names: `No row covers fault/response { tier=core }`. */
function gapOf(message: string): { service: string; stage: string; combo: string } | undefined {
  const m = /^No row covers ([^/\s]+)\/(\S+)(?: \{ (.*) \})?:/.exec(message);
  return m ? { service: m[1]!, stage: m[2]!, combo: m[3] ?? "" } : undefined;
}

export function groupFindings(issues: readonly PolicyIssue[], loaded: Loaded | undefined): FindingGroup[] {
  const data = loaded?.data as { targets?: readonly { id?: unknown; service?: unknown }[] } | undefined;
  const where = (i: PolicyIssue): string => {
    const pos = loaded === undefined ? i.path.join(".") : locate(loaded, i.path);
    const row = i.path[0] === "targets" && typeof i.path[1] === "number" ? data?.targets?.[i.path[1]] : undefined;
    return `${pos}${typeof row?.id === "string" ? ` (row ${row.id})` : i.path[0] === "targets" ? ` (${i.path.slice(0, 2).join(".")})` : ""}`;
  };
  const message = (i: PolicyIssue) => humanize(new SlaKitError("INVALID_POLICY", i.message, { path: i.path }), loaded);
  const groups = new Map<string, { severity: PolicyIssue["severity"]; code: string; message: string; at: string[]; folded: Map<string, number>; fix?: { service: string | undefined; wrong: string; meant: string; field: string } }>();
  // 1. root causes (unknown names in rows), one group per name
  for (const i of issues) {
    if (!ROOT_CODES.has(i.code)) continue;
    const key = `${i.severity}|${i.code}|${i.message}`;
    let g = groups.get(key);
    if (g === undefined) {
      const fix = intended(i.message);
      const row = i.path[0] === "targets" && typeof i.path[1] === "number" ? data?.targets?.[i.path[1]] : undefined;
      g = { severity: i.severity, code: i.code, message: message(i), at: [], folded: new Map(), ...(fix ? { fix: { ...fix, service: typeof row?.service === "string" ? row.service : undefined, field: String(i.path[2] ?? "") } } : {}) };
      groups.set(key, g);
    }
    g.at.push(where(i));
  }
  const roots = [...groups.values()].filter((g) => g.fix !== undefined);
  // 2. the rest: GAPs a root cause explains are folded into it; others grouped by code and message (GAPs by stage)
  for (const i of issues) {
    if (ROOT_CODES.has(i.code)) continue;
    const gap = i.code === "GAP" ? gapOf(i.message) : undefined;
    if (gap !== undefined) {
      const root = roots.find(({ fix }) =>
        fix!.field === "stage" ? fix!.meant === gap.stage && (fix!.service === undefined || fix!.service === gap.service)
          : fix!.field === "service" ? fix!.meant === gap.service
            : new RegExp(`(^|, )${fix!.field}=${fix!.meant.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(,|$)`).test(gap.combo));
      if (root !== undefined) {
        root.folded.set(i.code, (root.folded.get(i.code) ?? 0) + 1);
        continue;
      }
    }
    const key = gap !== undefined ? `${i.severity}|GAP|${gap.service}/${gap.stage}` : `${i.severity}|${i.code}|${i.message}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { severity: i.severity, code: i.code, message: message(i), at: [], folded: new Map() };
      groups.set(key, g);
    } else if (gap !== undefined) {
      const n = Number(/\(and (\d+) more combinations?\)$/.exec(g.message)?.[1] ?? 0) + 1;
      g.message = `${g.message.replace(/ \(and \d+ more combinations?\)$/, "")} (and ${n} more combination${n === 1 ? "" : "s"})`;
    }
    const at = where(i);
    if (!g.at.includes(at)) g.at.push(at);
  }
  const rank = (g: { severity: string; fix?: unknown }) => (g.severity === "error" ? 0 : 2) + (g.fix ? 0 : 1);
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b))
    .map((g) => ({ severity: g.severity, code: g.code, message: g.message, at: g.at, folded: Object.fromEntries(g.folded) }));
}
