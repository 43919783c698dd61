// The Command Palette offers a command only when it applies: the `when` clauses in package.json follow
// context keys the extension sets (src/host/contextKeys.ts). Driven like a person: F1, type, read the list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, startSession } from '../harness/vscode.mjs';

let session;
let window;

before(async () => {
  session = await startSession();
  window = await session.openWindow({ label: 'palette' });
  await window.craftTimeStatus();
});

after(async () => {
  await session?.close();
});

/**
 * Labels of the Craft Time rows the palette shows for `query`, once a row for `anchor` (a command that
 * is always offered) is visible, so an empty answer means "filtered out", not "not rendered yet".
 */
async function paletteRows(query, anchor) {
  const page = window.page;
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${query}`);
  try {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: anchor }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
    return rows.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r.startsWith('Craft Time:'));
  } finally {
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' }).catch(() => {});
  }
}

/** Waits until the palette offers exactly one of Pause / Resume, as the context key says. */
async function trackingCommands() {
  return paletteRows('Craft Time: Tracking', 'Exclude This Workspace from Tracking');
}

test('Resume Tracking is not offered while tracking runs; Pause is', async () => {
  const rows = await eventually(async () => {
    const r = await trackingCommands();
    return r.includes('Craft Time: Pause Tracking') && !r.includes('Craft Time: Resume Tracking') ? r : undefined;
  }, { timeout: 30_000, message: 'the palette never offered Pause without Resume' });
  assert.ok(rows.includes('Craft Time: Exclude This Workspace from Tracking'), `rows: ${rows.join(' | ')}`);
});

test('while paused, Resume Tracking is offered and Pause is not', async () => {
  await window.runCommand('Craft Time: Pause Tracking');
  await window.waitForCraftTimeText((t) => /paused/i.test(t), 20_000);
  let rows;
  try {
    rows = await eventually(async () => {
      const r = await trackingCommands();
      return r.includes('Craft Time: Resume Tracking') && !r.includes('Craft Time: Pause Tracking') ? r : undefined;
    }, { timeout: 30_000, message: 'the palette never offered Resume without Pause while paused' });
    // Leave the palette open on the answer for the screenshot a reviewer can look at.
    await window.page.keyboard.press('F1');
    await window.page.locator('.quick-input-widget input').first().fill('>Craft Time: Tracking');
    await window.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Resume Tracking' }).first().waitFor({ state: 'visible' });
    await window.screenshot('palette-while-paused');
    await window.page.keyboard.press('Escape');
  } finally {
    await window.runCommand('Craft Time: Resume Tracking');
  }
  assert.ok(rows.includes('Craft Time: Resume Tracking'));
  await window.waitForCraftTimeText((t) => !/paused/i.test(t), 20_000);
  await eventually(async () => {
    const r = await trackingCommands();
    return r.includes('Craft Time: Pause Tracking') && !r.includes('Craft Time: Resume Tracking');
  }, { timeout: 30_000, message: 'after resuming, the palette did not go back to offering Pause only' });
});
