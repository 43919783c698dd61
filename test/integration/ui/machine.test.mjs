// One machine, one timeline (issue 11) in real VS Code builds: a second code-server with its own
// --user-data-dir and another product name (a copy of the cached build with an edited product.json,
// standing in for Cursor next to "VS Code") writes into the one data folder. History the second build's
// old global storage held is moved in at its start; typing in both at once never counts more than the
// wall clock; with an eroding edge, only one of the two builds warns. The settings that change numbers
// live in the data folder's settings.json: a value only the second build sets differently is asked about
// once, in that build only; a floor changed in the first build's settings is written through to the file
// and the second build's status bar uses it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { FLUSH_WAIT_MS, handsOnMinutes, sleep, typeFor } from '../harness/activity.mjs';
import { config, EXTENSION_ID, eventually, launchBrowser, VsCodeWindow, workbenchUrl, captureExtensionHostConsole } from '../harness/vscode.mjs';

const cfg = config();
const dataDir = cfg.dataDir;
const WARNING = 'Craft Time: your technical edge';
const DAY = 86_400_000;
const SETTINGS = { 'craftTime.role': 'principal', 'craftTime.timeZone': 'UTC' };
const LEGACY_SOURCE = 'w-0123456789ab';
// The machine-wide file as it is before the builds start: the first build agrees, the second sets
// deepWorkMinutes to 60 and so disagrees with the 90 shared.
const SHARED = { role: 'principal', timeZone: 'UTC', deepWorkMinutes: 90 };
const B_ONLY = { 'craftTime.deepWorkMinutes': 60 };
const QUESTION = "this editor's settings differ from the machine-wide ones";
const sharedFile = path.join(dataDir, 'settings.json');
const questionsDir = path.join(dataDir, 'state', 'settings-questions');

let tmp, serverB, browser, windowA, windowB, settingsBefore, sharedBefore;
const seeded = [];

/** A copy of the cached code-server whose product.json names another build. Hard links: fast, and the original is never edited. */
function productCopy() {
  const source = path.resolve(cfg.codeServerEntry, '..', '..', '..', '..', '..');
  const copy = path.join(path.resolve(cfg.extensionPath), '.cache', `${path.basename(source)}-cursor`);
  const product = path.join(copy, 'node_modules', 'code-server', 'lib', 'vscode', 'product.json');
  if (!fs.existsSync(product) || !fs.readFileSync(product, 'utf8').includes('"Cursor (test)"')) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(source, copy, { recursive: true, verbatimSymlinks: true });
    const original = JSON.parse(fs.readFileSync(product, 'utf8'));
    fs.rmSync(product); // a new file, never a write through to the original
    fs.writeFileSync(product, JSON.stringify({ ...original, nameShort: 'Cursor (test)', nameLong: 'Cursor (test)', applicationName: 'cursor', dataFolderName: '.cursor-test', urlProtocol: 'cursor' }, null, 2));
  }
  return path.join(copy, path.relative(source, cfg.codeServerEntry));
}

const freePort = () => new Promise((resolve, reject) => {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
  srv.on('error', reject);
});

async function startSecondServer() {
  const entry = productCopy();
  const dirs = Object.fromEntries(['user', 'extensions', 'xdg-config', 'xdg-data'].map((n) => [n, path.join(tmp, n)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const userSettings = JSON.parse(fs.readFileSync(path.join(cfg.userDataDir, 'User', 'settings.json'), 'utf8'));
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...SETTINGS, ...B_ONLY }, null, 2));
  const manifest = JSON.parse(fs.readFileSync(path.join(cfg.extensionPath, 'package.json'), 'utf8'));
  fs.symlinkSync(path.resolve(cfg.extensionPath), path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  // The old version kept this build's history in its own global storage: it must move into the one folder.
  const legacy = path.join(dirs.user, 'User', 'globalStorage', EXTENSION_ID);
  const month = new Date().toISOString().slice(0, 7);
  const start = Math.floor(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1, 3) / 1000);
  fs.mkdirSync(path.join(legacy, 'activity', month), { recursive: true });
  fs.writeFileSync(path.join(legacy, 'activity', month, `${LEGACY_SOURCE}.jsonl`), `{"schema":1,"kind":"craft-time/activity","source":"${LEGACY_SOURCE}"}\n[${start},600,"c",0,0]\n`);
  const port = await freePort();
  const log = fs.openSync(path.join(cfg.resultsDir, 'code-server-cursor.log'), 'w');
  const child = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.user, cfg.workspace], {
    cwd: cfg.workspace, detached: true, stdio: ['ignore', log, log],
    env: { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], CRAFT_TIME_DATA_DIR: dataDir, VSCODE_PROXY_URI: '' },
  });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}/`;
  await eventually(async () => (await fetch(`${url}healthz`).catch(() => undefined))?.ok, { timeout: 120_000, interval: 500, message: 'the second code-server never answered' });
  return { child, url, legacy, month, settingsFile: path.join(dirs.user, 'User', 'settings.json') };
}

async function openWindow(url, label) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const w = new VsCodeWindow(page, { resultsDir: cfg.resultsDir, label });
  captureExtensionHostConsole(page, path.join(cfg.resultsDir, 'exthost.log'), label);
  await page.goto(workbenchUrl(url, { folder: cfg.workspace }));
  await w.waitForWorkbench();
  return w;
}

/** 12 healthy weeks then 4 weeks at 24 min a weekday: every signal fires, the edge is eroding (as in edge.test.mjs). */
function seedErodingHistory() {
  const now = Date.now(), d = new Date(now);
  const thisMonday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  const byMonth = new Map();
  for (let week = 16; week >= 1; week--) {
    for (let day = 0; day < 5; day++) {
      const start = thisMonday - week * 7 * DAY + day * DAY + 9 * 3_600_000;
      const minutes = week > 4 ? 180 : 24;
      const month = new Date(start).toISOString().slice(0, 7);
      if (!byMonth.has(month)) byMonth.set(month, []);
      for (let t = 0; t < minutes; t += 21) byMonth.get(month).push(JSON.stringify([Math.floor(start / 1000) + t * 60, Math.min(20, minutes - t) * 60, 'c', 0, 0]));
    }
  }
  for (const [month, lines] of byMonth) {
    const file = path.join(dataDir, 'activity', month, 'seed-machine.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [JSON.stringify({ schema: 1, kind: 'craft-time/activity', source: 'seed-machine' }), ...lines, ''].join('\n'));
    seeded.push(file);
  }
}

async function warningsIn(window) {
  await window.runCommand('Notifications: Show Notifications');
  const center = window.page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
  const texts = (await center.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  await window.runCommand('Notifications: Hide Notifications').catch(() => window.press('Escape'));
  return texts.filter((t) => t.startsWith(WARNING));
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-machine-'));
  fs.rmSync(path.join(dataDir, 'state', 'warnings.json'), { force: true });
  fs.rmSync(path.join(dataDir, 'state', 'warning-claims'), { recursive: true, force: true });
  seedErodingHistory();
  const settingsFile = path.join(cfg.userDataDir, 'User', 'settings.json');
  settingsBefore = fs.readFileSync(settingsFile, 'utf8');
  fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(settingsBefore), ...SETTINGS }, null, 2));
  sharedBefore = fs.existsSync(sharedFile) ? fs.readFileSync(sharedFile, 'utf8') : undefined;
  fs.rmSync(questionsDir, { recursive: true, force: true });
  fs.writeFileSync(sharedFile, JSON.stringify({ schema: 1, kind: 'craft-time/settings', values: SHARED }, null, 2));
  serverB = await startSecondServer();
  browser = await launchBrowser();
  [windowA, windowB] = await Promise.all([openWindow(cfg.url, 'vscode'), openWindow(serverB.url, 'cursor')]);
});

after(async () => {
  await browser?.close().catch(() => {});
  if (serverB) try { process.kill(-serverB.child.pid, 'SIGTERM'); } catch { /* gone */ }
  for (const f of seeded) fs.rmSync(f, { force: true });
  fs.rmSync(path.join(dataDir, 'state', 'warnings.json'), { force: true });
  fs.rmSync(path.join(dataDir, 'state', 'warning-claims'), { recursive: true, force: true });
  if (serverB) fs.rmSync(path.join(dataDir, 'activity', serverB.month, `${LEGACY_SOURCE}.jsonl`), { force: true });
  if (settingsBefore !== undefined) fs.writeFileSync(path.join(cfg.userDataDir, 'User', 'settings.json'), settingsBefore);
  // The first build notices at its next start that its settings lost these keys and resets them in the file.
  if (sharedBefore === undefined) fs.rmSync(sharedFile, { force: true });
  else fs.writeFileSync(sharedFile, sharedBefore);
  fs.rmSync(questionsDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the second build moves its old history into the one data folder and leaves a note', { timeout: 180_000 }, async () => {
  const moved = path.join(dataDir, 'activity', serverB.month, `${LEGACY_SOURCE}.jsonl`);
  await eventually(() => fs.existsSync(moved), { timeout: 120_000, message: 'the old history never arrived in the data folder' });
  assert.equal(fs.existsSync(path.join(serverB.legacy, 'activity', serverB.month, `${LEGACY_SOURCE}.jsonl`)), false);
  // The note is written after the last file moved: under load it may come a moment later.
  const note = path.join(serverB.legacy, 'MOVED-TO-craft-time.txt');
  await eventually(() => fs.existsSync(note), { timeout: 30_000, message: 'the old folder never got its note' });
  assert.match(fs.readFileSync(note, 'utf8'), new RegExp(dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});

test('two builds with an eroding edge: exactly one warning on the machine', { timeout: 420_000 }, async () => {
  for (const w of [windowA, windowB]) {
    await eventually(async () => /technical edge eroding/.test((await w.craftTimeStatus(180_000)).ariaLabel ?? ''), { timeout: 240_000, interval: 1000, message: `${w.label}: the status bar never showed the eroding edge` });
  }
  await sleep(40_000); // both builds have checked by now; give a second warning time to show
  const counts = [(await warningsIn(windowA)).length, (await warningsIn(windowB)).length];
  await windowA.screenshot('machine-vscode');
  await windowB.screenshot('machine-cursor');
  assert.equal(counts[0] + counts[1], 1, `expected one warning across both builds, found ${counts.join(' + ')}`);
  assert.equal(fs.readdirSync(path.join(dataDir, 'state', 'warning-claims')).length, 1, 'one claim for one warning');
});

test('typing in both builds at once never counts more than the wall clock; both write into the one folder', { timeout: 300_000 }, async () => {
  await Promise.all([windowA.newUntitledFile(), windowB.newUntitledFile()]);
  await sleep(65_000); // quiet for over a minute: nothing earlier is bridged in with a 1-minute idle limit
  const before = handsOnMinutes(dataDir, { idleMinutes: 1 });
  const start = Date.now();
  await Promise.all([typeFor(windowA, 60_000), typeFor(windowB, 60_000)]);
  const wallMinutes = (Date.now() - start) / 60_000;
  await sleep(FLUSH_WAIT_MS);
  const counted = handsOnMinutes(dataDir, { idleMinutes: 1 }) - before;
  const month = new Date().toISOString().slice(0, 7);
  const dir = path.join(dataDir, 'activity', month);
  const recent = fs.readdirSync(dir).filter((n) => n.startsWith('w-') && fs.statSync(path.join(dir, n)).mtimeMs >= start);
  console.log(`[machine] counted ${counted.toFixed(2)} min of hands-on for ${wallMinutes.toFixed(2)} min of wall clock, two builds typing`);
  assert.ok(recent.length >= 2, `expected a file from each build, found ${recent.join(', ')}`);
  assert.ok(counted <= wallMinutes + 0.1, `counted ${counted.toFixed(2)} min for ${wallMinutes.toFixed(2)} min of wall clock: double counting`);
  assert.ok(counted >= wallMinutes * 0.8, `counted only ${counted.toFixed(2)} of ${wallMinutes.toFixed(2)} minutes`);
});

/** Messages in the notification centre of `window` that contain `text`; clicks `button` on the first if given. */
async function notificationsWith(window, text, button) {
  await window.runCommand('Notifications: Show Notifications');
  const center = window.page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
  const items = center.locator('.notification-list-item', { hasText: text });
  const count = await items.count();
  if (button && count) await items.first().locator('.monaco-button', { hasText: button }).first().click();
  await window.runCommand('Notifications: Hide Notifications').catch(() => window.press('Escape'));
  return count;
}

const sharedValues = () => JSON.parse(fs.readFileSync(sharedFile, 'utf8')).values;

test('a build whose own settings disagree with the shared file is asked once; its answer is applied', { timeout: 180_000 }, async () => {
  await eventually(async () => (await notificationsWith(windowB, QUESTION)) === 1, { timeout: 120_000, interval: 2000, message: 'the second build never asked which settings to keep' });
  assert.equal(await notificationsWith(windowA, QUESTION), 0, 'the build that agrees is not asked');
  assert.equal(await notificationsWith(windowB, QUESTION, 'Use the shared values'), 1, 'asked exactly once');
  await eventually(() => JSON.parse(fs.readFileSync(serverB.settingsFile, 'utf8'))['craftTime.deepWorkMinutes'] === 90, { timeout: 30_000, message: "the second build's settings never took the shared 90 minutes" });
  assert.equal(sharedValues().deepWorkMinutes, 90, 'the shared value is kept');
  assert.equal(fs.readdirSync(questionsDir).length, 1, 'one question asked on the machine');
  await sleep(5_000);
  assert.equal(await notificationsWith(windowB, QUESTION), 0, 'answered: not asked again');
});

/** The text of Craft Time's status bar tooltip in `window` (hovered as a person would). */
async function statusTooltip(window) {
  await window.page.mouse.move(0, 0);
  await window.craftTimeItem().hover();
  return window.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'floor' }).first().innerText({ timeout: 5_000 }).catch(() => '');
}

test("a floor changed in the first build's settings is written through, and the second build's status uses it", { timeout: 180_000 }, async () => {
  // Before: the principal's own floor, 10 h a week (DESIGN.md).
  await eventually(async () => /of the 10 h floor \(principal\)/.test(await statusTooltip(windowB)), { timeout: 30_000, interval: 1000, message: 'the second build did not show the principal floor first' });
  // As a person does it: the Settings editor, the setting found by its id, 7 typed into its box.
  await windowA.runCommand('Preferences: Open User Settings');
  const page = windowA.page;
  await page.locator('.settings-editor').waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type('@id:craftTime.floors.weeklyHandsOnHours', { delay: 10 });
  await page.locator('.settings-editor', { hasText: '1 Setting Found' }).waitFor({ timeout: 30_000 });
  const box = page.locator('.settings-editor .setting-item-contents', { hasText: 'Weekly Hands On Hours' }).locator('input').first();
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  await box.click();
  await page.keyboard.type('7', { delay: 50 });
  await windowA.screenshot('machine-vscode-settings-floor');
  await eventually(() => sharedValues()['floors.weeklyHandsOnHours'] === 7, { timeout: 60_000, interval: 500, message: 'the floor never reached the data folder settings.json' });
  assert.equal(sharedValues().role, 'principal', 'the other shared values are kept');
  let tooltip = '';
  await eventually(async () => {
    tooltip = await statusTooltip(windowB);
    return /of the 7 h floor \(principal\)/.test(tooltip);
  }, { timeout: 60_000, interval: 1000, message: "the second build's status bar never showed the 7 h floor" }).catch((e) => { throw new Error(`${e.message}; last tooltip: ${JSON.stringify(tooltip)}`); });
  await windowB.screenshot('machine-cursor-shared-floor');
});
