// Real key presses in a real VS Code: they move the status bar; pausing stops the counting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FLUSH_WAIT_MS, handsOnMinutes, sleep, statusMinutes, typeFor } from '../harness/activity.mjs';
import { startSession } from '../harness/vscode.mjs';

let session;
let window;

before(async () => {
  session = await startSession();
  window = await session.openWindow({ label: 'tracking' });
  await window.craftTimeStatus();
  await window.openFile('notes.txt');
});

after(async () => {
  await session?.close();
});

test('typing in an editor moves the status bar', async () => {
  const before = statusMinutes(await window.waitForCraftTimeText((t) => /\d+m/.test(t)));
  await window.focusEditor();
  await typeFor(window, 70_000);
  const text = await window.waitForCraftTimeText((t) => statusMinutes(t) >= before + 1, 45_000);
  await window.screenshot('tracking-status-bar-after-typing');
  assert.ok(statusMinutes(text) >= before + 1, `status bar ${JSON.stringify(text)} did not grow from ${before}m`);
});

test('pause stops counting, even for a pause shorter than the idle limit', async () => {
  await window.runCommand('Craft Time: Pause Tracking');
  await window.waitForCraftTimeText((t) => /paused/i.test(t), 20_000);
  await window.screenshot('tracking-paused');
  const atPause = handsOnMinutes(session.globalStorageDir());
  await window.focusEditor();
  await typeFor(window, 40_000);
  await window.runCommand('Craft Time: Resume Tracking');
  await window.waitForCraftTimeText((t) => !/paused/i.test(t), 20_000);
  await window.focusEditor();
  await typeFor(window, 5_000);
  await sleep(FLUSH_WAIT_MS);
  const after = handsOnMinutes(session.globalStorageDir());
  // 40 s of paused typing and the gap around it must not count; only the 5 s after resuming may.
  assert.ok(after - atPause < 0.4, `paused typing counted: ${atPause} -> ${after} minutes`);
  assert.ok(after - atPause > 0, `typing after resume did not count: ${atPause} -> ${after} minutes`);
});
