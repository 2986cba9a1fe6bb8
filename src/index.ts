/**
 * sla-kit: service-level rules as data plus pure functions.
 *
 * The root entry re-exports every domain; import a sub-path (`sla-kit/calendar`, `sla-kit/sla`,
 * `sla-kit/kpi`, `sla-kit/scoring`, `sla-kit/golden`, `sla-kit/table`) to load only what you use.
 * `sla-kit/node` (worker threads, Node only) is not re-exported here, so the root stays pure.
 * @module
 */
export * from "./errors.js";
export * from "./calendar/index.js";
export { calendarSpecSchema, chinaHolidayYearSchema } from "./calendar/schema.js";
export * from "./sla/index.js";
export * from "./kpi/index.js";
export * from "./scoring/index.js";
export * from "./golden/index.js";
export * from "./table/index.js";
