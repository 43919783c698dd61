// The settings that change numbers, machine-wide (DESIGN.md "Settings that change numbers"): their names,
// checks, and how layers of them combine. Pure; the file lives in store/machineSettings.ts.
import { isRole } from './roles';
import { isValidTimeZone } from './zone';

/** Keys as in VS Code's settings without the `craftTime.` prefix. */
export const MACHINE_SETTING_KEYS = [
  'role', 'floors.weeklyHandsOnHours', 'floors.craftRatio', 'idleMinutes', 'timeZone',
  'workingHours.days', 'workingHours.start', 'workingHours.end', 'deepWorkMinutes',
  'meetings.myEmails', 'meetings.ignorePatterns', 'edge.assistedCredit',
] as const;
export type MachineSettingKey = (typeof MACHINE_SETTING_KEYS)[number];

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const range = (lo: number, hi: number, integer = false) => (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi && (!integer || Number.isInteger(v));
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const strings = (check: (s: string) => boolean = () => true) => (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && check(s));
const clock = (v: unknown) => typeof v === 'string' && /^\d{1,2}:\d{2}$/.test(v) && Number(v.split(':')[0]) <= 24 && Number(v.split(':')[1]) < 60;
const compiles = (s: string) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
};

/** What each value must be (the same ranges as package.json's configuration schema). */
const CHECKS: Readonly<Record<MachineSettingKey, { check: (v: unknown) => boolean; expect: string }>> = {
  role: { check: isRole, expect: 'one of engineer, senior, staff, principal, manager, director, executive' },
  'floors.weeklyHandsOnHours': { check: orNull(range(0, 80)), expect: 'hours from 0 to 80, or null' },
  'floors.craftRatio': { check: orNull(range(0, 1)), expect: 'a fraction from 0 to 1, or null' },
  idleMinutes: { check: range(1, 60, true), expect: 'whole minutes from 1 to 60' },
  timeZone: { check: (v) => v === '' || (typeof v === 'string' && isValidTimeZone(v)), expect: 'an IANA time zone, or "" for the system\'s' },
  'workingHours.days': { check: strings((s) => DAYS.includes(s)), expect: 'a list of mon, tue, wed, thu, fri, sat, sun' },
  'workingHours.start': { check: clock, expect: 'HH:MM' },
  'workingHours.end': { check: clock, expect: 'HH:MM' },
  deepWorkMinutes: { check: range(15, 240), expect: 'minutes from 15 to 240' },
  'meetings.myEmails': { check: strings(), expect: 'a list of e-mail addresses' },
  'meetings.ignorePatterns': { check: strings(compiles), expect: 'a list of regular expressions' },
  'edge.assistedCredit': { check: range(0, 1), expect: 'a fraction from 0 to 1' },
};

export function isMachineSettingKey(key: string): key is MachineSettingKey {
  return (MACHINE_SETTING_KEYS as readonly string[]).includes(key);
}

/**
 * Keeps the known keys whose values pass their check. Unknown keys are ignored (a newer version may add
 * some); bad values are dropped and described in `problems`, so one typo never hides the other settings.
 */
export function checkMachineSettings(values: unknown): { values: Partial<Record<MachineSettingKey, unknown>>; problems: string[] } {
  const out: Partial<Record<MachineSettingKey, unknown>> = {};
  const problems: string[] = [];
  if (!values || typeof values !== 'object' || Array.isArray(values)) return { values: out, problems: values === undefined ? [] : ['"values" is not an object'] };
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (!isMachineSettingKey(key)) continue;
    if (CHECKS[key].check(value)) out[key] = value;
    else problems.push(`${key} must be ${CHECKS[key].expect} (got ${JSON.stringify(value)})`);
  }
  return { values: out, problems };
}

/**
 * Combines layers, highest precedence first (for the CLI: flags, --settings, the data folder's file, the
 * VS Code builds' settings.json, defaults): each key comes from the first layer that has it. `undefined`
 * means "not set" and falls through; `null` is a value (an explicit "use the role default").
 */
export function mergeSettingLayers(...layers: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = layers.length - 1; i >= 0; i--) {
    for (const [key, value] of Object.entries(layers[i])) if (value !== undefined) out[key] = value;
  }
  return out;
}
