// Moves history from the old per-editor folders (each VS Code build's globalStorage) into the one data
// folder (docs/data-format.md "Migration"). Run at every start: an older copy of the extension in another
// build may still be writing there. Every step is idempotent, so a crash halfway is finished by the next run:
// - activity files move by hard link + unlink (never copy-then-delete without a check): link() fails if
//   the name is taken, so two editors moving the same file at once cannot both win or lose it;
// - small JSON files (controls, warnings, meetings, time off, calendar sources) merge by union/max rules,
//   under a lock file, and the old file is removed only after the merged one is on disk;
// - everything else moves when the target has no file of that name, else stays (listed in the note).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe } from './safeRead';

export const MOVED_NOTE = 'MOVED-TO-craft-time.txt';
export const MIGRATION_LOCK = path.join('state', 'migration.lock');
/** A lock older than this belongs to a process that died: it is taken over. */
export const STALE_LOCK_MS = 60_000;
const MAX_BYTES = 256 * 1024 * 1024;

export interface MigrationReport {
  /** Old folders that existed and were looked at. */
  readonly sources: string[];
  /** Files moved or merged in, relative to their old folder. */
  readonly moved: number;
  /** Old files dropped because the data folder already had the same content. */
  readonly duplicates: number;
  /** Old files kept under a new name because a different file of the same name was already there. */
  readonly renamed: number;
  /** Old files left where they were (the data folder's own copy wins); relative paths. */
  readonly left: string[];
  /** Things that failed (the next start tries again). */
  readonly problems: string[];
  /** True when another process held the lock: nothing was done now. */
  readonly busy: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Merges every existing old folder into `target`. Never throws; problems are listed in the report. */
export async function migrateLegacyFolders(target: string, oldFolders: readonly string[], now: () => number = Date.now): Promise<MigrationReport> {
  const report: Mutable<MigrationReport> = { sources: [], moved: 0, duplicates: 0, renamed: 0, left: [], problems: [], busy: false };
  const existing: string[] = [];
  const targetReal = await fs.promises.realpath(target).catch(() => path.resolve(target));
  for (const folder of new Set(oldFolders.map((f) => path.resolve(f)))) {
    const real = await fs.promises.realpath(folder).catch(() => undefined);
    if (!real || real === targetReal || isInsideOrSame(targetReal, real) || isInsideOrSame(real, targetReal)) continue;
    if (await hasData(real)) existing.push(folder);
  }
  if (existing.length === 0) return report;
  await fs.promises.mkdir(path.join(target, 'state'), { recursive: true, mode: 0o700 });
  const unlock = await lock(target, now);
  if (!unlock) return { ...report, busy: true };
  try {
    for (const folder of existing) {
      report.sources.push(folder);
      const before = { moved: report.moved, duplicates: report.duplicates, renamed: report.renamed, left: report.left.length };
      try {
        await migrateFolder(folder, target, report);
      } catch (error) {
        report.problems.push(`${folder}: ${(error as Error).message}`);
      }
      const did = report.moved + report.duplicates + report.renamed > before.moved + before.duplicates + before.renamed;
      if (did || report.left.length > before.left) await writeNote(folder, target, report.left.slice(before.left), now()).catch((e: Error) => report.problems.push(e.message));
    }
  } finally {
    await unlock();
  }
  return report;
}

function isInsideOrSame(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** True when the folder holds anything but our note. */
async function hasData(folder: string): Promise<boolean> {
  const names = await fs.promises.readdir(folder).catch(() => [] as string[]);
  return names.some((n) => n !== MOVED_NOTE);
}

async function lock(target: string, now: () => number): Promise<(() => Promise<void>) | undefined> {
  const file = path.join(target, MIGRATION_LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.promises.open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => fs.promises.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const st = await fs.promises.stat(file).catch(() => undefined);
      if (st && now() - st.mtimeMs < STALE_LOCK_MS) return undefined;
      await fs.promises.rm(file, { force: true });
    }
  }
  return undefined;
}

/** How each kind of file comes in. */
type Rule = 'activity' | 'json-merge' | 'move-if-absent' | 'skip';

function ruleFor(relative: string): Rule {
  const parts = relative.split(path.sep);
  const name = parts[parts.length - 1];
  if (name === MOVED_NOTE || name.endsWith('.tmp') || name === 'migration.lock') return 'skip';
  if (parts[0] === 'state' && (parts[1] === 'warning-claims' || parts[1] === 'paused' || parts[1] === 'excluded')) return 'skip'; // transient / derived
  if (parts[0] === 'activity' && parts.length === 3 && /^\d{4}-\d{2}$/.test(parts[1]) && name.endsWith('.jsonl')) return 'activity';
  if (JSON_MERGES[relative.split(path.sep).join('/')]) return 'json-merge';
  return 'move-if-absent';
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join((e as fs.Dirent & { parentPath?: string }).parentPath ?? e.path, e.name)))
    .sort();
}

async function migrateFolder(folder: string, target: string, report: Mutable<MigrationReport>): Promise<void> {
  for (const rel of await listFiles(folder)) {
    const from = path.join(folder, rel), to = path.join(target, rel);
    const rule = ruleFor(rel);
    try {
      if (rule === 'skip') continue;
      if (rule === 'activity') await moveActivityFile(from, to, report);
      else if (rule === 'json-merge') await mergeJsonFile(from, to, JSON_MERGES[rel.split(path.sep).join('/')], report, rel);
      else await moveIfAbsent(from, to, report, rel);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // another process moved it first
      report.problems.push(`${rel}: ${(error as Error).message}`);
    }
  }
  await removeEmptyFolders(folder);
}

/**
 * One activity file. The same name in the data folder: identical content (or the very same file) → the old
 * one is dropped; the old one a prefix of the new → dropped (nothing in it is missing); the new one a strict
 * prefix of the old (an old window kept appending after a copy) → the old content replaces it; otherwise
 * both are kept, the old under `<name>.from-<8 hex>.jsonl`. Even then nothing is counted twice: the reader
 * merges all files into one timeline, where overlapping spans count once.
 */
export async function moveActivityFile(from: string, to: string, report: Mutable<MigrationReport>): Promise<void> {
  if (await moveByLink(from, to, report)) return;
  const [a, b] = await Promise.all([fs.promises.stat(from), fs.promises.stat(to)]);
  if (a.ino === b.ino && a.dev === b.dev) {
    await fs.promises.rm(from, { force: true }); // a crash after link, before unlink
    report.duplicates++;
    return;
  }
  const [oldText, newText] = await Promise.all([readFileSafe(from, { maxBytes: MAX_BYTES }), readFileSafe(to, { maxBytes: MAX_BYTES })]);
  if (oldText.equals(newText) || isPrefix(oldText, newText)) {
    await fs.promises.rm(from, { force: true });
    report.duplicates++;
    return;
  }
  if (isPrefix(newText, oldText)) {
    await writeFileAtomic(to, oldText);
    await fs.promises.rm(from, { force: true });
    report.moved++;
    return;
  }
  const hash = createHash('sha256').update(oldText).digest('hex').slice(0, 8);
  const renamed = to.replace(/\.jsonl$/, `.from-${hash}.jsonl`);
  if (!(await linkExclusive(from, renamed))) {
    const there = await readFileSafe(renamed, { maxBytes: MAX_BYTES });
    if (!there.equals(oldText)) throw new Error(`${renamed} exists with other content`);
  }
  await fs.promises.rm(from, { force: true });
  report.renamed++;
}

function isPrefix(short: Buffer, long: Buffer): boolean {
  return short.length < long.length && long.subarray(0, short.length).equals(short);
}

/**
 * Gives `from` the name `to` unless `to` exists (false then). A hard link where the file system allows it;
 * across devices (EXDEV) or where links are not supported, an exclusive atomic copy.
 */
async function linkExclusive(from: string, to: string): Promise<boolean> {
  try {
    await fs.promises.link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  const data = await readFileSafe(from, { maxBytes: MAX_BYTES });
  try {
    await writeFileAtomic(to, data, { exclusive: true, mkdir: true });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Moves `from` to the free name `to` (exclusive link, then unlink); false when `to` is taken. */
async function moveByLink(from: string, to: string, report: Mutable<MigrationReport>): Promise<boolean> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
  if (!(await linkExclusive(from, to))) return false;
  await fs.promises.rm(from, { force: true });
  report.moved++;
  return true;
}

async function moveIfAbsent(from: string, to: string, report: Mutable<MigrationReport>, rel: string): Promise<void> {
  if (await moveByLink(from, to, report)) return;
  const [oldText, newText] = await Promise.all([readFileSafe(from, { maxBytes: MAX_BYTES }), readFileSafe(to, { maxBytes: MAX_BYTES })]);
  if (oldText.equals(newText)) {
    await fs.promises.rm(from, { force: true });
    report.duplicates++;
    return;
  }
  report.left.push(rel); // the data folder's own file wins; the old one stays for the user to look at
}

type JsonObject = Record<string, unknown>;
/** Merges an old file's content into the data folder's (either may be undefined: missing or unreadable). */
type JsonMerge = (current: JsonObject | undefined, old: JsonObject) => JsonObject;

const byId = (list: unknown): JsonObject[] => (Array.isArray(list) ? list.filter((x): x is JsonObject => !!x && typeof x === 'object' && typeof (x as JsonObject).id === 'string') : []);
const unionById = (a: unknown, b: unknown): JsonObject[] => {
  const out = new Map<string, JsonObject>();
  for (const x of [...byId(a), ...byId(b)]) if (!out.has(x.id as string)) out.set(x.id as string, x); // the data folder's entry wins
  return [...out.values()];
};
const laterIso = (a: unknown, b: unknown): string | undefined => {
  const ok = (x: unknown): x is string => typeof x === 'string' && !Number.isNaN(Date.parse(x));
  if (ok(a) && ok(b)) return Date.parse(a) >= Date.parse(b) ? a : b;
  return ok(a) ? a : ok(b) ? b : undefined;
};

/** The merge rules of docs/data-format.md "Migration", by path in the data folder. */
export const JSON_MERGES: Readonly<Record<string, JsonMerge>> = {
  // Paused anywhere stays paused (we never record what the user asked us not to); exclusions add up.
  'state/controls.json': (cur, old) => ({
    schema: 1,
    paused: cur?.paused === true || old.paused === true,
    excludedWorkspaces: unionById(cur?.excludedWorkspaces, old.excludedWorkspaces),
  }),
  // One warning per machine: the latest warning and the latest snooze hold for all.
  'state/warnings.json': (cur, old) => {
    const lastShown = laterIso(cur?.lastShown, old.lastShown), snoozedUntil = laterIso(cur?.snoozedUntil, old.snoozedUntil);
    return { schema: 1, ...(lastShown ? { lastShown } : {}), ...(snoozedUntil ? { snoozedUntil } : {}) };
  },
  'meetings/manual.json': (cur, old) => ({ schema: 1, meetings: unionById(cur?.meetings, old.meetings) }),
  'timeoff.json': (cur, old) => {
    const days = [cur?.days, old.days].flatMap((d) => (Array.isArray(d) ? d : [])).filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d));
    return { schema: 1, days: [...new Set(days)].sort() };
  },
  'calendars/sources.json': (cur, old) => ({ schema: 1, sources: unionById(cur?.sources, old.sources) }),
};

async function readJsonObject(file: string): Promise<JsonObject | undefined | 'missing'> {
  let text: string;
  try {
    text = (await readFileSafe(file, { maxBytes: 16 * 1024 * 1024 })).toString('utf8');
  } catch (error) {
    return (error as { code?: string }).code === 'ENOENT' ? 'missing' : undefined;
  }
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

async function mergeJsonFile(from: string, to: string, merge: JsonMerge, report: Mutable<MigrationReport>, rel: string): Promise<void> {
  const old = await readJsonObject(from);
  if (old === 'missing') return;
  const schemaOk = (v: JsonObject) => v.schema === undefined || v.schema === 1;
  if (old === undefined || !schemaOk(old)) {
    report.left.push(rel); // damaged or from a newer version: not ours to interpret
    return;
  }
  const cur = await readJsonObject(to);
  if (cur !== 'missing' && (cur === undefined || !schemaOk(cur))) {
    report.left.push(rel); // the data folder's file is damaged or newer: leave both alone
    return;
  }
  const merged = JSON.stringify(merge(cur === 'missing' ? undefined : cur, old), null, 2) + '\n';
  const current = cur === 'missing' ? undefined : JSON.stringify(cur, null, 2) + '\n';
  if (merged !== current) await writeFileAtomic(to, merged, { mkdir: true });
  await fs.promises.rm(from, { force: true });
  if (merged === current) report.duplicates++;
  else report.moved++;
}

async function removeEmptyFolders(root: string): Promise<void> {
  const entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => path.join((e as fs.Dirent & { parentPath?: string }).parentPath ?? e.path, e.name));
  dirs.sort((a, b) => b.length - a.length); // deepest first
  for (const d of dirs) await fs.promises.rmdir(d).catch(() => undefined);
}

async function writeNote(folder: string, target: string, left: readonly string[], now: number): Promise<void> {
  const lines = [
    'Craft Time keeps its data in one folder for every editor, the terminal and the craft-time command:',
    '',
    `  ${target}`,
    '',
    `History from this folder was moved there (last checked ${new Date(now).toISOString()}).`,
    'Craft Time checks this folder at every start and moves anything an older version still writes here.',
  ];
  if (left.length) {
    lines.push('', 'Left here because the data folder already has its own, different copy (yours to compare or delete):');
    for (const f of left) lines.push(`  ${f}`);
  }
  lines.push('', 'Calendar subscription addresses stay in each editor\'s secret storage: each editor asks once to reconnect.');
  await writeFileAtomic(path.join(folder, MOVED_NOTE), lines.join('\n') + '\n');
}
