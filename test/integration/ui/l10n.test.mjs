// Craft Time in the display language of the real VS Code (CRAFT_TIME_LOCALE=de: code-server with the German
// language pack fixture; unset: English). Command titles come from package.nls(.<locale>).json and the
// Command Palette never shows a `%key%` placeholder; the status-bar tooltip, the edge warning and the
// dashboard speak the display language (l10n/bundle.l10n.<locale>.json), numbers formatted with Intl.
// The same suite run in English proves the English wording is unchanged.
//
// Seeded like edge.test.mjs: 12 healthy weeks then 4 weeks at 24 min a weekday for a principal, so all three
// signals fire and the edge is eroding; the warning state, settings and seeded files are put back after.
// A damaged calendars/sources.json is seeded too: its problem (worded by the store in English) reaches the
// status-bar tooltip in the display language. The walkthrough opens with its page for the display language.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { config, EXTENSION_ID, eventually, startSession } from '../harness/vscode.mjs';
import { moveAside } from '../harness/dataAside.mjs';
import { useSettings } from '../harness/suiteSettings.mjs';

const cfg = config();
const locale = cfg.locale ?? 'en';
const readNls = (suffix) => JSON.parse(fs.readFileSync(path.join(cfg.extensionPath, `package.nls${suffix}.json`), 'utf8'));
const english = readNls('');
const titles = locale === 'en' ? english : { ...english, ...readNls(`.${locale}`) };
const ALWAYS_OFFERED = ['command.openDashboard.title', 'command.showToday.title', 'command.showLog.title'];

const german = locale === 'de';
/**
 * What each surface must say, written by hand: German from l10n/bundle.l10n.de.json's choices (and the Intl
 * formats of docs/architecture.md "Localisation"), English as it always was.
 */
const EXPECT = german
  ? {
    ariaLabel: /technischer Vorsprung schwindend/,
    tooltip: ['Technischer Vorsprung: schwindend', 'Schwindend: Unter der Untergrenze, Rückgang, Fern vom Code.', 'Diese Woche:', 'Letzte 12 Wochen:', 'Zeitzone UTC', 'Besprechungen unbekannt (kein Kalender)'],
    warning: 'Craft Time: Ihr technischer Vorsprung schwindet. Schwindend: Unter der Untergrenze, Rückgang, Fern vom Code.',
    buttons: ['Warum?', 'Fokuszeit schützen'],
    edgeHeading: 'Technischer Vorsprung', edgeState: 'Schwindend', ratioLabel: 'Handwerksquote', ratioValue: 'k. A.', period: 'Letzte 12 Wochen',
    duration: /^(\d+ Std\. \d{2} Min\.|\d+ Min\.)$/,
    damagedSources: 'sources.json ist beschädigt oder stammt aus einer neueren Version; die Datei wurde nicht angetastet.',
  }
  : {
    ariaLabel: /technical edge eroding/,
    tooltip: ['Technical edge: eroding', 'Eroding: below floor, decline, away from the code.', 'This week:', 'Last 12 weeks:', 'Time zone UTC', 'meetings unknown (no calendar)'],
    warning: 'Craft Time: your technical edge is eroding. Eroding: below floor, decline, away from the code.',
    buttons: ['Why?', 'Protect Focus Time'],
    edgeHeading: 'Technical edge', edgeState: 'Eroding', ratioLabel: 'Craft ratio', ratioValue: 'n/a', period: 'Last 12 weeks',
    duration: /^(\d+h \d{2}m|\d+m)$/,
    damagedSources: 'sources.json is damaged or from a newer version; it was left untouched.',
  };

const DAY = 86_400_000;
const SOURCE = 'seed-l10n';
const dataDir = cfg.dataDir ?? path.join(cfg.userDataDir, 'User', 'globalStorage', EXTENSION_ID);
const warningFiles = ['state/warnings.json', 'state/warning-claims'];
// Moved aside like the warning state (and put back after); sources.json is then written damaged.
const SOURCES = 'calendars/sources.json';
const movedFiles = [...warningFiles, SOURCES];
let putBack;
const backupDir = path.join(dataDir, '..', 'craft-time.l10n-test-backup');
const seededFiles = [];
let restoreSettings;

const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
function mondayOf(ms) {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
}

/** 12 weeks at 3 h a weekday, then the 4 completed weeks before this one at 24 min (docs/data-format.md lines). */
function seedActivity() {
  const thisMonday = mondayOf(Date.now());
  const byMonth = new Map();
  for (let week = 16; week >= 1; week--) {
    const minutes = week > 4 ? 180 : 24;
    for (let day = 0; day < 5; day++) {
      const start = thisMonday - week * 7 * DAY + day * DAY + 9 * 3_600_000;
      const month = isoDate(start).slice(0, 7);
      if (!byMonth.has(month)) byMonth.set(month, []);
      for (let t = 0; t < minutes; t += 21) byMonth.get(month).push(JSON.stringify([Math.floor(start / 1000) + t * 60, Math.min(20, minutes - t) * 60, 'c', 0, 0]));
    }
  }
  for (const [month, lines] of byMonth) {
    const file = path.join(dataDir, 'activity', month, `${SOURCE}.jsonl`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [JSON.stringify({ schema: 1, kind: 'craft-time/activity', source: SOURCE }), ...lines, ''].join('\n'));
    seededFiles.push(file);
  }
}

let session;
let window;

before(async () => {
  putBack = moveAside(dataDir, backupDir, movedFiles);
  seedActivity();
  fs.mkdirSync(path.dirname(path.join(dataDir, SOURCES)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, SOURCES), '{ "schema": 1, "sources": [ damaged');
  restoreSettings = useSettings({ userDataDir: cfg.userDataDir, dataDir }, { 'craftTime.role': 'principal', 'craftTime.timeZone': 'UTC' });
  session = await startSession();
  window = await session.openWindow({ label: `l10n-${locale}` });
  await window.craftTimeStatus();
});

after(async () => {
  await session?.close();
  for (const file of seededFiles) fs.rmSync(file, { force: true });
  putBack?.();
  const calendars = path.join(dataDir, path.dirname(SOURCES));
  if (fs.existsSync(calendars) && fs.readdirSync(calendars).length === 0) fs.rmdirSync(calendars);
  restoreSettings?.();
});

test(`the Command Palette shows Craft Time's command titles in the display language (${locale})`, async () => {
  const page = window.page;
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Craft Time: ');
  const expected = ALWAYS_OFFERED.map((key) => `Craft Time: ${titles[key]}`);
  try {
    for (const label of expected) {
      await input.fill(`>${label}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 20_000 });
    }
    await input.fill('>Craft Time: ');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await window.screenshot(`command-palette-${locale}`);
    const shown = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    assert.ok(!shown.some((t) => /%[\w.]+%/.test(t)), `a placeholder was shown: ${shown.join(' | ')}`);
  } finally {
    await page.keyboard.press('Escape');
  }
  if (locale !== 'en') {
    for (const key of ALWAYS_OFFERED) assert.notEqual(titles[key], english[key], `${key} has no ${locale} translation`);
  }
});

test(`the status bar's label and tooltip speak the display language (${locale})`, { timeout: 300_000 }, async () => {
  let label = '';
  await eventually(async () => {
    label = (await window.craftTimeStatus()).ariaLabel ?? '';
    return EXPECT.ariaLabel.test(label);
  }, { timeout: 180_000, interval: 1000 }).catch(() => assert.fail(`the status bar label never matched ${EXPECT.ariaLabel}: ${JSON.stringify(label)}`));
  const hover = window.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Craft Time' }).first();
  let text = '';
  await eventually(async () => {
    await window.page.mouse.move(0, 0);
    await window.craftTimeItem().hover();
    await hover.waitFor({ state: 'visible', timeout: 5_000 });
    text = await hover.innerText();
    return [...EXPECT.tooltip, EXPECT.damagedSources].every((t) => text.includes(t));
  }, { timeout: 60_000, interval: 1000 }).catch(() => assert.fail(`the tooltip lacks one of ${JSON.stringify([...EXPECT.tooltip, EXPECT.damagedSources])}:\n${text}`));
  await window.screenshot(`l10n-status-tooltip-${locale}`);
  await window.page.mouse.move(0, 0);
});

test(`the edge warning speaks the display language (${locale})`, { timeout: 300_000 }, async () => {
  const toast = window.page.locator('.notification-toast').filter({ hasText: EXPECT.warning.slice(0, 30) }).first();
  // The first warning may have come and gone (toasts hide after a while) during the tests above: then the
  // machine's warning record is cleared and a check asked for, which warns again.
  await eventually(async () => {
    if (await toast.isVisible()) return true;
    for (const rel of warningFiles) fs.rmSync(path.join(dataDir, rel), { recursive: true, force: true });
    await window.runCommand(`Craft Time: ${titles['command.checkEdgeWarning.title']}`).catch(() => undefined);
    await toast.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
    return toast.isVisible();
  }, { timeout: 120_000, interval: 2000 }).catch(async () => assert.fail(`no toast starting with ${JSON.stringify(EXPECT.warning.slice(0, 30))}: ${(await window.notifications()).join(' | ')}`));
  const message = (await toast.locator('.notification-list-item-message').innerText()).trim();
  assert.equal(message, EXPECT.warning);
  const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
  for (const b of EXPECT.buttons) assert.ok(buttons.includes(b), `button ${b} missing: ${buttons.join(' | ')}`);
  await window.screenshot(`l10n-warning-${locale}`);
});

test(`the dashboard speaks the display language, numbers formatted for it (${locale})`, { timeout: 300_000 }, async () => {
  await window.runCommand(`Craft Time: ${titles['command.openDashboard.title']}`);
  await window.page.locator('iframe.webview').first().waitFor({ state: 'attached', timeout: 60_000 });
  const frame = window.page.locator('iframe.webview').first().contentFrame().locator('iframe#active-frame').contentFrame();
  await frame.locator('#edge-state', { hasText: EXPECT.edgeState }).waitFor({ state: 'visible', timeout: 120_000 });
  assert.equal(await frame.locator('html').getAttribute('lang'), locale);
  assert.equal((await frame.locator('#h-edge').innerText()).trim(), EXPECT.edgeHeading);
  assert.ok((await frame.locator('#edge-headline').innerText()).startsWith(EXPECT.warning.split('. ')[1].slice(0, 25)), 'the edge headline is the warning\'s');
  assert.equal((await frame.locator('#kpi-ratio .kpi-label').innerText()).trim().toLowerCase(), EXPECT.ratioLabel.toLowerCase());
  assert.equal((await frame.locator('#kpi-ratio-value').innerText()).trim(), EXPECT.ratioValue);
  assert.match((await frame.locator('#kpi-hands-value').innerText()).trim(), EXPECT.duration);
  assert.equal((await frame.locator('#month option[value=""]').innerText()).trim(), EXPECT.period);
  assert.ok((await frame.locator('#range-text').innerText()).startsWith(`${EXPECT.period}:`));
  await window.screenshot(`l10n-dashboard-${locale}`);
});

test(`the walkthrough shows its steps and its page in the display language (${locale})`, { timeout: 300_000 }, async () => {
  // The first line of each step's page for this language (package.nls(.<locale>).json names the file).
  const headings = ['role', 'calendar', 'statusbar'].map((step) =>
    fs.readFileSync(path.join(cfg.extensionPath, titles[`walkthrough.welcome.${step}.markdown`]), 'utf8').split('\n')[0].replace(/^#\s*/, '').trim());
  const page = window.page;
  await window.runCommand('Welcome: Open Walkthrough');
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
  const title = titles['walkthrough.welcome.title'];
  await input.fill(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  await page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.getting-started-step', { hasText: titles['walkthrough.welcome.role.title'] }).first().waitFor({ state: 'visible', timeout: 60_000 });
  // The step's page is a Markdown webview: find the one of the open webviews that shows a heading of ours.
  let seen = [];
  await eventually(async () => {
    seen = [];
    const count = await page.locator('iframe.webview').count();
    for (let i = 0; i < count; i++) {
      const frame = page.locator('iframe.webview').nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      seen.push(...(await frame.locator('h1').allInnerTexts().catch(() => [])).map((t) => t.trim()));
    }
    return seen.some((h) => headings.includes(h));
  }, { timeout: 60_000, interval: 1000 }).catch(() => assert.fail(`no walkthrough heading of ${JSON.stringify(headings)} among ${JSON.stringify(seen)}`));
  if (locale !== 'en') {
    const englishHeadings = ['role', 'calendar', 'statusbar'].map((step) =>
      fs.readFileSync(path.join(cfg.extensionPath, english[`walkthrough.welcome.${step}.markdown`]), 'utf8').split('\n')[0].replace(/^#\s*/, '').trim());
    assert.ok(!seen.some((h) => englishHeadings.includes(h)), `an English walkthrough heading was shown: ${JSON.stringify(seen)}`);
  }
  await window.screenshot(`l10n-walkthrough-${locale}`);
});
