import { china2024 } from "./china-2024.js";
import { china2025 } from "./china-2025.js";
import { china2026 } from "./china-2026.js";
import type { ChinaHolidayYear } from "./types.js";

export type { ChinaHolidayYear } from "./types.js";

/**
 * The years of mainland-China holiday data this version ships (SPEC.md T6), oldest first, each
 * with the State Council notice it comes from.
 *
 * @example
 * ```ts
 * import { chinaHolidayYears } from "sla-kit/calendar";
 * for (const y of chinaHolidayYears) console.log(y.year, y.source.number, y.holidays.length, y.workdays.length);
 * // 2024 国办发明电〔2023〕7号 28 8
 * // 2025 国办发明电〔2024〕12号 28 5
 * // 2026 国办发明电〔2025〕7号 33 6
 * ```
 */
export const chinaHolidayYears: readonly ChinaHolidayYear[] = [china2024, china2025, china2026];
