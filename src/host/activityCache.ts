// The extension's activity reader: the one loader (store/history.ts) over a cache, so a refresh after
// typing reads only what changed. This window's own file is never read back (the model already holds what
// it wrote). Open month folders (this UTC month and the one before) are watched: a refresh re-checks only
// the files another writer touched since, plus everything at most once a minute in case a file system
// does not report changes (network shares). Older months are closed (no writer appends there any more):
// their files are re-checked only when the folder's listing changes or the model is told that data
// changed (an import, a deletion).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTIVITY_DIR, monthFolder } from '../store/activityStore';
import { activityFileNames, activityMonths, readActivityFile, type ActivityFile, type ActivityReader } from '../store/history';
import { SafeReadError } from '../store/safeRead';

interface CachedFile {
  readonly mtimeMs: number;
  readonly size: number;
  readonly file: ActivityFile;
}

interface CachedMonth {
  readonly names: string;
  readonly files: ActivityFile[];
  readonly unreadable: { file: string; reason: string }[];
}

/** Without change events, every open file is re-checked at least this often. */
const FULL_CHECK_MS = 60_000;

export class CachedActivityReader implements ActivityReader {
  private readonly files = new Map<string, CachedFile>();
  private readonly closedMonths = new Map<string, CachedMonth>();
  /** Open month folders watched for changes, with the file names touched since the last read. */
  private readonly watched = new Map<string, { watcher: fs.FSWatcher; dirty: Set<string>; all: boolean; checkedAt: number }>();
  /** File reads and stats of the last refresh (for the benchmark and the log). */
  readonly stats = { reads: 0, stats: 0 };

  constructor(
    private readonly dataDir: string,
    /** This window's own file name (`<source>.jsonl`): never read, its spans come from memory. */
    private readonly ownFile: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Forget everything (data deleted or imported: re-read on the next refresh). */
  invalidate(): void {
    this.files.clear();
    this.closedMonths.clear();
    for (const w of this.watched.values()) w.all = true;
  }

  dispose(): void {
    for (const w of this.watched.values()) w.watcher.close();
    this.watched.clear();
  }

  /**
   * Which files of an open month must be stat'ed now: those another writer touched since the last read (as
   * the folder watcher reported), or all of them when there is no watcher yet or the last full check is old.
   */
  private toCheck(month: string, dir: string): Set<string> | 'all' {
    let w = this.watched.get(month);
    if (!w) {
      try {
        const dirty = new Set<string>();
        const entry = { watcher: fs.watch(dir, { persistent: false }), dirty, all: true, checkedAt: 0 };
        entry.watcher.on('change', (_event, name) => {
          if (typeof name !== 'string') entry.all = true;
          else if (name !== this.ownFile) dirty.add(name);
        });
        entry.watcher.on('error', () => {
          entry.all = true;
          entry.watcher.close();
          this.watched.delete(month);
        });
        this.watched.set(month, (w = entry));
      } catch {
        return 'all'; // no watching here: stat every file, as before
      }
    }
    const now = this.clock();
    if (w.all || now - w.checkedAt >= FULL_CHECK_MS) {
      w.all = false;
      w.checkedAt = now;
      w.dirty.clear();
      return 'all';
    }
    const dirty = new Set(w.dirty);
    w.dirty.clear();
    return dirty;
  }

  months(): Promise<string[]> {
    return activityMonths(this.dataDir);
  }

  async read(month: string): Promise<{ files: ActivityFile[]; unreadable: { file: string; reason: string }[] }> {
    let names: string[];
    try {
      names = (await activityFileNames(this.dataDir, month)).filter((n) => n !== this.ownFile);
    } catch (error) {
      return { files: [], unreadable: [{ file: path.join(ACTIVITY_DIR, month), reason: (error as Error).message }] };
    }
    const closed = month < monthFolder(this.clock() - 32 * 86_400_000);
    const listing = names.join('\n');
    const known = closed ? this.closedMonths.get(month) : undefined;
    if (known && known.names === listing) return known;
    const check = closed ? 'all' : this.toCheck(month, path.join(this.dataDir, ACTIVITY_DIR, month));
    const files: ActivityFile[] = [];
    const unreadable: { file: string; reason: string }[] = [];
    for (const name of names) {
      const full = path.join(this.dataDir, ACTIVITY_DIR, month, name);
      try {
        let cached = this.files.get(full);
        if (cached && check !== 'all' && !check.has(name)) {
          files.push(cached.file); // not touched since it was read
          continue;
        }
        this.stats.stats++;
        const st = await fs.promises.stat(full);
        if (!cached || cached.mtimeMs !== st.mtimeMs || cached.size !== st.size) {
          this.stats.reads++;
          cached = { mtimeMs: st.mtimeMs, size: st.size, file: readActivityFile(this.dataDir, month, name) };
          this.files.set(full, cached);
        }
        files.push(cached.file);
      } catch (error) {
        this.files.delete(full);
        // Removed between listing and reading: simply not part of this read.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error instanceof SafeReadError && error.code === 'ENOENT')) continue;
        unreadable.push({ file: path.join(ACTIVITY_DIR, month, name), reason: error instanceof SafeReadError ? error.reason : (error as Error).message });
      }
    }
    const result = { names: listing, files, unreadable };
    if (closed) this.closedMonths.set(month, result);
    return result;
  }
}
