/**
 * A seeded synthetic ticket table (what a ticket system's CSV export holds): fault and complaint
 * tickets over January-March 2026, local times in Asia/Shanghai, some paused, some late, and a few
 * bad rows on purpose. Same seed, same table.
 */
import { prng } from "../fuzz/_hostile.js";

export const MAPPING = {
  timeZone: "Asia/Shanghai",
  id: "ticket",
  createdAt: "opened",
  service: "type",
  facts: { tier: "tier", urgency: "urgency", assignee: "owner", region: "region" },
  done: { response: "responded", handling: "handled" },
  pauses: [{ pause: "paused", resume: "resumed", reason: "pause_reason" }],
} as const;

export const COLUMNS = ["ticket", "type", "tier", "urgency", "owner", "region", "opened", "responded", "handled", "paused", "resumed", "pause_reason"] as const;

const local = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

export function syntheticRows(n: number, seed = 17): Record<string, string>[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rows: Record<string, string>[] = [];
  const start = Date.parse("2026-01-01T00:00:00+08:00");
  const span = Date.parse("2026-03-31T00:00:00+08:00") - start;
  for (let i = 0; i < n; i++) {
    const type = r() < 0.8 ? "fault" : "complaint";
    const opened = start + Math.floor(r() * span / 60_000) * 60_000;
    const row: Record<string, string> = {
      ticket: `T-${String(i + 1).padStart(5, "0")}`, type, tier: pick(["core", "important", "ordinary"]),
      urgency: type === "fault" ? pick(["urgent", "general"]) : "", owner: pick(["li", "wang", "zhao", "chen", "liu"]),
      region: pick(["north", "south", "east"]), opened: local(opened), responded: "", handled: "", paused: "", resumed: "", pause_reason: "",
    };
    let t = opened;
    if (r() < 0.93) {
      t += Math.floor(r() * (r() < 0.8 ? 40 : 300)) * 60_000;
      row.responded = local(t);
      if (type === "fault" && r() < 0.85) {
        t += Math.floor(r() * (r() < 0.8 ? 100 : 900)) * 60_000;
        row.handled = local(t);
      }
    }
    if (r() < 0.15) {
      const p = opened + Math.floor(r() * 120) * 60_000;
      row.paused = local(p);
      row.pause_reason = "customer unavailable";
      if (r() < 0.8) row.resumed = local(p + Math.floor(1 + r() * 240) * 60_000);
    }
    rows.push(row);
  }
  // bad rows on purpose, at fixed places
  if (n >= 40) {
    rows[7] = { ...rows[7]!, tier: "gold" };
    rows[19] = { ...rows[19]!, opened: "2026-02-30 10:00" };
    rows[31] = { ...rows[31]!, ticket: "" };
  }
  return rows;
}

/** The rows as CSV text with a header line (cells here never need quoting). */
export function toCsv(rows: readonly Record<string, string>[]): string {
  return `${[COLUMNS.join(","), ...rows.map((row) => COLUMNS.map((c) => row[c] ?? "").join(","))].join("\n")}\n`;
}
