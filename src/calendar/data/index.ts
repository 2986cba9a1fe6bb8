import { china2024 } from "./china-2024.js";
import { china2025 } from "./china-2025.js";
import { china2026 } from "./china-2026.js";
import type { ChinaHolidayYear } from "./types.js";

export type { ChinaHolidayYear } from "./types.js";

/** The years of mainland-China holiday data this version ships (SPEC.md T6), oldest first. */
export const chinaHolidayYears: readonly ChinaHolidayYear[] = [china2024, china2025, china2026];
