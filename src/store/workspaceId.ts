// Workspace ids every program can reproduce (FORMAT-V2.md "Workspace id"): 12 hex digits of SHA-256 of the
// folder's real, absolute path. A shell gets the same id with `printf %s "$root" | sha256sum | cut -c1-12`.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The id of a folder given its canonical path (see canonicalFolderPath). */
export function workspaceIdOfPath(canonicalPath: string): string {
  return createHash('sha256').update(canonicalPath, 'utf8').digest('hex').slice(0, 12);
}

/** The id workspaces had before version 2: a hash of the folder URI's string form (kept for alias lines). */
export function legacyWorkspaceId(folderUri: string): string {
  return createHash('sha256').update(folderUri, 'utf8').digest('hex').slice(0, 12);
}

/**
 * Real path (symlinks resolved; the path itself when it cannot be resolved, e.g. a folder on another
 * machine), absolute, no trailing separator, and on Windows with a lower-case drive letter.
 */
export function canonicalFolderPath(folder: string, platform: NodeJS.Platform = process.platform): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  let real = p.resolve(folder);
  try {
    real = fs.realpathSync.native(real);
  } catch {
    // Not on this machine (remote window) or gone: the absolute path is the best we have.
  }
  if (real.length > 1 && /[\\/]$/.test(real) && !/^[A-Za-z]:[\\/]$/.test(real)) real = real.replace(/[\\/]+$/, '');
  if (platform === 'win32' && /^[A-Z]:/.test(real)) real = real[0].toLowerCase() + real.slice(1);
  return real;
}

export function workspaceIdOfFolder(folder: string, platform: NodeJS.Platform = process.platform): string {
  return workspaceIdOfPath(canonicalFolderPath(folder, platform));
}
