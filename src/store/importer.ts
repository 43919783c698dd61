// Imports another tracker's export into the data folder as one atomic, content-named activity source.
// Same file twice -> same source id -> the same files rewritten with the same bytes: nothing changes.
// Overlapping imports (or an import overlapping tracked time) never double count: readers merge every
// source into one timeline, which counts each instant once.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseActivityWatch } from '../core/import/activityWatch';
import type { ImportOptions, ImportResult } from '../core/import/importResult';
import { parseWakaTime } from '../core/import/wakatime';
import type { Span } from '../core/types';
import { localDate } from '../core/zone';
import { ActivityEncoder } from './activityFormat';
import { ACTIVITY_DIR, isSaneSpan, monthFolder, writeActivityFile } from './activityStore';
import { readFileSafe, SafeReadError } from './safeRead';

export const IMPORT_KINDS = ['wakatime', 'activitywatch'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Larger inputs are refused before reading (V8 cannot hold a string much past 512 MiB). */
export const MAX_IMPORT_BYTES = 500 * 1024 * 1024;

/** Raised for input the user has to fix (unreadable, too large, not JSON, not the expected export). */
export class ImportError extends Error {}

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** Stable 12-hex id of a string (sha256 prefix): workspace ids of imported projects, import source ids. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export interface ImportReport {
  readonly kind: ImportKind;
  /** Source id the spans were written under ('' when nothing was written). */
  readonly source: string;
  /** Heartbeats (WakaTime) or events (ActivityWatch) in the file. */
  readonly recordsRead: number;
  readonly spansWritten: number;
  /** Local days (in the given time zone) with imported activity, and the first and last of them. */
  readonly daysCovered: number;
  readonly firstDay: string | undefined;
  readonly lastDay: string | undefined;
  readonly skipped: number;
  readonly problems: string[];
  /** Files written, relative to the data folder. */
  readonly files: string[];
  /** True when the same data had been imported before (the files already held exactly this). */
  readonly alreadyImported: boolean;
}

const PARSERS: Record<ImportKind, (json: unknown, options: ImportOptions) => ImportResult> = {
  wakatime: parseWakaTime,
  activitywatch: parseActivityWatch,
};

/** Reads and parses a JSON file, with messages a user can act on. */
export async function readJsonFile(filePath: string): Promise<unknown> {
  let text: string;
  try {
    // Regular files only (a FIFO or device is refused without blocking), the size checked before reading.
    text = (await readFileSafe(filePath, { maxBytes: MAX_IMPORT_BYTES })).toString('utf8');
  } catch (error) {
    if (error instanceof SafeReadError && error.reason.startsWith('larger than')) {
      throw new ImportError(`${filePath} is larger than ${MAX_IMPORT_BYTES / 1048576} MB, the largest import. Split the export by date range.`);
    }
    if (error instanceof SafeReadError && error.reason === 'not a regular file') throw new ImportError(`${filePath} is not a file (a folder, pipe, socket or device); give the export file itself.`);
    throw new ImportError(`Cannot read ${filePath}: ${error instanceof SafeReadError ? error.reason : (error as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportError(`${filePath} is not valid JSON (${(error as Error).message}). Was the download cut short?`);
  }
}

function daysOf(spans: readonly Span[], timeZone: string): string[] {
  // Every zone offset in use is a multiple of 15 minutes, so a local date is constant within a UTC quarter
  // hour: one Intl call per quarter hour instead of two per span (an import can hold millions).
  const days = new Set<string>();
  let lastQuarter = NaN;
  const add = (t: number) => {
    const q = Math.floor(t / 900_000);
    if (q === lastQuarter) return;
    lastQuarter = q;
    days.add(localDate(q * 900_000, timeZone));
  };
  for (const s of spans) {
    add(s.start);
    add(s.end);
  }
  return [...days].sort();
}

export interface ImportFileOptions {
  /** Zone for counting the days covered (default UTC). */
  readonly timeZone?: string;
  /** Records after this instant (epoch ms) are skipped as clock errors (default: no limit). */
  readonly now?: number;
}

/** Reads `filePath`, converts it and writes it into `dataDir`. Throws ImportError for bad input. */
export async function importFile(dataDir: string, kind: ImportKind, filePath: string, options: ImportFileOptions = {}): Promise<ImportReport> {
  const json = await readJsonFile(filePath);
  const result = keepSane(PARSERS[kind](json, {
    workspaceId: shortHash,
    notAfter: options.now === undefined ? undefined : options.now + 5 * 60_000,
  }));
  if (result.records === 0 && result.problems.length > 0) {
    // Not the expected export, or one without an editor bucket: the problems say what was expected or found.
    throw new ImportError(`${filePath}: nothing to import. ${result.problems.join('; ')}`);
  }
  const days = daysOf(result.spans, options.timeZone ?? 'UTC');
  const base = {
    kind, recordsRead: result.records, spansWritten: result.spans.length, daysCovered: days.length,
    firstDay: days[0], lastDay: days[days.length - 1], skipped: result.skipped, problems: result.problems,
  };
  if (result.spans.length === 0) return { ...base, source: '', files: [], alreadyImported: false };
  // The source id names the content: what will be written, as the file format encodes it.
  const source = `import-${kind}-${shortHash(kind + '\n' + importFingerprint(result))}`;
  const files = await writeImport(dataDir, source, result, `import-${kind}`);
  return { ...base, source, files: files.written, alreadyImported: files.unchanged };
}

/** Spans every reader would refuse (before 2000, after 2100, longer than a day) are not written: skipped and named. */
function keepSane(result: ImportResult): ImportResult {
  const spans = result.spans.filter(isSaneSpan);
  const dropped = result.spans.length - spans.length;
  if (dropped === 0) return result;
  return { ...result, spans, skipped: result.skipped + dropped, problems: [...result.problems, `${dropped} span${dropped === 1 ? '' : 's'} outside 2000-2100 or longer than a day were skipped.`] };
}

function importFingerprint(result: ImportResult): string {
  return new ActivityEncoder().encode(result.spans, result.workspaceNames);
}

async function writeImport(dataDir: string, source: string, result: ImportResult, program: string): Promise<{ written: string[]; unchanged: boolean }> {
  // Files named by content that all exist already hold exactly this import; rewriting them is harmless
  // (and repairs one deleted by hand), but the report can tell the user nothing new was added.
  const months = [...new Set(result.spans.map((s) => monthFolder(s.start)))];
  const existed = await Promise.all(
    months.map((m) => fs.promises.stat(path.join(dataDir, ACTIVITY_DIR, m, `${source}.jsonl`)).then(() => true, () => false)),
  );
  const files = await writeActivityFile(dataDir, source, result.spans, result.workspaceNames, program);
  return { written: files.map((f) => path.relative(dataDir, f).split(path.sep).join('/')), unchanged: existed.every(Boolean) };
}
