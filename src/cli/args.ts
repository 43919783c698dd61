// A small, strict argument parser: `--name value`, `--name=value`, repeatable options, flags, positionals.
// Unknown options are errors, so a typo never silently changes a result.

export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--tz Europe/Paris`) or is a flag (`--json`). */
  readonly kind: 'value' | 'flag';
  /** May be given more than once (`--ics a.ics --ics b.ics`). */
  readonly repeat?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  /** Last value of each single option; every value of repeatable ones in `all`. */
  readonly values: Record<string, string | undefined>;
  readonly all: Record<string, string[]>;
  readonly flags: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const values: Record<string, string | undefined> = {};
  const all: Record<string, string[]> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const opt = spec[name];
    if (!opt) throw new UsageError(`Unknown option --${name}.`);
    if (opt.kind === 'flag') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    if (!opt.repeat && values[name] !== undefined) throw new UsageError(`--${name} was given more than once.`);
    values[name] = value;
    (all[name] ??= []).push(value);
  }
  return { positionals, values, all, flags };
}
