// The dashboard webview bundle (built here with esbuild's API, not taken from dist/) loaded into a page with
import { dashboardOf } from '../builders';
// the panel's own HTML shell and CSP, a fake acquireVsCodeApi, and a model posted to it the way the host does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { floorFor } from '../../../src/core/roles';
import type { DashboardModel } from '../../../src/shared/protocol';
import { axeViolations, HAS_CHROMIUM, launch, ROOT, SCREENSHOTS, serious, watchedPage } from './chromium';
import { buildDashboardPage, FAKE_VSCODE_API, sampleModel } from './dashboardPage';
import { EVIL_WORKSPACE } from './sampleData';

// Page-side globals for functions run inside Chromium (the root tsconfig has no DOM lib, on purpose).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

const OUT = path.join(ROOT, 'test-results', 'dashboard');

async function postModel(page: Page, model: DashboardModel): Promise<void> {
  const before = Number((await page.evaluate(() => document.body.dataset.rendered)) ?? '0');
  await page.evaluate((m) => window.postMessage({ type: 'model', model: m }, '*'), model);
  await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? '0') > n, before);
}

let browser: Browser;
let pageFor: Awaited<ReturnType<typeof buildDashboardPage>>;

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
    await page.addInitScript(FAKE_VSCODE_API(undefined));
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
    // English axis units as they always were: "0 h", "W09", "100%".
    expect(await page.locator('#chart-daily text.tick').allTextContents()).toContain('0 h');
    const weeklyTicks = await page.locator('#chart-weekly text.tick').allTextContents();
    expect(weeklyTicks).toContain(`W${model.weeks[0].week.slice(6)}`);
    expect(weeklyTicks).toContain(model.meetingsCovered ? '100%' : '0 h');
    expect(await page.locator('details table tbody tr').count()).toBeGreaterThan(model.days.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-dark.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('assisted time is its own series beside each day\'s hands-on stack, and each week shows the share of lines written by hand', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API(undefined));
    await page.goto(pathToFileURL(pageFor('dark')).href);
    const base = sampleModel('2026-02');
    // Two days with assisted time (1 h and 30 min); two weeks with changed lines (80 % and 25 % by hand).
    const assistedDays = new Map([[base.days[2].date, 3_600_000], [base.days[9].date, 1_800_000]]);
    const shares = new Map([[base.weeks[0].week, 0.8], [base.weeks[2].week, 0.25]]);
    const model: DashboardModel = {
      ...base,
      days: base.days.map((d) => ({ ...d, assistedMs: assistedDays.get(d.date) ?? 0 })),
      weeks: base.weeks.map((w) => ({ ...w, ownLinesShare: shares.get(w.week) ?? null })),
    };
    await postModel(page, model);
    // One assisted bar per day with assisted time, not stacked on the hands-on bar: it starts right of it.
    const bars = await page.locator('#chart-daily rect.bar.assisted').evaluateAll((els) => els.map((e) => ({ x: Number(e.getAttribute('x')), h: Number(e.getAttribute('height')) })));
    expect(bars).toHaveLength(2);
    expect(bars[0].h).toBeCloseTo(bars[1].h * 2, 0); // 1 h is twice 30 min on the same scale
    const hands = await page.locator('#chart-daily rect.bar.hands').evaluateAll((els) => els.map((e) => Number(e.getAttribute('x')) + Number(e.getAttribute('width'))));
    expect(hands.some((right) => right <= bars[0].x && bars[0].x - right < 6)).toBe(true);
    expect(await page.locator('#sec-daily .legend').innerText()).toContain('Assisted');
    expect(await page.locator('#chart-daily').getAttribute('aria-label')).toContain('1.5 h assisted by tools');
    expect(await page.locator('#chart-weekly text.own-share').allTextContents()).toEqual(['80 %', '25 %']);
    expect(await page.locator('#chart-weekly').getAttribute('aria-label')).toContain(`Changed lines you wrote yourself in W${base.weeks[2].week.slice(6)}: 25 %.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('in German: the locale and bundle from the host word the page, Intl formats the numbers, the CSP still holds', async () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
    const { page, errors, blocked, context } = await watchedPage(browser, { colorScheme: 'dark' });
    await page.addInitScript(FAKE_VSCODE_API(undefined));
    await page.goto(pathToFileURL(pageFor('dark', { locale: 'de', bundle })).href);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
    const model = sampleModel(undefined);
    await postModel(page, model);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    // "2 Std. 05 Min." and "62 %" (no-break space): the German choices of docs/architecture.md.
    const hm = Math.floor(model.totals.handsOnMs / 60_000);
    expect(await page.locator('#kpi-hands-value').textContent()).toBe(`${Math.floor(hm / 60)} Std. ${String(hm % 60).padStart(2, '0')} Min.`);
    expect(await page.locator('#kpi-ratio-value').textContent()).toBe(`${Math.round(model.totals.craftRatio! * 100)}\u00a0%`);
    expect(await page.locator('#kpi-ratio .kpi-label').textContent()).toBe('Handwerksquote');
    expect(await page.locator('#h-edge').textContent()).toBe('Technischer Vorsprung');
    expect(await page.locator('#why').textContent()).toBe('Warum? Vollständige Erklärung');
    expect(await page.locator('#month option[value=""]').textContent()).toBe('Letzte 12 Wochen');
    expect(await page.locator('#chart-heat').getAttribute('aria-label')).toMatch(/^Heatmap der Hands-on-Zeit nach Wochentag und Stunde/);
    // Axis units: the hour ticks in Intl's short unit, weeks as "KW" (Kalenderwoche), percents with the no-break space.
    const dailyTicks = await page.locator('#chart-daily text.tick').allTextContents();
    expect(dailyTicks).toContain('0 Std.');
    expect(dailyTicks.some((t) => / h$/.test(t))).toBe(false);
    const weeklyTicks = await page.locator('#chart-weekly text.tick').allTextContents();
    expect(weeklyTicks).toContain(`KW${model.weeks[0].week.slice(6)}`);
    expect(weeklyTicks.some((t) => /^W\d/.test(t))).toBe(false);
    expect(weeklyTicks).toContain(model.meetingsCovered ? '100\u00a0%' : '0 Std.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-de.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('outside strings are text: a workspace named like an <img> tag and a calendar label with markup', async () => {
    const { page, errors, context } = await watchedPage(browser);
    await page.addInitScript(FAKE_VSCODE_API({ tab: 'workspaces' }));
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
    await page.addInitScript(FAKE_VSCODE_API(undefined));
    await page.goto(pathToFileURL(pageFor('light')).href);
    await postModel(page, sampleModel(undefined));
    // Tab order reaches the picker controls first.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('month');
    await page.selectOption('#month', '2026-02');
    const state = () => page.evaluate(() => (window as unknown as { __state: { month?: string; tab?: string } }).__state);
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
    // The last tab is the breakdown by program (issue "One machine, one timeline").
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-programs');
    expect((await state()).tab).toBe('programs');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-workspaces');
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
    await page.addInitScript(FAKE_VSCODE_API({ month: '2026-01' }));
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
      await page.addInitScript(FAKE_VSCODE_API(undefined));
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
    await page.addInitScript(FAKE_VSCODE_API(undefined));
    await page.goto(pathToFileURL(pageFor('light')).href);
    const empty = dashboardOf({ range: { kind: 'last12Weeks' }, today: '2026-03-20', segments: [], meetings: [], timeZone: 'UTC', role: 'engineer', floor: floorFor('engineer'), meetingCoverage: 'none' });
    await postModel(page, empty);
    expect(await page.locator('#kpi-hands-value').textContent()).toBe('0m');
    expect(await page.locator('#kpi-meet-value').textContent()).toBe('n/a');
    expect(await page.locator('#edge-state').textContent()).toBe('Learning');
    expect(serious(await axeViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
