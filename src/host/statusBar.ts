// The status bar item: hands-on time today; tooltip with today's breakdown and this week's total.
// Re-renders shortly after activity and when settings or controls change; no timer runs while idle.
import * as vscode from 'vscode';
import { assessEdge, edgeRange, type EdgeResult, type EdgeState } from '../core/edge';
import { formatDuration, describeDuration } from '../core/format';
import { dailyMeasures, type DayMeasures } from '../core/measures';
import { CATEGORIES } from '../core/types';
import { localDate, addDays, startOfDay, startOfIsoWeek } from '../core/zone';
import { Commands } from './commandIds';
import type { ConfigWatcher } from './config';
import type { ControlsHolder } from './controls';
import type { History, HistoryService } from './historyService';
import type { ProblemReporter } from './problems';
import type { Tracker } from './tracker';

export interface Snapshot {
  readonly today: DayMeasures;
  /** Monday .. today of the current ISO week. */
  readonly week: readonly DayMeasures[];
  readonly weekHandsOnMs: number;
  readonly weekMeetingMs: number;
  readonly edge: EdgeResult;
  readonly history: History;
}

const EDGE_ICON: Record<EdgeState, string> = { learning: '$(code)', healthy: '$(code)', watch: '$(eye)', eroding: '$(flame)' };
const SPARKS = '▁▂▃▄▅▆▇█';

/** How soon after activity the numbers refresh (DESIGN.md: within a minute). */
export const RENDER_DELAY_MS = 10_000;

export class StatusBarController implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('craftTime.today', vscode.StatusBarAlignment.Left, 100);
  private readonly owned: vscode.Disposable[] = [];
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private midnightTimer: ReturnType<typeof setTimeout> | undefined;
  /** The render under way, and the one queued to run after it (shared by every caller meanwhile). */
  private current: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  last: Snapshot | undefined;
  private readonly renderEmitter = new vscode.EventEmitter<Snapshot>();
  /** Fires after each successful render with the snapshot shown. */
  readonly onDidRender = this.renderEmitter.event;

  constructor(
    private readonly history: HistoryService,
    private readonly tracker: Tracker,
    private readonly config: ConfigWatcher,
    private readonly controls: ControlsHolder,
    private readonly problems: ProblemReporter,
    onDidChangeData: vscode.Event<void>,
  ) {
    this.item.name = 'Craft Time';
    this.item.command = Commands.openDashboard;
    this.item.text = '$(code) Craft Time';
    this.owned.push(
      this.item,
      this.renderEmitter,
      tracker.onDidRecord(() => this.schedule()),
      config.onDidChange(() => void this.render()),
      controls.onDidChange(() => void this.render()),
      problems.onDidChange(() => void this.render()),
      onDidChangeData(() => void this.render()),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) void this.render();
      }),
    );
    if (config.value.statusBarEnabled) this.item.show();
  }

  private schedule(): void {
    if (!this.renderTimer) this.renderTimer = setTimeout(() => void this.render(), RENDER_DELAY_MS);
  }

  /**
   * Renders from the data as it is now. While a render is under way (it may have read older data), one more
   * runs after it, so the returned promise always settles after a render that began after the call: callers
   * that await it (Check Technical Edge Now, Why?) then see a fresh `last`.
   */
  render(): Promise<void> {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    if (this.current) {
      this.queued ??= this.current.then(() => {
        this.queued = undefined;
        return this.render();
      });
      return this.queued;
    }
    this.current = this.renderOnce().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async renderOnce(): Promise<void> {
    try {
      const cfg = this.config.value;
      const now = Date.now();
      // The snapshot is computed (and onDidRender fires) even with the item hidden: edge warnings and Why?
      // depend on it, and hiding the status bar must not silence them.
      const snap = await this.snapshot(now);
      this.last = snap;
      if (cfg.statusBarEnabled) this.show(snap, cfg.timeZone);
      else this.item.hide();
      this.renderEmitter.fire(snap);
      this.armMidnight(now, cfg.timeZone);
    } catch (error) {
      this.problems.report('status', `Could not compute today's time: ${(error as Error).message}`);
    }
  }

  /** Everything the item shows, from the shared history (the edge window covers this week too). */
  async snapshot(now: number): Promise<Snapshot> {
    const cfg = this.config.value;
    const today = localDate(now, cfg.timeZone);
    const monday = startOfIsoWeek(today);
    const range = edgeRange(today);
    const history = await this.history.load(range.from, today, { now, timeZone: cfg.timeZone, idleMinutes: cfg.idleMinutes, pending: this.tracker.pending() });
    const common = { segments: history.segments, meetings: history.meetings, timeOff: history.timeOff, timeZone: cfg.timeZone, workingHours: cfg.workingHours, deepWorkMinutes: cfg.deepWorkMinutes };
    const week = dailyMeasures({ ...common, from: monday, to: today });
    const edge = assessEdge({ ...common, asOf: today, floor: cfg.floor, meetingCoverage: history.meetingCoverage, trackingStart: history.trackingStart });
    return {
      today: week[week.length - 1],
      week,
      weekHandsOnMs: week.reduce((sum, d) => sum + d.handsOnMs, 0),
      weekMeetingMs: week.reduce((sum, d) => sum + d.meetingMs, 0),
      edge,
      history,
    };
  }

  private show(snap: Snapshot, timeZone: string): void {
    const cfg = this.config.value;
    const paused = this.controls.value.paused;
    const today = formatDuration(snap.today.handsOnMs);
    const problems = this.problems.messages;
    const state = snap.edge.state;
    const meeting = snap.history.inMeeting ? ' $(comment-discussion)' : '';
    this.item.text = paused ? `$(debug-pause) ${today} paused` : `${problems.length ? '$(warning)' : EDGE_ICON[state]} ${today}${meeting}`;
    this.item.accessibilityInformation = {
      label: `Craft Time: ${describeDuration(snap.today.handsOnMs)} hands-on today${snap.history.inMeeting ? ', in a meeting' : ''}, technical edge ${state}${paused ? ', tracking paused' : ''}`,
      role: 'button',
    };
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Craft Time**${paused ? ' · tracking paused' : ''}${snap.history.inMeeting ? ' · in a meeting' : ''}\n\n`);
    const ratio = snap.today.craftRatio === null ? '—' : `${Math.round(snap.today.craftRatio * 100)} %`;
    md.appendMarkdown(`Today: **${formatDuration(snap.today.handsOnMs)}** hands-on · ${formatDuration(snap.today.meetingMs)} meetings · craft ratio ${ratio}\n\n`);
    const rows = CATEGORIES.filter((c) => snap.today.byCategory[c] > 0).map((c) => `| ${c} | ${formatDuration(snap.today.byCategory[c])} |`);
    if (rows.length) md.appendMarkdown(['| category | time |', '|---|--:|', ...rows].join('\n') + '\n\n');
    const floorMs = cfg.floor.weeklyHandsOnHours * 3_600_000;
    md.appendMarkdown(`This week: **${formatDuration(snap.weekHandsOnMs)}** of the ${cfg.floor.weeklyHandsOnHours} h floor (${cfg.role}) · ${formatDuration(snap.weekMeetingMs)} meetings${snap.weekHandsOnMs >= floorMs ? ' $(check)' : ''}\n\n`);
    const weeks = snap.edge.weeks.slice(-12);
    if (weeks.length) {
      const max = Math.max(1, ...weeks.map((w) => w.handsOnMs));
      const spark = weeks.map((w) => SPARKS[Math.min(7, Math.floor((w.handsOnMs / max) * 7.999))]).join('');
      md.appendMarkdown(`Last 12 weeks: \`${spark}\` (hands-on per week)\n\n`);
    }
    md.appendMarkdown(`Technical edge: **${state}**: ${escapeMarkdown(snap.edge.headline)}\n\n`);
    md.appendMarkdown(`Time zone ${timeZone}\n\n`);
    for (const p of problems) md.appendMarkdown(`$(warning) ${escapeMarkdown(p)}\n\n`);
    md.appendMarkdown(`[Dashboard](command:${Commands.openDashboard}) · [Today](command:${Commands.showToday}) · ${paused ? `[Resume](command:${Commands.resume})` : `[Pause](command:${Commands.pause})`}`);
    md.isTrusted = { enabledCommands: [Commands.openDashboard, Commands.showToday, Commands.pause, Commands.resume] };
    this.item.tooltip = md;
    this.item.backgroundColor = state === 'eroding' ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : state === 'watch' || problems.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
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
