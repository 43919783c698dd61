// The one way the product reads a file it did not just write: regular files only (a FIFO, device or socket
// is refused without blocking), the size checked before reading, symlinks followed only when their real
// path stays inside an allowed folder.
import * as fs from 'node:fs';
import * as path from 'node:path';

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

export class SafeReadError extends Error {
  constructor(
    readonly file: string,
    /** Short reason for people: "not a regular file", "larger than 10 MB", "outside the data folder"… */
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'SafeReadError';
  }
}

export interface SafeReadOptions {
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
  /** When given, the file's real path (symlinks resolved) must lie inside this folder's real path. */
  readonly within?: string;
}

/** Refuses anything but a regular file of at most `max` bytes (checked on the open handle, so no race). */
function checkStat(st: fs.Stats, file: string, max: number): void {
  if (!st.isFile()) throw new SafeReadError(file, 'not a regular file');
  if (st.size > max) throw new SafeReadError(file, `larger than ${formatBytes(max)}`);
}

/** Reads to the end, growing the buffer as needed but never past `max` (a file growing meanwhile stops there). */
function readAll(file: string, size: number, max: number, read: (buffer: Buffer, offset: number) => number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(size, max) + 1);
  let length = 0;
  for (;;) {
    const bytesRead = read(buffer, length);
    if (bytesRead === 0) return buffer.subarray(0, length);
    length += bytesRead;
    if (length > max) throw new SafeReadError(file, `larger than ${formatBytes(max)}`);
    if (length < buffer.length) continue;
    const grown = Buffer.allocUnsafe(Math.min(max + 1, buffer.length * 2));
    buffer.copy(grown, 0, 0, length);
    buffer = grown;
  }
}

function failure(file: string, error: unknown): SafeReadError {
  if (error instanceof SafeReadError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new SafeReadError(file, describeCode(code), code);
}

/**
 * Reads a whole regular file as bytes. Opened with O_NONBLOCK so a FIFO cannot hang the open; then fstat
 * on the open handle refuses anything but a regular file and anything larger than `maxBytes`; a file that
 * grows while being read stops at the cap. Throws SafeReadError. The size check comes before any read, so
 * the file's content is the only allocation, and its stat is of the handle actually read.
 */
export async function readFileSafe(file: string, options: SafeReadOptions): Promise<Buffer> {
  if (options.within !== undefined) await assertWithin(file, options.within);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    throw failure(file, error);
  }
  try {
    const st = await handle.stat();
    checkStat(st, file, options.maxBytes);
    // Regular files never block, so reading the handle's fd synchronously is safe and keeps one loop.
    return readAll(file, st.size, options.maxBytes, (buffer, offset) => fs.readSync(handle.fd, buffer, offset, buffer.length - offset, offset));
  } catch (error) {
    throw failure(file, error);
  } finally {
    await handle.close();
  }
}

/** The synchronous twin (for readers that batch many small files, see store/history.ts). */
export function readFileSafeSync(file: string, options: SafeReadOptions): Buffer {
  if (options.within !== undefined) assertWithinSync(file, options.within);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    throw failure(file, error);
  }
  try {
    const st = fs.fstatSync(fd);
    checkStat(st, file, options.maxBytes);
    return readAll(file, st.size, options.maxBytes, (buffer, offset) => fs.readSync(fd, buffer, offset, buffer.length - offset, offset));
  } catch (error) {
    throw failure(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Symlinks are judged by their real paths: the file must resolve inside `folder` (itself resolved). */
async function assertWithin(file: string, folder: string): Promise<void> {
  let real: string, root: string;
  try {
    [real, root] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(folder)]);
  } catch (error) {
    throw failure(file, error);
  }
  if (!isInside(real, root)) throw new SafeReadError(file, 'a link that leads outside the data folder');
}

function assertWithinSync(file: string, folder: string): void {
  let real: string;
  try {
    // The native realpath(3): one call, not a JS lstat per path component (a year is hundreds of files).
    real = fs.realpathSync.native(file);
    folder = fs.realpathSync.native(folder);
  } catch (error) {
    throw failure(file, error);
  }
  if (!isInside(real, folder)) throw new SafeReadError(file, 'a link that leads outside the data folder');
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function formatBytes(n: number): string {
  return n >= 1 << 20 ? `${Math.round(n / (1 << 20))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/** "ENOENT: not found", "EACCES: permission denied", …: the code first, as Node's own messages put it. */
function describeCode(code: string | undefined): string {
  const words: Record<string, string> = { ENOENT: 'not found', EACCES: 'permission denied', EPERM: 'not permitted', EISDIR: 'a folder', ELOOP: 'too many symbolic links', ENOTDIR: 'not in a folder' };
  return code ? `${code}: ${words[code] ?? 'not readable'}` : 'not readable';
}
