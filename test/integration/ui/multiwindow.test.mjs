// Two VS Code windows (two extension hosts) typing at the same time write their own files, and the
// machine-wide timeline counts the wall clock once, not twice.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { FLUSH_WAIT_MS, handsOnMinutes, sleep, typeFor } from '../harness/activity.mjs';
import { startSession } from '../harness/vscode.mjs';

let session;
let first;
let second;

before(async () => {
  session = await startSession();
  first = await session.openWindow({ label: 'window-a' });
  second = await session.openWindow({ label: 'window-b' });
  await first.craftTimeStatus();
  await second.craftTimeStatus();
  await first.newUntitledFile();
  await second.newUntitledFile();
});

after(async () => {
  await session?.close();
});

test('two extension hosts typing at once never add up to more than the wall clock', async () => {
  // Quiet for more than a minute first, so that with a 1-minute idle limit nothing earlier is bridged in.
  await sleep(65_000);
  const before = handsOnMinutes(session.globalStorageDir(), { idleMinutes: 1 });
  const start = Date.now();
  await Promise.all([typeFor(first, 90_000), typeFor(second, 90_000)]);
  const wallMinutes = (Date.now() - start) / 60_000;
  await sleep(FLUSH_WAIT_MS);
  const after = handsOnMinutes(session.globalStorageDir(), { idleMinutes: 1 });
  const counted = after - before;
  await first.screenshot('multiwindow-a');
  await second.screenshot('multiwindow-b');

  const month = new Date().toISOString().slice(0, 7);
  const dir = path.join(session.globalStorageDir(), 'activity', month);
  const recent = fs.readdirSync(dir).filter((n) => n.startsWith('w-') && fs.statSync(path.join(dir, n)).mtimeMs >= start);
  assert.ok(recent.length >= 2, `expected each window to write its own file, found ${recent.join(', ')}`);
  assert.ok(counted <= wallMinutes + 0.1, `counted ${counted.toFixed(2)} min for ${wallMinutes.toFixed(2)} min of wall clock: double counting`);
  assert.ok(counted >= wallMinutes * 0.8, `counted only ${counted.toFixed(2)} of ${wallMinutes.toFixed(2)} minutes`);
});
