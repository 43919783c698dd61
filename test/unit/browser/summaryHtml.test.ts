// The HTML monthly summary rendered in headless Chromium: no console errors, no network requests, the
import { summaryOf } from '../builders';
// numbers visible, no serious accessibility violations, printable on A4 and Letter, screenshots saved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderSummaryHtml } from '../../../src/views/render/summaryHtml';
import { hoursText, ratioText } from '../../../src/views/render/summaryFormat';
import { floorFor } from '../../../src/core/roles';
import type { MonthlySummary } from '../../../src/views/summaryView';
import { axeViolations, HAS_CHROMIUM, launch, ROOT, SCREENSHOTS, serious, watchedPage } from './chromium';
import { EVIL_WORKSPACE, sampleData } from './sampleData';

// Page-side globals for functions run inside Chromium (the root tsconfig has no DOM lib, on purpose).
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- used inside page.evaluate callbacks
declare const window: any, document: any;

const OUT = path.join(ROOT, 'test-results', 'summary-html');
let browser: Browser;
let summary: MonthlySummary;
let file: string;

test.skipIf(HAS_CHROMIUM)('HTML summary in Chromium: skipped because /usr/bin/chromium is missing', () => {});

describe.runIf(HAS_CHROMIUM)('HTML summary in Chromium', () => {
  beforeAll(async () => {
    const tz = 'Europe/Berlin';
    const data = sampleData({ from: '2025-11-01', to: '2026-03-31', timeZone: tz, timeOff: ['2026-03-09', '2026-03-10', '2026-03-11'] });
    summary = summaryOf({
      month: '2026-03', segments: data.segments, meetings: data.meetings, timeOff: data.timeOff, timeZone: tz,
      role: 'principal', floor: floorFor('principal'), meetingCoverage: 'full', includeWorkspaces: true, workspaceNames: data.workspaceNames,
    });
    fs.mkdirSync(OUT, { recursive: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    file = path.join(OUT, 'summary-2026-03.html');
    fs.writeFileSync(file, renderSummaryHtml(summary));
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('renders with no console errors and no network requests, numbers visible, names as text', async () => {
    const { page, errors, blocked, context } = await watchedPage(browser);
    await page.goto(pathToFileURL(file).href);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Craft Time: March 2026');
    expect(text).toContain(hoursText(summary.headline.handsOnMs));
    expect(text).toContain(hoursText(summary.headline.meetingMs));
    expect(text).toContain(ratioText(summary.headline.craftRatio));
    expect(text).toContain(EVIL_WORKSPACE); // shown as text...
    expect(await page.locator('img').count()).toBe(0); // ...never as an element
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('svg[role="img"][aria-label]').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'summary-html-light.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('dark colour scheme renders too', async () => {
    const { page, errors, context } = await watchedPage(browser, { colorScheme: 'dark' });
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'summary-html-dark.png'), fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('axe-core finds no serious or critical violations (light and dark)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await watchedPage(browser, { colorScheme });
      await page.goto(pathToFileURL(file).href);
      const violations = await axeViolations(page);
      expect(serious(violations), JSON.stringify(violations, null, 2)).toEqual([]);
      await context.close();
    }
  });

  test('prints to PDF on A4 and Letter with nothing cut off sideways', async () => {
    const { page, context, blocked } = await watchedPage(browser);
    await page.goto(pathToFileURL(file).href);
    await page.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: false });
      fs.writeFileSync(path.join(OUT, `summary-2026-03-${format}.pdf`), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // At the A4 text width (210 mm - 2 x 14 mm, about 688 CSS px) nothing is wider than the page.
    await page.setViewportSize({ width: 688, height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(blocked).toEqual([]);
    await context.close();
  });

  test('an empty month renders cleanly as well', async () => {
    const empty = summaryOf({ month: '2026-02', segments: [], meetings: [], timeZone: 'UTC', role: 'engineer', floor: floorFor('engineer'), meetingCoverage: 'none' });
    const emptyFile = path.join(OUT, 'summary-empty.html');
    fs.writeFileSync(emptyFile, renderSummaryHtml(empty));
    const { page, errors, blocked, context } = await watchedPage(browser);
    await page.goto(pathToFileURL(emptyFile).href);
    expect(await page.locator('body').innerText()).toContain('0.0 h');
    expect(serious(await axeViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await context.close();
  });
});
