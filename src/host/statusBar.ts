// The status bar item: hands-on time today; tooltip with today's breakdown and this week's total.
// Re-renders shortly after activity and when settings or controls change; no timer runs while idle.
import * as vscode from 'vscode';
import { formatDuration, describeDuration } from '../core/format';
import { CATEGORIES } from '../core/types';
import { localDate, addDays, startOfDay } from '../core/zone';
import type { ActivityService, Snapshot } from './activityService';
import { Commands } from './commandIds';
import type { ConfigWatcher } from './config';
import type { ControlsHolder } from './controls';
import type { ProblemReporter } from './problems';
import type { Tracker } from './tracker';

/** How soon after activity the numbers refresh (DESIGN.md: within a minute). */
export const RENDER_DELAY_MS = 10_000;

export class StatusBarController implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('craftTime.today', vscode.StatusBarAlignment.Left, 100);
  private readonly owned: vscode.Disposable[] = [];
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private midnightTimer: ReturnType<typeof setTimeout> | undefined;
  private rendering = false;
  private again = false;
  last: Snapshot | undefined;

  constructor(
    private readonly service: ActivityService,
    private readonly tracker: Tracker,
    private readonly config: ConfigWatcher,
    private readonly controls: ControlsHolder,
    private readonly problems: ProblemReporter,
  ) {
    this.item.name = 'Craft Time';
    this.item.command = Commands.showToday;
    this.item.text = '$(code) Craft Time';
    this.owned.push(
      this.item,
      tracker.onDidRecord(() => this.schedule()),
      config.onDidChange(() => void this.render()),
      controls.onDidChange(() => void this.render()),
      problems.onDidChange(() => void this.render()),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) void this.render();
      }),
    );
    if (config.value.statusBarEnabled) this.item.show();
  }

  private schedule(): void {
    if (!this.renderTimer) this.renderTimer = setTimeout(() => void this.render(), RENDER_DELAY_MS);
  }

  async render(): Promise<void> {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    if (this.rendering) {
      this.again = true;
      return;
    }
    this.rendering = true;
    try {
      const cfg = this.config.value;
      if (!cfg.statusBarEnabled) {
        this.item.hide();
        return;
      }
      const now = Date.now();
      const snap = await this.service.snapshot(now, cfg.timeZone, cfg.idleMinutes, this.tracker.pending());
      this.last = snap;
      this.show(snap, cfg.timeZone);
      this.armMidnight(now, cfg.timeZone);
    } catch (error) {
      this.problems.report('status', `Could not compute today's time: ${(error as Error).message}`);
    } finally {
      this.rendering = false;
      if (this.again) {
        this.again = false;
        void this.render();
      }
    }
  }

  private show(snap: Snapshot, timeZone: string): void {
    const paused = this.controls.value.paused;
    const today = formatDuration(snap.today.handsOnMs);
    const problems = this.problems.messages;
    this.item.text = paused ? `$(debug-pause) ${today} paused` : `${problems.length ? '$(warning)' : '$(code)'} ${today}`;
    this.item.accessibilityInformation = {
      label: `Craft Time: ${describeDuration(snap.today.handsOnMs)} hands-on today${paused ? ', tracking paused' : ''}`,
      role: 'button',
    };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Craft Time**${paused ? ' · tracking paused' : ''}\n\n`);
    md.appendMarkdown(`Hands-on today: **${formatDuration(snap.today.handsOnMs)}**\n\n`);
    const rows = CATEGORIES.filter((c) => snap.today.byCategory[c] > 0).map((c) => `| ${c} | ${formatDuration(snap.today.byCategory[c])} |`);
    if (rows.length) md.appendMarkdown(['| category | time |', '|---|--:|', ...rows].join('\n') + '\n\n');
    md.appendMarkdown(`This week: **${formatDuration(snap.weekHandsOnMs)}** hands-on (${snap.week.length} day${snap.week.length === 1 ? '' : 's'})\n\n`);
    md.appendMarkdown(`Time zone ${timeZone}\n\n`);
    for (const p of problems) md.appendMarkdown(`$(warning) ${escapeMarkdown(p)}\n\n`);
    md.appendMarkdown(`[Show today](command:${Commands.showToday}) · ${paused ? `[Resume](command:${Commands.resume})` : `[Pause](command:${Commands.pause})`}`);
    md.isTrusted = { enabledCommands: [Commands.showToday, Commands.pause, Commands.resume] };
    this.item.tooltip = md;
    this.item.backgroundColor = problems.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  /** One timer to local midnight, so "today" resets even without activity. */
  private armMidnight(now: number, timeZone: string): void {
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    const next = startOfDay(addDays(localDate(now, timeZone), 1), timeZone);
    this.midnightTimer = setTimeout(() => void this.render(), Math.max(1000, next - now + 1000));
  }

  dispose(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    if (this.midnightTimer) clearTimeout(this.midnightTimer);
    for (const d of this.owned) d.dispose();
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
