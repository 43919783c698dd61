// Number and date wording shared by every surface (status bar, dashboard, summaries, CLI), so a value is
// written the same way everywhere. Pure: no vscode, no I/O.
import { formatDuration as dfFormatDuration } from 'date-fns';

const HOUR = 3_600_000;

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "12.5" hours with one decimal (no unit). */
export function hoursNumber(ms: number): string {
  return (Math.round((ms / HOUR) * 10) / 10).toFixed(1);
}

/** "12.5 h". */
export function hoursText(ms: number): string {
  return `${hoursNumber(ms)} h`;
}

/** "62 %", or "n/a" for null. */
export function percentText(r: number | null): string {
  return r === null ? 'n/a' : `${Math.round(r * 100)} %`;
}

/** "March 2026" from '2026-03'. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "2 Mar" from '2026-03-02'. */
export function shortDate(d: string): string {
  return `${Number(d.slice(8, 10))} ${MONTH_SHORT[Number(d.slice(5, 7)) - 1]}`;
}

/** 0m, 45m, 2h 05m, 12h 30m (rounded down to the minute, like a clock). */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(minutes / 60), m = minutes % 60;
  return h === 0 ? `${m}m` : `${h}h ${String(m).padStart(2, '0')}m`;
}

/** Spelled out for screen readers: "2 hours 5 minutes", "1 hour", "0 minutes" (date-fns formatDuration). */
export function describeDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  // Zero hours are left out; zero minutes are said only when there is nothing else to say.
  return dfFormatDuration({ hours, minutes: minutes % 60 }, { format: hours ? ['hours', 'minutes'] : ['minutes'], zero: hours === 0 });
}
