// craft-time shell-hook bash|zsh|fish: prints the snippet that makes terminal commands heartbeats (docs/terminal.md).
import { parseArgs, UsageError } from '../args';
import type { CliCommand, CliIo } from '../io';
import { DATA_DIR_OPTION, dataDirOf } from '../options';
import { SHELLS, shellHook, type Shell } from '../shellSnippets';

export const shellHookCommand: CliCommand = {
  name: 'shell-hook',
  summary: 'Print the snippet that counts terminal commands (bash, zsh, fish)',
  usage: [
    'Usage: craft-time shell-hook bash|zsh|fish [--data-dir DIR]',
    '',
    'Prints a snippet for the shell\'s startup file. Each command start and end then appends a "building"',
    'heartbeat for the git repository the shell is in, from the shell itself (no Node on a prompt):',
    '',
    '  craft-time shell-hook bash >> ~/.bashrc',
    '  craft-time shell-hook zsh  >> ~/.zshrc',
    '  craft-time shell-hook fish >> ~/.config/fish/config.fish',
    '',
    'To remove it, delete the block it added (docs/terminal.md). Never stores commands, arguments or paths.',
    '  --data-dir DIR   data folder written into the snippet (default: $CRAFT_TIME_DATA_DIR, else the user\'s',
    '                   craft-time folder); $CRAFT_TIME_DATA_DIR set when the shell starts still wins',
  ].join('\n'),
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, DATA_DIR_OPTION);
    const [shell, extra] = args.positionals;
    if (shell === undefined) throw new UsageError(`Name the shell: ${SHELLS.join(', ')}.`);
    if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`Unknown shell "${shell}". Supported: ${SHELLS.join(', ')}.`);
    if (extra !== undefined) throw new UsageError(`shell-hook takes one shell (got "${extra}" too).`);
    io.stdout(shellHook(shell as Shell, dataDirOf(args, io)));
    return 0;
  },
};
