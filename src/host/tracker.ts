// Turns user-originated VS Code events of the focused window into heartbeats, and writes them to this
// window's own activity file at least every 30 seconds and on shutdown.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HeartbeatAccumulator } from '../core/accumulator';
import type { Category, Span } from '../core/types';
import { ActivityWriter, AppendError } from '../store/activityStore';
import type { ControlsHolder } from './controls';
import { editCategory, isWorkDocument, navigationCategory } from './eventFilter';
import type { ProblemReporter } from './problems';
import { currentWorkspace, workspaceOf, type WorkspaceRef } from './workspaces';

export const FLUSH_MS = 30_000;
const END_SIGNALS: readonly NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT'] : ['SIGTERM', 'SIGINT', 'SIGHUP'];

export class Tracker implements vscode.Disposable {
  /** This extension host's writer id: each window writes only its own files. */
  readonly source = `w-${randomBytes(6).toString('hex')}`;
  private readonly acc = new HeartbeatAccumulator();
  private readonly writer: ActivityWriter;
  private readonly names = new Map<string, string>();
  private readonly owned: vscode.Disposable[] = [];
  private readonly activityEmitter = new vscode.EventEmitter<void>();
  private readonly flushEmitter = new vscode.EventEmitter<readonly Span[]>();
  private readonly pauseEmitter = new vscode.EventEmitter<number>();
  /** Fires (at most once per heartbeat) when a heartbeat was recorded. */
  readonly onDidRecord = this.activityEmitter.event;
  /** Fires after buffered spans reached the disk, with those spans (the model keeps them instead of re-reading). */
  readonly onDidFlush = this.flushEmitter.event;
  /** Fires after a pause barrier was written, with its instant. */
  readonly onDidPause = this.pauseEmitter.event;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private focused = vscode.window.state.focused;
  heartbeats = 0;

  constructor(dataDir: string, private readonly controls: ControlsHolder, private readonly problems: ProblemReporter) {
    this.writer = new ActivityWriter(dataDir, this.source);
    const w = vscode.window, ws = vscode.workspace;
    this.owned.push(
      w.onDidChangeWindowState((s) => {
        this.focused = s.focused;
        // Leaving the window is often the moment before closing it: write what is buffered now.
        if (!s.focused) void this.flush();
      }),
      ws.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        // Only the document the user is working in: edits made by other extensions elsewhere do not count.
        const active = w.activeTextEditor?.document;
        const notebookCell = e.document.uri.scheme === 'vscode-notebook-cell' && w.activeNotebookEditor?.notebook.uri.path === e.document.uri.path;
        if (e.document !== active && !notebookCell) return;
        if (!isWorkDocument(e.document)) return;
        this.beat(editCategory(e.document), e.document.languageId, workspaceOf(e.document.uri));
      }),
      ws.onDidSaveTextDocument((doc) => {
        if (doc !== w.activeTextEditor?.document || !isWorkDocument(doc)) return;
        this.beat(editCategory(doc), doc.languageId, workspaceOf(doc.uri));
      }),
      w.onDidChangeTextEditorSelection((e) => {
        // Command-driven moves (other extensions, programmatic reveals) are not the user.
        if (e.kind === undefined || e.kind === vscode.TextEditorSelectionChangeKind.Command) return;
        if (e.textEditor !== w.activeTextEditor || !isWorkDocument(e.textEditor.document)) return;
        const doc = e.textEditor.document;
        this.beat(navigationCategory(doc), doc.languageId, workspaceOf(doc.uri));
      }),
      w.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor !== w.activeTextEditor || !isWorkDocument(e.textEditor.document)) return;
        const doc = e.textEditor.document;
        this.beat(navigationCategory(doc), doc.languageId, workspaceOf(doc.uri));
      }),
      w.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !isWorkDocument(editor.document)) return;
        this.beat(navigationCategory(editor.document), editor.document.languageId, workspaceOf(editor.document.uri));
      }),
      ws.onDidChangeNotebookDocument((e) => {
        if (e.notebook !== w.activeNotebookEditor?.notebook) return;
        const ran = e.cellChanges.some((c) => c.executionSummary !== undefined);
        const edited = e.contentChanges.length > 0 || e.cellChanges.some((c) => c.document !== undefined);
        if (!ran && !edited) return;
        this.beat(ran ? 'building' : 'coding', e.notebook.notebookType, workspaceOf(e.notebook.uri));
      }),
      vscode.debug.onDidStartDebugSession((s) => this.beat('debugging', '', folderRef(s.workspaceFolder))),
      vscode.debug.onDidTerminateDebugSession((s) => this.beat('debugging', '', folderRef(s.workspaceFolder))),
      vscode.debug.onDidChangeActiveStackItem(() => this.beat('debugging', '', currentWorkspace())),
      vscode.debug.onDidChangeBreakpoints(() => this.beat('debugging', '', currentWorkspace())),
      vscode.tasks.onDidStartTask((e) => this.beat('building', '', taskWorkspace(e.execution.task))),
      vscode.tasks.onDidEndTask((e) => this.beat('building', '', taskWorkspace(e.execution.task))),
      w.onDidStartTerminalShellExecution(() => this.beat('building', '', currentWorkspace())),
      w.onDidEndTerminalShellExecution(() => this.beat('building', '', currentWorkspace())),
      w.onDidChangeTerminalState((t) => {
        if (t.state.isInteractedWith) this.beat('building', '', currentWorkspace());
      }),
      this.activityEmitter,
      this.flushEmitter,
      this.pauseEmitter,
      this.watchProcessEnd(),
    );
  }

  /** The hot path: a few checks and an O(1) update of the open span. No I/O. */
  private beat(category: Category, language: string, ws: WorkspaceRef): void {
    if (!this.focused || this.controls.value.paused || this.controls.isExcludedRef(ws)) return;
    if (ws.id && !this.names.has(ws.id)) {
      this.names.set(ws.id, ws.name);
      this.writer.addAlias(ws.legacyId, ws.id);
    }
    if (!this.acc.add(Date.now(), category, language, ws.id)) return;
    this.heartbeats++;
    if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.activityEmitter.fire();
  }

  /** Heartbeats of this window not yet on disk, as spans (for an up-to-the-second status bar). */
  pending(): Span[] {
    return this.acc.peek();
  }

  /** Display names of the workspaces this window has seen. */
  get workspaceNames(): ReadonlyMap<string, string> {
    return this.names;
  }

  get anomalies(): number {
    return this.acc.anomalies;
  }

  /** Writes everything buffered, then a pause barrier: time around a pause is never bridged by the idle rule. */
  async recordPause(): Promise<void> {
    await this.flush();
    const instant = Date.now();
    await this.writer.appendPause(instant);
    this.pauseEmitter.fire(Math.floor(instant / 1000) * 1000); // as the file records it
  }

  /** Forgets buffered heartbeats (used when the user deletes all data). */
  drop(): void {
    this.acc.drain();
  }

  /** Writes everything buffered. On failure the spans go back into the buffer and the problem is reported once. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const run = async () => {
      if (this.flushing) await this.flushing;
      const spans = this.acc.drain();
      if (spans.length === 0) return;
      try {
        await this.writer.append(spans, this.names);
        this.problems.clear('write');
        this.flushEmitter.fire(spans);
      } catch (error) {
        this.acc.restore(error instanceof AppendError ? error.unwritten : spans);
        const code = (error as NodeJS.ErrnoException).code ?? (error instanceof AppendError ? error.code : undefined);
        const why = code === 'ENOSPC' ? 'the disk is full' : (error as Error).message;
        this.problems.report('write', `Could not save activity (${why}). It is kept in memory and saved again in 30 seconds.`);
        if (!this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), FLUSH_MS);
      }
    };
    const p: Promise<void> = run().finally(() => {
      if (this.flushing === p) this.flushing = undefined;
    });
    this.flushing = p;
    return p;
  }

  /**
   * Writes everything buffered before this call returns (synchronous I/O), for the moments after which
   * nothing asynchronous runs: deactivate (the host disposes subscriptions right after calling it and
   * exits within seconds), process 'exit', and termination signals. On failure (a full disk) the spans stay
   * in memory and the problem is reported, as with flush().
   */
  flushSync(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const spans = this.acc.drain();
    if (spans.length === 0) return;
    try {
      this.writer.appendSync(spans, this.names, { asyncInFlight: this.flushing !== undefined });
    } catch (error) {
      this.acc.restore(error instanceof AppendError ? error.unwritten : spans);
      const code = error instanceof AppendError ? error.code : (error as NodeJS.ErrnoException).code;
      try {
        this.problems.report('write', `Could not save activity (${code === 'ENOSPC' ? 'the disk is full' : (error as Error).message}). It is kept in memory until this window closes.`);
      } catch {
        // the window is going away: nothing left to tell
      }
    }
  }

  /**
   * Makes sure buffered heartbeats reach the disk however this process ends: 'exit' (the host exits without
   * deactivating, e.g. when its parent dies) and SIGTERM/SIGINT/SIGHUP (the server stops). A signal is
   * passed on afterwards when nobody else handles it, so the process still ends as it would have.
   */
  private watchProcessEnd(): vscode.Disposable {
    const onExit = () => this.flushSync();
    const onSignal = (signal: NodeJS.Signals) => {
      this.flushSync();
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on('exit', onExit);
    for (const signal of END_SIGNALS) process.on(signal, onSignal);
    return new vscode.Disposable(() => {
      process.removeListener('exit', onExit);
      for (const signal of END_SIGNALS) process.removeListener(signal, onSignal);
    });
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const d of this.owned) d.dispose();
  }
}

function folderRef(folder: vscode.WorkspaceFolder | undefined): WorkspaceRef {
  return folder ? workspaceOf(folder.uri) : currentWorkspace();
}

function taskWorkspace(task: vscode.Task): WorkspaceRef {
  const scope = task.scope;
  return typeof scope === 'object' && scope ? workspaceOf(scope.uri) : currentWorkspace();
}
