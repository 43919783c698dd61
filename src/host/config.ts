// Settings are the source of truth: read in one typed place, changes observed in one place.
import * as vscode from 'vscode';
import { ROLES, ROLE_INFO, type Floor, type Role } from '../core/roles';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../core/types';
import { isValidTimeZone } from '../core/zone';
import { DEFAULT_IGNORE_PATTERNS } from '../calendar/filters';
import { systemTimeZone } from '../store/systemZone';

export interface Config {
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
  /** Problems with the settings themselves, in words for the user. */
  readonly problems: readonly string[];
}

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration('craftTime');
  const problems: string[] = [];
  let idleMinutes = c.get<number>('idleMinutes', 5);
  if (typeof idleMinutes !== 'number' || !Number.isFinite(idleMinutes) || idleMinutes < 1 || idleMinutes > 60) {
    problems.push(`craftTime.idleMinutes must be a number from 1 to 60; using 5.`);
    idleMinutes = 5;
  }
  idleMinutes = Math.round(idleMinutes);
  const zoneSetting = (c.get<string>('timeZone', '') ?? '').trim();
  let timeZone = systemTimeZone();
  if (zoneSetting) {
    if (isValidTimeZone(zoneSetting)) timeZone = zoneSetting;
    else problems.push(`craftTime.timeZone "${zoneSetting}" is not a time zone this system knows (for example Europe/Berlin); using ${timeZone}.`);
  }
  let role = c.get<string>('role', 'engineer') as Role;
  if (!(ROLES as readonly string[]).includes(role)) {
    problems.push(`craftTime.role "${role}" is not one of ${ROLES.join(', ')}; using engineer.`);
    role = 'engineer';
  }
  const info = ROLE_INFO[role];
  const hoursOverride = c.get<number | null>('floors.weeklyHandsOnHours', null);
  const ratioOverride = c.get<number | null>('floors.craftRatio', null);
  const floor: Floor = {
    weeklyHandsOnHours: numberIn(hoursOverride, 0, 80) ?? info.floor.weeklyHandsOnHours,
    craftRatio: numberIn(ratioOverride, 0, 1) ?? info.floor.craftRatio,
  };
  if (hoursOverride !== null && numberIn(hoursOverride, 0, 80) === undefined) problems.push('craftTime.floors.weeklyHandsOnHours must be from 0 to 80; using the role default.');
  if (ratioOverride !== null && numberIn(ratioOverride, 0, 1) === undefined) problems.push('craftTime.floors.craftRatio must be a fraction from 0 to 1; using the role default.');
  const workingHours = readWorkingHours(c, problems);
  const warningsSetting = c.get<string>('warnings.enabled', 'auto');
  return {
    idleMinutes,
    timeZone,
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true) !== false,
    role,
    floor,
    deepWorkMinutes: Math.round(numberIn(c.get('deepWorkMinutes', 45), 15, 240) ?? 45),
    workingHours,
    myEmails: stringList(c.get('meetings.myEmails', [])),
    ignorePatterns: stringList(c.get('meetings.ignorePatterns', [...DEFAULT_IGNORE_PATTERNS])),
    refreshMinutes: Math.round(numberIn(c.get('calendar.refreshMinutes', 60), 15, 1440) ?? 60),
    warningsEnabled: warningsSetting === 'on' ? true : warningsSetting === 'off' ? false : info.warningsByDefault,
    warningsMinDaysBetween: Math.round(numberIn(c.get('warnings.minDaysBetween', 7), 1, 90) ?? 7),
    dashboardShowWorkspaces: c.get<boolean>('dashboard.showWorkspaces', true) !== false,
    readClipboard: c.get<boolean>('assisted.readClipboard', true) !== false,
    problems,
  };
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function readWorkingHours(c: vscode.WorkspaceConfiguration, problems: string[]): WorkingHours {
  const days = stringList(c.get('workingHours.days', ['mon', 'tue', 'wed', 'thu', 'fri']))
    .map((d) => WEEKDAYS.indexOf(d.slice(0, 3).toLowerCase()) + 1)
    .filter((d) => d > 0);
  const start = minuteOf(c.get<string>('workingHours.start', '09:00'));
  const end = minuteOf(c.get<string>('workingHours.end', '17:00'));
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

/** Holds the current config and tells listeners when a craftTime setting changes. */
export class ConfigWatcher implements vscode.Disposable {
  private current: Config | undefined;
  private readonly emitter = new vscode.EventEmitter<Config>();
  readonly onDidChange = this.emitter.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('craftTime')) return;
    this.current = readConfig();
    this.emitter.fire(this.current);
  });

  get value(): Config {
    return (this.current ??= readConfig());
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
