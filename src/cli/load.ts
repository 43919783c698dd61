// What a measuring command needs, in one place for `status`, `days`, `edge`, `summary` and `team`: the
// user's settings (cli/settings.ts), the one history loader (store/history.ts) with the calendars (--ics
// files, else the cached calendars), and the one set of inputs built from both (core/context.ts).
import * as path from 'node:path';
import { expandIcsBytes } from '../calendar/expand';
import type { MeasureInputs } from '../core/context';
import { inputsOf } from '../core/snapshot';
import type { Settings } from '../core/settings';
import type { Meeting, TimeOffDay } from '../core/types';
import { isValidDate } from '../core/zone';
import { calendarReadReason, loadCalendarTexts, readCalendarFile } from '../store/calendarStore';
import { loadHistory, plainActivityReader, type CalendarReader, type History } from '../store/history';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './io';
import type { CliSettings } from './settings';

export interface CommandInputs {
  readonly settings: Settings;
  readonly history: History;
  /** The one set of inputs every measure is computed from. */
  readonly inputs: MeasureInputs;
  /** Non-fatal problems (settings, calendars, unreadable or damaged files), one line each, for stderr. */
  readonly problems: readonly string[];
}

/**
 * The calendars as the CLI reads them: `icsFiles` replace the cached calendars when given (an --ics file
 * that cannot be read is an error, exit 1), else every cached calendar of the data folder.
 */
export function cliCalendars(icsFiles: readonly string[], dataDir: string, cwd: string, settings: Settings): CalendarReader {
  return async (fromMs, toMs) => {
    const meetings: Meeting[] = [];
    const timeOff: TimeOffDay[] = [];
    const problems: string[] = [];
    let calendars = 0;
    const expand = (bytes: Uint8Array, sourceId: string, label: string) => {
      const r = expandIcsBytes(bytes, { fromMs, toMs, timeZone: settings.timeZone, myEmails: settings.myEmails, ignorePatterns: settings.ignorePatterns, sourceId });
      meetings.push(...r.meetings);
      timeOff.push(...r.timeOff);
      for (const p of r.problems) problems.push(`${label}: ${p}`);
      calendars++;
    };
    if (icsFiles.length > 0) {
      for (const [i, file] of icsFiles.entries()) expand(await readIcsFile(file, cwd), `ics-${i + 1}`, path.basename(file));
    } else {
      for (const c of await loadCalendarTexts(dataDir)) {
        if (c.problem) problems.push(c.problem);
        if (c.text !== undefined) expand(new TextEncoder().encode(c.text), c.source.id, c.source.label);
      }
    }
    return { meetings, timeOff, problems, connected: calendars > 0 };
  };
}

/** An --ics file: a regular file only (a FIFO or device is refused without hanging), within the byte budget. */
export async function readIcsFile(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return await readCalendarFile(path.resolve(cwd, file));
  } catch (error) {
    throw new Error(`Cannot read calendar file ${file}: ${(error as NodeJS.ErrnoException).code ?? calendarReadReason(error)}`, { cause: error });
  }
}

/** History and inputs for the local days `from`..`to` with the user's settings. */
export async function loadCommandInputs(
  cli: CliSettings,
  range: { readonly from: string; readonly to: string },
  options: { readonly dataDir: string; readonly io: CliIo; readonly icsFiles?: readonly string[] },
): Promise<CommandInputs> {
  const { settings } = cli;
  const history = await loadHistory({
    dataDir: options.dataDir,
    from: range.from,
    to: range.to,
    timeZone: settings.timeZone,
    idleMinutes: settings.idleMinutes,
    now: options.io.now(),
    activity: plainActivityReader(options.dataDir),
    calendars: cliCalendars(options.icsFiles ?? [], options.dataDir, options.io.cwd, settings),
  });
  const inputs = inputsOf(history, settings);
  return { settings, history, inputs, problems: [...cli.problems, ...history.problems] };
}

/** A required or optional 'YYYY-MM-DD' option value, checked. */
export function dateOption(args: ParsedArgs, name: string, fallback?: string): string {
  const raw = args.values[name];
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} YYYY-MM-DD is required.`);
  }
  if (!isValidDate(raw)) throw new UsageError(`--${name} must be a date YYYY-MM-DD (got "${raw}").`);
  return raw;
}

/** --me values: e-mail addresses (checked loosely: something@something). */
export function emailsOption(args: ParsedArgs): string[] {
  const all = args.all.me ?? [];
  for (const e of all) if (!/^[^@\s]+@[^@\s]+$/.test(e)) throw new UsageError(`--me must be an e-mail address (got "${e}").`);
  return all;
}
