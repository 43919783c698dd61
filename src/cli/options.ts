// Options every command shares (--data-dir, --settings, --tz, --idle-minutes, --role, floors, --me, --json),
// parsed and checked in one place. Flags override the user's settings (cli/settings.ts).
import { ROLES, isRole } from '../core/roles';
import { isValidTimeZone } from '../core/zone';
import { resolveDataDir } from '../store/dataDir';
import { systemTimeZone } from '../store/systemZone';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import type { CliIo } from './io';
import { emailsOption } from './load';
import type { FlagOverrides } from './settings';

export const DATA_DIR_OPTION: Readonly<Record<string, OptionSpec>> = { 'data-dir': { kind: 'value' } };
export const TZ_OPTION: Readonly<Record<string, OptionSpec>> = { tz: { kind: 'value' } };
export const JSON_OPTION: Readonly<Record<string, OptionSpec>> = { json: { kind: 'flag' } };

/** The options of every command that measures: each overrides one setting. */
export const MEASURE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  ...DATA_DIR_OPTION,
  ...TZ_OPTION,
  settings: { kind: 'value' },
  'idle-minutes': { kind: 'value' },
  role: { kind: 'value' },
  'floor-hours': { kind: 'value' },
  'floor-ratio': { kind: 'value' },
  me: { kind: 'value', repeat: true },
};

export const COMMON_USAGE = [
  '  --settings FILE  a settings.json to read first (default: $CRAFT_TIME_SETTINGS, then VS Code\'s user settings)',
  '  --data-dir DIR   data folder (default: $CRAFT_TIME_DATA_DIR, else ~/.local/share/craft-time or the OS\'s equivalent)',
  '  --tz ZONE        IANA time zone for local days (default: craftTime.timeZone, else the system\'s)',
].join('\n');

export const MEASURE_USAGE = [
  '  --idle-minutes N gaps up to N minutes between heartbeats count (1-60; default craftTime.idleMinutes, 5)',
  `  --role ROLE      ${ROLES.join(', ')} (default craftTime.role); sets the default floors`,
  '  --floor-hours N  weekly hands-on floor in hours, instead of the role\'s (0-80)',
  '  --floor-ratio R  craft-ratio floor as a fraction 0..1, instead of the role\'s',
  '  --me EMAIL       your address(es), to drop invitations you declined (default craftTime.meetings.myEmails)',
].join('\n');

export function dataDirOf(args: ParsedArgs, io: CliIo): string {
  return resolveDataDir(args.values['data-dir'], io.env, io.cwd);
}

/** --tz ZONE checked, or undefined when not given. */
export function timeZoneFlag(args: ParsedArgs): string | undefined {
  const tz = args.values.tz;
  if (tz === undefined) return undefined;
  if (!isValidTimeZone(tz)) throw new UsageError(`Unknown time zone "${tz}". Use an IANA name such as Europe/Paris or UTC.`);
  return tz;
}

/** --tz ZONE, else the system's zone (commands that do not measure: import, export, meetings). */
export function timeZoneOf(args: ParsedArgs): string {
  return timeZoneFlag(args) ?? systemTimeZone();
}

/** --idle-minutes N: a whole number from 1 to 60 (DESIGN.md "Idle rule"), or undefined when not given. */
export function idleMinutesFlag(args: ParsedArgs): number | undefined {
  const raw = args.values['idle-minutes'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > 60) {
    throw new UsageError(`--idle-minutes must be a whole number from 1 to 60 (got "${raw}").`);
  }
  return n;
}

function numberFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${raw}").`);
  return n;
}

/** The flags given that override settings, checked (a bad flag is a usage error, exit 2). */
export function measureFlags(args: ParsedArgs): FlagOverrides {
  const out: FlagOverrides = {};
  const tz = timeZoneFlag(args);
  if (tz !== undefined) out.timeZone = { value: tz, flag: '--tz' };
  const idle = idleMinutesFlag(args);
  if (idle !== undefined) out.idleMinutes = { value: idle, flag: '--idle-minutes' };
  const role = args.values.role;
  if (role !== undefined) {
    if (!isRole(role)) throw new UsageError(`Unknown role "${role}". Roles: ${ROLES.join(', ')}.`);
    out.role = { value: role, flag: '--role' };
  }
  const hours = numberFlag(args, 'floor-hours', 0, 80);
  if (hours !== undefined) out['floors.weeklyHandsOnHours'] = { value: hours, flag: '--floor-hours' };
  const ratio = numberFlag(args, 'floor-ratio', 0, 1);
  if (ratio !== undefined) out['floors.craftRatio'] = { value: ratio, flag: '--floor-ratio' };
  const me = emailsOption(args);
  if (me.length > 0) out['meetings.myEmails'] = { value: me, flag: '--me' };
  return out;
}
