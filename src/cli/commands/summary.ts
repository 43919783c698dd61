// craft-time summary: the monthly summary for a lead, as Markdown (default), HTML, JSON or CSV.
import * as path from 'node:path';
import { summaryAsOf, summaryRange } from '../../core/summary/monthlySummary';
import { localDate, monthRange } from '../../core/zone';
import { writeFileAtomic } from '../../store/atomicWrite';
import { isSummaryFormat, renderSummary, SUMMARY_FORMATS } from '../../views/render/renderSummary';
import { monthlySummary } from '../../views/summaryView';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { loadCommandInputs } from '../load';
import { COMMON_USAGE, MEASURE_OPTIONS, MEASURE_USAGE, dataDirOf, measureFlags } from '../options';
import { loadCliSettings } from '../settings';

const SPEC = {
  ...MEASURE_OPTIONS,
  month: { kind: 'value' },
  format: { kind: 'value' },
  out: { kind: 'value' },
  ics: { kind: 'value', repeat: true },
  'include-workspaces': { kind: 'flag' },
} as const;

export const summaryCommand: CliCommand = {
  name: 'summary',
  summary: 'Monthly summary for a lead (Markdown, printable HTML, JSON or CSV)',
  usage: [
    'Usage: craft-time summary --month YYYY-MM [--format md|html|json|csv] [--out FILE] [--ics FILE ...] [--include-workspaces]',
    '                          [settings flags] [--data-dir DIR]',
    '',
    'Headline numbers against last month and the 3-month average, weekly table, deep work and focus windows,',
    'meeting mix (no titles), the technical edge as of the first day after the month, and suggestions.',
    'Contents and the JSON schema: docs/summary.md. Its numbers equal `craft-time days` for the month and',
    '`craft-time edge --as-of <first day of next month>`.',
    '',
    '  --month YYYY-MM       the month (required); a month in progress is summarised up to yesterday',
    '  --format FORMAT       md (default), html (one self-contained printable file), json, csv (daily rows)',
    '  --out FILE            write here instead of standard output',
    '  --ics FILE            calendar file(s) to read instead of the cached calendars (repeatable)',
    MEASURE_USAGE,
    '  --include-workspaces  list workspace names (left out by default); file paths and meeting titles never appear',
    COMMON_USAGE,
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`summary takes no arguments (got "${args.positionals[0]}").`);
    const month = args.values.month;
    if (month === undefined) throw new UsageError('--month YYYY-MM is required.');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month must be YYYY-MM (got "${month}").`);
    const format = args.values.format ?? 'md';
    if (!isSummaryFormat(format)) throw new UsageError(`--format must be one of ${SUMMARY_FORMATS.join(', ')} (got "${format}").`);
    const cli = await loadCliSettings(args, io, measureFlags(args));
    const today = localDate(io.now(), cli.settings.timeZone);
    if (monthRange(month).from > today) throw new UsageError(`${month} has not started yet (today is ${today}).`);
    const asOf = summaryAsOf(month, today);
    const loaded = await loadCommandInputs(cli, summaryRange(month, asOf), { dataDir: dataDirOf(args, io), io, icsFiles: args.all.ics ?? [] });
    for (const p of loaded.problems) io.stderr(`craft-time summary: ${p}\n`);
    const includeWorkspaces = args.flags.has('include-workspaces');
    const summary = monthlySummary(loaded.inputs, month, { asOf, includeWorkspaces, workspaceNames: loaded.history.workspaceNames });
    const text = renderSummary(summary, format);
    const out = args.values.out;
    if (out === undefined) {
      io.stdout(text);
      return 0;
    }
    const file = path.resolve(io.cwd, out);
    await writeFileAtomic(file, text, { mkdir: true, mode: 0o644 });
    io.stderr(`Wrote the ${format} summary for ${month} to ${file}.\n`);
    return 0;
  },
};
