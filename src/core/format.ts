// Human-readable durations, shared by every surface so they all say the same thing.
import { formatDuration as dfFormatDuration } from 'date-fns';

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
