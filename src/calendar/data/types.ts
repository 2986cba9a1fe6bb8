/** One year of mainland-China statutory holidays and make-up working days (docs/rules.md T6). */
export interface ChinaHolidayYear {
  readonly year: number;
  /** The State Council notice the dates come from. */
  readonly source: {
    readonly title: string;
    /** The notice's document number, where the published text carries it. */
    readonly number?: string;
    readonly published: string;
    /** Where the text was checked. */
    readonly via?: string;
  };
  /** Days off (放假), including the weekend days inside each holiday block. */
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  /** Make-up working days (调休上班): weekend dates worked with normal weekday hours. */
  readonly workdays: readonly { readonly date: string; readonly name: string }[];
}

/** One inclusive run of dates of one month block: `["2024-02", 10, 17, "Spring Festival"]`. */
export type Run = readonly [month: string, from: number, to: number, name: string];

/**
 * Expands inclusive runs of dates of one month block each, in order, e.g.
 * `runs(["2024-02", 10, 17, "Spring Festival"])`. Free of side effects, so a bundle that does not
 * use the data drops it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function runs(...list: readonly Run[]): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (const [month, from, to, name] of list) for (let d = from; d <= to; d++) out.push({ date: `${month}-${String(d).padStart(2, "0")}`, name });
  return out;
}
