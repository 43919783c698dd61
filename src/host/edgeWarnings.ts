// Quiet, explained warnings when the technical edge erodes, plus the *Why?* and *Protect focus time*
// commands. One window speaks for the machine (a claim file), never during a meeting, at most once per
// craftTime.warnings.minDaysBetween days.
import * as vscode from 'vscode';
import { planFocusTime } from '../core/focusPlanner';
import { edgeHeadline, explainEdge } from '../views/edgeText';
import { durationIn } from '../shared/locale';
import { hostLocalizer } from './localizer';
import { writeFocusIcs } from '../core/icsWriter';
import { warningDue } from '../core/warningPolicy';
import { addDays, localDate, startOfIsoWeek } from '../core/zone';
import { claimWarning, readWarningRecord, writeWarningRecord } from '../store/warningState';
import { Commands } from './commandIds';
import type { ConfigWatcher } from './config';
import { writeFileAtomic } from '../store/atomicWrite';
import { Disposable } from './lifecycle';
import type { CraftModel, Snapshot } from './model';
import type { ProblemReporter } from './problems';

export class EdgeWarnings extends Disposable {
  /** The check under way, and the one queued to run after it (shared by every caller meanwhile). */
  private inflight: Promise<boolean> | undefined;
  private queued: Promise<boolean> | undefined;
  /** Shown warnings in this window (for tests and the log). */
  shown = 0;

  constructor(
    private readonly dataDir: string,
    private readonly model: CraftModel,
    private readonly config: ConfigWatcher,
    private readonly problems: ProblemReporter,
  ) {
    super();
    const reg = vscode.commands.registerCommand;
    this._register(model.onDidChange(() => void this.check()));
    this._register(reg(Commands.explainEdge, () => this.explain()));
    this._register(reg(Commands.protectFocus, (target?: string) => this.protectFocus(target)));
    this._register(reg(Commands.checkEdge, () => this.checkNow()));
  }

  /**
   * "Check Technical Edge Now": refreshes the model first, so the decision uses the data as it is now (a
   * meeting that ended or started since, in this window or another), then checks. True when this window
   * showed the warning.
   */
  async checkNow(): Promise<boolean> {
    const before = this.shown;
    await this.model.refresh(); // its onDidChange starts a check on the fresh snapshot
    await this.check();
    return this.shown > before;
  }

  /**
   * Shows the warning if one is due and this window wins the claim. A call made while a check is under way
   * (possibly on an older snapshot) is not dropped: one more check runs after it.
   */
  check(): Promise<boolean> {
    if (this.inflight) {
      this.queued ??= this.inflight.then(() => {
        this.queued = undefined;
        return this.check();
      });
      return this.queued;
    }
    this.inflight = this.checkOnce().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async checkOnce(): Promise<boolean> {
    try {
      const snap: Snapshot | undefined = this.model.snapshot;
      const cfg = this.config.value;
      if (!snap) return false;
      const now = Date.now();
      const record = await readWarningRecord(this.dataDir);
      const decision = warningDue({
        state: snap.edge.state, enabled: cfg.warningsEnabled, inMeeting: snap.history.inMeeting, now,
        lastShown: record.lastShown, snoozedUntil: record.snoozedUntil, minDaysBetween: cfg.warningsMinDaysBetween,
      });
      if (!decision.due) return false;
      if (!(await claimWarning(this.dataDir, record))) return false;
      await writeWarningRecord(this.dataDir, { ...record, lastShown: new Date(now).toISOString() });
      this.shown++;
      void this.show(edgeHeadline(snap.edge, hostLocalizer()), snap.edge.state);
      return true;
    } catch (error) {
      this.problems.log().warn(`Edge warning check failed: ${(error as Error).message}`);
      return false;
    }
  }

  private async show(headline: string, state: string): Promise<void> {
    const why = vscode.l10n.t('Why?'), protect = vscode.l10n.t('Protect Focus Time'), snooze = vscode.l10n.t('Snooze'), settings = vscode.l10n.t('Settings');
    const answer = await vscode.window.showWarningMessage(state === 'eroding' ? vscode.l10n.t('Craft Time: your technical edge is eroding. {0}', headline) : vscode.l10n.t('Craft Time: your technical edge is worth watching. {0}', headline), why, protect, snooze, settings);
    if (answer === why) await this.explain();
    else if (answer === protect) await this.protectFocus();
    else if (answer === snooze) {
      const pick = await vscode.window.showQuickPick([{ label: vscode.l10n.t('For two weeks'), days: 14 }, { label: vscode.l10n.t('For a month'), days: 30 }, { label: vscode.l10n.t('For three months'), days: 90 }], { placeHolder: vscode.l10n.t('Snooze edge warnings') });
      if (pick) {
        const record = await readWarningRecord(this.dataDir);
        await writeWarningRecord(this.dataDir, { ...record, snoozedUntil: new Date(Date.now() + pick.days * 86_400_000).toISOString() });
      }
    } else if (answer === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'craftTime.');
  }

  /** Opens the explanation of the current state, signal by signal, with the weeks behind it. */
  async explain(): Promise<void> {
    const snap = await this.model.refresh();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: explainEdge(snap.edge, this.config.value.role, hostLocalizer()) });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc));
  }

  /**
   * Proposes meeting-free blocks of 2 h or more next week, lets the user pick, and writes them as an .ics
   * ready to import. `target` (a file path) skips the dialogs: every suggested block is written there.
   */
  async protectFocus(target?: string): Promise<string | undefined> {
    const cfg = this.config.value;
    const now = Date.now();
    const nextMonday = addDays(startOfIsoWeek(localDate(now, cfg.timeZone)), 7);
    const { history } = await this.model.load(nextMonday, addDays(nextMonday, 6), now);
    const plan = planFocusTime({ week: nextMonday, meetings: history.meetings, timeZone: cfg.timeZone, floor: cfg.floor, workingHours: cfg.workingHours, timeOff: history.timeOff });
    if (plan.candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: next week has no meeting-free stretch of 2 hours inside your working hours. Consider declining or moving a recurring meeting.'));
      return undefined;
    }
    let chosen = plan.suggested.length ? plan.suggested : plan.candidates.slice(0, 3);
    if (!target) {
      const suggested = new Set(chosen);
      const l = hostLocalizer();
      const formatDuration = (ms: number) => durationIn(l, ms);
      const fmt = (ms: number) => new Date(ms).toLocaleTimeString(l.locale, { hour: '2-digit', minute: '2-digit', timeZone: cfg.timeZone });
      const items = plan.candidates.map((b) => ({ label: `${b.date} ${fmt(b.start)}–${fmt(b.end)}`, description: formatDuration(b.end - b.start), picked: suggested.has(b), block: b }));
      const picks = await vscode.window.showQuickPick(items, {
        canPickMany: true,
        title: vscode.l10n.t('Protect focus time in {0}', plan.week),
        placeHolder: vscode.l10n.t('You need about {0} hands-on to reach your floor; the suggested blocks give {1}.', formatDuration(plan.neededMs), formatDuration(plan.suggestedMs)),
      });
      if (!picks?.length) return undefined;
      chosen = picks.map((p) => p.block).sort((a, b) => a.start - b.start);
      const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`focus-time-${plan.week}.ics`), filters: { Calendar: ['ics'] }, title: vscode.l10n.t('Save focus blocks to import into your calendar') });
      if (!uri) return undefined;
      target = uri.fsPath;
    }
    await writeFileAtomic(target, writeFocusIcs(chosen, { dtstamp: now }), { mode: 0o644 });
    void vscode.window.showInformationMessage(chosen.length === 1 ? vscode.l10n.t('Craft Time: 1 focus block saved. Import the file into Google, Outlook or Apple Calendar to protect them.') : vscode.l10n.t('Craft Time: {0} focus blocks saved. Import the file into Google, Outlook or Apple Calendar to protect them.', chosen.length));
    return target;
  }

}
