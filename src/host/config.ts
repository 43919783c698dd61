// Settings are the source of truth: read through the one settings model (core/settings.ts, the same the
// CLI uses), changes observed in one place.
import * as vscode from 'vscode';
import { resolveSettings, type Settings } from '../core/settings';
import { systemTimeZone } from '../store/systemZone';
import { Disposable } from './lifecycle';

export type Config = Settings;

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration('craftTime');
  return resolveSettings((key) => c.get(key), systemTimeZone());
}

/** Holds the current config and tells listeners when a craftTime setting changes. */
export class ConfigWatcher extends Disposable {
  private current: Config | undefined;
  private readonly emitter = this._register(new vscode.EventEmitter<Config>());
  readonly onDidChange = this.emitter.event;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('craftTime')) return;
      this.current = readConfig();
      this.emitter.fire(this.current);
    }));
  }

  get value(): Config {
    return (this.current ??= readConfig());
  }
}
