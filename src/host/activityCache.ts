// The extension's activity reader: the one loader (store/history.ts) over a cache, so a refresh after
// typing reads only what changed. This window's own file is never read back (the model already holds what
// it wrote); other writers' files are re-read when their size or mtime changes; months before the previous
// UTC month are closed (no writer appends there any more), so their files are only re-checked when the
// folder's listing changes or the model is told that data changed (an import, a deletion).
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

export class CachedActivityReader implements ActivityReader {
  private readonly files = new Map<string, CachedFile>();
  private readonly closedMonths = new Map<string, CachedMonth>();
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
    const files: ActivityFile[] = [];
    const unreadable: { file: string; reason: string }[] = [];
    for (const name of names) {
      const full = path.join(this.dataDir, ACTIVITY_DIR, month, name);
      try {
        this.stats.stats++;
        const st = await fs.promises.stat(full);
        let cached = this.files.get(full);
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
