// craft-time export: all data in one JSON document, to a file or stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportAll, exportText, writeExport } from '../../store/exporter';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { DATA_DIR_OPTION, TZ_OPTION, dataDirOf, timeZoneOf } from '../options';

const SPEC = { ...DATA_DIR_OPTION, ...TZ_OPTION, out: { kind: 'value' } } as const;

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export all data (activity and every other file) as one JSON document',
  usage: [
    'Usage: craft-time export [--out FILE] [--data-dir DIR] [--tz ZONE]',
    '',
    'Writes {"schema":1,"kind":"craft-time/export","exportedAt","activity":[…],"files":{…},"skipped":[…]}',
    '(see docs/data-format.md) to FILE, or to standard output without --out.',
    '',
    '  --out FILE       write here (replaced atomically) instead of standard output',
    '  --data-dir DIR   data folder (default: $CRAFT_TIME_DATA_DIR, else the VS Code extension\'s folder)',
    '  --tz ZONE        accepted like every command (checked); times in the export are UTC',
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`export takes no arguments (got "${args.positionals[0]}"); use --out FILE.`);
    timeZoneOf(args); // validated for uniformity with the other commands
    const dir = dataDirOf(args, io);
    if (!fs.existsSync(dir)) throw new Error(`No Craft Time data folder at ${dir}. Pass --data-dir DIR (or set CRAFT_TIME_DATA_DIR).`);
    const out = args.values.out;
    if (out === undefined) {
      io.stdout(exportText(await exportAll(dir, io.now())));
      return 0;
    }
    const file = path.resolve(io.cwd, out);
    const doc = await writeExport(dir, file, io.now());
    const spans = doc.activity.reduce((n, a) => n + a.spans.length, 0);
    io.stderr(`Exported ${spans} spans from ${doc.activity.length} sources and ${Object.keys(doc.files).length} other files to ${file}.\n`);
    return 0;
  },
};
