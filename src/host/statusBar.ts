// The status bar item: it only renders the model's snapshot (host/model.ts) through views/statusBarView.ts.
// It re-renders when the model refreshes and when controls or problems change; no timer of its own.
import * as vscode from 'vscode';
import { statusBarView } from '../views/statusBarView';
import { Commands } from './commandIds';
import type { ConfigWatcher } from './config';
import type { ControlsHolder } from './controls';
import { Disposable } from './lifecycle';
import { hostLocalizer } from './localizer';
import type { CraftModel, Snapshot } from './model';
import type { ProblemReporter } from './problems';

export class StatusBarController extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('craftTime.today', vscode.StatusBarAlignment.Left, 100));

  constructor(
    private readonly model: CraftModel,
    private readonly config: ConfigWatcher,
    private readonly controls: ControlsHolder,
    private readonly problems: ProblemReporter,
  ) {
    super();
    this.item.name = 'Craft Time';
    this.item.command = Commands.openDashboard;
    this.item.text = '$(code) Craft Time';
    this._register(model.onDidChange((snap) => this.show(snap)));
    this._register(controls.onDidChange(() => this.showLast()));
    this._register(problems.onDidChange(() => this.showLast()));
    if (config.value.statusBarEnabled) this.item.show();
  }

  private showLast(): void {
    if (this.model.snapshot) this.show(this.model.snapshot);
  }

  private show(snap: Snapshot): void {
    if (!this.config.value.statusBarEnabled) {
      this.item.hide();
      return;
    }
    const view = statusBarView(
      {
        today: snap.today, edge: snap.edge, role: snap.settings.role, floor: snap.settings.floor, timeZone: snap.settings.timeZone,
        inMeeting: snap.history.inMeeting, paused: this.controls.value.paused, problems: this.problems.messages,
      },
      { dashboard: Commands.openDashboard, today: Commands.showToday, pause: Commands.pause, resume: Commands.resume },
      hostLocalizer(),
    );
    this.item.text = view.text;
    this.item.accessibilityInformation = { label: view.label, role: 'button' };
    const md = new vscode.MarkdownString(view.tooltip, true);
    md.isTrusted = { enabledCommands: [Commands.openDashboard, Commands.showToday, Commands.pause, Commands.resume] };
    this.item.tooltip = md;
    this.item.backgroundColor = view.background === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
