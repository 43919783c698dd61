// The shared team folder (Node fs; no vscode). Layout (docs/team-format.md):
//   team.json                      signed by the steward: team id, public keys, privacy settings
//   roster.json                    append-only, every entry signed by the steward
//   requests/<fingerprint>.json    join requests: a member's public key only
//   <YYYY-MM>/<random>.sealed      sealed contributions (ciphertext)
//   <YYYY-MM>/<member id>.json     version-1 plaintext files (legacy; read for the setup month only)
// Reading treats everything in the folder as hostile: no symlinks, nothing outside the folder, size caps per
// file, and a memory budget for the whole folder (files are streamed in small batches, never all held).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';
import { MAX_CONTRIBUTION_BYTES, MEMBER_ID_RE, serializeContribution, type Contribution, type ContributionFile, type RejectedFile } from '../core/team/contribution';
import { MAX_SEALED_BYTES } from './teamCrypto';

export const TEAM_DIR = 'team';
export const TEAM_FILE = 'team.json';
export const ROSTER_FILE = 'roster.json';
export const REQUESTS_DIR = 'requests';
export const SEALED_EXT = '.sealed';
/** Files read per report at most; beyond this the rest are listed as one rejection. */
export const MAX_TEAM_FILES = 100_000;
/** Bytes read per report at most (the whole folder): 10,000 sealed files are about 40 MB. */
export const MAX_TEAM_BYTES = 256 * 1024 * 1024;
/** team.json and a join request are small; the roster grows by about 400 bytes per member. */
export const MAX_TEAM_JSON_BYTES = 64 * 1024;
export const MAX_ROSTER_BYTES = 64 * 1024 * 1024;
export const MAX_REQUESTS = 10_000;
const MONTH_DIR_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const READ_BATCH = 64;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** Refuses a folder that is a link or not a folder (the team folder the user named may itself be a link). */
async function assertRealDirectory(dir: string, what: string): Promise<void> {
  const st = await fs.promises.lstat(dir);
  if (st.isSymbolicLink()) throw new Error(`${what} ${dir} is a symbolic link; refusing to write through it.`);
  if (!st.isDirectory()) throw new Error(`${what} ${dir} is not a folder.`);
}

/** Writes a file of the team folder atomically, readable by the team (0644), into a real (non-link) subfolder. */
async function writeInFolder(folder: string, rel: string, text: string): Promise<string> {
  await assertRealDirectory(await fs.promises.realpath(folder), 'Team folder');
  const parts = rel.split('/');
  let dir = folder;
  for (const p of parts.slice(0, -1)) {
    dir = path.join(dir, p);
    await fs.promises.mkdir(dir, { recursive: true });
    await assertRealDirectory(dir, 'Folder');
  }
  const target = path.join(folder, ...parts);
  await writeFileAtomic(target, text, { mode: 0o644 });
  return target;
}

export async function writeTeamText(folder: string, name: typeof TEAM_FILE | typeof ROSTER_FILE, text: string): Promise<string> {
  return writeInFolder(folder, name, text);
}

/** Reads team.json or roster.json; undefined when absent; throws SafeReadError when unreadable. */
export async function readTeamText(folder: string, name: typeof TEAM_FILE | typeof ROSTER_FILE): Promise<string | undefined> {
  try {
    return (await readFileSafe(path.join(folder, name), { maxBytes: name === TEAM_FILE ? MAX_TEAM_JSON_BYTES : MAX_ROSTER_BYTES, within: folder })).toString('utf8');
  } catch (error) {
    if (error instanceof SafeReadError && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

export function requestRelativePath(fingerprint: string): string {
  return `${REQUESTS_DIR}/${fingerprint}.json`;
}

export async function writeJoinRequest(folder: string, fingerprint: string, text: string): Promise<string> {
  return writeInFolder(folder, requestRelativePath(fingerprint), text);
}

/** The join requests' texts (at most MAX_REQUESTS, 8 KB each; links and other entries skipped). */
export async function readJoinRequests(folder: string): Promise<{ file: string; text: string }[]> {
  const dir = path.join(folder, REQUESTS_DIR);
  let entries: fs.Dirent[];
  try {
    if ((await fs.promises.lstat(dir)).isSymbolicLink()) return [];
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names = entries.filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.')).map((e) => e.name).sort().slice(0, MAX_REQUESTS);
  const out: { file: string; text: string }[] = [];
  const buffer = Buffer.allocUnsafe(8 * 1024 + 1);
  for (let i = 0; i < names.length; i++) {
    if (i > 0 && i % READ_BATCH === 0) await yieldToLoop();
    const r = readOneSync(folder, `${REQUESTS_DIR}/${names[i]}`, 8 * 1024, buffer);
    if (typeof r === 'string') out.push({ file: `${REQUESTS_DIR}/${names[i]}`, text: r });
  }
  return out;
}

/** A fresh file name for a month's sealed contribution (random: it says nothing about the member). */
export function newSealedRelativePath(month: string): string {
  if (!MONTH_DIR_RE.test(month)) throw new RangeError(`Not a month: ${month}`);
  return `${month}/${randomBytes(16).toString('hex')}${SEALED_EXT}`;
}

const SEALED_REL_RE = /^\d{4}-(0[1-9]|1[0-2])\/[0-9a-f]{32}\.sealed$/;

/** Deletes the regular files at `rels` (relative, '/'-separated); links and missing files are skipped. */
async function unlinkRegularFiles(folder: string, rels: readonly string[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const rel of rels) {
    const file = path.join(folder, ...rel.split('/'));
    try {
      if (!(await fs.promises.lstat(file)).isFile()) continue;
      await fs.promises.unlink(file);
      deleted.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return deleted;
}

export async function writeSealed(folder: string, rel: string, text: string): Promise<string> {
  if (!SEALED_REL_RE.test(rel)) throw new RangeError(`Not a sealed contribution path: ${rel}`);
  return writeInFolder(folder, rel, text);
}

/**
 * Deletes the given files of the folder (a member's own sealed files and join request, from their send log).
 * Only paths of the two shapes the product writes are accepted; links and missing files are skipped.
 */
export async function deleteOwnFiles(folder: string, rels: readonly string[]): Promise<string[]> {
  const deleted = await unlinkRegularFiles(folder, rels.filter((rel) => SEALED_REL_RE.test(rel) || /^requests\/[a-z2-7-]{19}\.json$/.test(rel)));
  return deleted.sort();
}

// ---------------------------------------------------------------------------------------------------------
// Legacy (version 1) plaintext files.

/** Where a legacy member's contribution for a month is (relative path, '/' separators). */
export function contributionRelativePath(month: string, member: string): string {
  return `${month}/${member}.json`;
}

/** Writes a version-1 plaintext file. Only tests and benchmarks use it now (migration fixtures). */
export async function writeContribution(folder: string, contribution: Contribution): Promise<string> {
  if (!MEMBER_ID_RE.test(contribution.member) || !MONTH_DIR_RE.test(contribution.month)) throw new RangeError('Invalid member id or month.');
  return writeInFolder(folder, contributionRelativePath(contribution.month, contribution.member), serializeContribution(contribution));
}

/** Deletes a legacy member's version-1 files (`<YYYY-MM>/<member>.json`, regular files only). */
export async function deleteContributions(folder: string, member: string): Promise<string[]> {
  if (!MEMBER_ID_RE.test(member)) throw new RangeError('Invalid member id.');
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const rels = entries.filter((e) => e.isDirectory() && MONTH_DIR_RE.test(e.name)).map((e) => `${e.name}/${member}.json`);
  return (await unlinkRegularFiles(folder, rels)).sort();
}

// ---------------------------------------------------------------------------------------------------------
// Scanning month folders within a budget.

export interface ScanOptions {
  /** Month folders to read ('YYYY-MM'); all when omitted. */
  readonly months?: readonly string[];
  readonly maxFiles?: number;
  readonly maxTotalBytes?: number;
}

export interface ScannedFile extends ContributionFile {
  readonly format: 'sealed' | 'legacy';
}

/**
 * Lists `<YYYY-MM>/*.sealed` and `<YYYY-MM>/*.json` (one level) and hands each file's text to `onFile` as it
 * is read, so memory holds one file, never the folder (the event loop gets a turn every 64 files). Hidden files are skipped silently; symbolic
 * links (files or month folders) are not followed; non-regular files, files over their size cap (16 KB sealed,
 * 64 KB legacy), files beyond `maxFiles`, and files once `maxTotalBytes` is spent are rejected with reasons.
 * Files are opened with O_NOFOLLOW | O_NONBLOCK and re-checked with fstat (see readOneSync).
 */
export async function scanTeamFolder(folder: string, options: ScanOptions, onFile: (file: ScannedFile) => void | Promise<void>): Promise<RejectedFile[]> {
  const maxFiles = options.maxFiles ?? MAX_TEAM_FILES;
  let budget = options.maxTotalBytes ?? MAX_TEAM_BYTES;
  const wanted = options.months ? new Set(options.months) : undefined;
  const rejected: RejectedFile[] = [];
  const candidates: { rel: string; format: 'sealed' | 'legacy' }[] = [];
  const top = await fs.promises.readdir(folder, { withFileTypes: true });
  top.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of top) {
    if (!MONTH_DIR_RE.test(e.name) || (wanted && !wanted.has(e.name))) continue;
    if (e.isSymbolicLink()) {
      rejected.push({ file: e.name, reason: 'symbolic link (not followed)' });
      continue;
    }
    if (!e.isDirectory()) continue;
    let inner: fs.Dirent[];
    try {
      inner = await fs.promises.readdir(path.join(folder, e.name), { withFileTypes: true });
    } catch (error) {
      rejected.push({ file: e.name, reason: `folder not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    inner.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const f of inner) {
      if (f.name.startsWith('.')) continue;
      const format = f.name.endsWith(SEALED_EXT) ? 'sealed' : f.name.endsWith('.json') ? 'legacy' : undefined;
      if (!format) continue;
      const rel = `${e.name}/${f.name}`;
      if (f.isSymbolicLink()) rejected.push({ file: rel, reason: 'symbolic link (not followed)' });
      else if (!f.isFile()) rejected.push({ file: rel, reason: 'not a regular file' });
      else candidates.push({ rel, format });
    }
  }
  if (candidates.length > maxFiles) {
    rejected.push({ file: candidates[maxFiles].rel, reason: `more than ${maxFiles} files: this one and ${candidates.length - maxFiles - 1} after it not read` });
    candidates.length = maxFiles;
  }
  // One reusable buffer of the largest cap: a file's text is the only allocation per file.
  const buffer = Buffer.allocUnsafe(Math.max(MAX_SEALED_BYTES, MAX_CONTRIBUTION_BYTES) + 1);
  for (let i = 0; i < candidates.length; i++) {
    if (i > 0 && i % READ_BATCH === 0) await yieldToLoop();
    const c = candidates[i];
    const r = readOneSync(folder, c.rel, c.format === 'sealed' ? MAX_SEALED_BYTES : MAX_CONTRIBUTION_BYTES, buffer);
    if (typeof r !== 'string') rejected.push({ file: c.rel, reason: r.reason });
    else if (budget - r.length < 0) rejected.push({ file: c.rel, reason: `the folder's reading budget of ${Math.round((options.maxTotalBytes ?? MAX_TEAM_BYTES) / 1048576)} MB is spent` });
    else {
      budget -= r.length;
      // A promise means "wait before reading more" (files waiting for a worker thread are bounded).
      const wait = onFile({ file: c.rel, text: r, format: c.format });
      if (wait) await wait;
    }
  }
  return rejected;
}

export interface TeamFolderRead {
  readonly files: ContributionFile[];
  readonly rejected: RejectedFile[];
}

/** Legacy reader of version-1 files (tests, migration): all `<YYYY-MM>/*.json` texts at once. */
export async function readTeamFolder(folder: string, options: ScanOptions = {}): Promise<TeamFolderRead> {
  const files: ContributionFile[] = [];
  const rejected = await scanTeamFolder(folder, options, (f) => {
    if (f.format === 'legacy') files.push({ file: f.file, text: f.text });
  });
  return { files, rejected };
}

/** Lets other work of the event loop run between batches (the extension host stays responsive). */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Reads one small file of the team folder into `buffer` (at least maxBytes + 1 long) and returns its text.
 * Synchronous on purpose: four system calls, where the promise API costs a thread-pool round trip each and a
 * FileHandle (a third of a 10,000-file report's CPU). Opened with O_NOFOLLOW | O_NONBLOCK, so a link is refused
 * and a FIFO cannot block; fstat on the open descriptor refuses anything but a regular file within the cap.
 */
function readOneSync(folder: string, rel: string, maxBytes: number, buffer: Buffer): string | { reason: string } {
  let fd: number;
  try {
    fd = fs.openSync(path.join(folder, ...rel.split('/')), fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return { reason: 'symbolic link (not followed)' };
    return { reason: `not readable (${code ?? 'error'})` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { reason: 'not a regular file' };
    if (st.size > maxBytes) return { reason: `larger than ${maxBytes} bytes` };
    let length = 0;
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, length, maxBytes + 1 - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { reason: `larger than ${maxBytes} bytes` };
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    return { reason: `not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}
