/**
 * The HTML of `sla-kit report`: one self-contained page (no scripts, no network: a CSP forbids
 * every fetch), charts as inline SVG drawn here. Pure: data in, text out.
 */
import { rollup, type RollupKey, type RollupRow } from "../kpi/index.js";
import type { Policy, StageEvaluation, TicketEvaluation } from "../sla/index.js";
import type { RowError, TableTicket, UntrackedStage } from "../table/index.js";

export interface ReportData {
  readonly source: string;
  readonly policy: Policy;
  readonly asOf: Date;
  readonly timeZone: string;
  readonly rowsRead: number;
  readonly tickets: readonly TableTicket[];
  readonly evaluations: readonly TicketEvaluation[];
  readonly errors: readonly RowError[];
  readonly untrackedStages: readonly UntrackedStage[];
  readonly version: string;
  /**
   * The evaluation of a ticket with its trace, for the few late tickets whose traces the page
   * shows, when `evaluations` were made with `trace: false` (default: the evaluation itself).
   */
  readonly traced?: (ev: TicketEvaluation) => TicketEvaluation;
}

/** Groupings the report shows, in order: key, heading, chart kind. */
export const REPORT_GROUPS: readonly { readonly key: RollupKey; readonly title: string }[] = [
  { key: "tier", title: "By tier" },
  { key: "service", title: "By service" },
  { key: "stage", title: "By stage" },
  { key: "month", title: "By month" },
  { key: "assignee", title: "By assignee" },
];

const MAX_TIMELINES = 30;
const MAX_WORST = 20;
const MAX_ERRORS = 500;

const esc = (s: unknown): string =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const pct = (v: number | null): string => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const iso = (d: Date | null): string => (d === null ? "" : d.toISOString().replace(".000Z", "Z"));

function duration(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), mm = m % 60;
  return `${ms < 0 ? "-" : ""}${d ? `${d}d ` : ""}${d || h ? `${h}h ` : ""}${mm}m`;
}

/** The label of a rollup row's group value. */
function groupValue(r: RollupRow, key: RollupKey): string | null {
  const v = key === "month" || key === "quarter" || key === "year" ? r.period : (r as unknown as Record<string, string | null | undefined>)[key];
  return v ?? null;
}

/** Horizontal bars: compliance (green) and overdue (red) rate per group. */
function barChart(id: string, rows: readonly RollupRow[], key: RollupKey): string {
  const shown = rows.filter((r) => r.counted > 0);
  const rowH = 26, labelW = 170, barW = 380, w = labelW + barW + 120;
  const h = 28 + shown.length * rowH;
  let body = "";
  shown.forEach((r, i) => {
    const y = 24 + i * rowH;
    const label = groupValue(r, key) ?? "(none)";
    const c = r.complianceValue ?? 0, o = r.overdueValue ?? 0;
    body += `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${esc(label.length > 24 ? `${label.slice(0, 23)}…` : label)}</text>`;
    body += `<rect x="${labelW}" y="${y + 2}" width="${(c * barW).toFixed(1)}" height="10" class="met"><title>${esc(label)}: compliance ${pct(r.complianceValue)} (${r.met}/${r.counted})</title></rect>`;
    body += `<rect x="${labelW}" y="${y + 13}" width="${(o * barW).toFixed(1)}" height="8" class="late"><title>${esc(label)}: overdue ${pct(r.overdueValue)} (${r.breached + r.overdue}/${r.counted})</title></rect>`;
    body += `<text x="${labelW + barW + 8}" y="${y + 15}" class="num">${pct(r.complianceValue)} / ${pct(r.overdueValue)}</text>`;
  });
  const axis = [0, 0.5, 1].map((t) => `<line x1="${labelW + t * barW}" x2="${labelW + t * barW}" y1="18" y2="${h}" class="grid"/><text x="${labelW + t * barW}" y="12" text-anchor="middle" class="tick">${t * 100}%</text>`).join("");
  return `<svg class="chart" data-chart="${esc(id)}" data-bars="${shown.length}" role="img" aria-label="Compliance and overdue rate ${esc(id)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${axis}${body}</svg>`;
}

/** Compliance and overdue rate per month as two lines. */
function lineChart(id: string, rows: readonly RollupRow[]): string {
  const pts = rows.filter((r) => r.counted > 0);
  const w = 680, h = 240, l = 46, r = 16, t = 16, b = 40;
  const x = (i: number): number => (pts.length <= 1 ? l + (w - l - r) / 2 : l + (i * (w - l - r)) / (pts.length - 1));
  const y = (v: number): number => t + (1 - v) * (h - t - b);
  const line = (vals: (number | null)[], cls: string): string =>
    `<polyline class="${cls}" fill="none" points="${vals.map((v, i) => `${x(i).toFixed(1)},${y(v ?? 0).toFixed(1)}`).join(" ")}"/>` +
    vals.map((v, i) => `<circle class="${cls}" cx="${x(i).toFixed(1)}" cy="${y(v ?? 0).toFixed(1)}" r="3"><title>${esc(pts[i]!.period)}: ${pct(v)}</title></circle>`).join("");
  const grid = [0, 0.25, 0.5, 0.75, 1].map((v) => `<line x1="${l}" x2="${w - r}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${l - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${v * 100}%</text>`).join("");
  const step = Math.max(1, Math.ceil(pts.length / 12));
  const labels = pts.map((p, i) => (i % step === 0 ? `<text x="${x(i).toFixed(1)}" y="${h - b + 18}" text-anchor="${pts.length > 1 && i === pts.length - 1 ? "end" : i === 0 && pts.length > 1 ? "start" : "middle"}" class="tick">${esc(p.period)}</text>` : "")).join("");
  return `<svg class="chart" data-chart="${esc(id)}" data-points="${pts.length}" role="img" aria-label="Compliance and overdue rate per month" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${grid}${labels}${line(pts.map((p) => p.complianceValue), "met")}${line(pts.map((p) => p.overdueValue), "late")}</svg>`;
}

function rollupTable(id: string, rows: readonly RollupRow[], key: RollupKey): string {
  const head = `<tr><th>${esc(key === "month" ? "month" : key)}</th><th>tickets</th><th>met</th><th>breached</th><th>overdue</th><th>counted</th><th>not counted</th><th>compliance</th><th>overdue rate</th></tr>`;
  const body = rows
    .map((r) => {
      const g = groupValue(r, key);
      return `<tr data-group="${esc(id)}" data-key="${esc(g ?? "")}" data-met="${r.met}" data-counted="${r.counted}" data-late="${r.breached + r.overdue}"><td>${esc(g ?? "(none)")}</td><td>${r.tickets}</td><td>${r.met}</td><td>${r.breached}</td><td>${r.overdue}</td><td>${r.counted}</td><td>${r.notCounted}</td><td class="rate">${pct(r.complianceValue)}</td><td class="rate">${pct(r.overdueValue)}</td></tr>`;
    })
    .join("");
  return `<table class="rollup" data-table="${esc(id)}"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** Time past the deadline of a breached or overdue stage. */
function overrun(s: StageEvaluation, asOf: Date): number {
  if (s.dueAt === null) return 0;
  const end = s.doneAt ?? asOf;
  return Math.max(0, end.getTime() - s.dueAt.getTime());
}

const isLate = (s: StageEvaluation): boolean => s.status === "breached" || s.status === "overdue";

/** One ticket's stages on a shared time axis: anchor..due bar, warn and done marks, pauses. */
function timeline(ev: TicketEvaluation, ticket: TableTicket | undefined): string {
  const stages = ev.stages;
  const times: number[] = [ev.createdAt.getTime()];
  for (const s of stages) for (const d of [s.anchorAt, s.warnAt, s.dueAt, s.doneAt]) if (d) times.push(d.getTime());
  const pauses: [number, number][] = [];
  let open = -1;
  for (const e of [...(ticket?.events ?? [])].sort((a, b) => +new Date(a.at) - +new Date(b.at))) {
    const at = new Date(e.at).getTime();
    if (at > ev.asOf.getTime()) break;
    if (e.type === "pause") open = at;
    else if (e.type === "resume" && open >= 0) {
      pauses.push([open, at]);
      open = -1;
    }
  }
  if (open >= 0) pauses.push([open, ev.asOf.getTime()]);
  for (const p of pauses) times.push(p[0], p[1]);
  const anyOpen = stages.some((s) => s.doneAt === null && s.dueAt !== null);
  if (anyOpen) times.push(ev.asOf.getTime());
  const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 60_000);
  const l = 110, w = 700, rowH = 24, h = 30 + stages.length * rowH + 18;
  const x = (ms: number): number => l + ((ms - t0) / (t1 - t0)) * (w - l - 14);
  let g = pauses.map(([a, b]) => `<rect class="pause" x="${x(a).toFixed(1)}" y="20" width="${Math.max(1, x(b) - x(a)).toFixed(1)}" height="${h - 38}"><title>paused ${iso(new Date(a))} – ${iso(new Date(b))}</title></rect>`).join("");
  g += `<line class="created" x1="${x(t0)}" x2="${x(t0)}" y1="16" y2="${h - 18}"/><text class="tick" x="${x(t0)}" y="12">created</text>`;
  stages.forEach((s, i) => {
    const y = 26 + i * rowH;
    g += `<text class="lbl" x="${l - 8}" y="${y + 12}" text-anchor="end">${esc(s.stage)}</text>`;
    if (s.anchorAt && s.dueAt) g += `<rect class="window" x="${x(s.anchorAt.getTime()).toFixed(1)}" y="${y + 3}" width="${Math.max(1, x(s.dueAt.getTime()) - x(s.anchorAt.getTime())).toFixed(1)}" height="12"><title>${esc(s.stage)}: ${iso(s.anchorAt)} – due ${iso(s.dueAt)}</title></rect>`;
    if (s.warnAt) g += `<line class="warn" x1="${x(s.warnAt.getTime()).toFixed(1)}" x2="${x(s.warnAt.getTime()).toFixed(1)}" y1="${y}" y2="${y + 18}"><title>warn ${iso(s.warnAt)}</title></line>`;
    if (s.dueAt) g += `<line class="due" x1="${x(s.dueAt.getTime()).toFixed(1)}" x2="${x(s.dueAt.getTime()).toFixed(1)}" y1="${y}" y2="${y + 18}"><title>due ${iso(s.dueAt)}</title></line>`;
    if (s.doneAt) g += `<circle class="${isLate(s) ? "late" : "met"}" cx="${x(s.doneAt.getTime()).toFixed(1)}" cy="${y + 9}" r="5"><title>done ${iso(s.doneAt)} (${s.status})</title></circle>`;
    else if (s.status === "overdue") g += `<line class="late" x1="${x(s.dueAt!.getTime()).toFixed(1)}" x2="${x(ev.asOf.getTime()).toFixed(1)}" y1="${y + 9}" y2="${y + 9}"><title>overdue by ${duration(overrun(s, ev.asOf))} at ${iso(ev.asOf)}</title></line>`;
  });
  g += `<text class="tick" x="${l}" y="${h - 4}">${esc(iso(new Date(t0)))}</text><text class="tick" x="${w - 14}" y="${h - 4}" text-anchor="end">${esc(iso(new Date(t1)))}</text>`;
  return `<svg class="timeline" data-ticket="${esc(ev.ticketId)}" role="img" aria-label="Stage timeline of ticket ${esc(ev.ticketId)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${g}</svg>`;
}

function traces(ev: TicketEvaluation): string {
  return ev.stages
    .filter(isLate)
    .map((s) => `<details><summary>${esc(s.stage)}: ${esc(s.status)}, due ${esc(iso(s.dueAt))}${s.doneAt ? `, done ${esc(iso(s.doneAt))}` : ""} (${esc(s.trace.rowId ?? `row ${s.trace.row}`)}, ${esc(s.trace.sourceRef)})</summary><ol>${s.trace.steps.map((st) => `<li><b>${esc(st.step)}</b> ${esc(st.detail ?? "")}</li>`).join("")}</ol></details>`)
    .join("");
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.meta td{text-align:left}.kpis{display:flex;gap:24px}.kpi{border:1px solid #ddd;padding:8px 16px;border-radius:6px}.kpi b{font-size:22px;display:block}
svg .lbl,svg .tick,svg .num{font-size:11px;fill:#444}svg .grid{stroke:#eee}rect.met{fill:#2e7d32}rect.late{fill:#c62828}
polyline.met{stroke:#2e7d32;stroke-width:2}polyline.late{stroke:#c62828;stroke-width:2}circle.met{fill:#2e7d32}circle.late{fill:#c62828}
rect.window{fill:#bbdefb}line.warn{stroke:#f9a825;stroke-width:2}line.due{stroke:#222;stroke-width:2}line.late{stroke:#c62828;stroke-width:3}
rect.pause{fill:#eee}line.created{stroke:#888;stroke-dasharray:3 2}.legend span{margin-right:14px}code{font-size:12px}details{margin:2px 0 2px 16px}`;

/** The whole page. */
export function reportHtml(d: ReportData): string {
  const { policy, evaluations } = d;
  const total = rollup(evaluations, { by: [] })[0];
  const sections: string[] = [];
  sections.push(`<h1>SLA report: ${esc(d.source)}</h1>
<table class="meta"><tbody>
<tr><th>Policy</th><td data-field="policy"><code>${esc(policy.id)}</code> version <code>${esc(policy.version)}</code>, hash <code data-field="policy-hash">${esc(policy.hash)}</code></td></tr>
<tr><th>As of</th><td><code>${esc(iso(d.asOf))}</code>; months in ${esc(d.timeZone)}</td></tr>
<tr><th>Input</th><td>${d.rowsRead} rows: <span data-field="tickets">${evaluations.length}</span> tickets evaluated, <span data-field="bad-rows">${d.errors.length}</span> bad rows</td></tr>
<tr><th>Made by</th><td>sla-kit ${esc(d.version)}</td></tr>
</tbody></table>`);
  sections.push(`<div class="kpis"><div class="kpi">compliance<b data-field="compliance">${pct(total?.complianceValue ?? null)}</b>${total?.met ?? 0} of ${total?.counted ?? 0} stages met</div><div class="kpi">overdue rate<b data-field="overdue">${pct(total?.overdueValue ?? null)}</b>${(total?.breached ?? 0) + (total?.overdue ?? 0)} late</div><div class="kpi">not yet decided<b>${total?.notCounted ?? 0}</b>pending, warning or not applicable</div></div>
<p class="legend"><span style="color:#2e7d32">■ compliance (met / decided stages)</span><span style="color:#c62828">■ overdue rate (breached + overdue / decided)</span> Rates count stages (docs/rules.md K17); stages still open before their deadline are not counted.</p>`);
  if (d.untrackedStages.length > 0) {
    sections.push(`<h2 id="untracked">Untracked stages</h2><p>The table has no column for these stages, so the report leaves them out instead of counting them as overdue:</p><ul data-field="untracked">${d.untrackedStages.map((u) => `<li>${esc(u.service)}: <code>${esc(u.stage)}</code></li>`).join("")}</ul>`);
  }
  for (const { key, title } of REPORT_GROUPS) {
    const rows = rollup(evaluations, key === "month" ? { by: [key], timeZone: d.timeZone } : { by: [key] });
    const chart = key === "month" ? lineChart(key, rows) : barChart(key, key === "assignee" ? [...rows].sort((a, b) => (b.overdueValue ?? -1) - (a.overdueValue ?? -1)).slice(0, 25) : rows, key);
    sections.push(`<h2 id="by-${key}">${esc(title)}</h2>${chart}${rollupTable(key, rows, key)}`);
  }
  // worst assignees: highest overdue rate among those with decided stages
  const worstPeople = rollup(evaluations, { by: ["assignee"] })
    .filter((r) => r.counted > 0 && r.assignee != null)
    .sort((a, b) => (b.overdueValue ?? 0) - (a.overdueValue ?? 0) || b.counted - a.counted)
    .slice(0, 10);
  sections.push(`<h2 id="worst-assignees">Worst assignees</h2>${worstPeople.length ? rollupTable("worst-assignees", worstPeople, "assignee") : "<p>No assignee column, or nothing decided.</p>"}`);
  // worst tickets: most time past their deadlines
  const byId = new Map(d.tickets.map((t) => [t.id, t]));
  const late = evaluations
    .map((ev) => ({ ev, over: ev.stages.filter(isLate).reduce((n, s) => n + overrun(s, ev.asOf), 0), n: ev.stages.filter(isLate).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.over - a.over || (a.ev.ticketId < b.ev.ticketId ? -1 : 1));
  sections.push(`<h2 id="worst-tickets">Worst tickets</h2><p>${late.length} tickets have a breached or overdue stage; the ${Math.min(MAX_WORST, late.length)} furthest past their deadlines:</p>
<table data-table="worst-tickets"><thead><tr><th>ticket</th><th>row</th><th>service</th><th>tier</th><th>assignee</th><th>late stages</th><th>time past due</th></tr></thead><tbody>${late
    .slice(0, MAX_WORST)
    .map(({ ev, over }) => `<tr><td><a href="#t-${esc(ev.ticketId)}">${esc(ev.ticketId)}</a></td><td>${byId.get(ev.ticketId)?.row ?? ""}</td><td>${esc(ev.service)}</td><td>${esc(ev.tier ?? "")}</td><td>${esc(ev.assignee ?? "")}</td><td>${esc(ev.stages.filter(isLate).map((s) => `${s.stage} (${s.status})`).join(", "))}</td><td>${duration(over)}</td></tr>`)
    .join("")}</tbody></table>`);
  sections.push(`<h2 id="timelines">Timelines of late tickets</h2><p class="legend"><span>▭ blue: anchor to deadline</span><span style="color:#f9a825">| warning</span><span>| deadline</span><span style="color:#2e7d32">● done in time</span><span style="color:#c62828">● done late / — overdue</span><span style="color:#999">▒ paused</span></p>${late
    .slice(0, MAX_TIMELINES)
    .map(({ ev }) => `<h3 id="t-${esc(ev.ticketId)}">${esc(ev.ticketId)} <small>${esc(ev.service)} ${esc([ev.tier, ev.urgency, ev.location].filter(Boolean).join(" / "))}, created ${esc(iso(ev.createdAt))}</small></h3>${timeline(ev, byId.get(ev.ticketId))}${traces(d.traced?.(ev) ?? ev)}`)
    .join("")}${late.length > MAX_TIMELINES ? `<p>${late.length - MAX_TIMELINES} more late tickets are in the tidy rows (<code>--format csv</code>).</p>` : ""}`);
  sections.push(`<h2 id="bad-rows">Bad rows</h2>${
    d.errors.length === 0
      ? "<p>Every row was read.</p>"
      : `<p>${d.errors.length} rows could not be evaluated and are not in the numbers above.</p><table data-table="bad-rows"><thead><tr><th>row</th><th>column</th><th>value</th><th>code</th><th>reason</th></tr></thead><tbody>${d.errors
          .slice(0, MAX_ERRORS)
          .map((e) => `<tr><td>${e.row}</td><td>${esc(e.column ?? "")}</td><td>${esc(e.value === null || e.value === undefined ? "" : e.value instanceof Date ? iso(e.value) : String(e.value))}</td><td>${esc(e.code)}</td><td style="text-align:left">${esc(e.reason)}</td></tr>`)
          .join("")}</tbody></table>${d.errors.length > MAX_ERRORS ? `<p>${d.errors.length - MAX_ERRORS} more bad rows: run with <code>--errors &lt;file&gt;</code> to list them all.</p>` : ""}`
  }`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SLA report: ${esc(d.source)}</title><style>${CSS}</style></head>
<body>
${sections.join("\n")}
</body></html>
`;
}
