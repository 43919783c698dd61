// The machine-wide pause switch and workspace exclusions, cached in memory and re-read when this window
// gains focus (another window may have changed them), so the per-event check costs nothing.
import * as vscode from 'vscode';
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

  async reload(): Promise<void> {
    const { controls, problem } = await readControls(this.dataDir);
    if (problem) this.problems.report('controls', problem);
    this.set(controls);
  }

  async update(change: (c: Controls) => Controls): Promise<void> {
    await this.reload();
    const next = change(this.controls);
    await writeControls(this.dataDir, next);
    this.set(next);
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
