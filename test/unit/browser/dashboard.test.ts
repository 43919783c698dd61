// The dashboard webview bundle (built here with esbuild's API, not taken from dist/) loaded into a page with
// the panel's own HTML shell and CSP, a fake acquireVsCodeApi, and a model posted to it the way the host does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDashboardModel } from '../../../src/core/dashboardModel';
import { floorFor } from '../../../src/core/roles';
import { dashboardHtml } from '../../../src/host/dashboardHtml';
import type { DashboardModel } from '../../../src/shared/protocol';
import { axeViolations, HAS_CHROMIUM, launch, ROOT, SCREENSHOTS, serious, watchedPage } from './chromium';
import { EVIL_WORKSPACE, sampleData } from './sampleData';

const OUT = path.join(ROOT, 'test-results', 'dashboard');

/** VS Code's Dark Modern / Light Modern / High Contrast values for the variables the dashboard uses. */
export const THEMES = {
  dark: { body: 'vscode-dark', vars: { foreground: '#cccccc', descriptionForeground: '#9d9d9d', 'editor-background': '#1f1f1f', 'sideBar-background': '#181818', 'panel-border': '#2b2b2b', focusBorder: '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'dropdown-background': '#313131', 'dropdown-foreground': '#cccccc', 'dropdown-border': '#3c3c3c', 'textLink-foreground': '#4daafc', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-green': '#89d185', disabledForeground: '#cccccc80', 'testing-iconPassed': '#73c991', 'editorWarning-foreground': '#cca700', 'editorError-foreground': '#f14c4c', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
  light: { body: 'vscode-light', vars: { foreground: '#3b3b3b', descriptionForeground: '#3b3b3b', 'editor-background': '#ffffff', 'sideBar-background': '#f8f8f8', 'panel-border': '#e5e5e5', focusBorder: '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'dropdown-background': '#ffffff', 'dropdown-foreground': '#3b3b3b', 'dropdown-border': '#cecece', 'textLink-foreground': '#005fb8', 'charts-blue': '#1a85ff', 'charts-purple': '#652d90', 'charts-orange': '#d18616', 'charts-red': '#e51400', 'charts-green': '#388a34', disabledForeground: '#61616180', 'testing-iconPassed': '#388a34', 'editorWarning-foreground': '#bf8803', 'editorError-foreground': '#e51400', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
  hc: { body: 'vscode-high-contrast', vars: { foreground: '#ffffff', descriptionForeground: '#ffffff', 'editor-background': '#000000', 'sideBar-background': '#000000', 'panel-border': '#6fc3df', contrastBorder: '#6fc3df', focusBorder: '#f38518', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'dropdown-background': '#000000', 'dropdown-foreground': '#ffffff', 'dropdown-border': '#6fc3df', 'textLink-foreground': '#21a6ff', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-orange': '#d18616', 'charts-red': '#f14c4c', 'charts-green': '#89d185', disabledForeground: '#a5a5a5', 'testing-iconPassed': '#73c991', 'editorWarning-foreground': '#ffd370', 'editorError-foreground': '#ff3232', 'font-family': 'system-ui, sans-serif', 'font-size': '13px' } },
} as const;
export type ThemeName = keyof typeof THEMES;

/** Builds the webview bundle into `dir` with esbuild's API; returns the page path per theme. */
export async function buildDashboardPage(dir: string): Promise<(theme: ThemeName) => string> {
  fs.mkdirSync(dir, { recursive: true });
  await esbuild.build({ entryPoints: [path.join(ROOT, 'src/webview/main.ts')], outfile: path.join(dir, 'webview.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
  return (theme) => {
    const t = THEMES[theme];
    const css = `:root{${Object.entries(t.vars).map(([k, v]) => `--vscode-${k}:${v}`).join(';')}}`;
    fs.writeFileSync(path.join(dir, `theme-${theme}.css`), css);
    const html = dashboardHtml({ cspSource: 'file:', scriptUri: pathToFileURL(path.join(dir, 'webview.js')).href, styleUri: pathToFileURL(path.join(dir, 'webview.css')).href, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==' })
      .replace('<title>', `<link rel="stylesheet" href="${pathToFileURL(path.join(dir, `theme-${theme}.css`)).href}">\n<title>`)
      .replace('<body>', `<body class="${t.body}">`);
    const file = path.join(dir, `dashboard-${theme}.html`);
    fs.writeFileSync(file, html);
    return file;
  };
}

/** A fake acquireVsCodeApi recording posted messages and state (installed before any page script runs). */
export const FAKE_VSCODE_API = (initialState: unknown) => {
  const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
  w.__posted = [];
  w.__state = initialState;
  w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => void w.__posted.push(m), getState: () => w.__state, setState: (s: unknown) => void (w.__state = s) });
};

export function sampleModel(month: string | undefined, includeWorkspaces = true): DashboardModel {
  const tz = 'Europe/Berlin';
  const data = sampleData({ from: '2025-10-01', to: '2026-03-20', timeZone: tz, timeOff: ['2026-02-16', '2026-02-17'] });
  return buildDashboardModel({
    range: month ? { kind: 'month', month } : { kind: 'last12Weeks' }, today: '2026-03-20', segments: data.segments, meetings: data.meetings, timeOff: data.timeOff,
    timeZone: tz, role: 'principal', floor: floorFor('principal'), meetingCoverage: 'full', includeWorkspaces, workspaceNames: data.workspaceNames,
    calendars: [
      { id: 'c1', kind: 'url', label: 'Work (Google)', lastSuccess: '2026-03-20T08:15:00Z', events: 812 },
      { id: 'c2', kind: 'file', label: '<b>Team</b> holidays.ics', problem: 'file not found' },
    ],
  });
}

async function postModel(page: Page, model: DashboardModel): Promise<void> {
  const before = Number((await page.evaluate(() => document.body.dataset.rendered)) ?? '0');
  await page.evaluate((m) => window.postMessage({ type: 'model', model: m }, '*'), model);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? '0') > n, before);
}

let browser: Browser;
let pageFor: (theme: ThemeName) => string;

test.skipIf(HAS_CHROMIUM)('dashboard webview in Chromium: skipped because /usr/bin/chromium is missing', () => {});

describe.runIf(HAS_CHROMIUM)('dashboard webview in Chromium', () => {
  beforeAll(async () => {
    pageFor = await buildDashboardPage(OUT);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('says ready, renders the posted model with the right numbers, no errors, no network', async () => {
    const { page, errors, blocked, context } = await watchedPage(browser, { colorScheme: 'dark' });
    await page.addInitScript(FAKE_VSCODE_API, undefined);
    await page.goto(pathToFileURL(pageFor('dark')).href);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([{ type: 'ready' }]);
    const model = sampleModel(undefined);
    await postModel(page, model);
    const hm = Math.floor(model.totals.handsOnMs / 60_000);
    expect(await page.locator('#kpi-hands-value').textContent()).toBe(`${Math.floor(hm / 60)}h ${String(hm % 60).padStart(2, '0')}m`);
    expect(await page.locator('#kpi-ratio-value').textContent()).toBe(`${Math.round(model.totals.craftRatio! * 100)} %`);
    expect(await page.locator('#edge-state').textContent()).toBe(model.edge.state[0].toUpperCase() + model.edge.state.slice(1));
    expect(await page.locator('#month').inputValue()).toBe('');
    // Every chart has a text alternative: an aria-label summary and a table.
    for (const id of ['chart-daily', 'chart-weekly', 'chart-deep', 'chart-heat']) {
      const label = await page.locator(`#${id}`).getAttribute('aria-label');
      expect(label && label.length > 30 && label !== 'Loading').toBe(true);
    }
    expect(await page.locator('#chart-daily rect.bar').count()).toBeGreaterThan(60);
    expect(await page.locator('details table tbody tr').count()).toBeGreaterThan(model.days.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-dark.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('outside strings are text: a workspace named like an <img> tag and a calendar label with markup', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API, { tab: 'workspaces' });
    await page.goto(pathToFileURL(pageFor('light')).href);
    await postModel(page, sampleModel('2026-02'));
    await expect.poll(() => page.locator('#breakdown-panel').innerText()).toContain(EVIL_WORKSPACE);
    expect(await page.locator('#calendars').innerText()).toContain('<b>Team</b> holidays.ics');
    expect(await page.locator('img, #calendars b').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('keyboard: month picker, previous/next, tabs with arrow keys; the month is kept in setState and sent to the host', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API, undefined);
    await page.goto(pathToFileURL(pageFor('light')).href);
    await postModel(page, sampleModel(undefined));
    // Tab order reaches the picker controls first.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('month');
    await page.selectOption('#month', '2026-02');
    const state = () => page.evaluate(() => (window as unknown as { __state: { month?: string } }).__state);
    const posted = () => page.evaluate(() => (window as unknown as { __posted: { type: string; month?: string }[] }).__posted);
    expect((await state()).month).toBe('2026-02');
    expect((await posted()).at(-1)).toEqual({ type: 'selectMonth', month: '2026-02' });
    await postModel(page, sampleModel('2026-02'));
    expect(await page.locator('#month').inputValue()).toBe('2026-02');
    await page.focus('#prev');
    await page.keyboard.press('Enter');
    expect((await posted()).at(-1)).toEqual({ type: 'selectMonth', month: '2026-01' });
    // Tabs: roving tabindex and arrow keys.
    await page.focus('#tab-categories');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-languages');
    expect(await page.getAttribute('#tab-languages', 'aria-selected')).toBe('true');
    expect(await page.locator('#breakdown-panel').innerText()).toContain('typescript');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-workspaces');
    expect((await state()).tab).toBe('workspaces');
    // Buttons that talk to the host.
    await page.focus('#why');
    await page.keyboard.press('Enter');
    expect((await posted()).at(-1)).toEqual({ type: 'explainEdge' });
    await page.focus('#summary');
    await page.keyboard.press('Space');
    expect((await posted()).at(-1)).toEqual({ type: 'generateSummary', month: '2026-02' });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a restored page asks for its saved month; data arriving does not move the layout', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API, { month: '2026-01' });
    await page.goto(pathToFileURL(pageFor('light')).href);
    expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([{ type: 'ready', month: '2026-01' }]);
    const boxes = () => page.evaluate(() => ['chart-daily', 'chart-weekly', 'sec-edge', 'sec-daily', 'chart-heat'].map((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return [Math.round(r.top), Math.round(r.height)];
    }));
    const before = await boxes();
    await postModel(page, sampleModel('2026-01'));
    const after = await boxes();
    // Chart heights are fixed by their viewBox before any data arrives.
    expect(after.map((b) => b[1]).slice(0, 2)).toEqual(before.map((b) => b[1]).slice(0, 2));
    expect(after[4][1]).toBe(before[4][1]);
    // A live refresh with new numbers keeps every box where it was.
    await postModel(page, sampleModel('2026-01'));
    expect(await boxes()).toEqual(after);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('axe-core: no serious or critical violations in dark, light and high contrast', async () => {
    for (const theme of ['dark', 'light', 'hc'] as const) {
      const { page, errors, blocked, context } = await watchedPage(browser, { colorScheme: theme === 'light' ? 'light' : 'dark' });
      await page.addInitScript(FAKE_VSCODE_API, undefined);
      await page.goto(pathToFileURL(pageFor(theme)).href);
      await postModel(page, sampleModel('2026-02'));
      await page.click('summary >> nth=0'); // an open table is checked too
      const violations = await axeViolations(page);
      expect(serious(violations), `${theme}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      if (theme !== 'dark') await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${theme}.png`), fullPage: true });
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
      await context.close();
    }
  });

  test('an empty model (new user, no calendar) renders without errors', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API, undefined);
    await page.goto(pathToFileURL(pageFor('light')).href);
    const empty = buildDashboardModel({ range: { kind: 'last12Weeks' }, today: '2026-03-20', segments: [], meetings: [], timeZone: 'UTC', role: 'engineer', floor: floorFor('engineer'), meetingCoverage: 'none' });
    await postModel(page, empty);
    expect(await page.locator('#kpi-hands-value').textContent()).toBe('0m');
    expect(await page.locator('#kpi-meet-value').textContent()).toBe('n/a');
    expect(await page.locator('#edge-state').textContent()).toBe('Learning');
    expect(serious(await axeViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
