// Calendar sources, their cached copies, manual meetings and time off, under the data folder:
//   calendars/sources.json      the list of sources (file paths; never subscription URLs)
//   calendars/<id>.ics          last good copy of each source
//   calendars/<id>.meta.json    refresh state: ETag, Last-Modified, last refresh, events found, problem
//   meetings/manual.json        meetings logged by hand
//   timeoff.json                days marked as time off
// Every file is written atomically and carries a schema version; a damaged file is reported, not fatal.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_BUDGET } from '../calendar/budget';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';

/** Largest small state file read (sources, meta, manual meetings, time off): real ones are a few KB. */
export const MAX_STATE_FILE_BYTES = 4 * 1024 * 1024;
/** Largest calendar read from a file source or the cache (the calendar engine applies its own budget after). */
export const MAX_CALENDAR_FILE_BYTES = 100 * 1024 * 1024;

export interface CalendarSource {
  readonly id: string;
  readonly kind: 'file' | 'url';
  /** What the user sees: the file name, or the masked URL / a name they gave. */
  readonly label: string;
  /** For 'file' sources: absolute path of the .ics file. URLs live in SecretStorage, keyed by id. */
  readonly path?: string;
  readonly addedAt: string;
}

export interface SourceMeta {
  readonly etag?: string;
  readonly lastModified?: string;
  /** Last attempt and last success, ISO. */
  readonly lastAttempt?: string;
  readonly lastSuccess?: string;
  readonly events?: number;
  readonly problem?: string;
}

export interface ManualMeeting {
  readonly id: string;
  /** ISO instants. `end` is null while the meeting is in progress ("I'm in a meeting now"). */
  readonly start: string;
  readonly end: string | null;
  readonly title: string;
}




const dir = (dataDir: string) => path.join(dataDir, 'calendars');
export const sourcesFile = (dataDir: string) => path.join(dir(dataDir), 'sources.json');
export const cacheFile = (dataDir: string, id: string) => path.join(dir(dataDir), `${id}.ics`);
const metaFile = (dataDir: string, id: string) => path.join(dir(dataDir), `${id}.meta.json`);
export const manualFile = (dataDir: string) => path.join(dataDir, 'meetings', 'manual.json');
export const timeOffFile = (dataDir: string) => path.join(dataDir, 'timeoff.json');

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function writeAtomic(file: string, text: string): Promise<void> {
  await writeFileAtomic(file, text, { mkdir: true });
}

/** Reads a versioned JSON file; missing -> fallback; damaged -> fallback plus a problem (the file is left alone). */
async function readJson<T>(dataDir: string, file: string, fallback: T, pick: (v: Record<string, unknown>) => T | undefined): Promise<{ value: T; problem?: string }> {
  let text: string;
  try {
    text = (await readFileSafe(file, { maxBytes: MAX_STATE_FILE_BYTES, within: dataDir })).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: fallback };
    return { value: fallback, problem: `Could not read ${path.basename(file)}: ${reasonOf(error)}` };
  }
  try {
    const v = JSON.parse(text) as unknown;
    const picked = v && typeof v === 'object' ? pick(v as Record<string, unknown>) : undefined;
    if (picked !== undefined) return { value: picked };
  } catch {
    // fall through
  }
  return { value: fallback, problem: `${path.basename(file)} is damaged or from a newer version; it was left untouched.` };
}

export async function readSources(dataDir: string): Promise<{ value: CalendarSource[]; problem?: string }> {
  return readJson<CalendarSource[]>(dataDir, sourcesFile(dataDir), [], (v) =>
    v.schema === 1 && Array.isArray(v.sources)
      ? (v.sources as CalendarSource[]).filter((s) => s && typeof s.id === 'string' && /^[a-z]+-[0-9a-f]+$/.test(s.id) && (s.kind === 'file' || s.kind === 'url'))
      : undefined,
  );
}

/**
 * Fails closed before a read-modify-write: when the file on disk is damaged (its reader fell back to an empty
 * list), writing the new list would throw away what the user may still repair, so nothing is written.
 */
async function refuseIfDamaged(read: () => Promise<{ problem?: string }>): Promise<void> {
  const { problem } = await read();
  if (problem) throw new Error(`${problem} Nothing was changed: repair or remove the file, then try again.`);
}

export async function writeSources(dataDir: string, sources: readonly CalendarSource[]): Promise<void> {
  await refuseIfDamaged(() => readSources(dataDir));
  await writeAtomic(sourcesFile(dataDir), JSON.stringify({ schema: 1, sources }, null, 2) + '\n');
}

export async function readMeta(dataDir: string, id: string): Promise<SourceMeta> {
  return (await readJson<SourceMeta>(dataDir, metaFile(dataDir, id), {}, (v) => (v.schema === 1 ? (v as SourceMeta) : undefined))).value;
}

export async function writeMeta(dataDir: string, id: string, meta: SourceMeta): Promise<void> {
  await writeAtomic(metaFile(dataDir, id), JSON.stringify({ schema: 1, ...meta }, null, 2) + '\n');
}

/**
 * Reads a calendar file the user named (an `--ics` argument, a connected file): a regular file only (a
 * FIFO or device is refused without blocking), its size checked against the `bytes` budget before
 * anything is read. Throws SafeReadError with a short reason.
 */
export async function readCalendarFile(file: string, maxBytes: number = DEFAULT_BUDGET.bytes): Promise<Buffer> {
  return readFileSafe(file, { maxBytes });
}

/** Why a calendar file could not be read, in a few words (never the file's content). */
export function calendarReadReason(error: unknown): string {
  if (error instanceof SafeReadError) return error.code === 'ENOENT' ? 'no such file' : error.reason;
  return (error as NodeJS.ErrnoException)?.code ?? 'read error';
}

export async function readCache(dataDir: string, id: string): Promise<string | undefined> {
  try {
    return (await readFileSafe(cacheFile(dataDir, id), { maxBytes: MAX_CALENDAR_FILE_BYTES, within: dataDir })).toString('utf8');
  } catch {
    return undefined;
  }
}

const reasonOf = (error: unknown): string => (error instanceof SafeReadError ? error.reason : (error as Error).message);

export async function writeCache(dataDir: string, id: string, text: string): Promise<void> {
  await writeAtomic(cacheFile(dataDir, id), text);
}

export async function removeSourceFiles(dataDir: string, id: string): Promise<void> {
  await fs.promises.rm(cacheFile(dataDir, id), { force: true });
  await fs.promises.rm(metaFile(dataDir, id), { force: true });
}

/**
 * The calendar text to use for each source: a file source's own file when readable (else its cached copy),
 * a URL source's cached copy. This is what the CLI reads by default.
 */
export async function loadCalendarTexts(dataDir: string): Promise<{ source: CalendarSource; text: string | undefined; problem?: string }[]> {
  const { value: sources } = await readSources(dataDir);
  return Promise.all(
    sources.map(async (source) => {
      if (source.kind === 'file' && source.path) {
        try {
          return { source, text: (await readCalendarFile(source.path)).toString('utf8') };
        } catch (error) {
          const cached = await readCache(dataDir, source.id);
          return { source, text: cached, problem: `${source.label}: ${calendarReadReason(error)}${cached ? ' (using the last good copy)' : ''}` };
        }
      }
      const cached = await readCache(dataDir, source.id);
      return { source, text: cached, problem: cached ? undefined : `${source.label}: not downloaded yet.` };
    }),
  );
}

export async function readManualMeetings(dataDir: string): Promise<{ value: ManualMeeting[]; problem?: string }> {
  return readJson<ManualMeeting[]>(dataDir, manualFile(dataDir), [], (v) =>
    v.schema === 1 && Array.isArray(v.meetings)
      ? (v.meetings as ManualMeeting[]).filter((m) => m && typeof m.id === 'string' && !Number.isNaN(Date.parse(m.start)) && (m.end === null || !Number.isNaN(Date.parse(m.end))))
      : undefined,
  );
}

export async function writeManualMeetings(dataDir: string, meetings: readonly ManualMeeting[]): Promise<void> {
  await refuseIfDamaged(() => readManualMeetings(dataDir));
  await writeAtomic(manualFile(dataDir), JSON.stringify({ schema: 1, meetings }, null, 2) + '\n');
}

export async function readTimeOff(dataDir: string): Promise<{ value: string[]; problem?: string }> {
  return readJson<string[]>(dataDir, timeOffFile(dataDir), [], (v) =>
    v.schema === 1 && Array.isArray(v.days) ? (v.days as unknown[]).filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) : undefined,
  );
}

export async function writeTimeOff(dataDir: string, days: readonly string[]): Promise<void> {
  await refuseIfDamaged(() => readTimeOff(dataDir));
  await writeAtomic(timeOffFile(dataDir), JSON.stringify({ schema: 1, days: [...new Set(days)].sort() }, null, 2) + '\n');
}
