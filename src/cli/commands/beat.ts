// craft-time beat: one heartbeat from any other editor or tool (docs/other-editors.md).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isProgramName, PROGRAM_PATTERN } from '../../core/programs';
import { readControls } from '../../store/controls';
import { isRecordingBlocked } from '../../store/controlMarkers';
import { appendBeat } from '../../store/beatWriter';
import { LANGUAGE_PATTERN, LETTER_OF_CATEGORY, MAX_NAME } from '../../store/beatLine';
import { canonicalFolderPath, workspaceIdOfPath } from '../../store/workspaceId';
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { DATA_DIR_OPTION, JSON_OPTION, dataDirOf } from '../options';

const SPEC = {
  ...DATA_DIR_OPTION,
  ...JSON_OPTION,
  category: { kind: 'value' },
  language: { kind: 'value' },
  workspace: { kind: 'value' },
  program: { kind: 'value' },
} as const;

export const DEFAULT_BEAT_PROGRAM = 'other';

/** Checked arguments of one beat. Throws UsageError with a message a plugin author can act on. */
export function beatArguments(values: Record<string, string | undefined>): { letter: string; language: string; program: string; workspace?: string } {
  const category = values.category;
  if (category === undefined) throw new UsageError(`--category is required (one of ${Object.keys(LETTER_OF_CATEGORY).join(', ')}).`);
  const letter = LETTER_OF_CATEGORY[category];
  if (!letter) throw new UsageError(`Unknown category "${category}". Use one of ${Object.keys(LETTER_OF_CATEGORY).join(', ')}.`);
  const language = values.language ?? '';
  if (language !== '' && !LANGUAGE_PATTERN.test(language)) {
    throw new UsageError(`--language must be a language id such as typescript or lua (letters, digits and . _ + # -, at most 64), got "${language}".`);
  }
  const program = values.program ?? DEFAULT_BEAT_PROGRAM;
  if (!isProgramName(program)) throw new UsageError(`--program must match ${PROGRAM_PATTERN.source} (lower-case letters, digits, dashes; 1-32), got "${program}".`);
  const workspace = values.workspace;
  if (workspace !== undefined && workspace.trim() === '') throw new UsageError('--workspace needs a folder.');
  return { letter, language, program, workspace };
}

/** The repository root above `dir` (the nearest folder holding .git), else `dir` itself. */
export function workspaceRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

export const beatCommand: CliCommand = {
  name: 'beat',
  summary: 'Record one heartbeat from another editor or tool',
  usage: [
    'Usage: craft-time beat --category C [--language L] [--workspace DIR] [--program NAME] [--json] [--data-dir DIR]',
    '',
    'Appends one heartbeat, now, to activity/<YYYY-MM>/<program>.jsonl (docs/other-editors.md). Nothing is',
    'written while tracking is paused or the workspace is excluded (exit 0; --json says why).',
    '',
    '  --category C     coding, reading, debugging, building, reviewing or assisted',
    '  --language L     VS Code language id (typescript, python, lua, ...)',
    '  --workspace DIR  the folder worked in; its git repository root is the workspace (its id and folder',
    '                   name are stored, never the path). Without it: no workspace.',
    `  --program NAME   the program recording ([a-z0-9-]{1,32}; default "${DEFAULT_BEAT_PROGRAM}"), e.g. neovim, emacs`,
    '  --json           {"written":true,"file"} or {"written":false,"reason":"paused"|"excluded"}',
    '  --data-dir DIR   data folder (default: $CRAFT_TIME_DATA_DIR, else the user\'s craft-time folder)',
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, SPEC);
    if (args.positionals.length) throw new UsageError(`beat takes no arguments (got "${args.positionals[0]}").`);
    const { letter, language, program, workspace } = beatArguments(args.values);
    let ws = '', name = '';
    if (workspace !== undefined) {
      const dir = path.resolve(io.cwd, workspace);
      if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--workspace ${workspace}: not a folder.`);
      const root = canonicalFolderPath(workspaceRoot(canonicalFolderPath(dir)));
      ws = workspaceIdOfPath(root);
      name = [...path.basename(root)].filter((ch) => ch >= ' ' && ch !== '\u007f' && ch !== '"' && ch !== '\\').join('').slice(0, MAX_NAME);
    }
    const dataDir = dataDirOf(args, io);
    // Fail closed: paused, excluded, or controls we cannot read all mean "record nothing".
    const read = await readControls(dataDir);
    const controls = read.status === 'ok' ? read.controls : undefined;
    const reason = isRecordingBlocked(dataDir, ws) ?? (!controls || controls.paused ? 'paused' : ws && controls.excludedWorkspaces.some((w) => w.id === ws) ? 'excluded' : undefined);
    if (reason) {
      if (args.flags.has('json')) io.stdout(JSON.stringify({ written: false, reason }) + '\n');
      return 0;
    }
    const file = appendBeat(dataDir, { time: Math.floor(io.now() / 1000), cat: letter, program, ws, name, lang: language });
    if (args.flags.has('json')) io.stdout(JSON.stringify({ written: true, file }) + '\n');
    return 0;
  },
};
