// The calendar engine (ical.js and the time-zone database) is a separate bundle, dist/calendar.js,
// loaded the first time a calendar is read, so activation never pays for it.
import type * as Engine from '../calendar/expand';

let engine: typeof Engine | undefined;

export function calendarEngine(): typeof Engine {
  // A plain require of a sibling file of dist/extension.js; esbuild leaves it alone (marked external).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (engine ??= require('./calendar.js') as typeof Engine);
}
