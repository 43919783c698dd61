// Issue 10 in a real VS Code with real key presses: typing and the user's own paste are coding; a 20-line
// inline completion accepted with Tab and an agent editing every second are assisted, and neither makes
// the user hands-on. Tools are stood in for by the probe extension (test/fixtures/probe-extension).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, FLUSH_WAIT_MS, handsOnMinutes, sleep, statusMinutes, typeFor } from '../harness/activity.mjs';
import { readSpans, spansWithin } from '../harness/spans.mjs';
import { eventually, startSession } from '../harness/vscode.mjs';

let session;
let window;
const ranges = {};
let sessionStart;
let before0; // the CLI's totals before this suite did anything (earlier suites of a run may have added their own)

/** Every span line of this session's window files (whole seconds; see harness/spans.mjs). */
const spans = () => readSpans(session.globalStorageDir());

/**
 * Seconds of spans of the given codes inside [from, to], and their changed lines. Each range below starts
 * at least a second after the previous action and ends at least a second before the next one, because
 * the files keep whole seconds (harness/spans.mjs).
 */
const within = (range, codes) => spansWithin(spans(), range, codes);

const pad = (n) => String(n).padStart(2, '0');
const localDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const utcDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** `craft-time days --json` over the data folder (local days of this machine's zone unless `tz` is given). */
function cliDays(from, to, tz) {
  const args = [CLI, 'days', '--data-dir', session.globalStorageDir(), '--from', from, '--to', to, '--json', ...(tz ? ['--tz', tz] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })).days;
}

/** Assisted minutes and changed lines of UTC yesterday and today, summed (the run may cross midnight). */
function cliTotals() {
  const now = Date.now();
  const days = cliDays(utcDate(now - 86_400_000), utcDate(now), 'UTC');
  return days.reduce((t, d) => ({
    assistedMinutes: t.assistedMinutes + d.assistedMinutes,
    hands: t.hands + d.changedLines.hands,
    assisted: t.assisted + d.changedLines.assisted,
  }), { assistedMinutes: 0, hands: 0, assisted: 0 });
}

const HANDS = ['c', 'r', 'd', 'b', 'v'];

/** What the probe extension logged (test/fixtures/probe-extension: one JSON line per event). */
function probeEvents() {
  const file = path.join(session.config.userDataDir, 'User', 'globalStorage', 'craft-time-test.craft-time-probe', 'events.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

before(async () => {
  sessionStart = Date.now();
  session = await startSession();
  before0 = cliTotals();
  window = await session.openWindow({ label: 'origin', permissions: ['clipboard-read', 'clipboard-write'] });
  await window.craftTimeStatus();
});

after(async () => {
  await session?.close();
});

test('60 s of typing into a new plain-text file', { timeout: 120_000 }, async () => {
  await window.newUntitledFile();
  await sleep(1100);
  const from = Date.now();
  await typeFor(window, 60_000);
  ranges.typing = { from, to: Date.now() };
  await sleep(1100);
});

test('a real Ctrl+V of a 60-line block the user copied', async () => {
  const block = Array.from({ length: 60 }, (_, i) => `copied line ${i + 1}`).join('\n');
  await window.page.evaluate((t) => navigator.clipboard.writeText(t), block);
  await window.press('Enter');
  const from = Date.now();
  await window.press('Control+V');
  await sleep(2000);
  ranges.paste = { from, to: Date.now() };
  await sleep(1100);
});

test('a 20-line inline completion accepted with one real Tab press, a minute after the last key', { timeout: 120_000 }, async () => {
  await window.press('Enter');
  await window.type('ctcomplete', { delay: 60 });
  const typed = Date.now();
  await eventually(() => window.page.locator('.ghost-text-decoration, .ghost-text').first().isVisible(), { timeout: 20_000, message: 'the inline completion never showed' });
  await sleep(60_000 - (Date.now() - typed));
  const from = Date.now();
  await window.press('Tab');
  await sleep(3000);
  ranges.completion = { typed, from, to: Date.now() };
  await sleep(1100);
});

test('an agent extension editing the file every second for two minutes, nobody at the keyboard', { timeout: 200_000 }, async () => {
  const from = Date.now();
  await window.runCommand('Probe: Agent Stream For Two Minutes');
  await sleep(140_000); // 120 edits a second apart, each taking a few ms to apply
  ranges.agent = { from, to: Date.now() };
  await eventually(() => probeEvents().some((e) => e.type === 'agentStreamEnd'), { timeout: 30_000, message: 'the agent never finished' });
  await sleep(1100);
});

test('a chat participant\'s answer applied to three files (its Apply button\'s command), nobody at the keyboard', { timeout: 60_000 }, async () => {
  // First ask @probe through the chat view, as a person would (see the fact checked below).
  await window.runCommand('Probe: Ask The Probe Chat Participant');
  await eventually(() => probeEvents().some((e) => e.type === 'chatOpened'), { message: 'the chat open command never returned' });
  await sleep(5000);
  const from = Date.now();
  await window.runCommand('Probe: Chat Apply To Three Files');
  await eventually(() => probeEvents().some((e) => e.type === 'chatApply'), { message: 'the chat apply never ran' });
  await sleep(2000);
  ranges.chat = { from, to: Date.now() };
  await sleep(1100);
});

test('flush', { timeout: 60_000 }, async () => {
  await sleep(FLUSH_WAIT_MS);
});

test('the typing counts as coding, and only as coding (no reading or reviewing lines in between)', () => {
  const coding = within(ranges.typing, ['c']);
  const other = within(ranges.typing, ['r', 'v', 'a']);
  assert.ok(coding.seconds >= 55, `only ${coding.seconds} s of coding spans`);
  assert.equal(other.count, 0, `typing wrote ${other.count} non-coding span line(s)`);
});

// The paste's span ends with the paste's heartbeat, which the file rounds down to the second: it can end
// before the instant taken just before Ctrl+V (test/unit/harness/spans.test.ts has the recorded case).
test('the user\'s paste is coding with its 59 line breaks', () => {
  const coding = within(ranges.paste, ['c']);
  const assisted = within(ranges.paste, ['a']);
  assert.ok(coding.lines >= 59, `coding lines ${coding.lines}`);
  assert.equal(assisted.count, 0, 'the paste was counted as assisted');
});

test('the accepted completion is assisted (20 lines) and the minute before it is not hands-on', () => {
  const assisted = within(ranges.completion, ['a']);
  // The block is 20 lines after a line break; VS Code sometimes inserts it with one line break less
  // (seen: 20 and 19), depending on where the ghost text starts.
  assert.ok(assisted.lines >= 19, `assisted lines ${assisted.lines}`);
  const handsAfterTyping = within({ from: ranges.completion.typed + 2000, to: ranges.completion.to }, HANDS);
  assert.equal(handsAfterTyping.count, 0, `${handsAfterTyping.count} hands-on span(s) after the last key press`);
});

test('the agent adds about two assisted minutes and no hands-on minutes', () => {
  const assisted = within(ranges.agent, ['a']);
  const hands = within(ranges.agent, HANDS);
  // 120 edits a second apart take 120-135 s on a busy machine (each edit takes a few ms to apply).
  assert.ok(assisted.seconds >= 105 && assisted.seconds <= 150, `assisted ${assisted.seconds} s`);
  assert.equal(hands.count, 0, `${hands.count} hands-on span(s) while the agent worked`);
  assert.ok(assisted.lines >= 110, `assisted lines ${assisted.lines}`);
});

test('the chat apply is assisted in all three files (2 lines each) and adds no hands-on time', () => {
  const assisted = within(ranges.chat, ['a']);
  const hands = within(ranges.chat, HANDS);
  // notes.txt (plaintext), README.md (markdown) and src/greet.ts (typescript): one span per language.
  assert.equal(assisted.count, 3, `${assisted.count} assisted span(s)`);
  assert.equal(assisted.lines, 6);
  assert.equal(hands.count, 0, `${hands.count} hands-on span(s) from the chat apply`);
});

test('a chat participant registers here, but code-server without Copilot shows no chat view, so it is never asked', () => {
  // The fact docs/metrics.md records ("Chat participants"); the participant's Apply button would run the
  // command the test ran above. If this fails because a request did arrive, update that section.
  const events = probeEvents();
  const fact = events.find((e) => e.type === 'chatParticipant');
  assert.ok(fact, 'the probe never recorded whether its chat participant registered');
  assert.deepEqual([fact.api, fact.registered, fact.chatOpenCommand], [true, true, true], JSON.stringify(fact));
  const opened = events.find((e) => e.type === 'chatOpened');
  assert.equal(opened?.error, undefined, `workbench.action.chat.open failed: ${opened?.error}`);
  assert.equal(events.filter((e) => e.type === 'chatRequest').length, 0, 'the chat view sent @probe a request: update docs/metrics.md');
});

/** Hands-on time (minutes) of the spans starting after `from`, merged under the 5-minute idle rule. */
function handsOnSince(from) {
  const list = spans().filter((x) => HANDS.includes(x.code) && x.start >= from).sort((a, b) => a.start - b.start);
  let total = 0, curStart, curEnd;
  for (const x of list) {
    if (curEnd !== undefined && x.start - curEnd <= 5 * 60_000) curEnd = Math.max(curEnd, x.end);
    else {
      if (curEnd !== undefined) total += curEnd - curStart;
      curStart = x.start;
      curEnd = x.end;
    }
  }
  if (curEnd !== undefined) total += curEnd - curStart;
  return total / 60_000;
}

test('hands-on counts the typing and the paste, not the completion or the agent', () => {
  // Everything from this window's first heartbeat to the last key press (the typing, the paste and
  // "ctcomplete" are seconds apart); the Tab a minute later and the agent's two minutes after it would
  // add 1 and 2+ minutes if either counted.
  const minutes = handsOnSince(sessionStart);
  const typingMinutes = (ranges.typing.to - ranges.typing.from) / 60_000;
  const upToLastKey = (ranges.completion.typed - sessionStart) / 60_000;
  assert.ok(minutes >= typingMinutes * 0.9, `hands-on ${minutes} min, typing ${typingMinutes} min`);
  assert.ok(minutes <= upToLastKey + 0.1, `hands-on ${minutes} min, but only ${upToLastKey.toFixed(2)} min passed until the last key`);
  // The CLI reads the same files the same way: at least the typing (the day may hold earlier suites' time).
  assert.ok(handsOnMinutes(session.globalStorageDir()) >= typingMinutes * 0.9);
});

test('the window\'s activity file is format 2 and names the program (code-server here)', () => {
  const root = path.join(session.globalStorageDir(), 'activity');
  const headers = fs.readdirSync(root).flatMap((m) => fs.readdirSync(path.join(root, m)).filter((n) => n.startsWith('w-'))
    .map((n) => JSON.parse(fs.readFileSync(path.join(root, m, n), 'utf8').split('\n')[0])));
  assert.ok(headers.length > 0);
  for (const h of headers) assert.deepEqual([h.schema, h.kind, h.program], [2, 'craft-time/activity', 'code-server']);
});

// Everywhere hands-on appears, assisted appears beside it (issue 10): the CLI, the status-bar tooltip and
// the dashboard, read after the flush above. Earlier suites of a full run may have left time of their own
// in the day, so the CLI is judged by what this suite added, and the surfaces against the CLI.

test('craft-time days --json: about two more assisted minutes, and the changed lines by origin', () => {
  const now = cliTotals();
  const assistedMinutes = now.assistedMinutes - before0.assistedMinutes;
  // The Tab-accepted block, then 120 agent edits a second apart: 2.0-2.4 minutes of assisted time.
  // From the Tab to the chat apply: 3 s, the agent's 140 s and a few seconds: 2.3-2.6 minutes.
  assert.ok(assistedMinutes >= 1.75 && assistedMinutes <= 3, `assisted minutes added ${assistedMinutes}`);
  // By hand: Enter + the paste's 59 line breaks + Enter before "ctcomplete" = 61. By tools: 19-20 of the
  // completion + 120 of the agent + 6 of the chat apply.
  const hands = now.hands - before0.hands, assisted = now.assisted - before0.assisted;
  assert.ok(hands >= 60 && hands <= 70, `changed lines by hand ${hands}`);
  assert.ok(assisted >= 131 && assisted <= 150, `changed lines by tools ${assisted}`);
  const today = cliDays(localDate(new Date()), localDate(new Date())).at(-1);
  assert.deepEqual(Object.keys(today.changedLines).sort(), ['assisted', 'hands']);
  assert.equal(typeof today.assistedMinutes, 'number');
});

/** The status-bar item's tooltip, as the hover shows it. */
async function tooltipText() {
  await window.page.mouse.move(0, 0);
  await window.craftTimeItem().hover();
  const hover = window.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Today:' }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  return (await hover.innerText()).replace(/\s+/g, ' ');
}

let tooltipAssisted;

test('the status-bar tooltip shows today\'s hands-on and assisted time beside each other', { timeout: 120_000 }, async () => {
  const cliToday = cliDays(localDate(new Date()), localDate(new Date())).at(-1);
  let text = '', m;
  // The status bar refreshes within a minute of the flush.
  await eventually(async () => {
    text = await tooltipText();
    m = /Today: (\S+(?: \S+m)?) hands-on · (\S+(?: \S+m)?) assisted \(written by tools\)/.exec(text);
    return m && statusMinutes(m[2]) >= Math.floor(cliToday.assistedMinutes) - 1;
  }, { timeout: 90_000, interval: 2000 }).catch(() => { throw new Error(`tooltip ${JSON.stringify(text)}; the CLI says ${cliToday.assistedMinutes} assisted minutes today`); });
  tooltipAssisted = statusMinutes(m[2]);
  assert.ok(tooltipAssisted >= 1, `assisted in the tooltip ${m[2]}`);
  assert.ok(Math.abs(tooltipAssisted - Math.floor(cliToday.assistedMinutes)) <= 1, `tooltip ${m[2]}, CLI ${cliToday.assistedMinutes} min`);
  assert.ok(Math.abs(statusMinutes(m[1]) - Math.floor(cliToday.handsOnMinutes)) <= 1, `tooltip hands-on ${m[1]}, CLI ${cliToday.handsOnMinutes} min`);
  assert.match(text, /This week: \S+(?: \S+m)? of the \d+ h floor \(\w+\) · \S+(?: \S+m)? assisted/);
  await window.screenshot('origin-status-tooltip');
  await window.press('Escape');
});

const dashboard = () => window.page.locator('iframe.webview').first().contentFrame().locator('iframe#active-frame').contentFrame();

test('the dashboard shows assisted time per day (a series of its own and a column) and this week\'s share of lines written by hand', { timeout: 120_000 }, async () => {
  await window.craftTimeItem().click();
  await window.page.locator('.tab', { hasText: 'Craft Time' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await eventually(async () => Number(await dashboard().locator('body').getAttribute('data-rendered', { timeout: 5_000 }).catch(() => '0')) >= 1,
    { timeout: 60_000, message: 'the dashboard never rendered' });
  const frame = dashboard();
  const today = localDate(new Date());
  await frame.locator('#sec-daily summary', { hasText: 'Show daily values as a table' }).click();
  const row = frame.locator('#sec-daily table.data tbody tr').filter({ has: frame.locator('th', { hasText: today }) }).first();
  await row.scrollIntoViewIfNeeded();
  // [date, weekday, hands-on, assisted, meetings, craft ratio, deep-work blocks]
  const cells = (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
  assert.ok(Math.abs(statusMinutes(cells[3]) - tooltipAssisted) <= 1, `dashboard assisted ${cells[3]}, tooltip ${tooltipAssisted} min`);
  assert.ok(await frame.locator('#chart-daily rect.bar.assisted').count() >= 1, 'no assisted bar in the daily chart');
  assert.match(await frame.locator('#sec-daily .legend').innerText(), /Assisted/);
  // This ISO week's share of changed lines by hand, from the CLI's local days Monday..today.
  const now = new Date();
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
  const week = cliDays(localDate(monday), today);
  const hands = week.reduce((t, d) => t + d.changedLines.hands, 0), assisted = week.reduce((t, d) => t + d.changedLines.assisted, 0);
  const share = `${Math.round((hands / (hands + assisted)) * 100)} %`;
  await frame.locator('#sec-weekly summary', { hasText: 'Show weekly values as a table' }).click();
  const weekRow = frame.locator('#sec-weekly table.data tbody tr').last();
  await weekRow.scrollIntoViewIfNeeded();
  // [week, days, hands-on, assisted, lines you wrote, floor, meetings, craft ratio, below floor]
  const weekCells = (await weekRow.locator('th, td').allInnerTexts()).map((t) => t.trim());
  assert.equal(weekCells[4], share, `week row ${JSON.stringify(weekCells)}; CLI lines ${hands} by hand, ${assisted} by tools`);
  assert.equal((await frame.locator('#chart-weekly text.own-share').allTextContents()).at(-1), share);
  await frame.locator('#h-daily').scrollIntoViewIfNeeded();
  await window.screenshot('origin-dashboard');
  await window.runCommand('View: Close All Editors').catch(() => {});
});
