// A hostile calendar in a real VS Code (issue 12): while the user types, a good calendar and a hostile
// one (thousands of BYSETPOS series: it uses up its whole wall-time budget on a worker thread) are
// connected. The status bar keeps updating and the good calendar counts while the hostile one is still
// being read, a command answers in that time too (the order of events is asserted, never a duration),
// and exactly one problem notification names the hostile file.
//
// The suite moves the data folder's calendars/ aside and restores it, and restores the user settings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sleep } from '../harness/activity.mjs';
import { config, EXTENSION_ID, startSession } from '../harness/vscode.mjs';
import { useSettings } from '../harness/suiteSettings.mjs';

const cfg = config();
const dataDir = cfg.dataDir ?? path.join(cfg.userDataDir, 'User', 'globalStorage', EXTENSION_ID); // the one data folder (issue 11)
const calendarsDir = path.join(dataDir, 'calendars');
const backupDir = path.join(dataDir, '..', `${EXTENSION_ID}.hostile-calendar-backup`);
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-hostile-'));
const GOOD = path.join(files, 'good.ics');
const HOSTILE = path.join(files, 'hostile.ics');
const PROBLEM = 'Calendar "hostile.ics"';

let session;
let restoreSettings;

const stamp = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const calendar = (events) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//craft-time//hostile test//EN\r\n${events.join('')}END:VCALENDAR\r\n`;

/** A meeting in progress now (the status bar then says "in a meeting"). */
function writeGood() {
  const now = Date.now();
  fs.writeFileSync(GOOD, calendar([`BEGIN:VEVENT\r\nUID:good-1\r\nSUMMARY:Design review\r\nDTSTART:${stamp(now - 30 * 60_000)}\r\nDTEND:${stamp(now + 90 * 60_000)}\r\nEND:VEVENT\r\n`]));
}

/** 3,000 series whose every step makes ical.js expand a year of weekday hours: more than any budget allows. */
function writeHostile() {
  const rule = 'RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,10,11,12,13,14,15,16;BYSETPOS=1,-1\r\n';
  const events = Array.from({ length: 3_000 }, (_, i) => `BEGIN:VEVENT\r\nUID:setpos-${i}\r\nSUMMARY:Sync\r\nDTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z\r\n${rule}END:VEVENT\r\n`);
  fs.writeFileSync(HOSTILE, calendar(events));
}

const HOSTILE_META = path.join(calendarsDir, 'file-0a0a0a0a02.meta.json');

/** The problem recorded for the hostile file (what its notification says), once it is recorded. */
function hostileProblem() {
  try {
    return JSON.parse(fs.readFileSync(HOSTILE_META, 'utf8')).problem;
  } catch {
    return undefined;
  }
}

function connect() {
  const sources = [
    { id: 'file-0a0a0a0a01', kind: 'file', label: 'good.ics', path: GOOD, addedAt: new Date().toISOString() },
    { id: 'file-0a0a0a0a02', kind: 'file', label: 'hostile.ics', path: HOSTILE, addedAt: new Date().toISOString() },
  ];
  fs.mkdirSync(calendarsDir, { recursive: true });
  fs.writeFileSync(path.join(calendarsDir, 'sources.json'), `${JSON.stringify({ schema: 1, sources }, null, 2)}\n`);
}

/** Every Craft Time notification about the hostile calendar (toasts and the notification center alike). */
async function hostileNotifications(window) {
  await window.runCommand('Notifications: Show Notifications');
  const center = window.page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
  const texts = (await center.locator('.notification-list-item-message').allInnerTexts()).map((t) => t.trim());
  await window.runCommand('Notifications: Hide Notifications').catch(() => window.press('Escape'));
  return texts.filter((t) => t.includes(PROBLEM));
}

before(async () => {
  fs.rmSync(backupDir, { recursive: true, force: true });
  if (fs.existsSync(calendarsDir)) fs.renameSync(calendarsDir, backupDir);
  writeGood();
  writeHostile();
  restoreSettings = useSettings({ userDataDir: cfg.userDataDir, dataDir }, { 'craftTime.timeZone': 'UTC' });
  session = await startSession();
});

after(async () => {
  await session?.close();
  fs.rmSync(calendarsDir, { recursive: true, force: true });
  if (fs.existsSync(backupDir)) fs.renameSync(backupDir, calendarsDir);
  restoreSettings?.();
  fs.rmSync(files, { recursive: true, force: true });
});

test('a hostile calendar connected while typing: the window stays responsive, the good calendar counts, one problem', { timeout: 300_000 }, async () => {
  const window = await session.openWindow({ label: 'hostile-calendar' });
  await window.newUntitledFile();
  await window.type('before the calendars ', { delay: 30 });
  const before = (await window.craftTimeStatus()).ariaLabel ?? '';
  assert.doesNotMatch(before, /in a meeting/, 'a meeting was already in progress before the calendars were connected');

  connect();
  await window.runCommand('Craft Time: Refresh Calendars');
  await window.focusEditor();

  // What happened, in order. The hostile file keeps a worker busy until its budget runs out; it is
  // reported when that happens, so everything recorded before 'problem shown' happened while it was busy.
  const events = [];
  const labels = [before];
  let commandAsked = false;
  const deadline = Date.now() + 150_000;
  while (!events.includes('problem shown') && Date.now() < deadline) {
    await window.type('typing while a calendar is read ', { delay: 25 });
    const label = (await window.craftTimeStatus()).ariaLabel ?? '';
    if (label !== labels[labels.length - 1]) {
      labels.push(label);
      events.push('status updated');
    }
    if (label.includes('in a meeting') && !events.includes('good calendar counted')) events.push('good calendar counted');
    if (events.includes('good calendar counted') && !commandAsked) {
      commandAsked = true;
      await window.runCommand('Craft Time: Show Calendar Sources');
      const row = window.page.locator('.quick-input-list .monaco-list-row', { hasText: 'good.ics' }).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      events.push('command answered');
      await window.press('Escape');
      await window.focusEditor();
    }
    // The problem is reported (notification and all) when it is recorded in the source's state file.
    if (hostileProblem() || (await window.notifications()).some((t) => t.includes(PROBLEM))) events.push('problem shown');
  }
  await window.screenshot('hostile-calendar-problem');

  const order = events.filter((e) => e !== 'status updated');
  assert.deepEqual(order, ['good calendar counted', 'command answered', 'problem shown'], `events were ${JSON.stringify(events)}; labels ${JSON.stringify(labels)}; files ${JSON.stringify(fs.readdirSync(calendarsDir))}`);
  assert.match(hostileProblem(), /^The calendar was skipped: (reading it took longer than 20 s|its repeat rules need more than 2,000,000 steps)\. Other calendars still count\.$/);
  const updatesBeforeProblem = events.slice(0, events.indexOf('problem shown')).filter((e) => e === 'status updated').length;
  assert.ok(updatesBeforeProblem >= 1, `the status bar did not update while the hostile calendar was read (labels: ${JSON.stringify(labels)})`);

  // Keep typing a little: the same problem must not come back as a second notification.
  const settle = Date.now() + 15_000;
  while (Date.now() < settle) await window.type('after ', { delay: 25 });
  await sleep(1_000);
  const shown = await hostileNotifications(window);
  assert.equal(shown.length, 1, `expected exactly one problem notification, found ${JSON.stringify(shown)}`);
  assert.match(shown[0], /skipped: reading it took longer than 20 s|skipped: its repeat rules need more than/);

  // The good calendar still counts after the hostile one was skipped.
  const after = (await window.craftTimeStatus()).ariaLabel ?? '';
  assert.match(after, /in a meeting/, `the good calendar stopped counting: ${after}`);
});
