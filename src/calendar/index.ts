/**
 * Business-time calendars: weekly hours, holidays, make-up working days, any IANA zone.
 * @module
 */
export type { BeyondData, Calendar, CalendarSpec, Hours, HolidaySpec, WorkdaySpec, Weekday } from "./types.js";
export type { Coverage } from "./coverage.js";
export type { ChinaWorkCalendarOptions } from "./chinaWorkCalendar.js";
export type { ChinaHolidayYear } from "./data/index.js";
export { parseCalendarSpec } from "./parseCalendarSpec.js";
export { parseChinaHolidayYear } from "./parseChinaHolidayYear.js";
export { parseChinaHolidayNotice } from "./parseChinaHolidayNotice.js";
export type { ParseChinaHolidayNoticeOptions } from "./parseChinaHolidayNotice.js";
export { coverage } from "./coverage.js";
export { firstAssumedDate } from "./firstAssumedDate.js";
export { defineCalendar } from "./defineCalendar.js";
export { alwaysOpen } from "./alwaysOpen.js";
export { chinaWorkCalendar } from "./chinaWorkCalendar.js";
export { chinaHolidayYears } from "./data/index.js";
export { isBusinessDay } from "./isBusinessDay.js";
export { isOpenAt } from "./isOpenAt.js";
export { nextOpening } from "./nextOpening.js";
export { addBusinessTime } from "./addBusinessTime.js";
export { businessTimeBetween } from "./businessTimeBetween.js";
export { addBusinessDays } from "./addBusinessDays.js";
export { fromZonedTime } from "./fromZonedTime.js";
export type { FromZonedTimeOptions } from "./fromZonedTime.js";
