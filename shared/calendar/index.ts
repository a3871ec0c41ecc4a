// Pure. The calendar rules of the console: rest days, statutory holidays, official schedules and
// the lawful enforcement window, all in China time.
export { WEEKDAY_NAMES, addDays, datesBetween, weekday, type Weekday } from './dates';
export { FESTIVALS, FIRST_YEAR, LAST_YEAR, statutoryHolidays, type Festival, type StatutoryDay } from './statutory';
export {
  EXAMPLE_OFFICIAL_SCHEDULE,
  clearRegisteredSchedules,
  parseOfficialSchedule,
  registerOfficialSchedules,
  type OfficialSchedule,
  type OfficialScheduleFile,
} from './officialSchedule';
export { restDayInfo, type DayKind, type RestDayInfo } from './restDay';
export {
  DEFAULT_NIGHT,
  MAX_WINDOW_HOURS,
  MIN_EMERGENCY_REASON_LENGTH,
  checkEnforcementWindow,
  type WindowCheck,
  type WindowOptions,
  type WindowProblem,
  type WindowProblemCode,
} from './enforcementWindow';
export { COURT_REPORT_DAYS, MAX_DEADLINE_DAYS, computeDeadline, courtReportDeadline, deadlineStatus, deemedServiceDate, type Deadline, type DeadlineMode, type DeadlineStatus } from './deadlines';
