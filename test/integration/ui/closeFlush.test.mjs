// A normal close loses nothing: typing shorter than the 30 s flush interval, then closing the browser
// page (which ends the window's extension host), still reaches the disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { handsOnMinutes, sleep, typeFor } from '../harness/activity.mjs';
import { eventually, startSession } from '../harness/vscode.mjs';

let session;

before(async () => {
  session = await startSession();
});

after(async () => {
  await session?.close();
});

/** Seconds of hands-on time on disk (yesterday and today, UTC), as `craft-time days` computes it. */
const recordedSeconds = (dataDir) => handsOnMinutes(dataDir) * 60;

test('15 s of typing, then closing the page 2 s later: those 15 s are on disk', async () => {
  const window = await session.openWindow({ label: 'close-flush' });
  await window.craftTimeStatus();
  await window.openFile('notes.txt');
  const dataDir = session.globalStorageDir();
  const before = recordedSeconds(dataDir);
  await window.focusEditor();
  const started = Date.now();
  await typeFor(window, 15_000);
  const typed = (Date.now() - started) / 1000;
  await sleep(2_000);
  // Less than the flush interval has passed since the first key: nothing of it can be on disk yet.
  assert.equal(recordedSeconds(dataDir), before, 'activity was flushed before the close; the test proves nothing');
  await window.close();
  // The extension host ends when its page goes away; its last writes land within a few seconds. Waiting
  // less than the 13 s left until the 30 s flush timer would fire proves it was the close that wrote them.
  const after = await eventually(() => {
    const s = recordedSeconds(dataDir);
    return s - before >= typed - 2 ? s : false;
  }, { timeout: 8_000, message: 'the typing before the close never reached the disk' }).catch(() => recordedSeconds(dataDir));
  assert.ok(after - before >= typed - 2, `typed for ${typed.toFixed(1)} s; ${(after - before).toFixed(1)} s reached the disk`);
});

test('15 s of typing, then reloading the window 2 s later: those 15 s are on disk', async () => {
  const window = await session.openWindow({ label: 'reload-flush' });
  await window.craftTimeStatus();
  await window.openFile('notes.txt');
  const dataDir = session.globalStorageDir();
  const before = recordedSeconds(dataDir);
  await window.focusEditor();
  const started = Date.now();
  await typeFor(window, 15_000);
  const typed = (Date.now() - started) / 1000;
  await sleep(2_000);
  assert.equal(recordedSeconds(dataDir), before, 'activity was flushed before the reload; the test proves nothing');
  await window.page.reload();
  const after = await eventually(() => {
    const s = recordedSeconds(dataDir);
    return s - before >= typed - 2 ? s : false;
  }, { timeout: 8_000, message: 'the typing before the reload never reached the disk' }).catch(() => recordedSeconds(dataDir));
  assert.ok(after - before >= typed - 2, `typed for ${typed.toFixed(1)} s; ${(after - before).toFixed(1)} s reached the disk`);
  await window.close();
});

/** Pid of the newest extension host the server started (from its log: "Extension host with pid N started"). */
function newestExtensionHostPid(userDataDir) {
  const logs = fs.readdirSync(path.join(userDataDir, 'logs'), { recursive: true }).filter((f) => String(f).endsWith('remoteexthost.log'));
  let best;
  for (const rel of logs) {
    const file = path.join(userDataDir, 'logs', String(rel));
    const m = /Extension host with pid (\d+) started/.exec(fs.readFileSync(file, 'utf8'));
    const mtime = fs.statSync(file).mtimeMs;
    if (m && (!best || mtime > best.mtime)) best = { pid: Number(m[1]), mtime };
  }
  return best?.pid;
}

test('15 s of typing, then the server ending the extension host (SIGTERM) 2 s later: those 15 s are on disk', async () => {
  const window = await session.openWindow({ label: 'sigterm-flush' });
  await window.craftTimeStatus();
  await window.openFile('notes.txt');
  const pid = await eventually(() => newestExtensionHostPid(session.config.userDataDir), { message: 'no extension host pid in the logs' });
  const dataDir = session.globalStorageDir();
  const before = recordedSeconds(dataDir);
  await window.focusEditor();
  const started = Date.now();
  await typeFor(window, 15_000);
  const typed = (Date.now() - started) / 1000;
  await sleep(2_000);
  assert.equal(recordedSeconds(dataDir), before, 'activity was flushed before the signal; the test proves nothing');
  process.kill(pid, 'SIGTERM');
  await eventually(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, { timeout: 20_000, message: `extension host ${pid} did not end on SIGTERM` });
  const after = recordedSeconds(dataDir);
  assert.ok(after - before >= typed - 2, `typed for ${typed.toFixed(1)} s; ${(after - before).toFixed(1)} s reached the disk`);
  await window.close();
});
