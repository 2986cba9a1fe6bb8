import { china2024 } from "./china-2024.js";
import { china2025 } from "./china-2025.js";
import { china2026 } from "./china-2026.js";
import type { ChinaHolidayYear } from "./types.js";

export type { ChinaHolidayYear } from "./types.js";

/**
 * The years of mainland-China holiday data this version ships (docs/rules.md T6), oldest first, each
 * with the State Council notice it comes from.
 *
 * @example
 * ```ts
 * import { chinaHolidayYears } from "sla-kit/calendar";
 * for (const y of chinaHolidayYears) console.log(y.year, y.source.published, y.holidays.length, y.workdays.length);
 * // 2024 2023-10-25 28 8
 * // 2025 2024-11-12 28 5
 * // 2026 2025-11-04 33 6
 * ```
 */
export const chinaHolidayYears: readonly ChinaHolidayYear[] = [china2024, china2025, china2026];
