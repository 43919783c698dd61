// Helper library for the browser-driven integration suites (test/integration/ui/*.test.mjs) and for
// scripts/integration.mjs itself: opens VS Code windows (browser pages) on the code-server that the
// harness started, drives them with the keyboard like a person, and reads what they show.
//
// A ui suite runs in its own Node process under `node --test`; the harness passes the server's
// details in the environment variable CRAFT_TIME_IT_CONFIG (the path of a JSON file, see config()).
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

/** The quiet user settings of every test window: nothing else in the window works in the background. */
export const QUIET_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'window.confirmBeforeClose': 'never',
});

export const EXTENSION_ID = 'craft-time.craft-time';
/** Status bar item id as the extension creates it; the DOM id is `<extension id>.<item id>`. */
export const STATUS_ITEM_ID = 'craftTime.today';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-default-apps',
  '--disable-crash-reporter', '--disable-breakpad'];
const WAIT = { workbench: 120_000, ui: 30_000 };

/**
 * What the harness knows about the running server:
 * { url, workspace, userDataDir, extensionsDir, resultsDir, extensionPath, loadMode: 'installed' | 'development' }
 */
export function config() {
  const file = process.env.CRAFT_TIME_IT_CONFIG;
  if (!file) throw new Error('CRAFT_TIME_IT_CONFIG is not set: run the ui suites through `npm run test:integration`');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function chromiumPath() {
  return process.env.CRAFT_TIME_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** `http://host:port/?folder=...&payload=...`; payload entries are [key, value] pairs (see real-vscode.md). */
export function workbenchUrl(serverUrl, { folder, payload } = {}) {
  const url = new URL(serverUrl);
  if (folder) url.searchParams.set('folder', folder);
  if (payload?.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A `vscode-remote://` URI for a path on the server, as the payload needs it. */
export function remoteUri(serverUrl, absPath) {
  return `vscode-remote://${new URL(serverUrl).host}${absPath}`;
}

/**
 * Polls `probe` until it returns a truthy value (returned) or throws no more; gives up after
 * `timeout` ms with the last error. For waiting on the UI or on files, never for timing assertions.
 */
export async function eventually(probe, { timeout = WAIT.ui, interval = 250, message = 'condition never held' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw lastError ?? new Error(`${message} (waited ${timeout / 1000}s)`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export function safeName(name) {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'unnamed';
}

/** One VS Code window: a browser page with its own extension host on the server. */
export class VsCodeWindow {
  constructor(page, { resultsDir, label }) {
    this.page = page;
    this.resultsDir = resultsDir;
    this.label = label;
  }

  /** Waits until the workbench is drawn (activity bar, editor area and status bar). */
  async waitForWorkbench(timeout = WAIT.workbench) {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await this.page.locator('.part.statusbar').waitFor({ state: 'visible', timeout });
    await this.page.locator('.part.editor').waitFor({ state: 'visible', timeout });
  }

  /** Texts of all status bar items, left to right. */
  async statusBarTexts() {
    return (await this.page.locator('.statusbar-item').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** Locator of Craft Time's own status bar item (by id, or by its accessibility label). */
  craftTimeItem() {
    return this.page.locator(`.statusbar-item[id*="${STATUS_ITEM_ID}"], .statusbar-item:has([aria-label^="Craft Time"]), .statusbar-item[aria-label^="Craft Time"]`).first();
  }

  /** Waits for Craft Time's status bar item and returns { text, ariaLabel, tooltip? }. */
  async craftTimeStatus(timeout = WAIT.workbench) {
    const item = this.craftTimeItem();
    await item.waitFor({ state: 'visible', timeout });
    const text = (await item.innerText()).trim();
    const ariaLabel = (await item.getAttribute('aria-label'))
      ?? (await item.locator('[aria-label]').first().getAttribute('aria-label').catch(() => null));
    return { text, ariaLabel, id: await item.getAttribute('id') };
  }

  /** Waits until `predicate(text)` holds for Craft Time's status bar text; returns the text. */
  async waitForCraftTimeText(predicate, timeout = WAIT.workbench) {
    let last = '';
    await eventually(async () => {
      last = (await this.craftTimeStatus(timeout)).text;
      return predicate(last);
    }, { timeout, interval: 500 }).catch(() => {
      throw new Error(`Craft Time status bar text never matched; last was ${JSON.stringify(last)}`);
    });
    return last;
  }

  /** Runs a command by its palette label (e.g. 'Craft Time: Open Dashboard') via F1, as a person would. */
  async runCommand(label, timeout = WAIT.ui) {
    const input = this.page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(`>${label}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
    await input.waitFor({ state: 'hidden', timeout }).catch(() => {});
  }

  /** Opens a new untitled editor and focuses it (F1 'File: New Untitled Text File'). */
  async newUntitledFile() {
    await this.runCommand('File: New Untitled Text File');
    await this.page.locator('.editor-instance .monaco-editor textarea, .editor-instance .monaco-editor .native-edit-context').first()
      .waitFor({ state: 'attached', timeout: WAIT.ui });
    await this.focusEditor();
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P). */
  async openFile(relativePath) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: WAIT.ui });
    await input.fill(relativePath);
    // Recently opened editors show at once; wait for the file search's row for this very file.
    const base = path.basename(relativePath);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
    await row.waitFor({ state: 'visible', timeout: WAIT.ui });
    await row.click();
    await this.page.locator(`.tab[data-resource-name="${base}"], .tab[aria-label^="${base}"]`).first().waitFor({ timeout: WAIT.ui });
    await this.focusEditor();
  }

  async focusEditor() {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  }

  /** Types into whatever has focus, key by key (gives real onDidChangeTextDocument events). */
  async type(text, { delay = 20 } = {}) {
    await this.page.keyboard.type(text, { delay });
  }

  async press(key) {
    await this.page.keyboard.press(key);
  }

  /** Texts of visible notification toasts. */
  async notifications() {
    return (await this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  }

  /** Saves a PNG of what a person would see into the results folder; returns its path. */
  async screenshot(name) {
    const dir = path.join(this.resultsDir, 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${safeName(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close() {
    await this.page.context().close().catch(() => {});
  }
}

/**
 * Appends what the window's extension host logs (console.* of extensions, forwarded to the page's
 * console as "[Extension Host] ...") to `file`, one line per message, prefixed with `label`.
 */
export function captureExtensionHostConsole(page, file, label) {
  page.on('console', async (message) => {
    if (!message.text().includes('[Extension Host]')) return;
    let text;
    try {
      // util.format drops the %c CSS arguments the workbench adds.
      text = format(...await Promise.all(message.args().map((arg) => arg.jsonValue())));
    } catch {
      text = message.text();
    }
    fs.appendFileSync(file, `[${label}] [${message.type()}] ${text.trim()}\n`);
  });
}

/**
 * A session for one ui suite: a browser, plus windows opened on the harness's server.
 *   const s = await startSession(); const w = await s.openWindow(); ...; await s.close();
 */
export async function startSession(cfg = config()) {
  const browser = await launchBrowser();
  const windows = [];
  const payloadFor = () => (cfg.loadMode === 'development'
    ? [['extensionDevelopmentPath', remoteUri(cfg.url, cfg.extensionPath)]]
    : undefined);
  return {
    config: cfg,
    browser,
    /** Opens a new VS Code window (own browser context, own extension host) and waits for the workbench. */
    async openWindow({ folder = cfg.workspace, waitForWorkbench = true, label, permissions } = {}) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      // e.g. ['clipboard-read', 'clipboard-write'] for real Ctrl+V of what the test copied.
      if (permissions?.length) await context.grantPermissions(permissions, { origin: new URL(cfg.url).origin });
      const page = await context.newPage();
      const window = new VsCodeWindow(page, { resultsDir: cfg.resultsDir, label: label ?? `window-${windows.length + 1}` });
      windows.push(window);
      captureExtensionHostConsole(page, path.join(cfg.resultsDir, 'exthost.log'), window.label);
      await page.goto(workbenchUrl(cfg.url, { folder, payload: payloadFor() }));
      if (waitForWorkbench) await window.waitForWorkbench();
      return window;
    },
    /** The one data folder the extension writes (CRAFT_TIME_DATA_DIR of the server; shared by all windows and builds). */
    globalStorageDir() {
      return cfg.dataDir ?? path.join(cfg.userDataDir, 'User', 'globalStorage', EXTENSION_ID);
    },
    /** Files under the global storage folder, as relative paths (recursive). */
    globalStorageFiles() {
      const root = this.globalStorageDir();
      if (!fs.existsSync(root)) return [];
      return fs.readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.relative(root, path.join(d.parentPath ?? d.path, d.name)))
        .sort();
    },
    readGlobalStorageFile(relative) {
      return fs.readFileSync(path.join(this.globalStorageDir(), relative), 'utf8');
    },
    async close() {
      for (const w of windows) await w.close();
      await browser.close().catch(() => {});
    },
  };
}
