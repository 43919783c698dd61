// Calendar sources in VS Code: add/remove .ics files and https subscriptions (URLs in SecretStorage),
// background refresh with conditional requests, last good copy on disk, per-source health, and
// expanded meetings for a window of days (cached until the calendar or the window changes).
// Expansion runs on a worker thread (calendarEngine.ts), one budget per file; callers never wait long
// for a slow file: what is not ready after a short wait is left out, and onDidChange fires when it is.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { downloadCalendar, maskUrl, normalizeCalendarUrl } from '../calendar/download';
import type { ExpandOptions, ExpandResult } from '../calendar/expand';
import { disposeCalendarWorker, expandOffThread } from './calendarEngine';
import type { Meeting, TimeOffDay } from '../core/types';
import {
  cacheFile, loadCalendarTexts, newId, readMeta, readSources, removeSourceFiles, sourcesFile, writeCache, writeMeta, writeSources,
  type CalendarSource, type SourceMeta,
} from '../store/calendarStore';
import { problemText } from './localizer';
import type { Config, ConfigWatcher } from './config';
import type { ProblemReporter } from './problems';

export interface SourceHealth {
  readonly id: string;
  readonly kind: 'file' | 'url';
  readonly label: string;
  readonly lastSuccess?: string;
  readonly events?: number;
  readonly problem?: string;
}

export interface ExpandedCalendars {
  readonly meetings: Meeting[];
  readonly timeOff: TimeOffDay[];
  readonly problems: string[];
  /** True when at least one calendar source is configured (meeting-based signals can run). */
  readonly connected: boolean;
  /** True when some calendar was still being read and is left out (onDidChange fires once it is ready). */
  readonly pending: boolean;
}

/** How long meetingsBetween waits for expansions before answering without the slow ones. */
const WAIT_FOR_EXPANSION_MS = 3_000;
/** Expanded results kept (a few windows of a few calendars). */
const MAX_CACHED = 32;

const secretKey = (id: string) => `craftTime.calendar.${id}`;

export class CalendarService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly owned: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly expandCache = new Map<string, ExpandResult>();
  /** The calendar texts and the stamps (size:mtime) of the files they were read from. */
  private texts: { stamp: string; files: string[]; texts: { source: CalendarSource; text: string | undefined; problem?: string; hash?: string }[] } | undefined;
  private readonly inflight = new Map<string, Promise<ExpandResult>>();
  /** Files skipped for their budget, by content hash: not read again, whatever the window, until they change. */
  private readonly skippedByHash = new Map<string, ExpandResult>();
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly dataDir: string,
    private readonly config: ConfigWatcher,
    private readonly problems: ProblemReporter,
  ) {
    this.owned.push(this.emitter, config.onDidChange(() => this.onConfig()));
  }

  /** Starts file watchers and the refresh timer; called after activation, off the critical path. */
  async start(): Promise<void> {
    await this.watchFiles();
    this.armTimer(this.config.value);
    void this.refresh(false);
  }

  private onConfig(): void {
    this.expandCache.clear();
    this.skippedByHash.clear();
    this.texts = undefined;
    this.armTimer(this.config.value);
    this.emitter.fire();
  }

  private armTimer(cfg: Config): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => void this.refresh(false), cfg.refreshMinutes * 60_000);
  }

  private async watchFiles(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const { value: sources } = await readSources(this.dataDir);
    for (const s of sources) {
      if (s.kind !== 'file' || !s.path) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(s.path)), path.basename(s.path)));
      const changed = () => void this.checkFile(s).then(() => this.emitter.fire());
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      this.watchers.push(watcher);
    }
  }

  async sources(): Promise<CalendarSource[]> {
    const { value, problem } = await readSources(this.dataDir);
    if (problem) this.problems.report('calendar-sources', problem);
    return value;
  }

  async health(): Promise<SourceHealth[]> {
    const sources = await this.sources();
    return Promise.all(
      sources.map(async (s) => {
        const meta = await readMeta(this.dataDir, s.id);
        return { id: s.id, kind: s.kind, label: s.label, lastSuccess: meta.lastSuccess, events: meta.events, problem: meta.problem && problemText(meta.problem) };
      }),
    );
  }

  async addFile(file: string): Promise<SourceHealth> {
    const sources = await this.sources();
    const existing = sources.find((s) => s.kind === 'file' && s.path === file);
    const source: CalendarSource = existing ?? { id: newId('file'), kind: 'file', label: path.basename(file), path: file, addedAt: new Date().toISOString() };
    if (!existing) await writeSources(this.dataDir, [...sources, source]);
    await this.checkFile(source);
    await this.watchFiles();
    this.emitter.fire();
    return (await this.health()).find((h) => h.id === source.id) as SourceHealth;
  }

  async addUrl(rawUrl: string, name: string | undefined): Promise<SourceHealth> {
    const url = normalizeCalendarUrl(rawUrl);
    if (!url || url.protocol !== 'https:') throw new Error(vscode.l10n.t('That is not an https (or webcal) calendar address.'));
    const sources = await this.sources();
    const source: CalendarSource = { id: newId('url'), kind: 'url', label: name?.trim() || maskUrl(url.href), addedAt: new Date().toISOString() };
    await writeSources(this.dataDir, [...sources, source]); // first: it refuses when sources.json is damaged
    await this.context.secrets.store(secretKey(source.id), url.href);
    await this.refreshOne(source, true);
    this.emitter.fire();
    return (await this.health()).find((h) => h.id === source.id) as SourceHealth;
  }

  async remove(id: string): Promise<void> {
    const sources = await this.sources();
    await writeSources(this.dataDir, sources.filter((s) => s.id !== id));
    await this.context.secrets.delete(secretKey(id));
    await removeSourceFiles(this.dataDir, id);
    this.expandCache.clear();
    await this.watchFiles();
    this.emitter.fire();
  }

  /** Refreshes every URL source whose last attempt is older than the interval (all of them when forced). */
  refresh(force: boolean): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const run = async () => {
      const sources = await this.sources();
      // All at once, each counting as soon as it is read: a good calendar never waits behind a slow
      // download or a hostile file that uses up its budget on the other worker.
      await Promise.all(sources.map(async (s) => {
        if (s.kind === 'url') await this.refreshOne(s, force);
        else await this.checkFile(s);
        this.emitter.fire();
      }));
      if (sources.length === 0) this.emitter.fire(); // the last one was removed elsewhere: the views drop its meetings
    };
    this.refreshing = run().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOne(source: CalendarSource, force: boolean): Promise<void> {
    const meta = await readMeta(this.dataDir, source.id);
    const now = Date.now();
    // Another window may have refreshed a moment ago: the meta file is shared, so skip if it is fresh.
    if (!force && meta.lastAttempt && now - Date.parse(meta.lastAttempt) < this.config.value.refreshMinutes * 60_000 - 30_000) return;
    const url = await this.context.secrets.get(secretKey(source.id));
    if (!url) {
      await this.saveMeta(source, { ...meta, lastAttempt: new Date(now).toISOString(), problem: vscode.l10n.t("The address is missing from this machine's secret storage; remove the source and add it again.") });
      return;
    }
    const result = await downloadCalendar(url, { etag: meta.etag, lastModified: meta.lastModified });
    const stamp = new Date(now).toISOString();
    if (result.status === 'notModified') {
      await this.saveMeta(source, { ...meta, lastAttempt: stamp, lastSuccess: stamp, problem: undefined });
      return;
    }
    if (result.status === 'error') {
      await this.saveMeta(source, { ...meta, lastAttempt: stamp, problem: `${result.message} The last good copy is still used.` });
      return;
    }
    const check = await this.expandWindow(result.text, source.id, now);
    if (check.stats.events === 0 && check.problems.length > 0) {
      await this.saveMeta(source, { ...meta, lastAttempt: stamp, problem: `${check.problems[0]} The last good copy is still used.` });
      return;
    }
    await writeCache(this.dataDir, source.id, result.text);
    await this.saveMeta(source, {
      etag: result.etag, lastModified: result.lastModified, lastAttempt: stamp, lastSuccess: stamp,
      events: check.stats.events, problem: check.problems.length ? summarize(check.problems) : undefined,
    });
  }

  /** Reads a file source once to record its health, and keeps a copy so a moved file loses nothing. */
  private async checkFile(source: CalendarSource): Promise<void> {
    const [entry] = (await loadCalendarTexts(this.dataDir)).filter((e) => e.source.id === source.id);
    const stamp = new Date().toISOString();
    const meta = await readMeta(this.dataDir, source.id);
    if (!entry || entry.text === undefined || entry.problem) {
      await this.saveMeta(source, { ...meta, lastAttempt: stamp, problem: entry?.problem ?? vscode.l10n.t('The file could not be read.') });
      return;
    }
    const check = await this.expandWindow(entry.text, source.id, Date.now());
    if (check.stats.events > 0 || check.problems.length === 0) await writeCache(this.dataDir, source.id, entry.text);
    await this.saveMeta(source, { lastAttempt: stamp, lastSuccess: stamp, events: check.stats.events, problem: check.problems.length ? summarize(check.problems) : undefined });
  }

  private async saveMeta(source: CalendarSource, meta: SourceMeta): Promise<void> {
    await writeMeta(this.dataDir, source.id, meta);
    if (meta.problem) this.problems.report(`calendar-${source.id}`, vscode.l10n.t('Calendar "{0}": {1}', source.label, meta.problem));
    else this.problems.clear(`calendar-${source.id}`);
  }

  private expandWindow(text: string, id: string, now: number): Promise<ExpandResult> {
    return this.expand(text, { fromMs: now - 400 * 86_400_000, toMs: now + 30 * 86_400_000, sourceId: id });
  }

  /** Expands one file off the thread, sharing results and in-flight work between callers. */
  private expand(text: string, window: Pick<ExpandOptions, 'fromMs' | 'toMs' | 'sourceId'>, knownHash?: string): Promise<ExpandResult> {
    const cfg = this.config.value;
    const hash = knownHash ?? createHash('sha1').update(text).digest('hex');
    const skipped = this.skippedByHash.get(hash);
    if (skipped) return Promise.resolve(skipped);
    const key = `${window.sourceId}:${window.fromMs}:${window.toMs}:${hash}`;
    const cached = this.expandCache.get(key);
    if (cached) return Promise.resolve(cached);
    let running = this.inflight.get(key);
    if (!running) {
      const options: ExpandOptions = { ...window, timeZone: cfg.timeZone, myEmails: cfg.myEmails, ignorePatterns: cfg.ignorePatterns };
      // The same content being read for another window goes first: if it is skipped, this one is too,
      // without spending the budget a second time.
      const sameContent = [...this.inflight.entries()].find(([k]) => k.endsWith(`:${hash}`))?.[1] ?? Promise.resolve();
      running = sameContent.then(() => this.skippedByHash.get(hash) ?? expandOffThread(text, options)).then((r) => {
        this.inflight.delete(key);
        if (r.skipped) this.skippedByHash.set(hash, r);
        else {
          this.expandCache.set(key, r);
          if (this.expandCache.size > MAX_CACHED) this.expandCache.delete(this.expandCache.keys().next().value as string);
        }
        return r;
      });
      this.inflight.set(key, running);
    }
    return running;
  }

  /**
   * Meetings of every source between two instants, from the current files. Waits at most a few seconds
   * for files being read: a slow or hostile file never holds up the status bar or a command.
   */
  /**
   * The calendar texts, re-read only when a file they come from changed (sources.json, a file source, a
   * cached copy: compared by size and mtime), with their content hashes: a refresh after typing neither
   * reads nor hashes the calendars again.
   */
  private async calendarTexts(): Promise<{ source: CalendarSource; text: string | undefined; problem?: string; hash?: string }[]> {
    const stampOf = async (file: string | undefined) => {
      if (!file) return '-';
      try {
        const st = await fs.promises.stat(file);
        return `${st.size}:${st.mtimeMs}`;
      } catch {
        return 'missing';
      }
    };
    const known = this.texts;
    if (known) {
      const stamps = await Promise.all(known.files.map(stampOf));
      if (stamps.join('|') === known.stamp) return known.texts;
    }
    const { value: sources } = await readSources(this.dataDir);
    const files = [sourcesFile(this.dataDir), ...sources.flatMap((s) => [s.kind === 'file' ? s.path : undefined, cacheFile(this.dataDir, s.id)])].filter((f): f is string => f !== undefined);
    const stamp = (await Promise.all(files.map(stampOf))).join('|');
    const texts = (await loadCalendarTexts(this.dataDir)).map((t) => ({ ...t, hash: t.text === undefined ? undefined : createHash('sha1').update(t.text).digest('hex') }));
    this.texts = { stamp, files, texts };
    return texts;
  }

  async meetingsBetween(fromMs: number, toMs: number): Promise<ExpandedCalendars> {
    const texts = await this.calendarTexts();
    const results: (ExpandResult | undefined)[] = texts.map(() => undefined);
    const each = texts.map(({ source, text }, i) =>
      text === undefined ? undefined : this.expand(text, { fromMs, toMs, sourceId: source.id }, texts[i].hash).then((r) => (results[i] = r)),
    );
    const all = Promise.all(each);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ready = await Promise.race([all.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), WAIT_FOR_EXPANSION_MS)))]);
    clearTimeout(timer);
    // Each file left out fires a change when it is ready, not when the slowest is: a good calendar that missed
    // the wait counts at once, not only after a hostile one has used up its budget.
    if (!ready) each.forEach((p, i) => p && !results[i] && void p.then(() => this.emitter.fire()));
    const meetings: Meeting[] = [], timeOff: TimeOffDay[] = [], problems: string[] = [];
    let pending = false;
    texts.forEach(({ source, text }, i) => {
      const result = results[i];
      if (text !== undefined && !result) pending = true;
      if (!result) return;
      meetings.push(...result.meetings);
      timeOff.push(...result.timeOff);
      problems.push(...result.problems.map((p) => `${source.label}: ${p}`));
    });
    return { meetings, timeOff, problems, connected: texts.length > 0, pending };
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.owned) d.dispose();
    disposeCalendarWorker();
  }
}

function summarize(problems: readonly string[]): string {
  return problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more)`;
}
