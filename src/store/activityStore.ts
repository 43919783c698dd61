// Reading and writing activity files (format in activityFormat.ts). Node fs only; no vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Span } from '../core/types';
import { ActivityEncoder, decodeActivity, headerLine, pauseLine } from './activityFormat';
import { writeFileAtomic } from './atomicWrite';

export const ACTIVITY_DIR = 'activity';

/** UTC month of an instant, the folder a span starting then is written to. */
export function monthFolder(instant: number): string {
  return new Date(instant).toISOString().slice(0, 7);
}

export interface ActivityRead {
  /** One list per file, in file order (each file is one writer's stream). */
  readonly sources: Span[][];
  readonly workspaceNames: Map<string, string>;
  /** Pause instants from every file (ms), for buildTimeline's `barriers`. */
  readonly barriers: number[];
  readonly damagedLines: number;
  /** Files that could not be read at all, with the reason (paths relative to the data folder). */
  readonly unreadable: { file: string; reason: string }[];
  readonly files: number;
}

/**
 * Reads every activity file, or only the month folders from `fromMonth` to `toMonth` ('YYYY-MM', inclusive;
 * callers widen by a month each side to cover time-zone offsets). A missing folder is an empty history.
 */
export async function readActivity(dataDir: string, range?: { fromMonth: string; toMonth: string }, now = Date.now()): Promise<ActivityRead> {
  const root = path.join(dataDir, ACTIVITY_DIR);
  const result: ActivityRead = { sources: [], workspaceNames: new Map(), barriers: [], damagedLines: 0, unreadable: [], files: 0 };
  let months: string[];
  try {
    months = (await fs.promises.readdir(root)).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  if (range) months = months.filter((m) => m >= range.fromMonth && m <= range.toMonth);
  for (const month of months) {
    let names: string[];
    try {
      names = (await fs.promises.readdir(path.join(root, month))).filter((n) => n.endsWith('.jsonl')).sort();
    } catch (error) {
      result.unreadable.push({ file: path.join(ACTIVITY_DIR, month), reason: (error as Error).message });
      continue;
    }
    // Synchronous reads: a year is hundreds of small files, and one thread reading them in a row is about
    // twice as fast as queueing them on the thread pool. Callers are the CLI and tools, which wait anyway;
    // the extension host reads through its own cached, asynchronous path (host/historyService.ts).
    names.forEach((name, i) => {
      let text: string;
      try {
        text = fs.readFileSync(path.join(root, month, name), 'utf8');
      } catch (error) {
        result.unreadable.push({ file: path.join(ACTIVITY_DIR, month, names[i]), reason: (error as Error).message });
        return;
      }
      // Every instant must lie in the folder's month and not in the future (docs/data-format.md).
      const decoded = decodeActivity(text, { now, month });
      result.sources.push(decoded.spans);
      result.barriers.push(...decoded.barriers);
      for (const [id, name] of decoded.workspaceNames) result.workspaceNames.set(id, name);
      (result as { damagedLines: number }).damagedLines += decoded.damagedLines;
      (result as { files: number }).files++;
    });
  }
  return result;
}

/** Months 'YYYY-MM' from a to b inclusive. */
export function monthsBetween(a: string, b: string): string[] {
  const out: string[] = [];
  let y = Number(a.slice(0, 4)), m = Number(a.slice(5, 7));
  const endY = Number(b.slice(0, 4)), endM = Number(b.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** A failed append: `unwritten` are the spans (of months not yet written) the caller should keep and retry. */
export class AppendError extends Error {
  readonly code: string | undefined;
  constructor(original: Error, readonly unwritten: Span[]) {
    super(original.message);
    this.code = (original as NodeJS.ErrnoException).code;
  }
}

/**
 * Appends one writer's spans to its own files (never shared with another writer, so several VS Code
 * windows can write at once without locks). Writes are appends of whole lines with O_APPEND.
 */
export class ActivityWriter {
  private readonly encoders = new Map<string, ActivityEncoder>();
  /** Months whose last append failed: the file may end in a cut-off line, so the next append starts a new line. */
  private readonly interrupted = new Set<string>();

  constructor(
    private readonly dataDir: string,
    readonly source: string,
    /** Who writes (vscode, cursor, ...; see core/program.ts), recorded in each file's header. */
    readonly program = 'vscode',
  ) {}

  fileFor(month: string): string {
    return path.join(this.dataDir, ACTIVITY_DIR, month, `${this.source}.jsonl`);
  }

  /** Records that tracking was paused at `instant`, so no idle gap is bridged across it. */
  async appendPause(instant: number): Promise<void> {
    const month = monthFolder(instant);
    const file = this.fileFor(month);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const exists = await fs.promises.stat(file).then(() => true, () => false);
    if (!exists) this.encoders.delete(month);
    const prefix = (exists ? '' : headerLine(this.source, this.program) + '\n') + (this.interrupted.has(month) ? '\n' : '');
    await fs.promises.appendFile(file, prefix + pauseLine(instant) + '\n', 'utf8');
    this.interrupted.delete(month);
  }

  /** Appends spans (in time order). Throws on I/O failure; the caller keeps the spans and retries. */
  async append(spans: readonly Span[], workspaceNames: ReadonlyMap<string, string>): Promise<void> {
    const written = new Set<string>();
    const byMonth = new Map<string, Span[]>();
    for (const s of spans) {
      const m = monthFolder(s.start);
      let list = byMonth.get(m);
      if (!list) byMonth.set(m, (list = []));
      list.push(s);
    }
    for (const [month, list] of byMonth) {
      const file = this.fileFor(month);
      let encoder = this.encoders.get(month);
      let prefix = '';
      // One stat per flush: if the file vanished (the user deleted their data), start it afresh with a
      // header and a new dictionary rather than appending refs that no longer mean anything.
      const exists = await fs.promises.stat(file).then(() => true, () => false);
      if (!encoder || !exists) {
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        // A new encoder starts a fresh dictionary, so a file we did not create this session gets
        // its dictionary lines again (later definitions of the same ref win; both say the same).
        encoder = new ActivityEncoder();
        if (!exists) {
          prefix = headerLine(this.source, this.program) + '\n';
          this.interrupted.delete(month);
        } else {
          // The file may end in a line cut short by someone else's failed write: start a new line
          // (a blank line costs nothing) so our first dictionary line is never glued to it.
          prefix = '\n';
          this.interrupted.delete(month);
        }
      }
      if (this.interrupted.has(month)) prefix += '\n';
      const text = prefix + encoder.encode(list, workspaceNames);
      try {
        await fs.promises.appendFile(file, text, 'utf8');
      } catch (error) {
        // Part of the text may be on disk: forget the dictionary (it may not have landed) and mark the cut.
        this.encoders.delete(month);
        this.interrupted.add(month);
        // Months already written must not be written again: hand back only what is still unwritten.
        const unwritten = spans.filter((sp) => !written.has(monthFolder(sp.start)));
        throw new AppendError(error as Error, unwritten);
      }
      written.add(month);
      this.interrupted.delete(month);
      this.encoders.set(month, encoder);
    }
  }
}

/**
 * Writes a whole file for a one-off source (an import) atomically: a temporary file renamed into place,
 * so a reader never sees half of it and re-importing the same data replaces rather than adds.
 */
export async function writeActivityFile(dataDir: string, source: string, spans: readonly Span[], workspaceNames: ReadonlyMap<string, string>, program = 'vscode'): Promise<string[]> {
  const byMonth = new Map<string, Span[]>();
  for (const s of spans) {
    const m = monthFolder(s.start);
    let list = byMonth.get(m);
    if (!list) byMonth.set(m, (list = []));
    list.push(s);
  }
  const written: string[] = [];
  for (const [month, list] of byMonth) {
    const file = path.join(dataDir, ACTIVITY_DIR, month, `${source}.jsonl`);
    const text = headerLine(source, program) + '\n' + new ActivityEncoder().encode(list, workspaceNames);
    await writeFileAtomic(file, text, { mkdir: true });
    written.push(file);
  }
  return written;
}
