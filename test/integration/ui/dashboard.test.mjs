// The dashboard in a real VS Code (issue 5): seeded activity for this and the previous weeks, plus two
// logged meetings, then a click on Craft Time's status bar item opens the dashboard webview, which shows
// the seeded numbers. A workspace named `<img src=x onerror=alert(1)>` is shown as text, never as markup.
//
// The seed is written in the documented format (docs/data-format.md) before the window opens, under its
// own source id (activity/<YYYY-MM>/seed-dashboard.jsonl); meetings/manual.json is put back as it was.
// Every day is a local day of this machine's zone, which is also the extension host's (same machine,
// craftTime.timeZone unset).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSession } from '../harness/vscode.mjs';

const SOURCE = 'seed-dashboard';
const HOSTILE = '<img src=x onerror=alert(1)>';
const MINUTE = 60_000;
const HOUR = 3_600_000;

// ---- the seed (hand-checkable) ----
// The 10 most recent weekdays before today, newest first; they always include every weekday of the
// previous ISO week. Day i has a coding run at 09:00 (typescript, the hostile workspace) and, when its
// length is not 0, a reading run at 14:00 (markdown, "craft-time"). Runs are hours apart, so each counts
// exactly its length under the idle rule.
const MORNING = [150, 120, 95, 140, 60, 110, 130, 75, 100, 120];
const AFTERNOON = [75, 90, 45, 30, 120, 50, 0, 80, 60, 35];
// The newest seeded weekday ("key day"): 150 + 75 min = 3h 45m hands-on; meetings 11:45-12:15 and
// 16:00-17:00 = 1h 30m; craft ratio 225 / (225 + 90) = 71 %; two deep-work blocks (150 and 75 min, both
// at least 45). A third meeting (12:00-13:00 on the oldest seeded day) makes meetings count for the whole seed.
const KEY_DAY = { handsOn: '3h 45m', meetings: '1h 30m', ratio: '71 %', deepBlocks: '2' };

const pad = (n) => String(n).padStart(2, '0');
const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localDay = (d, offset = 0) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + offset);
const at = (day, h, m = 0) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m).getTime();
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDate = (d) => `${d.getDate()} ${MONTHS[d.getMonth()]}`;
/** The dashboard's "12.5 h" (src/webview/dom.ts hours()). */
const hoursText = (ms) => `${(Math.round((ms / HOUR) * 10) / 10).toFixed(1)} h`;

function seedPlan(now = new Date()) {
  const days = [];
  for (let back = 1; days.length < MORNING.length; back++) {
    const d = localDay(now, -back);
    if (d.getDay() >= 1 && d.getDay() <= 5) days.push(d);
  }
  const spans = []; // { start (ms), minutes, cat, lang, ws }
  days.forEach((day, i) => {
    spans.push({ start: at(day, 9), minutes: MORNING[i], cat: 'c', lang: 1, ws: 1 });
    if (AFTERNOON[i]) spans.push({ start: at(day, 14), minutes: AFTERNOON[i], cat: 'r', lang: 2, ws: 2 });
  });
  // A writer appends in time order: a span starting before the previous one ended reads as the clock going
  // back, an anomaly the reader drops (docs/data-format.md, "Reading").
  spans.sort((a, b) => a.start - b.start);
  const key = days[0], oldest = days[days.length - 1];
  const meetings = [
    { id: 'm-seeddash01', start: new Date(at(key, 11, 45)).toISOString(), end: new Date(at(key, 12, 15)).toISOString(), title: 'Seeded stand-up' },
    { id: 'm-seeddash02', start: new Date(at(key, 16)).toISOString(), end: new Date(at(key, 17)).toISOString(), title: 'Seeded planning' },
    { id: 'm-seeddash03', start: new Date(at(oldest, 12)).toISOString(), end: new Date(at(oldest, 13)).toISOString(), title: 'Seeded review' },
  ];
  // The previous ISO week (Monday..Sunday) and the seeded hands-on inside it.
  const mondayThisWeek = localDay(now, -((now.getDay() + 6) % 7));
  const prevMonday = localDay(mondayThisWeek, -7), prevSunday = localDay(mondayThisWeek, -1);
  const prevWeekMs = spans.filter((s) => s.start >= prevMonday.getTime() && s.start < mondayThisWeek.getTime()).reduce((t, s) => t + s.minutes * MINUTE, 0);
  return { days, spans, meetings, key, prevMonday, prevSunday, prevWeekMs, totalMs: spans.reduce((t, s) => t + s.minutes * MINUTE, 0) };
}

const plan = seedPlan();
let session;
let window;
let dataDir;
const seededFiles = [];
let manualBefore; // Buffer, or null when there was no file
const consoleMessages = []; // { type, text, url } of every frame of the window
const dialogs = [];
const remoteRequests = []; // requests from the webview's frames to anywhere but the local server

/** One file per UTC month in which a span starts (docs/data-format.md), each with its own dictionary. */
function writeSeed() {
  const byMonth = new Map();
  for (const s of plan.spans) {
    const month = new Date(s.start).toISOString().slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, []);
    byMonth.get(month).push(JSON.stringify([Math.floor(s.start / 1000), s.minutes * 60, s.cat, s.lang, s.ws]));
  }
  for (const [month, lines] of byMonth) {
    const file = path.join(dataDir, 'activity', month, `${SOURCE}.jsonl`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [
      JSON.stringify({ schema: 1, kind: 'craft-time/activity', source: SOURCE }),
      JSON.stringify({ lang: 1, id: 'typescript' }),
      JSON.stringify({ lang: 2, id: 'markdown' }),
      JSON.stringify({ ws: 1, id: 'abcdef012345', name: HOSTILE }),
      JSON.stringify({ ws: 2, id: '0123456789ab', name: 'craft-time' }),
      ...lines,
      '',
    ].join('\n'));
    seededFiles.push(file);
  }
  const manual = path.join(dataDir, 'meetings', 'manual.json');
  manualBefore = fs.existsSync(manual) ? fs.readFileSync(manual) : null;
  const kept = manualBefore ? JSON.parse(manualBefore.toString('utf8')).meetings ?? [] : [];
  fs.mkdirSync(path.dirname(manual), { recursive: true });
  fs.writeFileSync(manual, `${JSON.stringify({ schema: 1, meetings: [...kept, ...plan.meetings] }, null, 1)}\n`);
}

function removeSeed() {
  for (const file of seededFiles) fs.rmSync(file, { force: true });
  if (!dataDir) return;
  const manual = path.join(dataDir, 'meetings', 'manual.json');
  if (manualBefore === null) fs.rmSync(manual, { force: true });
  else if (manualBefore !== undefined) fs.writeFileSync(manual, manualBefore);
}

/** Polls until `probe` returns a truthy value (waits for the UI; never a timing assertion). */
async function until(probe, what, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} (waited ${timeout / 1000}s)${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The dashboard's own document: outer webview iframe -> its active inner frame. */
const dashboard = () => window.page.locator('iframe.webview').first().contentFrame().locator('iframe#active-frame').contentFrame();

/** Cell texts of the row of `table` whose header cell is exactly `first`. */
async function rowCells(frame, table, first) {
  const row = table.locator('tbody tr').filter({ has: frame.locator('th', { hasText: new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  await row.first().scrollIntoViewIfNeeded();
  assert.ok(await row.first().isVisible(), `the row for ${first} is not visible`);
  return (await row.first().locator('th, td').allInnerTexts()).map((t) => t.trim());
}

before(async () => {
  session = await startSession();
  dataDir = session.globalStorageDir();
  writeSeed();
  window = await session.openWindow({ label: 'dashboard' });
  window.page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text(), url: m.location()?.url ?? '' }));
  window.page.on('pageerror', (e) => consoleMessages.push({ type: 'error', text: `pageerror: ${e.message}`, url: '' }));
  const server = new URL(session.config.url);
  window.page.on('request', (r) => {
    let frameUrl = '';
    try { frameUrl = r.frame().url(); } catch { /* service worker request */ }
    const url = new URL(r.url());
    // asWebviewUri() resources (https://<authority>.vscode-resource.vscode-cdn.net/<path>) never leave the
    // machine: the webview's service worker answers them from the extension folder (dist/ only, here).
    const local = url.host === server.host || (url.host.endsWith('.vscode-resource.vscode-cdn.net') && url.pathname.includes('/dist/'));
    if (/webview/i.test(frameUrl) && /^https?:$/.test(url.protocol) && !local) remoteRequests.push(r.url());
  });
  window.page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss().catch(() => {}); });
  await window.craftTimeStatus();
});

after(async () => {
  try {
    // Leave no dashboard behind for the window state of later suites.
    if (window) await window.runCommand('View: Close All Editors').catch(() => {});
    await session?.close();
  } finally {
    removeSeed();
  }
});

test('a click on the status bar item opens the dashboard webview', async () => {
  // More room for the screenshot: no side bar.
  await window.runCommand('View: Close Primary Side Bar').catch(() => {});
  await window.craftTimeItem().click();
  await window.page.locator('.tab', { hasText: 'Craft Time' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await window.page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 60_000 });
  // The page renders (body[data-rendered] counts the models drawn) with the seeded days in it.
  await until(async () => Number(await dashboard().locator('body').getAttribute('data-rendered', { timeout: 5_000 })) >= 1, 'the dashboard never rendered a model');
  await dashboard().locator('#h-daily').waitFor({ state: 'visible', timeout: 30_000 });
  const range = (await dashboard().locator('#range-text').innerText()).trim();
  assert.match(range, /^Last 12 weeks: /, `range line ${JSON.stringify(range)}`);
});

test('the seeded key day shows its hand-derived hands-on, meetings, craft ratio and deep-work blocks', async () => {
  const frame = dashboard();
  await frame.locator('#sec-daily summary', { hasText: 'Show daily values as a table' }).click();
  const table = frame.locator('#sec-daily table.data');
  const key = isoDate(plan.key);
  // A live refresh may redraw meanwhile: read until the row holds the seeded figures.
  let cells = [];
  await until(async () => {
    cells = await rowCells(frame, table, key);
    return cells[2] === KEY_DAY.handsOn;
  }, `the daily row for ${key} never showed ${KEY_DAY.handsOn}`, 60_000).catch((e) => { throw new Error(`${e.message}; last row ${JSON.stringify(cells)}`); });
  // [date, weekday, hands-on, assisted, meetings, craft ratio, deep-work blocks]; the seed is all typing,
  // so nothing is assisted.
  assert.deepEqual(cells.slice(2), [KEY_DAY.handsOn, '0m', KEY_DAY.meetings, KEY_DAY.ratio, KEY_DAY.deepBlocks], `row ${JSON.stringify(cells)}`);
  await window.screenshot('dashboard-daily-table');
});

test('the previous ISO week shows the seeded hands-on hours, and the total covers the whole seed', async () => {
  const frame = dashboard();
  await frame.locator('#sec-weekly summary', { hasText: 'Show weekly values as a table' }).click();
  const table = frame.locator('#sec-weekly table.data');
  const span = `${shortDate(plan.prevMonday)} – ${shortDate(plan.prevSunday)}`;
  const row = table.locator('tbody tr').filter({ has: frame.locator('td', { hasText: span }) }).first();
  await row.scrollIntoViewIfNeeded();
  const cells = (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
  // [week, days, hands-on, floor, meetings, craft ratio, below floor]
  assert.equal(cells[2], hoursText(plan.prevWeekMs), `previous week ${span}: ${JSON.stringify(cells)}`);
  // The whole seed is 1100 + 585 = 1685 min (28h 05m); other suites of the run may add time of their own
  // today, never less.
  assert.equal(plan.totalMs, 1685 * MINUTE);
  const kpi = (await frame.locator('#kpi-hands-value').innerText()).trim();
  const m = /^(?:(\d+)h )?(\d+)m$/.exec(kpi);
  assert.ok(m, `hands-on KPI ${JSON.stringify(kpi)}`);
  assert.ok((Number(m[1] ?? 0) * 60 + Number(m[2])) * MINUTE >= plan.totalMs, `hands-on KPI ${kpi} is less than the seeded 28h 05m`);
});

test('a hostile workspace name is shown as literal text, not markup', async () => {
  const frame = dashboard();
  await frame.locator('#tab-workspaces').click();
  const label = frame.locator('#breakdown-panel .row-label').filter({ hasText: HOSTILE });
  await label.first().waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal((await label.first().innerText()).trim(), HOSTILE);
  assert.equal(await frame.locator('img').count(), 0, 'an <img> element exists in the dashboard');
  assert.equal(await frame.locator('[onerror]').count(), 0, 'an element with an onerror attribute exists');
  assert.deepEqual(dialogs, [], 'a dialog (alert) opened');
  await frame.locator('#h-breakdown').scrollIntoViewIfNeeded();
  await window.screenshot('dashboard-workspaces-hostile-name');
});

test('a screenshot of the dashboard is saved; its frames logged no errors and requested nothing remote', async () => {
  const frame = dashboard();
  await frame.locator('#tab-categories').click();
  await frame.locator('#app').evaluate(() => window.scrollTo(0, 0));
  const file = await window.screenshot('dashboard-vscode');
  assert.ok(fs.statSync(file).size > 10_000, `${file} is suspiciously small`);
  // The console check must be able to see the dashboard's frame: a probe message from it has to arrive.
  const probeText = 'craft-time dashboard console probe';
  await frame.locator('body').evaluate((_, text) => console.info(text), probeText);
  const probe = await until(() => consoleMessages.find((m) => m.text === probeText), 'a console message from the dashboard frame never reached the page', 30_000);
  const frameDoc = probe.url.split('?')[0];
  // Errors from the webview's frames (CSP violations, script errors); the workbench's own are not ours.
  const errors = consoleMessages.filter((m) => m.type === 'error');
  for (const e of errors) console.log(`console error (${e.url}): ${e.text}`);
  const ours = errors.filter((e) => (frameDoc && e.url.startsWith(frameDoc)) || /webview|vscode-resource|vscode-cdn/i.test(e.url) || /craft|Content Security Policy/i.test(e.text));
  assert.deepEqual(ours, [], `console errors from the dashboard: ${JSON.stringify(ours, null, 1)}`);
  assert.deepEqual(remoteRequests, [], 'the dashboard requested something from outside the local server');
});
