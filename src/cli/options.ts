// Options every command shares (--data-dir, --tz, --idle-minutes, --json), parsed and checked in one place.
import { isValidTimeZone } from '../core/zone';
import { resolveDataDir } from '../store/dataDir';
import { systemTimeZone } from '../store/systemZone';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import type { CliIo } from './io';

export const DATA_DIR_OPTION: Readonly<Record<string, OptionSpec>> = { 'data-dir': { kind: 'value' } };
export const TZ_OPTION: Readonly<Record<string, OptionSpec>> = { tz: { kind: 'value' } };
export const JSON_OPTION: Readonly<Record<string, OptionSpec>> = { json: { kind: 'flag' } };

export const COMMON_USAGE = [
  '  --data-dir DIR   data folder (default: $CRAFT_TIME_DATA_DIR, else ~/.local/share/craft-time or the OS\'s equivalent)',
  '  --tz ZONE        IANA time zone for local days (default: the system\'s)',
].join('\n');

export function dataDirOf(args: ParsedArgs, io: CliIo): string {
  return resolveDataDir(args.values['data-dir'], io.env, io.cwd);
}

export function timeZoneOf(args: ParsedArgs): string {
  const tz = args.values.tz;
  if (tz === undefined) return systemTimeZone();
  if (!isValidTimeZone(tz)) throw new UsageError(`Unknown time zone "${tz}". Use an IANA name such as Europe/Paris or UTC.`);
  return tz;
}

/** --idle-minutes N: a whole number from 1 to 60 (default 5, DESIGN.md "Idle rule"). */
export function idleMinutesOf(args: ParsedArgs): number {
  const raw = args.values['idle-minutes'];
  if (raw === undefined) return 5;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > 60) {
    throw new UsageError(`--idle-minutes must be a whole number from 1 to 60 (got "${raw}").`);
  }
  return n;
}
