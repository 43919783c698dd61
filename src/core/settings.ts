// The one settings model (docs/settings.md): raw `craftTime.*` values in, typed settings and the problems
// with them out. The extension reads the raw values from VS Code's configuration, the CLI from the user's
// settings.json files and its flags; both call resolveSettings, so an invalid value gets the same message
// and the same fallback everywhere. Pure: the system zone is passed in.
import { DEFAULT_IGNORE_PATTERNS } from './ignorePatterns';
import type { NumberSettings } from './context';
import { ROLE_INFO, ROLES, type Floor, type Role } from './roles';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from './types';
import { isValidTimeZone } from './zone';

export interface Settings extends NumberSettings {
  readonly idleMinutes: number;
  /** Resolved IANA zone: the setting when valid, else the system's. */
  readonly timeZone: string;
  readonly statusBarEnabled: boolean;
  readonly role: Role;
  /** The role's floor with any overrides applied. */
  readonly floor: Floor;
  readonly deepWorkMinutes: number;
  readonly workingHours: WorkingHours;
  readonly myEmails: readonly string[];
  readonly ignorePatterns: readonly string[];
  readonly refreshMinutes: number;
  readonly warningsEnabled: boolean;
  readonly warningsMinDaysBetween: number;
  readonly dashboardShowWorkspaces: boolean;
  /** craftTime.assisted.readClipboard: compare large inserts with the clipboard to recognise the user's paste. */
  readonly readClipboard: boolean;
  /** craftTime.edge.assistedCredit: the share (0-1) of assisted time counted toward the floors when judging. */
  readonly assistedCredit: number;
  /** Problems with the settings themselves, in words for the user. */
  readonly problems: readonly string[];
}

/** Every key the model reads (without the `craftTime.` prefix), with its default. */
export const SETTING_DEFAULTS = {
  idleMinutes: 5,
  timeZone: '',
  'statusBar.enabled': true,
  role: 'engineer',
  'floors.weeklyHandsOnHours': null,
  'floors.craftRatio': null,
  deepWorkMinutes: 45,
  'workingHours.days': ['mon', 'tue', 'wed', 'thu', 'fri'],
  'workingHours.start': '09:00',
  'workingHours.end': '17:00',
  'meetings.myEmails': [],
  'meetings.ignorePatterns': [...DEFAULT_IGNORE_PATTERNS],
  'calendar.refreshMinutes': 60,
  'warnings.enabled': 'auto',
  'warnings.minDaysBetween': 7,
  'dashboard.showWorkspaces': true,
  'assisted.readClipboard': true,
  'edge.assistedCredit': 0,
} as const satisfies Readonly<Record<string, unknown>>;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export const SETTING_KEYS = Object.keys(SETTING_DEFAULTS) as SettingKey[];

/** Looks a raw value up; undefined means "not set" (the default applies). */
export type RawSettings = (key: SettingKey) => unknown;

/** Raw values from a plain object keyed `craftTime.<key>` (a settings.json) or `<key>`. */
export function rawFromObject(values: Readonly<Record<string, unknown>>): RawSettings {
  return (key) => {
    const full = `craftTime.${key}`;
    if (Object.hasOwn(values, full)) return values[full];
    return Object.hasOwn(values, key) ? values[key] : undefined;
  };
}

export function resolveSettings(raw: RawSettings, systemTimeZone: string): Settings {
  const problems: string[] = [];
  const get = <K extends SettingKey>(key: K): unknown => {
    const v = raw(key);
    return v === undefined ? SETTING_DEFAULTS[key] : v;
  };
  let idleMinutes = get('idleMinutes') as number;
  if (typeof idleMinutes !== 'number' || !Number.isFinite(idleMinutes) || idleMinutes < 1 || idleMinutes > 60) {
    problems.push('craftTime.idleMinutes must be a number from 1 to 60; using 5.');
    idleMinutes = 5;
  }
  idleMinutes = Math.round(idleMinutes);
  const zoneRaw = get('timeZone');
  const zoneSetting = typeof zoneRaw === 'string' ? zoneRaw.trim() : '';
  let timeZone = systemTimeZone;
  if (zoneSetting) {
    if (isValidTimeZone(zoneSetting)) timeZone = zoneSetting;
    else problems.push(`craftTime.timeZone "${zoneSetting}" is not a time zone this system knows (for example Europe/Berlin); using ${timeZone}.`);
  }
  let role = get('role') as Role;
  if (!(ROLES as readonly unknown[]).includes(role)) {
    problems.push(`craftTime.role "${String(role)}" is not one of ${ROLES.join(', ')}; using engineer.`);
    role = 'engineer';
  }
  const info = ROLE_INFO[role];
  const hoursOverride = get('floors.weeklyHandsOnHours');
  const ratioOverride = get('floors.craftRatio');
  const floor: Floor = {
    weeklyHandsOnHours: numberIn(hoursOverride, 0, 80) ?? info.floor.weeklyHandsOnHours,
    craftRatio: numberIn(ratioOverride, 0, 1) ?? info.floor.craftRatio,
  };
  if (hoursOverride !== null && numberIn(hoursOverride, 0, 80) === undefined) problems.push('craftTime.floors.weeklyHandsOnHours must be from 0 to 80; using the role default.');
  if (ratioOverride !== null && numberIn(ratioOverride, 0, 1) === undefined) problems.push('craftTime.floors.craftRatio must be a fraction from 0 to 1; using the role default.');
  const workingHours = readWorkingHours(get('workingHours.days'), get('workingHours.start'), get('workingHours.end'), problems);
  const warnings = get('warnings.enabled');
  return {
    idleMinutes,
    timeZone,
    statusBarEnabled: get('statusBar.enabled') !== false,
    role,
    floor,
    deepWorkMinutes: Math.round(numberIn(get('deepWorkMinutes'), 15, 240) ?? 45),
    workingHours,
    myEmails: stringList(get('meetings.myEmails')),
    ignorePatterns: stringList(get('meetings.ignorePatterns')),
    refreshMinutes: Math.round(numberIn(get('calendar.refreshMinutes'), 15, 1440) ?? 60),
    warningsEnabled: warnings === 'on' ? true : warnings === 'off' ? false : info.warningsByDefault,
    warningsMinDaysBetween: Math.round(numberIn(get('warnings.minDaysBetween'), 1, 90) ?? 7),
    dashboardShowWorkspaces: get('dashboard.showWorkspaces') !== false,
    readClipboard: get('assisted.readClipboard') !== false,
    assistedCredit: assistedCreditOf(get('edge.assistedCredit'), problems),
    problems,
  };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function readWorkingHours(daysRaw: unknown, startRaw: unknown, endRaw: unknown, problems: string[]): WorkingHours {
  const days = stringList(daysRaw).map((d) => WEEKDAYS.indexOf(d.slice(0, 3).toLowerCase()) + 1).filter((d) => d > 0);
  const start = minuteOf(startRaw);
  const end = minuteOf(endRaw);
  if (start === undefined || end === undefined || end <= start || days.length === 0) {
    problems.push('craftTime.workingHours needs days and a start before its end (HH:MM); using Mon-Fri 09:00-17:00.');
    return DEFAULT_WORKING_HOURS;
  }
  return { days: [...new Set(days)].sort(), startMinute: start, endMinute: end };
}

function minuteOf(text: unknown): number | undefined {
  const m = typeof text === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(text.trim()) : null;
  if (!m) return undefined;
  const h = Number(m[1]), min = Number(m[2]);
  return h <= 24 && min < 60 && h * 60 + min <= 1440 ? h * 60 + min : undefined;
}

function numberIn(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

function assistedCreditOf(v: unknown, problems: string[]): number {
  const n = numberIn(v, 0, 1);
  if (n === undefined) {
    problems.push('craftTime.edge.assistedCredit must be a fraction from 0 to 1; using 0.');
    return 0;
  }
  return n;
}
