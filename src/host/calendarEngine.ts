// Where calendars are expanded in VS Code: on worker threads (dist/calendarWorker.js), never on the
// extension host's own thread, which every extension of the window shares. Two workers, so that a
// hostile file using up its budget on one does not hold up the other calendars. Started on first use,
// so activation never pays for them; an idle worker ends itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExpandOptions, ExpandResult } from '../calendar/expand';
import { CalendarWorker } from '../calendar/workerClient';

/** The bundled worker script, a sibling of dist/extension.js. */
export const WORKER_SCRIPT = path.join(__dirname, 'calendarWorker.js');
const POOL_SIZE = 2;

let pool: CalendarWorker[] | undefined;

/** The worker with the least work waiting. */
function pickWorker(): CalendarWorker {
  pool ??= Array.from({ length: POOL_SIZE }, () => new CalendarWorker({ script: WORKER_SCRIPT }));
  return pool.reduce((best, w) => (w.load < best.load ? w : best));
}

/** Expands one calendar file off the extension host thread. Never rejects. */
export function expandOffThread(text: string, options: ExpandOptions): Promise<ExpandResult> {
  if (!fs.existsSync(WORKER_SCRIPT)) {
    return Promise.resolve({ meetings: [], timeOff: [], problems: [vscode.l10n.t('The calendar reader is missing from this installation; reinstall Craft Time.')], stats: { events: 0, occurrences: 0, excluded: {} } });
  }
  return pickWorker().expand(text, options);
}

export function disposeCalendarWorker(): void {
  for (const w of pool ?? []) w.dispose();
  pool = undefined;
}
