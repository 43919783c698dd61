// The dashboard test page: the webview bundle built with esbuild's API (not taken from dist/), the panel's
import { dashboardOf } from '../builders';
// own HTML shell and CSP, VS Code theme variables, and a fake acquireVsCodeApi. Used by dashboard.test.ts
// and bench/summary.bench.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { floorFor } from '../../../src/core/roles';
import { dashboardHtml } from '../../../src/host/dashboardHtml';
import type { DashboardModel } from '../../../src/shared/protocol';
import { ROOT } from './chromium';
import { sampleData } from './sampleData';

// Page-side globals for functions run inside Chromium (the root tsconfig has no DOM lib, on purpose).
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- used inside page.evaluate callbacks
declare const window: any, document: any;

/** VS Code's Dark Modern / Light Modern / High Contrast values for the variables the dashboard uses. */
export const THEMES = {
  dark: { body: 'vscode-dark', vars: { foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'editor-background': '#1f1f1f', 'sideBar-background': '#181818', 'panel-border': '#2b2b2b', focusBorder: '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'dropdown-background': '#313131', 'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c', 'textLink-foreground': '#4daafc', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-green': '#89d185', disabledForeground: '#cccccc80', 'testing-iconPassed': '#73c991', 'editorWarning-foreground': '#cca700', 'editorError-foreground': '#f14c4c', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
  light: { body: 'vscode-light', vars: { foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', 'editor-background': '#ffffff', 'sideBar-background': '#f8f8f8', 'panel-border': '#e5e5e5', focusBorder: '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'dropdown-background': '#ffffff', 'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece', 'textLink-foreground': '#005fb8', 'charts-blue': '#1a85ff', 'charts-purple': '#652d90', 'charts-orange': '#d18616', 'charts-red': '#e51400', 'charts-green': '#388a34', disabledForeground: '#61616180', 'testing-iconPassed': '#388a34', 'editorWarning-foreground': '#bf8803', 'editorError-foreground': '#e51400', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
  hc: { body: 'vscode-high-contrast', vars: { foreground: '#ffffff', descriptionForeground: '#ffffff', 'editor-background': '#000000', 'sideBar-background': '#000000', 'panel-border': '#6fc3df', contrastBorder: '#6fc3df', focusBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df', 'textLink-foreground': '#21a6ff', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-green': '#89d185', disabledForeground: '#a5a5a5', 'testing-iconPassed': '#73c991', 'editorWarning-foreground': '#ffd370', 'editorError-foreground': '#ff3232', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
} as const;
export type ThemeName = keyof typeof THEMES;

/** Builds the webview bundle into `dir` with esbuild's API; returns the page path per theme. */
export async function buildDashboardPage(dir: string): Promise<(theme: ThemeName, language?: { locale: string; bundle: Record<string, string> }) => string> {
  fs.mkdirSync(dir, { recursive: true });
  await esbuild.build({ entryPoints: [path.join(ROOT, 'src/webview/main.ts')], outfile: path.join(dir, 'webview.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
  return (theme, language) => {
    const t = THEMES[theme];
    const css = `:root{${Object.entries(t.vars).map(([k, v]) => `--vscode-${k}:${v}`).join(';')}}`;
    fs.writeFileSync(path.join(dir, `theme-${theme}.css`), css);
    const html = dashboardHtml({ cspSource: 'file:', scriptUri: pathToFileURL(path.join(dir, 'webview.js')).href, styleUri: pathToFileURL(path.join(dir, 'webview.css')).href, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==', ...language })
      .replace('<title>', `<link rel="stylesheet" href="${pathToFileURL(path.join(dir, `theme-${theme}.css`)).href}">\n<title>`)
      .replace('<body>', `<body class="${t.body}">`);
    const file = path.join(dir, `dashboard-${theme}${language ? `-${language.locale}` : ''}.html`);
    fs.writeFileSync(file, html);
    return file;
  };
}

/**
 * A fake acquireVsCodeApi recording posted messages and state, installed before any page script runs. A
 * string (not a function) so that transpilers adding helpers (tsx's __name) cannot break it in the page.
 */
export function FAKE_VSCODE_API(initialState: unknown): string {
  return `(() => {
    window.__posted = [];
    window.__state = ${JSON.stringify(initialState ?? null)} ?? undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => { window.__posted.push(m); },
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
  })();`;
}

export function sampleModel(month: string | undefined, includeWorkspaces = true): DashboardModel {
  const tz = 'Europe/Berlin';
  const data = sampleData({ from: '2025-10-01', to: '2026-03-20', timeZone: tz, timeOff: ['2026-02-16', '2026-02-17'] });
  return dashboardOf({
    range: month ? { kind: 'month', month } : { kind: 'last12Weeks' }, today: '2026-03-20', segments: data.segments, meetings: data.meetings, timeOff: data.timeOff,
    timeZone: tz, role: 'principal', floor: floorFor('principal'), meetingCoverage: 'full', includeWorkspaces, workspaceNames: data.workspaceNames,
    calendars: [
      { id: 'c1', kind: 'url', label: 'Work (Google)', lastSuccess: '2026-03-20T08:15:00Z', events: 812 },
      { id: 'c2', kind: 'file', label: '<b>Team</b> holidays.ics', problem: 'file not found' },
    ],
  });
}

