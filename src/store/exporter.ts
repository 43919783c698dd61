// "Export all data": every file of the data folder in one self-describing JSON document
// (format in docs/data-format.md, "Export"). Activity is decoded into readable spans; every other
// file is carried as it is (JSON files parsed, other text files as strings).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Category } from '../core/types';
import { decodeActivity } from './activityFormat';
import { ACTIVITY_DIR } from './activityStore';
import { writeFileAtomic } from './atomicWrite';

export const EXPORT_SCHEMA = 1;
export const EXPORT_KIND = 'craft-time/export';
/** Other files larger than this are listed in `skipped` rather than embedded. */
export const MAX_EMBEDDED_BYTES = 10 * 1024 * 1024;

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
  /** Lines of its files that could not be read (skipped, as every reader does). */
  readonly damagedLines: number;
}

export interface ExportDocument {
  readonly schema: typeof EXPORT_SCHEMA;
  readonly kind: typeof EXPORT_KIND;
  readonly exportedAt: string;
  readonly activity: ExportedSource[];
  /** Every other file of the data folder by relative path ('/'-separated): parsed JSON, or text. */
  readonly files: Record<string, unknown>;
  /** Files left out, with the reason (too large, unreadable, not text). */
  readonly skipped: { file: string; reason: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

async function walk(root: string, rel = ''): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return [];
    throw error;
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/** Builds the export of `dataDir`. `now` is the export time (epoch ms). A missing folder exports as empty. */
export async function exportAll(dataDir: string, now: number): Promise<ExportDocument> {
  const files = await walk(dataDir);
  const bySource = new Map<string, { files: string[]; spans: ExportedSpan[]; damagedLines: number }>();
  const other: Record<string, unknown> = {};
  const skipped: { file: string; reason: string }[] = [];
  // Workspace names may be defined in one window's file and used in another's: collect them all first.
  const decoded: { file: string; source: string; d: ReturnType<typeof decodeActivity> }[] = [];
  const names = new Map<string, string>();

  for (const file of files) {
    const abs = path.join(dataDir, ...file.split('/'));
    if (file.endsWith('.tmp')) continue; // an import or write in progress
    const isActivity = file.startsWith(`${ACTIVITY_DIR}/`) && file.endsWith('.jsonl');
    let text: string;
    try {
      const stat = await fs.promises.stat(abs);
      if (!isActivity && stat.size > MAX_EMBEDDED_BYTES) {
        skipped.push({ file, reason: `larger than ${MAX_EMBEDDED_BYTES / 1048576} MB` });
        continue;
      }
      text = await fs.promises.readFile(abs, 'utf8');
    } catch (error) {
      skipped.push({ file, reason: (error as Error).message });
      continue;
    }
    if (isActivity) {
      const d = decodeActivity(text);
      const source = d.header?.source ?? path.basename(file, '.jsonl');
      decoded.push({ file, source, d });
      for (const [id, name] of d.workspaceNames) names.set(id, name);
      continue;
    }
    if (text.includes('\u0000')) {
      skipped.push({ file, reason: 'not a text file' });
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
  return { schema: EXPORT_SCHEMA, kind: EXPORT_KIND, exportedAt: iso(now), activity, files: other, skipped };
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
    ` "skipped": ${indent(doc.skipped)}\n}\n`;
}

/** Writes the export to `outFile` atomically (temporary file renamed into place). */
export async function writeExport(dataDir: string, outFile: string, now: number): Promise<ExportDocument> {
  const doc = await exportAll(dataDir, now);
  await writeFileAtomic(outFile, exportText(doc));
  return doc;
}
