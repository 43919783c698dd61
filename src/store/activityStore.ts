// Reading and writing activity files (format in activityFormat.ts). Node fs only; no vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAnyCategory, type Span } from '../core/types';
import { ActivityEncoder, headerLine, pauseLine } from './activityFormat';
import { writeFileAtomic } from './atomicWrite';
import { aliasLine } from './beatLine';

export const ACTIVITY_DIR = 'activity';
/** Largest activity file read: a month of one window is well under 1 MB, a busy imported month a few MB. */
export const MAX_ACTIVITY_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Bounds every loader applies to decoded spans, whatever the decoder let through: instants from 2000 to
 * 2100, at most one day long, a known category. They keep every later step (timelines, date formatting)
 * inside JavaScript's date range and linear in the real data; what falls outside is counted as damaged.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);
export const MAX_SPAN_MS = 86_400_000;

export function isSaneSpan(s: Span): boolean {
  return Number.isFinite(s.start) && Number.isFinite(s.end) && s.start >= EARLIEST_INSTANT && s.end <= LATEST_INSTANT &&
    s.end >= s.start && s.end - s.start <= MAX_SPAN_MS && isAnyCategory(s.category) &&
    typeof s.language === 'string' && typeof s.workspaceId === 'string';
}

export const isSaneInstant = (t: number): boolean => Number.isFinite(t) && t >= EARLIEST_INSTANT && t <= LATEST_INSTANT;

/** The spans and barriers inside the bounds above, and how many were not. */
export function saneActivity(spans: readonly Span[], barriers: readonly number[]): { spans: Span[]; barriers: number[]; dropped: number } {
  const keptSpans = spans.filter(isSaneSpan), keptBarriers = barriers.filter(isSaneInstant);
  return { spans: keptSpans, barriers: keptBarriers, dropped: spans.length - keptSpans.length + barriers.length - keptBarriers.length };
}

/** UTC month of an instant, the folder a span starting then is written to. */
export function monthFolder(instant: number): string {
  return new Date(instant).toISOString().slice(0, 7);
}

/** Spans grouped by the UTC month folder they are written to (in order). */
function spansByMonth(spans: readonly Span[]): Map<string, Span[]> {
  const byMonth = new Map<string, Span[]>();
  for (const s of spans) {
    const m = monthFolder(s.start);
    let list = byMonth.get(m);
    if (!list) byMonth.set(m, (list = []));
    list.push(s);
  }
  return byMonth;
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
  /** New workspace id -> old id (hash of the folder URI), written once per file as an alias line. */
  private readonly aliases = new Map<string, string>();
  private readonly aliased = new Map<string, Set<string>>();

  /** Remembers that `newId` was `oldId` before workspace ids hashed the real path (FORMAT-V2.md). */
  addAlias(oldId: string, newId: string): void {
    if (oldId && newId && oldId !== newId) this.aliases.set(newId, oldId);
  }

  private aliasLines(month: string, spans: readonly Span[]): string {
    if (this.aliases.size === 0) return '';
    let done = this.aliased.get(month);
    if (!done) this.aliased.set(month, (done = new Set()));
    let out = '';
    for (const s of spans) {
      const old = this.aliases.get(s.workspaceId);
      if (old === undefined || done.has(s.workspaceId)) continue;
      done.add(s.workspaceId);
      out += aliasLine(old, s.workspaceId) + '\n';
    }
    return out;
  }

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
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const exists = await fs.promises.stat(file).then(() => true, () => false);
    if (!exists) this.encoders.delete(month);
    const prefix = (exists ? '' : headerLine(this.source, this.program) + '\n') + (this.interrupted.has(month) ? '\n' : '');
    await fs.promises.appendFile(file, prefix + pauseLine(instant) + '\n', { encoding: 'utf8', mode: 0o600 });
    this.interrupted.delete(month);
  }

  /** Appends spans (in time order). Throws on I/O failure; the caller keeps the spans and retries. */
  async append(spans: readonly Span[], workspaceNames: ReadonlyMap<string, string>): Promise<void> {
    const written = new Set<string>();
    const byMonth = spansByMonth(spans);
    for (const [month, list] of byMonth) {
      const file = this.fileFor(month);
      let encoder = this.encoders.get(month);
      let prefix = '';
      // One stat per flush: if the file vanished (the user deleted their data), start it afresh with a
      // header and a new dictionary rather than appending refs that no longer mean anything.
      const exists = await fs.promises.stat(file).then(() => true, () => false);
      if (!encoder || !exists) {
        await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        // A new encoder starts a fresh dictionary, so a file we did not create this session gets
        // its dictionary lines again (later definitions of the same ref win; both say the same).
        encoder = new ActivityEncoder();
        this.aliased.delete(month);
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
      const text = prefix + this.aliasLines(month, list) + encoder.encode(list, workspaceNames);
      try {
        await fs.promises.appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
      } catch (error) {
        // Part of the text may be on disk: forget the dictionary (it may not have landed) and mark the cut.
        this.encoders.delete(month);
        this.aliased.delete(month);
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

  /**
   * The synchronous twin of append, for the last moments of a process (deactivate, 'exit', a signal),
   * when nothing asynchronous will run again. While an asynchronous append may still be in flight, the
   * spans go to a sibling file (`<source>.last.jsonl`, with its own header and dictionary), so neither
   * write can change what the other's dictionary references mean. Readers merge both, as any two files.
   */
  appendSync(spans: readonly Span[], workspaceNames: ReadonlyMap<string, string>, options: { asyncInFlight: boolean }): void {
    const byMonth = spansByMonth(spans);
    const written = new Set<string>();
    for (const [month, list] of byMonth) {
      const file = options.asyncInFlight ? path.join(this.dataDir, ACTIVITY_DIR, month, `${this.source}.last.jsonl`) : this.fileFor(month);
      const exists = fs.existsSync(file);
      let encoder = options.asyncInFlight ? undefined : this.encoders.get(month);
      let prefix = '';
      try {
        if (!encoder || !exists) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          encoder = new ActivityEncoder();
          prefix = exists ? '\n' : headerLine(this.source, this.program) + '\n';
        } else if (this.interrupted.has(month)) prefix = '\n';
        fs.appendFileSync(file, prefix + encoder.encode(list, workspaceNames), 'utf8');
      } catch (error) {
        if (!options.asyncInFlight) {
          this.encoders.delete(month);
          this.interrupted.add(month);
        }
        throw new AppendError(error as Error, spans.filter((sp) => !written.has(monthFolder(sp.start))));
      }
      written.add(month);
      if (!options.asyncInFlight) {
        this.interrupted.delete(month);
        this.encoders.set(month, encoder);
      }
    }
  }
}

/**
 * Writes a whole file for a one-off source (an import) atomically: a temporary file renamed into place,
 * so a reader never sees half of it and re-importing the same data replaces rather than adds.
 */
export async function writeActivityFile(dataDir: string, source: string, spans: readonly Span[], workspaceNames: ReadonlyMap<string, string>, program = 'vscode'): Promise<string[]> {
  const byMonth = spansByMonth(spans);
  const written: string[] = [];
  for (const [month, list] of byMonth) {
    const file = path.join(dataDir, ACTIVITY_DIR, month, `${source}.jsonl`);
    const text = headerLine(source, program) + '\n' + new ActivityEncoder().encode(list, workspaceNames);
    await writeFileAtomic(file, text, { mkdir: true });
    written.push(file);
  }
  return written;
}
