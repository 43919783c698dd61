// Turns user-originated VS Code events of the focused window into heartbeats, and writes them to this
// window's own activity file at least every 30 seconds and on shutdown.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { HeartbeatAccumulator } from '../core/accumulator';
import { changePart, HOLD_MS, OriginClassifier, type ChangePart, type Origin } from '../core/origin';
import type { Category, Span } from '../core/types';
import { ActivityWriter, AppendError } from '../store/activityStore';
import type { ControlsHolder } from './controls';
import { editCategory, isWorkDocument, navigationCategory } from './eventFilter';
import type { ProblemReporter } from './problems';
import { currentWorkspace, forgetWorkspaceLookups, workspaceOf, type WorkspaceRef } from './workspaces';

export const FLUSH_MS = 30_000;
const END_SIGNALS: readonly NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT'] : ['SIGTERM', 'SIGINT', 'SIGHUP'];

export interface TrackerOptions {
  /** Program name for the activity files' header (core/program.ts). */
  readonly program?: string;
  /** craftTime.assisted.readClipboard: compare large inserts with the clipboard (read only then). */
  readonly readClipboard?: () => boolean;
}

export class Tracker implements vscode.Disposable {
  /** This extension host's writer id: each window writes only its own files. */
  readonly source = `w-${randomBytes(6).toString('hex')}`;
  private readonly acc = new HeartbeatAccumulator();
  private readonly origin = new OriginClassifier<vscode.TextDocument>();
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
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
  /** Hands-on heartbeats recorded (assisted ones are counted apart). */
  heartbeats = 0;
  assistedHeartbeats = 0;
  /** Origins decided, by rule (for tests; never stored). */
  readonly rules = new Map<string, number>();
  private readonly readClipboard: () => boolean;

  constructor(dataDir: string, private readonly controls: ControlsHolder, private readonly problems: ProblemReporter, options: TrackerOptions = {}) {
    this.writer = new ActivityWriter(dataDir, this.source, options.program);
    this.readClipboard = options.readClipboard ?? (() => true);
    const w = vscode.window, ws = vscode.workspace;
    this.owned.push(
      forgetWorkspaceLookups(),
      w.onDidChangeWindowState((s) => {
        this.focused = s.focused;
        // Leaving the window is often the moment before closing it: write what is buffered now.
        if (!s.focused) void this.flush();
      }),
      ws.onDidChangeTextDocument((e) => this.onChange(e)),
      ws.onWillSaveTextDocument((e) => {
        if (e.reason !== vscode.TextDocumentSaveReason.Manual) return;
        // Format on save has already changed the document: those held changes were the user's save.
        for (const v of this.origin.save(Date.now(), e.document.uri.toString())) this.record(v, v.ref);
      }),
      ws.onDidSaveTextDocument((doc) => {
        // Only the user's own save: an auto-save after an agent's edits is not the user's hand.
        if (doc !== w.activeTextEditor?.document || !isWorkDocument(doc) || !this.origin.savedByUser(Date.now(), doc.uri.toString())) return;
        this.beat(editCategory(doc), doc.languageId, workspaceOf(doc.uri));
      }),
      w.onDidChangeTextEditorSelection((e) => {
        const doc = e.textEditor.document;
        // Command-driven moves (other extensions, programmatic reveals) are not the user, and neither are the
        // caret moves an edit causes (VS Code reports those as Keyboard even when an extension made the edit).
        const byUser = e.kind === vscode.TextEditorSelectionChangeKind.Keyboard || e.kind === vscode.TextEditorSelectionChangeKind.Mouse;
        if (!this.origin.selection(Date.now(), doc.uri.toString(), byUser)) return;
        if (e.textEditor !== w.activeTextEditor || !isWorkDocument(doc)) return;
        this.beat(navigationCategory(doc), doc.languageId, workspaceOf(doc.uri));
      }),
      w.onDidChangeTextEditorVisibleRanges((e) => {
        const editor = e.textEditor, doc = editor.document;
        // Typing scrolls the editor too: a scroll an edit caused is part of that edit, not navigation. Checked
        // first: while someone types it is the common case, and it needs no lookup in VS Code's editor state.
        if (this.origin.causedByChange(Date.now(), doc.uri.toString()) || editor !== w.activeTextEditor || !isWorkDocument(doc)) return;
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

  /**
   * A content change: its origin decides the category (coding, or assisted for tools). Edits in documents
   * that are not the user's work are ignored; edits elsewhere than the active editor are assisted unless
   * they are part of the user's multi-file refactoring. The clipboard is read only for large inserts.
   */
  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const changes = e.contentChanges;
    if (changes.length === 0 || !isWorkDocument(e.document)) return;
    const w = vscode.window;
    const doc = e.document;
    const active = doc === w.activeTextEditor?.document ||
      (doc.uri.scheme === 'vscode-notebook-cell' && w.activeNotebookEditor?.notebook.uri.path === doc.uri.path);
    const parts: ChangePart[] = [];
    for (const c of changes) parts.push(changePart(c.text, c.rangeLength, c.range.start.line, c.range.end.line));
    const verdict = this.origin.change({ ref: doc, time: Date.now(), doc: doc.uri.toString(), active, undoRedo: e.reason !== undefined, parts });
    if (verdict.origin === 'held') return this.scheduleRelease();
    if (verdict.origin !== 'clipboard') return this.record(verdict, doc);
    if (!this.readClipboard()) return this.record(this.origin.resolvePaste(false, verdict.lines), doc);
    // The largest inserted text of the change, compared with what the user copied.
    let text = '';
    for (const c of changes) if (c.text.length > text.length) text = c.text;
    vscode.env.clipboard.readText().then(
      (clip) => this.record(this.origin.resolvePaste(normalizeEol(clip) === normalizeEol(text), verdict.lines), doc),
      () => this.record(this.origin.resolvePaste(false, verdict.lines), doc),
    );
  }

  /** One timer while changes are held (only changes with no user input are: never per keystroke). */
  private scheduleRelease(): void {
    if (this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      for (const v of this.origin.release(Date.now())) this.record(v, v.ref);
      if (this.origin.holding) this.scheduleRelease();
    }, HOLD_MS);
  }

  private record(verdict: { readonly origin: Origin; readonly rule: string; readonly lines: number }, doc: vscode.TextDocument): void {
    this.rules.set(verdict.rule, (this.rules.get(verdict.rule) ?? 0) + 1);
    const category: Category = verdict.origin === 'hands' ? editCategory(doc) : 'assisted';
    this.beat(category, doc.languageId, workspaceOf(doc.uri), verdict.lines);
  }

  /** The hot path: a few checks and an O(1) update of the open span. No I/O. */
  private beat(category: Category, language: string, ws: WorkspaceRef, lines = 0): void {
    if (this.controls.value.paused) {
      this.acc.cut(); // activity while paused: whatever comes after the pause starts a new span
      return;
    }
    if (!this.focused || this.controls.isExcludedRef(ws)) return;
    if (ws.id && !this.names.has(ws.id)) {
      this.names.set(ws.id, ws.name);
      this.writer.addAlias(ws.legacyId, ws.id);
    }
    if (!this.acc.add(Date.now(), category, language, ws.id, lines)) return;
    if (category === 'assisted') this.assistedHeartbeats++;
    else this.heartbeats++;
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
    // Typing resumed soon after must not extend the span from before the pause across it.
    this.acc.cut();
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
        const why = code === 'ENOSPC' ? vscode.l10n.t('the disk is full') : (error as Error).message;
        this.problems.report('write', vscode.l10n.t('Could not save activity ({0}). It is kept in memory and saved again in 30 seconds.', why));
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
        this.problems.report('write', vscode.l10n.t('Could not save activity ({0}). It is kept in memory until this window closes.', code === 'ENOSPC' ? vscode.l10n.t('the disk is full') : (error as Error).message));
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
    // Changes still held (at most HOLD_MS of an agent's edits) are dropped with the window.
    if (this.holdTimer) clearTimeout(this.holdTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const d of this.owned) d.dispose();
  }
}

/** Line endings as one form, so a clipboard with CRLF equals the same text inserted with LF. */
function normalizeEol(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function folderRef(folder: vscode.WorkspaceFolder | undefined): WorkspaceRef {
  return folder ? workspaceOf(folder.uri) : currentWorkspace();
}

function taskWorkspace(task: vscode.Task): WorkspaceRef {
  const scope = task.scope;
  return typeof scope === 'object' && scope ? workspaceOf(scope.uri) : currentWorkspace();
}
