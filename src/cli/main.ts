// The craft-time command: one table of commands, one place that turns errors into messages and exit codes.
//   exit 0 success; 1 failure (unreadable input, I/O); 2 usage (unknown command or option, bad value).
import { version } from '../../package.json';
import { UsageError } from './args';
import { beatCommand } from './commands/beat';
import { configCommand } from './commands/config';
import { daysCommand } from './commands/days';
import { edgeCommand } from './commands/edge';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { meetingsCommand } from './commands/meetings';
import { shellHookCommand } from './commands/shellHook';
import { statusCommand } from './commands/status';
import { summaryCommand } from './commands/summary';
import { teamCommand } from './commands/team';
import type { CliCommand, CliIo } from './io';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [statusCommand, daysCommand, edgeCommand, summaryCommand, meetingsCommand, teamCommand, importCommand, exportCommand, configCommand, beatCommand, shellHookCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `craft-time ${version}: hands-on craft time against meeting load, from your machine's own data.`,
    '',
    'Usage: craft-time <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --data-dir DIR (else $CRAFT_TIME_DATA_DIR, else the one data folder of this user:',
    '~/.local/share/craft-time, ~/Library/Application Support/craft-time or %LOCALAPPDATA%\\craft-time).',
    'Run "craft-time <command> --help" for its options.',
  ].join('\n') + '\n';
}

/** Runs one invocation; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    if (name === 'help' && rest[0] && !topic) return unknownCommand(rest[0], io);
    io.stdout(topic ? topic.usage + '\n' : overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return unknownCommand(name, io);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const debug = !!io.env.CRAFT_TIME_DEBUG;
    if (error instanceof UsageError) {
      io.stderr(`craft-time ${command.name}: ${error.message}\nRun "craft-time ${command.name} --help" for usage.\n`);
      if (debug && error.stack) io.stderr(error.stack + '\n');
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`craft-time ${command.name}: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
    return 1;
  }
}

function unknownCommand(name: string, io: CliIo): number {
  const hint = name.startsWith('-') ? `Unknown option ${name}.` : `Unknown command "${name}".`;
  io.stderr(`craft-time: ${hint} Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\nRun "craft-time --help" for usage.\n`);
  return 2;
}

async function main(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `craft-time … | head` closed the pipe
    throw error;
  });
  const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    env: process.env,
    now: () => Date.now(),
    cwd: process.cwd(),
  });
}

// Run when executed (dist/cli.js), not when a test imports the module.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) void main();
