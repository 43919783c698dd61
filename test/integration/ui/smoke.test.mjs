// Browser-driven smoke suite: a real VS Code window opens on the fixture workspace and a person can
// see the workbench (and, once activated, Craft Time's status bar item).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { startSession } from '../harness/vscode.mjs';

let session;
let window;

before(async () => {
  session = await startSession();
  window = await session.openWindow();
});

after(async () => {
  await session?.close();
});

test('the workbench loads with the fixture workspace', async () => {
  await window.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached' }).catch(() => {});
  const title = await window.page.title();
  assert.match(title, /workspace/i, `window title was ${JSON.stringify(title)}`);
  assert.ok((await window.statusBarTexts()).length > 0, 'the status bar shows no item');
});

test('Craft Time shows its status bar item', async () => {
  const status = await window.craftTimeStatus();
  assert.ok(status.text.length > 0 || status.ariaLabel, 'the item is empty');
});

test('a screenshot of the window is saved', async () => {
  const file = await window.screenshot('smoke-workbench');
  assert.ok(fs.statSync(file).size > 1000, `${file} is suspiciously small`);
});
