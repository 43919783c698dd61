// Facts first (issue 10): what an extension observes, in order and with timings, for each kind of edit.
// The probe extension (test/fixtures/probe-extension) logs every event; this suite performs each case
// with real key presses (or, for the tools, the probe's stand-in commands) and cuts the log into one
// recording per case: test-results/origin-recordings/<case>.json, and with CRAFT_TIME_RECORD_FIXTURES=1
// also test/fixtures/origin/<case>.json (the origin classifier's test inputs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test as nodeTest } from 'node:test';
import { sleep } from '../harness/activity.mjs';
import { config, eventually, startSession } from '../harness/vscode.mjs';
import { useSettings } from '../harness/suiteSettings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PROBE_ID = 'craft-time-test.craft-time-probe';
let session;
let window;
let restoreSettings;

const eventsFile = () => path.join(session.config.userDataDir, 'User', 'globalStorage', PROBE_ID, 'events.jsonl');
const readEvents = () => (fs.existsSync(eventsFile()) ? fs.readFileSync(eventsFile(), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

/** Runs `act`, then keeps the probe's events from its start to `settleMs` after it as one recording. */
async function record(name, description, act, { settleMs = 1500 } = {}) {
  const from = Date.now();
  await act();
  await sleep(settleMs);
  const to = Date.now();
  const events = readEvents().filter((e) => e.t >= from && e.t <= to && e.type !== 'activated')
    .map((e) => ({ ...e, t: e.t - from }));
  const recording = { case: name, description, vscode: '1.100.3 (code-server 4.100.3, Chromium headless)', events };
  const text = `${JSON.stringify(recording, null, 1)}\n`;
  const out = path.join(session.config.resultsDir, 'origin-recordings');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${name}.json`), text);
  if (process.env.CRAFT_TIME_RECORD_FIXTURES === '1') {
    fs.mkdirSync(path.join(root, 'test', 'fixtures', 'origin'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test', 'fixtures', 'origin', `${name}.json`), text);
  }
  return events;
}

const changes = (events) => events.filter((e) => e.type === 'change');
// CRAFT_TIME_PROBE_CASES=snippet,rename re-records only the tests whose title contains one of the words.
const onlyCases = process.env.CRAFT_TIME_PROBE_CASES?.split(',').filter(Boolean);
const test = (title, ...rest) => nodeTest(title, { skip: onlyCases ? !onlyCases.some((c) => title.includes(c)) : false, ...(typeof rest[0] === 'object' ? rest.shift() : {}) }, ...rest);

before(async () => {
  // No suggest widget while typing: with it open, Tab accepts its item (a word-based "ctcomplete" replacing
  // itself, seen in a CI run) instead of the inline completion. Snippets still come with Ctrl+Space.
  const cfg = config();
  restoreSettings = useSettings({ userDataDir: cfg.userDataDir, dataDir: cfg.dataDir ?? path.join(cfg.userDataDir, 'User', 'globalStorage', 'craft-time.craft-time') },
    { 'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' }, 'editor.wordBasedSuggestions': 'off' });
  session = await startSession();
  window = await session.openWindow({ label: 'probe', permissions: ['clipboard-read', 'clipboard-write'] });
  await window.craftTimeStatus();
  await eventually(() => fs.existsSync(eventsFile()), { timeout: 60_000, message: 'the probe extension never activated' });
});

after(async () => {
  await session?.close();
  restoreSettings?.();
});

test('typing in an untitled plain-text file', async () => {
  await window.newUntitledFile();
  const events = await record('typing', 'page.keyboard.type of "hello world" (60 ms per key) into a new untitled plain-text file',
    () => window.type('hello world', { delay: 60 }));
  assert.ok(changes(events).length >= 11, 'one change per key');
  assert.ok(events.some((e) => e.type === 'selection' && e.kind === 1), 'keyboard selection changes');
});

test('deleting with Backspace', async () => {
  const events = await record('deleting', 'Backspace pressed 5 times (80 ms apart)', async () => {
    for (let i = 0; i < 5; i++) { await window.press('Backspace'); await sleep(80); }
  });
  assert.ok(changes(events).length >= 5);
});

test('the user pastes a 60-line block they copied (Ctrl+V)', async () => {
  const block = Array.from({ length: 60 }, (_, i) => `pasted line ${i + 1}`).join('\n');
  await window.page.evaluate((t) => navigator.clipboard.writeText(t), block);
  await window.press('Enter');
  const events = await record('paste', 'navigator.clipboard.writeText(60 lines), then a real Ctrl+V', () => window.press('Control+V'), { settleMs: 2500 });
  assert.ok(changes(events).some((e) => e.changes.some((c) => c.textLines >= 59)), 'a 60-line insert');
});

test('cut and paste', async () => {
  const events = await record('cut-paste', 'Shift+Up x3 selects 3 lines, Ctrl+X, Ctrl+Home, Ctrl+V', async () => {
    for (let i = 0; i < 3; i++) await window.press('Shift+ArrowUp');
    await window.press('Control+X');
    await sleep(1000); // the cut reaches the browser's clipboard asynchronously
    await window.press('Control+Home');
    await window.press('Control+V');
  }, { settleMs: 2500 });
  assert.ok(changes(events).length >= 2);
});

test('undo and redo', async () => {
  const events = await record('undo-redo', 'Ctrl+Z twice, then Ctrl+Shift+Z once', async () => {
    await window.press('Control+Z');
    await sleep(300);
    await window.press('Control+Z');
    await sleep(300);
    await window.press('Control+Shift+Z');
  });
  assert.ok(changes(events).some((e) => e.reason === 1), 'an undo change');
});

test('multi-cursor typing', async () => {
  await window.press('Control+End');
  await window.type('\nline a\nline b\nline c', { delay: 10 });
  await window.press('Control+Home');
  await sleep(300);
  const events = await record('multi-cursor', 'Add Cursor Below twice (command palette), then type "xyz" at 3 cursors', async () => {
    await window.runCommand('Add Cursor Below');
    await window.runCommand('Add Cursor Below');
    await window.type('xyz', { delay: 80 });
  });
  assert.ok(changes(events).some((e) => e.changes.length >= 3), 'one event with a change per cursor');
});

test('snippet expansion', async () => {
  // A fresh plain-text file: the first one was detected as another language after the paste.
  await window.press('Escape');
  await window.newUntitledFile();
  const events = await record('snippet', 'type "probeblock", Ctrl+Space, Enter on the "probe block" snippet (3 lines), type a name', async () => {
    await window.type('probeblock', { delay: 60 });
    await window.press('Control+Space');
    await window.page.locator('.suggest-widget .monaco-list-row', { hasText: 'probeblock' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await window.press('Enter');
    await sleep(300);
    await window.type('hello', { delay: 60 });
  });
  assert.ok(changes(events).some((e) => e.changes.some((c) => c.textLines === 2)), 'a 3-line snippet insert');
});

// Tab accepts the block only once the ghost text is drawn: the provider having been asked once is not
// enough. On a busy machine the editor lags: in one failed run the recording (which starts when Tab is
// pressed) showed the last "ctcomplete" change 20 ms and the provider's answer 60 ms after the Tab; in a
// later CI run the ghost text had been drawn and stayed drawn for a second, and Tab still inserted nothing.
// What the probe records is what an extension sees once Tab does accept the block, so a Tab the editor
// ignored is retried (up to three times, each on a fresh line) and every attempt is named in the message.
// A later CI run showed why Tab can be ignored: the suggest widget was open too, and Tab accepted its item
// (the word "ctcomplete" replaced by itself); this suite now turns quick suggestions off (see before()).
test('inline completion (20 lines) accepted with Tab', { timeout: 180_000 }, async () => {
  const ghost = () => window.page.locator('.ghost-text-decoration, .ghost-text').first().isVisible();
  const inserted = (events) => changes(events).some((e) => e.changes.some((c) => c.textLines >= 19));
  const attempts = [];
  let events = [];
  for (let attempt = 1; attempt <= 3 && !inserted(events); attempt += 1) {
    await window.press('Escape');
    await window.press('Escape');
    await window.press('Control+End');
    await window.press('Enter');
    const typedFrom = Date.now();
    await window.type('ctcomplete', { delay: 60 });
    await eventually(() => readEvents().some((e) => e.type === 'inlineProvided' && e.t >= typedFrom), { timeout: 15_000, message: 'no inline completion was requested' });
    await eventually(ghost, { timeout: 20_000, message: 'the inline completion never showed' });
    await sleep(1000);
    await eventually(ghost, { timeout: 10_000, message: 'the inline completion went away before Tab' });
    if (await window.page.locator('.suggest-widget.visible').first().isVisible()) console.log(`inline completion: attempt ${attempt}: a suggest widget is open`);
    events = await record('inline-completion', 'after typing "ctcomplete" the probe offers a 20-line block; one real Tab press accepts it',
      () => window.press('Tab'), { settleMs: 2500 });
    attempts.push(`attempt ${attempt}: ${changes(events).length} change(s), largest ${Math.max(0, ...changes(events).flatMap((e) => e.changes.map((c) => c.textLines)))} line(s)`);
  }
  if (attempts.length > 1) console.log(`inline completion: ${attempts.join('; ')}`);
  assert.ok(inserted(events), `the 20-line block was inserted (${attempts.join('; ')})`);
});

test('an agent applies a WorkspaceEdit to the active document', async () => {
  const events = await record('agent-edit-active', 'the probe "agent" applies one WorkspaceEdit (5 lines) to the active document (started from the palette)',
    () => window.runCommand('Probe: Agent Edit Active Document'), { settleMs: 2000 });
  assert.ok(changes(events).length >= 1);
});

test('an agent streams edits into the active document', async () => {
  const events = await record('agent-stream-short', 'the probe "agent" appends a line every second, ten times, while nobody touches anything',
    () => window.runCommand('Probe: Agent Stream Ten Edits'), { settleMs: 11_500 });
  assert.ok(changes(events).length >= 10);
});

test('an agent streams edits while another panel (the Explorer) has the focus', async () => {
  await window.press('Control+Shift+E');
  await sleep(500);
  const events = await record('agent-stream-panel-focus', 'focus in the Explorer view (Ctrl+Shift+E), then the probe "agent" appends a line every second, ten times',
    () => window.runCommand('Probe: Agent Stream Ten Edits'), { settleMs: 11_500 });
  assert.ok(changes(events).length >= 8, `${changes(events).length} changes`); // a busy machine applies fewer in the window
  await window.focusEditor();
});

test('a chat "apply" to three files at once', async () => {
  const events = await record('chat-apply-three', 'one WorkspaceEdit inserting 2 lines into notes.txt, README.md and src/greet.ts',
    () => window.runCommand('Probe: Agent Edit Three Files'), { settleMs: 2500 });
  const docs = new Set(changes(events).map((e) => e.name));
  assert.ok(docs.size >= 3, `changes in ${[...docs].join(', ')}`);
});

test('rename across files (F2)', async () => {
  await window.press('Escape');
  await window.openFile('notes.txt');
  await window.press('Control+Home');
  await window.press('ArrowRight');
  await sleep(500);
  const box = window.page.locator('.monaco-editor .rename-box input').first();
  const events = await record('rename', 'Rename Symbol (F2\'s command, from the palette) in notes.txt; the probe\'s rename provider renames "tests" in notes.txt and README.md; type "checks", Enter', async () => {
    await window.runCommand('Rename Symbol');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    await box.fill('checks');
    await box.press('Enter');
  }, { settleMs: 3000 });
  assert.ok(events.some((e) => e.type === 'renameProvided'), 'the rename provider was asked');
});

test('format on save', async () => {
  await window.runCommand('Probe: Turn Format On Save On');
  await window.openFile('notes.txt');
  await window.press('Control+End');
  const events = await record('format-on-save', 'type "trailing   " (spaces) then Ctrl+S; the probe formatter trims trailing blanks', async () => {
    await window.type('\ntrailing   ', { delay: 50 });
    await window.press('Control+S');
  }, { settleMs: 3000 });
  assert.ok(events.some((e) => e.type === 'willSave'));
});

test('an agent streams 200 edits over two minutes', { timeout: 200_000 }, async () => {
  await window.newUntitledFile();
  const events = await record('agent-stream', 'the probe "agent" appends a line every 500 ms (plus the time each edit takes), 200 times, into the active untitled document',
    () => window.runCommand('Probe: Agent Stream Edits'), { settleMs: 140_000 });
  assert.ok(changes(events).length >= 190, `${changes(events).length} changes`);
});
