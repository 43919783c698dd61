// The machine-wide pause switch and workspace exclusions, cached in memory and re-read when this window
// gains focus (another window may have changed them), so the per-event check costs nothing.
import * as vscode from 'vscode';
import { syncControlMarkers } from '../store/controlMarkers';
import { DEFAULT_CONTROLS, readControls, writeControls, type Controls } from '../store/controls';
import type { ProblemReporter } from './problems';

export class ControlsHolder implements vscode.Disposable {
  private controls: Controls = DEFAULT_CONTROLS;
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
    const { controls, problem } = await readControls(this.dataDir);
    if (problem) this.problems.report('controls', problem);
    this.set(controls);
    await this.syncMarkers(problem ? undefined : controls);
  }

  /** Mirrors the controls into marker files for the shell hook (fail closed when they cannot be read). */
  private async syncMarkers(controls: Controls | undefined): Promise<void> {
    await syncControlMarkers(this.dataDir, controls).catch((e: Error) => this.problems.report('markers', `Could not update the terminal hook's pause markers: ${e.message}`));
  }

  async update(change: (c: Controls) => Controls): Promise<void> {
    await this.reload();
    const next = change(this.controls);
    await writeControls(this.dataDir, next);
    this.set(next);
    await this.syncMarkers(next);
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
