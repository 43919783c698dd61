// Says what is wrong once: each problem key shows one notification per session, then lives in the status
// bar tooltip and the output channel until it clears, so a failing disk never becomes a pop-up storm.
import * as vscode from 'vscode';
import { problemText } from './localizer';
import { log } from './log';

export class ProblemReporter implements vscode.Disposable {
  private readonly shown = new Set<string>();
  private readonly active = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  /** `action` (e.g. Repair…) is offered on the one notification shown for this key. */
  report(key: string, raw: string, action?: { readonly title: string; readonly run: () => unknown }): void {
    // Store and calendar sentences inside the message are English (they are also the CLI's): word them here.
    const message = problemText(raw);
    const isNew = this.active.get(key) !== message;
    this.active.set(key, message);
    if (isNew) {
      this.log().warn(message);
      this.emitter.fire();
    }
    if (this.shown.has(key)) return;
    this.shown.add(key);
    const text = vscode.l10n.t('Craft Time: {0}', message);
    if (!action) {
      void vscode.window.showWarningMessage(text);
      return;
    }
    void vscode.window.showWarningMessage(text, action.title).then((picked) => (picked ? action.run() : undefined));
  }

  clear(key: string): void {
    if (this.active.delete(key)) {
      this.log().info(`Resolved: ${key}`);
      this.emitter.fire();
    }
  }

  get messages(): string[] {
    return [...this.active.values()];
  }

  log(): vscode.LogOutputChannel {
    return log();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
