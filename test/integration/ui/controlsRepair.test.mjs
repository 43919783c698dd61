// A damaged controls.json fails closed in the real VS Code: tracking pauses, exactly one notification
// offers Repair…, the file is never overwritten, and Repair… > Reset brings tracking back.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sleep } from '../harness/activity.mjs';
import { eventually, startSession } from '../harness/vscode.mjs';

const DAMAGED = '{"schema":1,"paused":false,"excludedWorkspaces":[{"id":"client-w';
let session;
let window;
let controls;

before(async () => {
  session = await startSession();
  controls = path.join(session.globalStorageDir(), 'state', 'controls.json');
  fs.mkdirSync(path.dirname(controls), { recursive: true });
  // No good state at all (earlier suites in the shared folder may have left a previous copy): fail closed.
  fs.rmSync(`${controls}.prev`, { force: true });
  fs.writeFileSync(controls, DAMAGED);
  window = await session.openWindow({ label: 'controls-repair' });
});

after(async () => {
  // Leave the shared data folder as the other suites expect it.
  for (const f of [controls, `${controls}.damaged`, `${controls}.prev`]) fs.rmSync(f, { force: true });
  await session?.close();
});

const repairToasts = async () => (await window.notifications()).filter((t) => /controls\.json/.test(t));

test('tracking pauses and one notification with Repair… says why; the file is left untouched', async () => {
  await window.waitForCraftTimeText((t) => /paused/i.test(t), 60_000);
  const toasts = await eventually(async () => ((await repairToasts()).length ? repairToasts() : false), { message: 'no notification about controls.json' });
  assert.equal(toasts.length, 1, `expected one notification, got ${JSON.stringify(toasts)}`);
  assert.match(toasts[0], /tracking is paused until it is repaired or reset/);
  const button = window.page.locator('.notification-toast .monaco-button', { hasText: 'Repair…' });
  assert.equal(await button.count(), 1);
  await window.screenshot('controls-damaged-notification');
  // Blur and focus dispatched to the page (Playwright does not switch focus by itself; a focused window
  // re-reads the file): still damaged, still untouched, and no second notification.
  await window.page.evaluate(() => { window.dispatchEvent(new Event('blur')); window.dispatchEvent(new Event('focus')); });
  await sleep(3_000);
  assert.equal(fs.readFileSync(controls, 'utf8'), DAMAGED);
  await window.runCommand('Notifications: Show Notifications');
  const inCenter = (await window.page.locator('.notifications-center .notification-list-item-message').allInnerTexts()).filter((t) => /controls\.json/.test(t));
  assert.equal(inCenter.length, 1, `expected one notification in the notification center, got ${JSON.stringify(inCenter)}`);
});

test('pausing while damaged writes nothing; Repair… > Reset resumes tracking and keeps the damaged file', async () => {
  await window.runCommand('Craft Time: Resume Tracking');
  await sleep(1_000);
  assert.equal(fs.readFileSync(controls, 'utf8'), DAMAGED, 'a command overwrote the damaged controls.json');
  const button = window.page.locator('.notifications-center .monaco-button, .notification-toast .monaco-button', { hasText: 'Repair…' }).first();
  await button.click();
  const row = window.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reset' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await window.waitForCraftTimeText((t) => !/paused/i.test(t), 30_000);
  assert.deepEqual(JSON.parse(fs.readFileSync(controls, 'utf8')), { schema: 1, paused: false, excludedWorkspaces: [] });
  assert.equal(fs.readFileSync(`${controls}.damaged`, 'utf8'), DAMAGED);
});
