// The one way the product replaces a file: readers see the old content or the new, never half of either,
// and a failure (full disk, crash, a symlink planted in the way) leaves neither a temporary file behind nor
// anything written through a link.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of a new file (default 0o600: data files are private to the user). */
  readonly mode?: number;
  /** Refuse to replace an existing file (EEXIST). */
  readonly exclusive?: boolean;
  /** Create missing parent folders (mode 0o700). */
  readonly mkdir?: boolean;
}

/**
 * Writes `data` to `file` atomically:
 * 1. an exclusive temporary file with an unpredictable name in the same folder (`O_EXCL`, so a planted file
 *    or symlink of that name makes it fail instead of writing through it);
 * 2. the data written and fsync'ed;
 * 3. renamed over the target (a symlink at the target is replaced, never followed), then the folder fsync'ed;
 * 4. on any failure the temporary file is removed and the error rethrown (the old file is untouched).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  if (options.mkdir) await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file).slice(0, 64)}.${randomBytes(8).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(temp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0), options.mode ?? 0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.exclusive) {
      // link() fails with EEXIST instead of replacing: the exclusive create of the final name, still atomic.
      await fs.promises.link(temp, file);
      await fs.promises.rm(temp, { force: true });
    } else {
      await fs.promises.rename(temp, file);
    }
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/** The synchronous twin, for the few places that must finish before the process goes away. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = path.dirname(file);
  if (options.mkdir) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file).slice(0, 64)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0), options.mode ?? 0o600);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (options.exclusive) {
      fs.linkSync(temp, file);
      fs.rmSync(temp, { force: true });
    } else {
      fs.renameSync(temp, file);
    }
  } catch (error) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* already failing */ }
    try { fs.rmSync(temp, { force: true }); } catch { /* already failing */ }
    throw error;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
  } catch { /* folders cannot be fsync'ed on every platform (Windows) */ }
}

/** Makes a rename durable; a no-op where folders cannot be opened (Windows). */
async function syncDir(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here: the rename is still atomic, only its durability is the OS's.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** True for errors that mean "the disk (or quota) is full". */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
