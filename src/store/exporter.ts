// "Export all data": every file of the data folder in one self-describing JSON document
// (format in docs/data-format.md, "Export"). Activity is decoded into readable spans; every other
// file is carried as it is (JSON files parsed, other text files as strings). Nothing is dropped silently:
// what cannot be decoded is carried raw with the reason, what is left out is listed with the reason,
// and secrets (private keys) are never read at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Category } from '../core/types';
import { decodeActivity } from './activityFormat';
import { ACTIVITY_DIR, MAX_ACTIVITY_FILE_BYTES, saneActivity } from './activityStore';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';
import { isTeamPrivateKeyFile } from './teamKeys';

export const EXPORT_SCHEMA = 1;
export const EXPORT_KIND = 'craft-time/export';
/** Other files larger than this are listed in `skipped` rather than embedded. */
export const MAX_EMBEDDED_BYTES = 10 * 1024 * 1024;

/**
 * Paths (relative, '/'-separated) never exported, only listed in `skipped`: private keys and secrets.
 * Calendar subscription URLs live in VS Code's secret storage, never in the data folder.
 */
// Team private keys: the steward's keys and the member's signing key (store/teamKeys.ts).
export const SECRET_PATTERNS: readonly RegExp[] = [
  /^team\/keys\//, // team key pairs
  /\.(key|pem|p12|pfx)$/i, // key files of any kind
  /(^|\/)[^/]*(private|secret)[^/]*$/i, // anything named private or secret
];

export function isSecretPath(rel: string): boolean {
  return isTeamPrivateKeyFile(rel) || SECRET_PATTERNS.some((re) => re.test(rel));
}

export interface ExportedSpan {
  readonly start: string;
  readonly end: string;
  readonly category: Category;
  readonly language: string;
  /** Display name of the workspace ('' when none or unknown). */
  readonly workspace: string;
  /** Stable local id of the workspace ('' when none). */
  readonly workspaceId: string;
}

export interface ExportedSource {
  /** Writer id: a VS Code window ('w-…') or an import ('import-…'). */
  readonly source: string;
  /** Activity files it was read from, relative to the data folder. */
  readonly files: string[];
  readonly spans: ExportedSpan[];
  /** Lines of its files that could not be read (skipped, as every reader does; their text is in `raw`). */
  readonly damagedLines: number;
}

/** A file carried as it is because it could not be decoded (or not completely). */
export interface RawFile {
  readonly file: string;
  readonly reason: string;
  /** 'utf8' when the bytes are valid UTF-8 text, else 'base64'. */
  readonly encoding: 'utf8' | 'base64';
  readonly content: string;
}

export interface ExportDocument {
  readonly schema: typeof EXPORT_SCHEMA;
  readonly kind: typeof EXPORT_KIND;
  readonly exportedAt: string;
  readonly activity: ExportedSource[];
  /** Every other file of the data folder by relative path ('/'-separated): parsed JSON, or text. */
  readonly files: Record<string, unknown>;
  /** Files whose bytes are carried as they are, with the reason: damaged activity lines, not text. */
  readonly raw: RawFile[];
  /** Symbolic links inside the data folder that were followed (their target's content is exported). */
  readonly links: string[];
  /** Files left out, with the reason (secret, too large, unreadable, a link leading outside, not a file). */
  readonly skipped: { file: string; reason: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Files read ahead of the one being decoded. */
const READ_AHEAD = 8;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text, or undefined when they are not (or hold NUL, i.e. are binary). */
function asText(bytes: Buffer): string | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function rawOf(file: string, reason: string, bytes: Buffer): RawFile {
  const text = asText(bytes);
  return text !== undefined ? { file, reason, encoding: 'utf8', content: text } : { file, reason, encoding: 'base64', content: bytes.toString('base64') };
}

interface Entry {
  readonly file: string;
  readonly kind: 'file' | 'link' | 'folder-link' | 'other';
}

/** Every entry below `root`, sorted; folders are entered, links to folders are not (no loops). */
async function walk(root: string, rel = ''): Promise<Entry[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return [];
    throw error;
  }
  const out: Entry[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, child)));
    else if (e.isFile()) out.push({ file: child, kind: 'file' });
    else if (e.isSymbolicLink()) {
      const target = await fs.promises.stat(path.join(root, child)).catch(() => undefined);
      out.push({ file: child, kind: target?.isDirectory() ? 'folder-link' : 'link' });
    } else out.push({ file: child, kind: 'other' });
  }
  return out;
}

/** Builds the export of `dataDir`. `now` is the export time (epoch ms). A missing folder exports as empty. */
export async function exportAll(dataDir: string, now: number): Promise<ExportDocument> {
  const entries = await walk(dataDir);
  const bySource = new Map<string, { files: string[]; spans: ExportedSpan[]; damagedLines: number }>();
  const other: Record<string, unknown> = {};
  const raw: RawFile[] = [];
  const links: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  // Workspace names may be defined in one window's file and used in another's: collect them all first.
  const decoded: { file: string; source: string; d: ReturnType<typeof decodeActivity> }[] = [];
  const names = new Map<string, string>();

  // Reads run a few files ahead of the decoding (each safe read is several small system calls).
  const readable = (e: Entry) => !e.file.endsWith('.tmp') && !e.file.endsWith('.spans') && !isSecretPath(e.file) && (e.kind === 'file' || e.kind === 'link');
  const reads = new Map<number, Promise<Buffer | Error>>();
  const startRead = (i: number) => {
    const e = entries[i];
    if (!e || reads.has(i) || !readable(e)) return;
    const isActivity = e.file.startsWith(`${ACTIVITY_DIR}/`) && e.file.endsWith('.jsonl');
    const abs = path.join(dataDir, ...e.file.split('/'));
    reads.set(i, readFileSafe(abs, { maxBytes: isActivity ? MAX_ACTIVITY_FILE_BYTES : MAX_EMBEDDED_BYTES, within: dataDir }).catch((error: Error) => error));
  };

  for (const [index, { file, kind }] of entries.entries()) {
    for (let ahead = index; ahead < index + READ_AHEAD; ahead++) startRead(ahead);
    if (file.endsWith('.tmp')) continue; // an import or write in progress
    if (file.startsWith(`${ACTIVITY_DIR}/`) && file.endsWith('.spans')) continue; // a compacted copy of a beat file: derived, rebuilt on read
    if (isSecretPath(file)) {
      skipped.push({ file, reason: 'a secret (private key): never exported' });
      continue;
    }
    if (kind === 'folder-link') {
      skipped.push({ file, reason: 'a link to a folder (not followed)' });
      continue;
    }
    if (kind === 'other') {
      skipped.push({ file, reason: 'not a regular file' });
      continue;
    }
    const isActivity = file.startsWith(`${ACTIVITY_DIR}/`) && file.endsWith('.jsonl');
    const bytes = await (reads.get(index) as Promise<Buffer | Error>);
    reads.delete(index);
    if (bytes instanceof Error) {
      skipped.push({ file, reason: bytes instanceof SafeReadError ? bytes.reason : bytes.message });
      continue;
    }
    if (kind === 'link') links.push(file);
    if (isActivity) {
      const d = decodeActivity(bytes.toString('utf8'));
      const sane = saneActivity(d.spans, d.barriers);
      const damaged = d.damagedLines + sane.dropped;
      const source = d.header?.source ?? path.basename(file, '.jsonl');
      decoded.push({ file, source, d: { ...d, spans: sane.spans, damagedLines: damaged } });
      for (const [id, name] of d.workspaceNames) names.set(id, name);
      // The lines that could not be decoded are the user's data too: the whole file rides along as it is.
      if (damaged > 0) raw.push(rawOf(file, `${damaged} line${damaged === 1 ? '' : 's'} could not be decoded`, bytes));
      continue;
    }
    const text = asText(bytes);
    if (text === undefined) {
      raw.push(rawOf(file, 'not UTF-8 text', bytes));
      continue;
    }
    if (file.endsWith('.json')) {
      try {
        other[file] = JSON.parse(text);
        continue;
      } catch {
        // kept as text below: a damaged JSON file is still the user's data
      }
    }
    other[file] = text;
  }

  for (const { file, source, d } of decoded) {
    let entry = bySource.get(source);
    if (!entry) bySource.set(source, (entry = { files: [], spans: [], damagedLines: 0 }));
    entry.files.push(file);
    entry.damagedLines += d.damagedLines;
    for (const s of d.spans) {
      entry.spans.push({
        start: iso(s.start), end: iso(s.end), category: s.category, language: s.language,
        workspace: names.get(s.workspaceId) ?? '', workspaceId: s.workspaceId,
      });
    }
  }
  const activity = [...bySource]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([source, e]) => ({ source, files: e.files, spans: e.spans, damagedLines: e.damagedLines }));
  return { schema: EXPORT_SCHEMA, kind: EXPORT_KIND, exportedAt: iso(now), activity, files: other, raw, links, skipped };
}

/** The document as text, as `craft-time export` and the extension's command write it. */
export function exportText(doc: ExportDocument): string {
  // Indented, but one span per line: a year of activity stays readable and a fraction of the size.
  const j = (v: unknown) => JSON.stringify(v);
  const sources = doc.activity.map((a) => {
    const spans = a.spans.map((s) => '    ' + j(s)).join(',\n');
    return `  {"source": ${j(a.source)}, "files": ${j(a.files)}, "damagedLines": ${a.damagedLines}, "spans": [` +
      (spans ? `\n${spans}\n  ]}` : ']}');
  });
  const indent = (v: unknown) => JSON.stringify(v, null, 1).split('\n').join('\n ');
  return '{\n' +
    ` "schema": ${doc.schema},\n "kind": ${j(doc.kind)},\n "exportedAt": ${j(doc.exportedAt)},\n` +
    ` "activity": [${sources.length ? `\n${sources.join(',\n')}\n ` : ''}],\n` +
    ` "files": ${indent(doc.files)},\n` +
    ` "raw": ${indent(doc.raw)},\n` +
    ` "links": ${indent(doc.links)},\n` +
    ` "skipped": ${indent(doc.skipped)}\n}\n`;
}

/** Writes the export to `outFile` atomically (temporary file renamed into place). */
export async function writeExport(dataDir: string, outFile: string, now: number): Promise<ExportDocument> {
  const doc = await exportAll(dataDir, now);
  await writeFileAtomic(outFile, exportText(doc));
  return doc;
}
