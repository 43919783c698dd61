// Command titles come from package.nls.json, or package.nls.<locale>.json when VS Code runs in that
// display language (CRAFT_TIME_LOCALE=de: code-server with the German language pack fixture). Either way
// the Command Palette must show real titles, never a `%key%` placeholder.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { config, startSession } from '../harness/vscode.mjs';

const cfg = config();
const locale = cfg.locale ?? 'en';
const readNls = (suffix) => JSON.parse(fs.readFileSync(path.join(cfg.extensionPath, `package.nls${suffix}.json`), 'utf8'));
const english = readNls('');
const titles = locale === 'en' ? english : { ...english, ...readNls(`.${locale}`) };
const ALWAYS_OFFERED = ['command.openDashboard.title', 'command.showToday.title', 'command.showLog.title'];

let session;
let window;

before(async () => {
  session = await startSession();
  window = await session.openWindow({ label: `l10n-${locale}` });
  await window.craftTimeStatus();
});

after(async () => {
  await session?.close();
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
