// Settings are the source of truth: read through the one settings model (core/settings.ts, the same the
// CLI uses), changes observed in one place. The settings that change numbers come from the machine-wide
// file in the data folder when it has them (sharedSettings.ts), else from this build's settings.
import * as vscode from 'vscode';
import { isMachineSettingKey } from '../core/machineSettings';
import { resolveSettings, type Settings } from '../core/settings';
import { systemTimeZone } from '../store/systemZone';
import { Disposable } from './lifecycle';

export type Config = Settings;

/** The machine-wide values and their change event (SharedSettings; absent in narrow tests). */
export interface SharedValues {
  readonly values: Readonly<Record<string, unknown>>;
  readonly onDidChange: vscode.Event<void>;
}

export function readConfig(shared: Readonly<Record<string, unknown>> = {}): Config {
  const c = vscode.workspace.getConfiguration('craftTime');
  return resolveSettings((key) => (isMachineSettingKey(key) && shared[key] !== undefined ? shared[key] : c.get(key)), systemTimeZone());
}

/** Holds the current config and tells listeners when a craftTime setting or a machine-wide value changes. */
export class ConfigWatcher extends Disposable {
  private current: Config | undefined;
  private readonly emitter = this._register(new vscode.EventEmitter<Config>());
  readonly onDidChange = this.emitter.event;

  constructor(private readonly shared?: SharedValues) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('craftTime')) this.reread();
    }));
    if (shared) this._register(shared.onDidChange(() => this.reread()));
  }

  get value(): Config {
    return (this.current ??= readConfig(this.shared?.values));
  }

  private reread(): void {
    this.current = readConfig(this.shared?.values);
    this.emitter.fire(this.current);
  }
}
