// Settings are the source of truth: read in one typed place, changes observed in one place.
import * as vscode from 'vscode';
import { isValidTimeZone } from '../core/zone';
import { systemTimeZone } from '../store/systemZone';

export interface Config {
  readonly idleMinutes: number;
  /** Resolved IANA zone: the setting when valid, else the system's. */
  readonly timeZone: string;
  readonly statusBarEnabled: boolean;
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
  return { idleMinutes, timeZone, statusBarEnabled: c.get<boolean>('statusBar.enabled', true) !== false, problems };
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
