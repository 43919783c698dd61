// A member of an old version-1 (plaintext) team aggregate, in a real VS Code: the monthly check at startup
// asks once to leave the old aggregate (a warning with "Leave and Delete Old Files"), never again after a
// reload, whether the question was dismissed (the old files stay as they are) or answered (exactly that
// member's plaintext files, the old membership and the old member id are deleted; another member's file
// stays).
//
// Data: the data folder's team/ as a version-1 Craft Time wrote it (team/membership.json with schema 1,
// team/member.json with the random member id; docs/team-format.md "Versions") and version-1 plaintext files
// `<YYYY-MM>/<member id>.json` in a temporary team folder. The data folder's own team/ is moved aside before
// and put back after; the team folder is removed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { moveAside } from '../harness/dataAside.mjs';
import { clickDialogButton, dialogBox, waitForDialog, waitUntil } from '../harness/dialogs.mjs';
import { startSession } from '../harness/vscode.mjs';

const QUESTION = 'team contributions are now sealed';
const LEAVE_OLD = 'Leave and Delete Old Files';
const LEAVE_CONFIRM = 'Leave and Delete My Files';
/** ISO weeks whose Thursday falls in the month (the version-1 rule): one a month is enough for a fixture. */
const MONTH_WEEKS = { '2025-03': '2025-W10', '2025-04': '2025-W14', '2025-05': '2025-W19' };
/** After a reload, how long the question must stay away: at least this, and twice the time it took to appear. */
const MIN_QUIET_MS = 20_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let session;
let window;
let dataDir;
let teamFolder;
let putBack;
/** Time from opening (or reloading) a window to the question, measured when it was asked. */
let askedAfterMs;

const teamDir = () => path.join(dataDir, 'team');
const memberId = () => randomBytes(16).toString('hex');

/** A version-1 plaintext contribution, byte for byte as a version-1 Craft Time wrote it (serializeContribution). */
function v1Contribution(member, month) {
  const weeks = [{ week: MONTH_WEEKS[month], handsOnHours: 21.5, meetingHours: 9, craftRatio: 0.7, deepWorkBlocks: 4 }];
  return `${JSON.stringify({ kind: 'craft-time/team-contribution', version: 1, member, month, role: 'engineer', edgeState: 'healthy', written: `${month}-28T08:00:00Z`, weeks }, null, 2)}\n`;
}

/**
 * A version-1 member on this machine: team/membership.json (schema 1) and team/member.json in the data
 * folder, the member's files for every month of MONTH_WEEKS and one file of another member in the team
 * folder. Returns { member, mine, theirs } (absolute paths).
 */
function seedVersion1Member() {
  fs.rmSync(teamDir(), { recursive: true, force: true });
  fs.rmSync(teamFolder, { recursive: true, force: true });
  fs.mkdirSync(teamFolder);
  const member = memberId();
  const other = memberId();
  const months = Object.keys(MONTH_WEEKS);
  fs.mkdirSync(teamDir(), { recursive: true });
  fs.writeFileSync(path.join(teamDir(), 'membership.json'), `${JSON.stringify({ schema: 1, folder: teamFolder, joinedAt: '2025-03-03T09:00:00.000Z', written: months }, null, 2)}\n`);
  fs.writeFileSync(path.join(teamDir(), 'member.json'), `${JSON.stringify({ version: 1, member, role: 'engineer' }, null, 2)}\n`);
  const write = (who, month) => {
    const file = path.join(teamFolder, month, `${who}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, v1Contribution(who, month), { mode: 0o644 });
    return file;
  };
  return { member, mine: months.map((m) => write(member, m)), theirs: write(other, '2025-04') };
}

/** Every file under a folder with its content (relative paths, hidden files included). */
function snapshot(dir) {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .map((f) => [path.relative(dir, f), fs.readFileSync(f, 'utf8')])
    .sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Runs `work(center)` with the notification centre open (toasts hide after a while; the centre keeps every notification). */
async function inCenter(work, { hide = true } = {}) {
  await window.runCommand('Notifications: Show Notifications');
  const center = window.page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 15_000 });
  try {
    return await work(center);
  } finally {
    if (hide) await window.runCommand('Notifications: Hide Notifications').catch(() => window.press('Escape'));
  }
}

const questionsIn = (center) => center.locator('.notification-list-item', { hasText: QUESTION });
/** How many migration questions the window holds (toasts and the centre alike). */
const questionCount = () => inCenter((center) => questionsIn(center).count());

/** Waits for the question; returns the ms since `since`. */
async function waitForQuestion(since) {
  // A new notification shows as a toast for several seconds: polling toasts is enough, and cheap.
  await waitUntil(async () => (await window.notifications()).some((t) => t.includes(QUESTION)),
    { timeout: 120_000, interval: 500, message: 'the migration question never appeared' });
  return Date.now() - since;
}

/** Reloads the window (a new extension host: the monthly check runs again at startup). */
async function reload() {
  await window.page.reload();
  await window.waitForWorkbench();
  await window.craftTimeStatus();
}

/** Watches toasts for `ms` and then the centre: asserts the question never came back. */
async function assertNotAskedFor(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const toasts = await window.notifications();
    assert.ok(!toasts.some((t) => t.includes(QUESTION)), `asked again: ${JSON.stringify(toasts)}`);
    await sleep(1_000);
  }
  assert.equal(await questionCount(), 0, 'the question is in the notification centre again');
}

before(async () => {
  session = await startSession();
  dataDir = session.globalStorageDir();
  fs.mkdirSync(dataDir, { recursive: true });
  putBack = moveAside(dataDir, path.join(os.tmpdir(), `craft-time-team-migration-aside-${process.pid}`), ['team']);
  teamFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-team-v1-'));
});

after(async () => {
  await session?.close();
  putBack?.();
  if (teamFolder) fs.rmSync(teamFolder, { recursive: true, force: true });
});

test('dismissed: the question is asked once, the old files stay, and a reload does not ask again', { timeout: 300_000 }, async () => {
  seedVersion1Member();
  const folderBefore = snapshot(teamFolder);
  const teamBefore = snapshot(teamDir());
  const opened = Date.now();
  window = await session.openWindow({ label: 'team-migration' });
  askedAfterMs = await waitForQuestion(opened);
  await inCenter(async (center) => {
    assert.equal(await questionsIn(center).count(), 1, 'asked exactly once');
    await window.screenshot('team-migration-question');
    const question = questionsIn(center).first();
    assert.deepEqual((await question.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean), [LEAVE_OLD]);
    // Dismissed as a person would: the notification's own "Clear" (x).
    await question.hover();
    await question.locator('.codicon-notifications-clear').first().click();
    await waitUntil(async () => (await questionsIn(center).count()) === 0, { timeout: 15_000, message: 'the question could not be dismissed' });
  });
  await sleep(3_000);
  assert.equal(await dialogBox(window.page).isVisible(), false, 'dismissing asks nothing more');
  assert.deepEqual(snapshot(teamFolder), folderBefore, 'the old plaintext files are left as they were');
  const teamAfter = snapshot(teamDir());
  assert.match(teamAfter['migration-asked'] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\n$/, 'the question is marked as asked');
  delete teamAfter['migration-asked'];
  assert.deepEqual(teamAfter, teamBefore, 'the old membership and member id are kept');

  const reloaded = Date.now();
  await reload();
  await assertNotAskedFor(Math.max(MIN_QUIET_MS, 2 * askedAfterMs - (Date.now() - reloaded)));
  assert.deepEqual(snapshot(teamFolder), folderBefore, 'still untouched after the reload');
});

test('answered: "Leave and Delete Old Files" deletes exactly that member\'s files, the old membership and member id; never asked again', { timeout: 300_000 }, async (t) => {
  if (!window) return t.skip('no window');
  // Another machine's state: a fresh version-1 member that was never asked.
  const { mine, theirs } = seedVersion1Member();
  const theirText = fs.readFileSync(theirs, 'utf8');
  const reloaded = Date.now();
  await reload();
  const askedAfter = await waitForQuestion(reloaded);
  // A reload does run the monthly check, well within the time the first test waited for it to stay away.
  assert.ok(askedAfter <= Math.max(MIN_QUIET_MS, 2 * askedAfterMs), `asked after ${askedAfter} ms, first time after ${askedAfterMs} ms`);
  assert.ok(fs.existsSync(path.join(teamDir(), 'migration-asked')), 'the question is marked as asked when it is shown');
  await inCenter(async (center) => {
    assert.equal(await questionsIn(center).count(), 1, 'asked exactly once');
    await questionsIn(center).first().locator('.monaco-button', { hasText: LEAVE_OLD }).click();
  }, { hide: false });
  const confirm = await waitForDialog(window.page, { button: LEAVE_CONFIRM });
  assert.match(confirm.message, /Leave the team aggregate\?/);
  assert.match(confirm.detail, /plaintext files .* old member id/);
  for (const f of mine) assert.ok(fs.existsSync(f), 'nothing is deleted before the confirmation');
  await window.screenshot('team-migration-leave-confirm');
  await clickDialogButton(window.page, LEAVE_CONFIRM);
  await waitUntil(() => mine.every((f) => !fs.existsSync(f)), { timeout: 60_000, message: "the member's plaintext files were not deleted" });
  await waitUntil(() => !fs.existsSync(path.join(teamDir(), 'membership.json')), { timeout: 30_000, message: 'the old membership was not deleted' });
  assert.deepEqual(Object.keys(snapshot(teamFolder)), [path.relative(teamFolder, theirs)], "only the other member's file is left");
  assert.equal(fs.readFileSync(theirs, 'utf8'), theirText, "the other member's file is untouched");
  assert.deepEqual(Object.keys(snapshot(teamDir())), ['migration-asked'], 'the old membership and member id are gone; the marker stays');
  await inCenter(async (center) => {
    const messages = center.locator('.notification-list-item-message');
    const done = await waitUntil(async () => (await messages.allInnerTexts()).find((t) => /left the old team aggregate/.test(t)),
      { timeout: 30_000, message: 'no notification that the member left' });
    assert.match(done, new RegExp(`deleted ${mine.length} plaintext file\\(s\\) and your old member id`));
    assert.equal(await questionsIn(center).count(), 0, 'the answered question is gone, and not asked a second time');
  });

  const again = Date.now();
  await reload();
  await assertNotAskedFor(Math.max(MIN_QUIET_MS, 2 * askedAfterMs - (Date.now() - again)));
});
