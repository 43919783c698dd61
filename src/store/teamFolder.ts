// The shared team folder and the member id (Node fs; no vscode). Layout: <folder>/<YYYY-MM>/<member>.json.
// Reading treats everything in the folder as hostile: no symlinks, nothing outside the folder, size and
// count caps; what cannot be read is reported, never fatal. Validation itself is in core/team.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import {
  MAX_CONTRIBUTION_BYTES,
  MEMBER_ID_RE,
  serializeContribution,
  type Contribution,
  type ContributionFile,
  type RejectedFile,
} from '../core/team/contribution';

export const TEAM_DIR = 'team';
export const MEMBER_FILE = 'member.json';
/** Files read per report at most; beyond this the rest are listed as one rejection. */
export const MAX_TEAM_FILES = 100_000;
const MONTH_DIR_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const READ_BATCH = 64;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** A new random member id: 16 bytes from the OS generator, 32 hex digits. Never derived from anything. */
export function generateMemberId(): string {
  return randomBytes(16).toString('hex');
}

/** `team/member.json` in the data folder: the random member id, and the role last contributed with. */
export interface MemberFile {
  readonly member: string;
  readonly role?: string;
}

export function memberFilePath(dataDir: string): string {
  return path.join(dataDir, TEAM_DIR, MEMBER_FILE);
}

/** The member id kept in the data folder (`team/member.json`), created on first use. */
export async function loadOrCreateMemberId(dataDir: string): Promise<string> {
  const file = memberFilePath(dataDir);
  const existing = await readMemberFile(dataDir);
  if (existing) return existing.member;
  const member = generateMemberId();
  try {
    // Exclusive: two processes creating it at once cannot both win; the loser reads the winner's id.
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, member }, null, 2)}\n`, { mkdir: true, exclusive: true });
    return member;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const again = await readMemberFile(dataDir);
    if (!again) throw new Error(`${file} exists but holds no valid member id.`, { cause: error });
    return again.member;
  }
}

/** The stored member id (and role), or undefined when there is none or the file is damaged. */
export async function readMemberFile(dataDir: string): Promise<MemberFile | undefined> {
  try {
    const json = JSON.parse(await fs.promises.readFile(memberFilePath(dataDir), 'utf8')) as { member?: unknown; role?: unknown };
    if (typeof json.member !== 'string' || !MEMBER_ID_RE.test(json.member)) return undefined;
    return typeof json.role === 'string' ? { member: json.member, role: json.role } : { member: json.member };
  } catch {
    return undefined;
  }
}

export async function readMemberId(dataDir: string): Promise<string | undefined> {
  return (await readMemberFile(dataDir))?.member;
}

/** Remembers the role next to the member id (atomically), so the next contribution can default to it. */
export async function rememberRole(dataDir: string, member: string, role: string): Promise<void> {
  const file = memberFilePath(dataDir);
  await writeFileAtomic(file, `${JSON.stringify({ version: 1, member, role }, null, 2)}\n`);
}

/**
 * Forgets the member id (after opting out and deleting the contributions): a later opt-in starts with a new
 * id that cannot be linked to the old files.
 */
export async function forgetMemberId(dataDir: string): Promise<void> {
  await fs.promises.rm(memberFilePath(dataDir), { force: true });
}

/** Where a member's contribution for a month goes (relative path, '/' separators). */
export function contributionRelativePath(month: string, member: string): string {
  return `${month}/${member}.json`;
}

async function assertRealDirectory(dir: string, what: string): Promise<void> {
  const st = await fs.promises.lstat(dir);
  if (st.isSymbolicLink()) throw new Error(`${what} ${dir} is a symbolic link; refusing to write through it.`);
  if (!st.isDirectory()) throw new Error(`${what} ${dir} is not a folder.`);
}

/**
 * Writes a contribution atomically: a temporary file in the same month folder (created exclusively, flushed
 * to disk), then renamed over `<member>.json`, so readers see the old file or the new one, never half of one.
 * The team folder must exist; the month folder is created. Returns the absolute path written.
 */
export async function writeContribution(folder: string, contribution: Contribution): Promise<string> {
  if (!MEMBER_ID_RE.test(contribution.member) || !MONTH_DIR_RE.test(contribution.month)) throw new RangeError('Invalid member id or month.');
  await assertRealDirectory(folder, 'Team folder');
  const monthDir = path.join(folder, contribution.month);
  await fs.promises.mkdir(monthDir, { recursive: true });
  await assertRealDirectory(monthDir, 'Month folder');
  const target = path.join(monthDir, `${contribution.member}.json`);
  await writeFileAtomic(target, serializeContribution(contribution), { mode: 0o644 });
  return target;
}

/**
 * Opting out: deletes this member's contributions (`<folder>/<YYYY-MM>/<member>.json`, regular files only).
 * Returns the deleted paths. Files of other members are never touched.
 */
export async function deleteContributions(folder: string, member: string): Promise<string[]> {
  if (!MEMBER_ID_RE.test(member)) throw new RangeError('Invalid member id.');
  const deleted: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return deleted;
    throw error;
  }
  for (const e of entries) {
    if (!e.isDirectory() || !MONTH_DIR_RE.test(e.name)) continue;
    const file = path.join(folder, e.name, `${member}.json`);
    try {
      if (!(await fs.promises.lstat(file)).isFile()) continue;
      await fs.promises.unlink(file);
      deleted.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return deleted.sort();
}

export interface TeamFolderRead {
  /** Candidate contribution files with their text (validation happens in core). */
  readonly files: ContributionFile[];
  /** Entries not read, with the reason. Paths relative to the folder, '/' separators. */
  readonly rejected: RejectedFile[];
}

export interface ReadTeamFolderOptions {
  /** Month folders to read ('YYYY-MM'); all month folders when omitted. JSON files directly in the folder are always read. */
  readonly months?: readonly string[];
  readonly maxFileBytes?: number;
  readonly maxFiles?: number;
}

/**
 * Lists and reads the folder's `*.json` files: those directly in it and those in its `YYYY-MM` folders (one
 * level). Hidden files (temporary files of writers) and other names are skipped silently. Symbolic links
 * (files or folders) are never followed and are listed as rejected; so are non-regular files, files over the
 * size cap, and files beyond the count cap. Each file is opened with O_NOFOLLOW and checked again with fstat,
 * so a file swapped for a link after listing is not followed either. The folder itself may be a link (the
 * caller named it).
 */
export async function readTeamFolder(folder: string, options: ReadTeamFolderOptions = {}): Promise<TeamFolderRead> {
  const maxBytes = options.maxFileBytes ?? MAX_CONTRIBUTION_BYTES;
  const maxFiles = options.maxFiles ?? MAX_TEAM_FILES;
  const wanted = options.months ? new Set(options.months) : undefined;
  const rejected: RejectedFile[] = [];
  const candidates: string[] = [];

  const consider = (rel: string, e: fs.Dirent): 'dir' | 'file' | 'skip' => {
    if (e.name.startsWith('.')) return 'skip';
    if (e.isSymbolicLink()) {
      if (e.name.endsWith('.json') || MONTH_DIR_RE.test(e.name)) rejected.push({ file: rel, reason: 'symbolic link (not followed)' });
      return 'skip';
    }
    if (e.isDirectory()) return 'dir';
    if (!e.name.endsWith('.json')) return 'skip';
    if (!e.isFile()) {
      rejected.push({ file: rel, reason: 'not a regular file' });
      return 'skip';
    }
    return 'file';
  };

  const top = await fs.promises.readdir(folder, { withFileTypes: true });
  top.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of top) {
    const kind = consider(e.name, e);
    if (kind === 'file') candidates.push(e.name);
    else if (kind === 'dir' && MONTH_DIR_RE.test(e.name) && (!wanted || wanted.has(e.name))) {
      let inner: fs.Dirent[];
      try {
        inner = await fs.promises.readdir(path.join(folder, e.name), { withFileTypes: true });
      } catch (error) {
        rejected.push({ file: e.name, reason: `folder not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      inner.sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const f of inner) {
        const rel = `${e.name}/${f.name}`;
        if (consider(rel, f) === 'file') candidates.push(rel); // deeper folders are ignored
      }
    }
  }

  if (candidates.length > maxFiles) {
    rejected.push({ file: candidates[maxFiles], reason: `more than ${maxFiles} files: this one and ${candidates.length - maxFiles - 1} after it not read` });
    candidates.length = maxFiles;
  }

  const files: ContributionFile[] = [];
  for (let i = 0; i < candidates.length; i += READ_BATCH) {
    const batch = candidates.slice(i, i + READ_BATCH);
    const results = await Promise.all(batch.map((rel) => readOne(folder, rel, maxBytes)));
    results.forEach((r, j) => {
      if (typeof r === 'string') files.push({ file: batch[j], text: r });
      else rejected.push({ file: batch[j], reason: r.reason });
    });
  }
  return { files, rejected };
}

async function readOne(folder: string, rel: string, maxBytes: number): Promise<string | { reason: string }> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(path.join(folder, ...rel.split('/')), fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return { reason: 'symbolic link (not followed)' };
    return { reason: `not readable (${code ?? 'error'})` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { reason: 'not a regular file' };
    if (st.size > maxBytes) return { reason: `larger than ${maxBytes} bytes` };
    // Sized from fstat; one read normally suffices. A file growing meanwhile is read on, up to the cap.
    let buffer = Buffer.allocUnsafe(st.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { reason: `larger than ${maxBytes} bytes` };
      if (length < buffer.length) {
        if (length >= st.size) break; // a short read at the known size is the end of the file
        continue;
      }
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    return { reason: `not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    await handle.close();
  }
}
