// The dashboard panel: one webview panel per window, built on first use. The webview asks for data with
// 'ready' / 'selectMonth'; the host answers with 'model'. New activity refreshes the open panel (debounced,
// and only while it is visible; a hidden panel refreshes when shown). The webview keeps its month in
// setState, and a serializer brings the panel back after a reload.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Disposable, toDisposable } from './lifecycle';
import { assertNever, isToHost, type DashboardModel, type ToHost, type ToWebview } from '../shared/protocol';
import { dashboardHtml } from './dashboardHtml';
import { webviewLocale } from './localizer';

export const DASHBOARD_VIEW_TYPE = 'craftTime.dashboard';
export const OPEN_DASHBOARD_COMMAND = 'craftTime.openDashboard';
export const GENERATE_SUMMARY_COMMAND = 'craftTime.generateSummary';
const REFRESH_DEBOUNCE_MS = 2_000;

export interface DashboardDeps {
  /** Builds the model for a month ('YYYY-MM'), or for the last 12 weeks when undefined. */
  loadModel(month: string | undefined): Promise<DashboardModel>;
  /** Fires when activity, meetings, time off or settings changed. */
  readonly onDidChangeData: vscode.Event<void>;
  /** Command run by the edge card's "Why?" (default craftTime.explainEdge). */
  readonly explainCommand?: string;
  /** Command run by "Connect a calendar…" (default craftTime.addCalendar). */
  readonly connectCalendarCommand?: string;
}

export class DashboardPanel extends Disposable {
  private static current: DashboardPanel | undefined;
  private month: string | undefined;
  private ready = false;
  private stale = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Opens the dashboard (or reveals the open one), optionally on a month. */
  static show(context: vscode.ExtensionContext, deps: DashboardDeps, month?: string): DashboardPanel {
    const existing = DashboardPanel.current;
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Active);
      if (month !== undefined && month !== existing.month) void existing.select(month);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Craft Time', vscode.ViewColumn.Active, DashboardPanel.options(context));
    return (DashboardPanel.current = new DashboardPanel(panel, context, deps, month));
  }

  /** Restores the panel after a window reload (add "onWebviewPanel:craftTime.dashboard" to activationEvents). */
  static registerSerializer(context: vscode.ExtensionContext, deps: DashboardDeps): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        DashboardPanel.current?.dispose();
        panel.webview.options = DashboardPanel.options(context);
        const month = typeof (state as { month?: unknown } | undefined)?.month === 'string' ? (state as { month: string }).month : undefined;
        DashboardPanel.current = new DashboardPanel(panel, context, deps, month);
      },
    });
  }

  /** The open panel, if any (for tests and the status bar). */
  static get instance(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')], retainContextWhenHidden: false };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly deps: DashboardDeps,
    month: string | undefined,
  ) {
    super();
    this.month = month;
    const webview = panel.webview;
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    webview.html = dashboardHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      ...webviewLocale(),
    });
    this._register(webview.onDidReceiveMessage((m: unknown) => {
      if (isToHost(m)) void this.onMessage(m);
    }));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState(() => {
      // Hidden panels lose their page (retainContextWhenHidden is off); the page says 'ready' again when shown.
      if (!panel.visible) this.ready = false;
      else if (this.ready && this.stale) void this.refresh();
    }));
    this._register(deps.onDidChangeData(() => this.scheduleRefresh()));
    this._register(toDisposable(() => {
      if (DashboardPanel.current === this) DashboardPanel.current = undefined;
      if (this.timer) clearTimeout(this.timer);
    }));
    this._register(panel);
  }

  private async onMessage(m: ToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // The page's own saved month wins over the one we were opened with only when we had none.
        if (this.month === undefined && m.month !== undefined) this.month = m.month;
        await this.refresh();
        break;
      case 'selectMonth':
        await this.select(m.month);
        break;
      case 'generateSummary':
        await vscode.commands.executeCommand(GENERATE_SUMMARY_COMMAND, m.month);
        break;
      case 'explainEdge':
        await vscode.commands.executeCommand(this.deps.explainCommand ?? 'craftTime.explainEdge');
        break;
      case 'connectCalendar':
        await vscode.commands.executeCommand(this.deps.connectCalendarCommand ?? 'craftTime.addCalendar');
        break;
      default:
        assertNever(m);
    }
  }

  /** Shows a month (undefined: the last 12 weeks). */
  async select(month: string | undefined): Promise<void> {
    this.month = month;
    await this.refresh();
  }

  private scheduleRefresh(): void {
    if (!this.panel.visible || !this.ready) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Loads the model for the current selection and posts it; a newer request wins over an older one. */
  async refresh(): Promise<void> {
    if (!this.ready) return;
    const id = ++this.seq;
    this.stale = false;
    await this.post({ type: 'loading', month: this.month });
    try {
      const model = await this.deps.loadModel(this.month);
      if (id === this.seq) await this.post({ type: 'model', model });
    } catch (error) {
      if (id === this.seq) await this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async post(message: ToWebview): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

}
