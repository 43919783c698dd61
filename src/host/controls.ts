// The machine-wide pause switch and workspace exclusions, cached in memory and re-read when this window
// gains focus (another window may have changed them), so the per-event check costs nothing.
// Fails closed: when controls.json cannot be used, the last good state stays in force (this window's
// memory, else controls.json.prev); with none, tracking pauses until the user repairs or resets the file.
import * as vscode from 'vscode';
import { syncControlMarkers } from '../store/controlMarkers';
import {
  controlsFile, ControlsDamagedError, DEFAULT_CONTROLS, readControls, writeControls, type Controls,
} from '../store/controls';
import type { ProblemReporter } from './problems';

/** In force while there is no good state at all: nothing is recorded. */
const FAIL_CLOSED: Controls = { schema: 1, paused: true, excludedWorkspaces: [] };

export class ControlsHolder implements vscode.Disposable {
  private controls: Controls = DEFAULT_CONTROLS;
  /** The last state read from a good file (or written by this window). */
  private lastGood: Controls | undefined;
  private damaged = false;
  private excluded = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<Controls>();
  readonly onDidChange = this.emitter.event;
  private readonly focusListener: vscode.Disposable;

  constructor(private readonly dataDir: string, private readonly problems: ProblemReporter) {
    this.focusListener = vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) void this.reload();
    });
  }

  get value(): Controls {
    return this.controls;
  }

  /** True while controls.json cannot be used (the state in force is the last good one, or paused). */
  get isDamaged(): boolean {
    return this.damaged;
  }

  isExcluded(workspaceId: string): boolean {
    return workspaceId !== '' && this.excluded.has(workspaceId);
  }

  /**
   * Excluded by its id, or by the id it had before ids hashed the real path; the old exclusion then gets
   * the new id too (once), so the shell hook's marker (which knows only new ids) also says "excluded".
   */
  isExcludedRef(ws: { readonly id: string; readonly name: string; readonly legacyId: string }): boolean {
    if (this.isExcluded(ws.id)) return true;
    if (!this.isExcluded(ws.legacyId)) return false;
    if (ws.id && !this.upgrading.has(ws.id)) {
      this.upgrading.add(ws.id);
      void this.update((c) => (c.excludedWorkspaces.some((w) => w.id === ws.id) ? c : { ...c, excludedWorkspaces: [...c.excludedWorkspaces, { id: ws.id, name: ws.name }] })).catch(() => undefined);
    }
    return true;
  }
  private readonly upgrading = new Set<string>();

  async reload(): Promise<void> {
    const read = await readControls(this.dataDir);
    if (read.status === 'ok') {
      this.damaged = false;
      this.lastGood = read.controls;
      this.problems.clear('controls');
      this.set(read.controls);
      await this.syncMarkers(read.controls);
      return;
    }
    this.damaged = true;
    // Once per session (ProblemReporter), then in the status bar tooltip and the log.
    this.problems.report('controls', read.problem, { title: vscode.l10n.t('Repair…'), run: () => this.repair() });
    this.set(this.lastGood ?? read.previous ?? FAIL_CLOSED);
    // The shell hook sees a pause marker while the file is damaged (fail closed).
    await this.syncMarkers(undefined);
  }

  /** Mirrors the controls into marker files for the shell hook (fail closed when they cannot be read). */
  private async syncMarkers(controls: Controls | undefined): Promise<void> {
    await syncControlMarkers(this.dataDir, controls).catch((e: Error) => this.problems.report('markers', vscode.l10n.t("Could not update the terminal hook's pause markers: {0}", e.message)));
  }

  /** Applies a change and saves it. False (nothing written) while the file is damaged: the user repairs first. */
  async update(change: (c: Controls) => Controls): Promise<boolean> {
    await this.reload();
    if (this.damaged) {
      void this.offerRepair();
      return false;
    }
    const next = change(this.controls);
    try {
      await writeControls(this.dataDir, next);
    } catch (error) {
      if (!(error instanceof ControlsDamagedError)) throw error;
      await this.reload(); // another process damaged it in between: never overwritten
      void this.offerRepair();
      return false;
    }
    this.lastGood = next;
    this.set(next);
    await this.syncMarkers(next);
    return true;
  }

  private async offerRepair(): Promise<void> {
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Craft Time: the tracking controls file is damaged, so it was not changed.'), vscode.l10n.t('Repair…'));
    if (answer) await this.repair();
  }

  /** Open the file, restore the previous copy, or reset: each says what it keeps. */
  async repair(): Promise<void> {
    const read = await readControls(this.dataDir);
    if (read.status === 'ok') {
      await this.reload();
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: the tracking controls file reads fine now.'));
      return;
    }
    type Pick = vscode.QuickPickItem & { action: 'open' | 'previous' | 'memory' | 'reset' };
    const items: Pick[] = [{ label: vscode.l10n.t('Open the file'), detail: controlsFile(this.dataDir), action: 'open' }];
    if (read.previous) items.push({ label: vscode.l10n.t('Restore the previous copy'), detail: describe(read.previous), action: 'previous' });
    if (this.lastGood) items.push({ label: vscode.l10n.t('Restore what this window last read'), detail: describe(this.lastGood), action: 'memory' });
    items.push({ label: vscode.l10n.t('Reset'), detail: vscode.l10n.t('Not paused, no workspace excluded. The damaged file is kept as controls.json.damaged.'), action: 'reset' });
    const pick = await vscode.window.showQuickPick(items, { placeHolder: read.problem, ignoreFocusOut: true });
    if (!pick) return;
    if (pick.action === 'open') {
      await vscode.window.showTextDocument(vscode.Uri.file(controlsFile(this.dataDir)));
      return;
    }
    const next = pick.action === 'previous' ? read.previous : pick.action === 'memory' ? this.lastGood : DEFAULT_CONTROLS;
    await writeControls(this.dataDir, next ?? DEFAULT_CONTROLS, { replaceDamaged: true });
    await this.reload();
  }

  private set(controls: Controls): void {
    const changed = JSON.stringify(controls) !== JSON.stringify(this.controls);
    this.controls = controls;
    this.excluded = new Set(controls.excludedWorkspaces.map((w) => w.id));
    if (changed) this.emitter.fire(controls);
  }

  dispose(): void {
    this.focusListener.dispose();
    this.emitter.dispose();
  }
}

function describe(c: Controls): string {
  const n = c.excludedWorkspaces.length;
  const names = c.excludedWorkspaces.map((w) => w.name || w.id).join(', ');
  if (n === 0) return c.paused ? vscode.l10n.t('Paused, 0 workspaces excluded') : vscode.l10n.t('Tracking, 0 workspaces excluded');
  if (n === 1) return c.paused ? vscode.l10n.t('Paused, 1 workspace excluded: {0}', names) : vscode.l10n.t('Tracking, 1 workspace excluded: {0}', names);
  return c.paused ? vscode.l10n.t('Paused, {0} workspaces excluded: {1}', n, names) : vscode.l10n.t('Tracking, {0} workspaces excluded: {1}', n, names);
}
