// Where calendars are expanded in VS Code: on a worker thread (dist/calendarWorker.js), never on the
// extension host's own thread, which every extension of the window shares. Started on first use, so
// activation never pays for it; an idle worker ends itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExpandOptions, ExpandResult } from '../calendar/expand';
import { CalendarWorker } from '../calendar/workerClient';

let worker: CalendarWorker | undefined;

/** The bundled worker script, a sibling of dist/extension.js. */
export const WORKER_SCRIPT = path.join(__dirname, 'calendarWorker.js');

export function calendarWorker(): CalendarWorker {
  return (worker ??= new CalendarWorker({ script: WORKER_SCRIPT }));
}

/** Expands one calendar file off the extension host thread. Never rejects. */
export function expandOffThread(text: string, options: ExpandOptions): Promise<ExpandResult> {
  if (!fs.existsSync(WORKER_SCRIPT)) {
    return Promise.resolve({ meetings: [], timeOff: [], problems: ['The calendar reader is missing from this installation; reinstall Craft Time.'], stats: { events: 0, occurrences: 0, excluded: {} } });
  }
  return calendarWorker().expand(text, options);
}

export function disposeCalendarWorker(): void {
  worker?.dispose();
  worker = undefined;
}
