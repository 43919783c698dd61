// craft-time import wakatime|activitywatch FILE: history from another tracker, idempotent.
import * as path from 'node:path';
import { IMPORT_KINDS, importFile, isImportKind, type ImportReport } from '../../store/importer';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { COMMON_USAGE, DATA_DIR_OPTION, JSON_OPTION, TZ_OPTION, dataDirOf, timeZoneOf } from '../options';

const SPEC = { ...DATA_DIR_OPTION, ...TZ_OPTION, ...JSON_OPTION } as const;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import history from a WakaTime or ActivityWatch export',
  usage: [
    'Usage: craft-time import wakatime FILE [--data-dir DIR] [--tz ZONE] [--json]',
    '       craft-time import activitywatch FILE [--data-dir DIR] [--tz ZONE] [--json]',
    '',
    'wakatime:      the heartbeats JSON from wakatime.com > Settings > Account > Export (heartbeats).',
    'activitywatch: an export holding an app.editor.activity bucket (Raw Data > Export), or one bucket.',
    '',
    'File paths in the export are never stored; project names become workspace names.',
    'Importing the same file again changes nothing; overlapping imports count each minute once.',
    '',
    '  --json           the report as JSON {kind,source,recordsRead,spansWritten,daysCovered,firstDay,lastDay,skipped,problems,files,alreadyImported}',
    COMMON_USAGE,
    '                   (--tz only affects the days-covered count)',
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    const [kind, file, ...extra] = args.positionals;
    if (!kind) throw new UsageError(`Say what to import: craft-time import ${IMPORT_KINDS.join('|')} FILE.`);
    const k = kind.toLowerCase();
    if (!isImportKind(k)) throw new UsageError(`Unknown import kind "${kind}"; use one of: ${IMPORT_KINDS.join(', ')}.`);
    if (!file) throw new UsageError(`Give the export file: craft-time import ${k} FILE.`);
    if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}" (one file per import).`);
    const dataDir = dataDirOf(args, io);
    const timeZone = timeZoneOf(args);
    const report = await importFile(dataDir, k, path.resolve(io.cwd, file), { timeZone, now: io.now() });
    if (args.flags.has('json')) io.stdout(JSON.stringify(report) + '\n');
    else io.stdout(describe(report, dataDir));
    return 0;
  },
};

function describe(r: ImportReport, dataDir: string): string {
  const lines: string[] = [];
  const what = r.kind === 'wakatime' ? 'heartbeats' : 'events';
  lines.push(`Read ${r.recordsRead} ${what}; skipped ${r.skipped}.`);
  if (r.spansWritten === 0) lines.push('Nothing to import: no hands-on activity found.');
  else if (r.alreadyImported) lines.push(`Already imported: the same ${r.spansWritten} spans were there (nothing changed).`);
  else lines.push(`Wrote ${r.spansWritten} spans covering ${r.daysCovered} day${r.daysCovered === 1 ? '' : 's'} (${r.firstDay} to ${r.lastDay}) into ${dataDir}.`);
  for (const p of r.problems) lines.push(`  note: ${p}`);
  return lines.join('\n') + '\n';
}
