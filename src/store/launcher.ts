// The small `craft-time` launcher that "Install the craft-time Command" puts on the PATH (docs/terminal.md),
// like VS Code's own `code`: it runs the CLI shipped inside the extension (dist/cli.js) with the editor's
// own Node (the extension host's executable with ELECTRON_RUN_AS_NODE=1), falling back to `node` on PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';

/** Every launcher we write carries this line, so we only ever replace our own. */
export const LAUNCHER_MARK = 'craft-time launcher (Craft Time: Install the craft-time Command)';

export interface LauncherPlan {
  readonly file: string;
  readonly text: string;
  /** The folder the file goes in, which must be on PATH. */
  readonly binDir: string;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Where and what: ~/.local/bin/craft-time (a sh script) on Linux and macOS; on Windows a .cmd in
 * %LOCALAPPDATA%\Microsoft\WindowsApps, which is on every user's PATH by default.
 */
export function planLauncher(opts: { platform: NodeJS.Platform; home: string; localAppData?: string; nodeExe: string; cliJs: string }): LauncherPlan {
  if (opts.platform === 'win32') {
    const binDir = path.win32.join(opts.localAppData || path.win32.join(opts.home, 'AppData', 'Local'), 'Microsoft', 'WindowsApps');
    const text = [
      '@echo off',
      `rem ${LAUNCHER_MARK}`,
      `if exist "${opts.cliJs}" if exist "${opts.nodeExe}" (`,
      '  setlocal',
      '  set ELECTRON_RUN_AS_NODE=1',
      `  "${opts.nodeExe}" "${opts.cliJs}" %*`,
      '  exit /b %ERRORLEVEL%',
      ')',
      `node "${opts.cliJs}" %*`,
      '',
    ].join('\r\n');
    return { binDir, file: path.win32.join(binDir, 'craft-time.cmd'), text };
  }
  const binDir = path.posix.join(opts.home, '.local', 'bin');
  const text = [
    '#!/bin/sh',
    `# ${LAUNCHER_MARK}. The editor rewrites it when the extension updates.`,
    `cli=${shQuote(opts.cliJs)}`,
    `exe=${shQuote(opts.nodeExe)}`,
    'if [ ! -f "$cli" ]; then',
    '  # The extension was updated or moved since: the newest installed copy next to the old one.',
    '  for c in "${cli%/craft-time.craft-time-*}"/craft-time.craft-time-*/dist/cli.js; do [ -f "$c" ] && cli=$c; done',
    'fi',
    'if [ -x "$exe" ]; then ELECTRON_RUN_AS_NODE=1 exec "$exe" "$cli" "$@"; fi',
    'exec node "$cli" "$@"',
    '',
  ].join('\n');
  return { binDir, file: path.posix.join(binDir, 'craft-time'), text };
}

/** What is at the launcher's place now: nothing, our launcher (same or older), or someone else's file. */
export function launcherState(plan: LauncherPlan): 'missing' | 'current' | 'ours' | 'foreign' {
  let text: string;
  try {
    text = fs.readFileSync(plan.file, 'utf8');
  } catch {
    return 'missing';
  }
  if (text === plan.text) return 'current';
  return text.includes(LAUNCHER_MARK) ? 'ours' : 'foreign';
}

export async function writeLauncher(plan: LauncherPlan): Promise<void> {
  await fs.promises.mkdir(plan.binDir, { recursive: true, mode: 0o755 });
  await writeFileAtomic(plan.file, plan.text, { mode: 0o755 });
}

/** True when `dir` is one of the PATH entries. */
export function isOnPath(dir: string, envPath: string | undefined, platform: NodeJS.Platform): boolean {
  const sep = platform === 'win32' ? ';' : ':';
  const norm = (d: string) => (platform === 'win32' ? d.toLowerCase() : d).replace(/[\\/]+$/, '');
  return (envPath ?? '').split(sep).some((d) => d && norm(d) === norm(dir));
}
