// The one observable model of the window (docs/architecture.md): it loads history through the one loader
// (store/history.ts) over a cache, builds the one set of inputs (core/context.ts) and computes today, this
// week and the edge once per refresh. The status bar, edge warnings, *Show Today* and the dashboard
// subscribe or ask it; none of them loads or computes on its own.
import * as vscode from 'vscode';
import type { MeasureInputs } from '../core/context';
import { edgeRange, type EdgeResult } from '../core/edge';
import { EdgeMemo } from '../core/edgeMemo';
import { inputsOf, measureSnapshot } from '../core/snapshot';
import type { TodayAndWeek } from '../core/today';
import type { Span } from '../core/types';
import { addDays, localDate, startOfDay } from '../core/zone';
import { loadHistory, type CalendarReader, type History } from '../store/history';
import { CachedActivityReader } from './activityCache';
import type { ConfigWatcher } from './config';
import type { Config } from './config';
import { Disposable, toDisposable } from './lifecycle';
import type { Tracker } from './tracker';

/** What every surface shows, computed once per refresh. */
export interface Snapshot {
  readonly now: number;
  readonly date: string;
  readonly settings: Config;
  readonly history: History;
  readonly inputs: MeasureInputs;
  readonly today: TodayAndWeek;
  readonly edge: EdgeResult;
}

/** How soon after activity the numbers refresh (DESIGN.md: within a minute). */
export const REFRESH_DELAY_MS = 10_000;
/**
 * Under continuous activity, refreshes are this far apart: each one re-measures 17 weeks, and the status bar
 * shows whole minutes, so refreshing more often while someone types only costs CPU (docs/performance.md).
 * Still within the minute DESIGN.md promises: activity is shown by the next refresh, at most this far away.
 */
export const ACTIVE_REFRESH_MS = 55_000;

export class CraftModel extends Disposable {
  private readonly emitter = this._register(new vscode.EventEmitter<Snapshot>());
  /** Fires after each refresh with the new snapshot. */
  readonly onDidChange = this.emitter.event;
  private readonly reader: CachedActivityReader;
  /** The edge of complete past weeks, reused between refreshes while nothing it reads changed. */
  private readonly edgeMemo = new EdgeMemo();
  /** What this window wrote since it started: its own file is never read back. */
  private readonly ownSpans: Span[] = [];
  private readonly ownBarriers: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private midnight: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<Snapshot> | undefined;
  private queued: Promise<Snapshot> | undefined;
  private last: Snapshot | undefined;
  /** Milliseconds the last refresh took (for the log and the benchmark). */
  lastRefreshMs = 0;
  /** When the last refresh began (0: never). */
  private lastRefreshAt = 0;

  constructor(
    private readonly dataDir: string,
    private readonly tracker: Tracker,
    private readonly config: ConfigWatcher,
    private readonly calendars: CalendarReader,
    onDidChangeData: vscode.Event<void>,
  ) {
    super();
    this.reader = new CachedActivityReader(dataDir, `${tracker.source}.jsonl`);
    this._register(toDisposable(() => this.reader.dispose()));
    this._register(tracker.onDidRecord(() => this.schedule()));
    // Kept exactly as the file records them (whole seconds), so the window and the CLI agree to the second.
    this._register(tracker.onDidFlush((spans) => this.ownSpans.push(...spans.map(asWritten))));
    this._register(tracker.onDidPause((instant) => this.ownBarriers.push(instant)));
    this._register(config.onDidChange(() => void this.refresh()));
    this._register(onDidChangeData(() => {
      this.reader.invalidate();
      void this.refresh();
    }));
    this._register(vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) void this.refresh();
    }));
    this._register(toDisposable(() => {
      if (this.timer) clearTimeout(this.timer);
      if (this.midnight) clearTimeout(this.midnight);
    }));
  }

  /** The latest snapshot, if one was computed. */
  get snapshot(): Snapshot | undefined {
    return this.last;
  }

  /** Forgets cached files (the user imported or deleted data). */
  invalidate(): void {
    this.reader.invalidate();
  }

  /** Forgets what this window wrote (all data was deleted). */
  forgetOwn(): void {
    this.ownSpans.length = 0;
    this.ownBarriers.length = 0;
    this.reader.invalidate();
  }

  private schedule(): void {
    if (this.timer) return;
    const sinceLast = Date.now() - this.lastRefreshAt;
    this.timer = setTimeout(() => void this.refresh(), Math.max(REFRESH_DELAY_MS, ACTIVE_REFRESH_MS - sinceLast));
  }

  /**
   * Recomputes from the data as it is now. While a refresh is under way (it may have read older data), one
   * more runs after it, so the returned snapshot always comes from a refresh that began after the call.
   */
  refresh(): Promise<Snapshot> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current) {
      this.queued ??= this.current.then(
        () => this.afterQueued(),
        () => this.afterQueued(),
      );
      return this.queued;
    }
    this.current = this.compute().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private afterQueued(): Promise<Snapshot> {
    this.queued = undefined;
    return this.refresh();
  }

  private async compute(): Promise<Snapshot> {
    const started = Date.now();
    this.lastRefreshAt = started;
    const settings = this.config.value;
    const now = Date.now();
    const date = localDate(now, settings.timeZone);
    const { history } = await this.load(edgeRange(date).from, date, now);
    const snapshot: Snapshot = { now, date, settings, history, ...measureSnapshot(history, settings, date, this.edgeMemo) };
    this.last = snapshot;
    this.lastRefreshMs = Date.now() - started;
    this.armMidnight(now, settings.timeZone);
    this.emitter.fire(snapshot);
    return snapshot;
  }

  /** History and inputs for other ranges (dashboard months, summaries, the team contribution, focus planning). */
  async load(from: string, to: string, now = Date.now()): Promise<{ history: History; inputs: MeasureInputs }> {
    const settings = this.config.value;
    const history = await loadHistory({
      dataDir: this.dataDir,
      from,
      to,
      timeZone: settings.timeZone,
      idleMinutes: settings.idleMinutes,
      now,
      activity: this.reader,
      calendars: this.calendars,
      pending: [...this.ownSpans, ...this.tracker.pending()],
      barriers: this.ownBarriers,
      workspaceNames: this.tracker.workspaceNames,
    });
    return { history, inputs: inputsOf(history, settings) };
  }

  /** One timer to local midnight, so "today" resets even without activity. */
  private armMidnight(now: number, timeZone: string): void {
    if (this.midnight) clearTimeout(this.midnight);
    const next = startOfDay(addDays(localDate(now, timeZone), 1), timeZone);
    this.midnight = setTimeout(() => void this.refresh(), Math.max(1000, next - now + 1000));
  }
}

const asWritten = (s: Span): Span => ({ ...s, start: Math.floor(s.start / 1000) * 1000, end: Math.floor(s.end / 1000) * 1000 });
