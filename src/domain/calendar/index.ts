/** The working-day calendar and the appointment rule (pure). */
export * from './types.js';
export { buildCalendar, resolveYear, periodDates, NOT_OFFICIAL_WARNING, CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR, type BuildOptions } from './working-days.js';
export { DEFAULT_STATUTORY_RULES, STATUTORY_REF, statutoryDaysOff, ruleAnchor, isWeekend, type HolidayRule, type StatutoryRules } from './statutory.js';
export { solarToLunar, lunarToSolar, tetDate, type LunarDate } from './lunar.js';
export {
  computeAppointment,
  parseCounterHours,
  EXAMPLE_COUNTER_HOURS,
  APPOINTMENT_NOTES,
  ROLLOVER_REASONS,
  type Appointment,
  type AppointmentInput,
  type AppointmentNote,
  type CounterHours,
  type RolloverReason,
  type TimeUnit,
} from './appointment.js';
