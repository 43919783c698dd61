// The opt-in team aggregate in a real VS Code: joining shows the exact contribution file in an editor and
// asks before anything is written to the team folder; only "Write This File" writes it, and what is
// written is byte for byte what was shown. Leaving with "Stop and Delete My Files" removes it again.
//
// Data: weekday activity (3 h a day) and one logged meeting a week, from 16 weeks before last month's
// first ISO week to the end of its last one, seeded into the extension's data folder before the window
// opens, and removed at the end together with everything the flow wrote (team/ in the data folder, the
// temporary team folder).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { activeEditorText, chooseFolderInSimpleDialog, clickDialogButton, waitForDialog, waitUntil } from '../harness/dialogs.mjs';
import { startSession } from '../harness/vscode.mjs';

const SOURCE = 'seed-team';
const DAY_MS = 86_400_000;
const HANDS_ON_SECONDS = 3 * 3600;
const SEED_WEEKS_BEFORE = 16;
const MEETING_TITLE = 'Seeded team-test meeting';
const TOP_FIELDS = ['kind', 'version', 'member', 'month', 'role', 'edgeState', 'written', 'weeks'].sort();
const WEEK_FIELDS = ['week', 'handsOnHours', 'meetingHours', 'craftRatio', 'deepWorkBlocks'].sort();

let session;
let window;
let dataDir;
let teamFolder;
let lastMonth;
/** What the first test wrote: { file, text, member }. */
let joined;
/** meetings/manual.json as it was before this suite (restored at the end), or null. */
let manualBefore = null;
const seededActivityFiles = [];

const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);
const utcMidnight = (date) => Date.parse(`${date}T00:00:00Z`);

/** 'YYYY-MM' of the month before the current one (UTC, the server's zone in these runs). */
function previousMonth(now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** Monday (epoch ms, UTC midnight) of the ISO week holding `ms`. */
function mondayOf(ms) {
  const day = new Date(ms).getUTCDay() || 7;
  return utcMidnight(ymd(ms)) - (day - 1) * DAY_MS;
}

/** First and last Monday of the ISO weeks that belong to `month` (the month holding their Thursday). */
function weeksOfMonth(month) {
  const first = utcMidnight(`${month}-01`);
  const next = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
  let firstMonday = mondayOf(first);
  if (ymd(firstMonday + 3 * DAY_MS).slice(0, 7) !== month) firstMonday += 7 * DAY_MS;
  let lastMonday = mondayOf(next - DAY_MS);
  if (ymd(lastMonday + 3 * DAY_MS).slice(0, 7) !== month) lastMonday -= 7 * DAY_MS;
  return { firstMonday, lastMonday };
}

/** Writes activity (documented format, docs/data-format.md) and logged meetings covering the range. */
function seedData() {
  const { firstMonday, lastMonday } = weeksOfMonth(lastMonth);
  const from = firstMonday - SEED_WEEKS_BEFORE * 7 * DAY_MS;
  const to = lastMonday + 7 * DAY_MS; // exclusive: the Monday after the month's last week
  const spansByMonth = new Map();
  const meetings = [];
  for (let day = from; day < to; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const start = day + 9 * 3600_000; // 09:00-12:00 UTC, one span (3 h of hands-on time)
    const month = ymd(start).slice(0, 7);
    if (!spansByMonth.has(month)) spansByMonth.set(month, []);
    spansByMonth.get(month).push(JSON.stringify([start / 1000, HANDS_ON_SECONDS, 'c', 0, 0]));
    if (weekday === 2) { // one logged meeting a week, Tuesdays 14:00-15:00 UTC
      meetings.push({ id: `m-${ymd(day).replace(/-/g, '')}tt`, start: new Date(day + 14 * 3600_000).toISOString(), end: new Date(day + 15 * 3600_000).toISOString(), title: MEETING_TITLE });
    }
  }
  for (const [month, lines] of spansByMonth) {
    const dir = path.join(dataDir, 'activity', month);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${SOURCE}.jsonl`);
    fs.writeFileSync(file, [JSON.stringify({ schema: 1, kind: 'craft-time/activity', source: SOURCE }), ...lines, ''].join('\n'));
    seededActivityFiles.push(file);
  }
  const manual = path.join(dataDir, 'meetings', 'manual.json');
  if (fs.existsSync(manual)) manualBefore = fs.readFileSync(manual, 'utf8');
  fs.mkdirSync(path.dirname(manual), { recursive: true });
  fs.writeFileSync(manual, `${JSON.stringify({ schema: 1, meetings })}\n`);
  return { weeks: Math.round((to - firstMonday) / (7 * DAY_MS)) };
}

/** Every file under a folder, relative, including hidden ones (a temporary file counts as written). */
function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => path.relative(dir, path.join(d.parentPath ?? d.path, d.name)))
    .sort();
}

const isMultiple = (x, step) => Number.isFinite(x) && Math.abs(x / step - Math.round(x / step)) < 1e-9;

before(async () => {
  session = await startSession();
  dataDir = session.globalStorageDir();
  fs.mkdirSync(dataDir, { recursive: true });
  // A membership left behind by an earlier, interrupted run would change the flow.
  fs.rmSync(path.join(dataDir, 'team'), { recursive: true, force: true });
  lastMonth = previousMonth();
  seedData();
  teamFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-team-'));
  window = await session.openWindow({ label: 'team' });
  // Monaco draws only the lines in view: a tall page shows the whole preview at once.
  await window.page.setViewportSize({ width: 1400, height: 2400 });
  await window.craftTimeStatus();
});

after(async () => {
  await session?.close();
  for (const file of seededActivityFiles) fs.rmSync(file, { force: true });
  for (const file of seededActivityFiles) {
    try { fs.rmdirSync(path.dirname(file)); } catch { /* other files in that month */ }
  }
  const manual = path.join(dataDir ?? '', 'meetings', 'manual.json');
  if (dataDir) {
    if (manualBefore === null) fs.rmSync(manual, { force: true });
    else fs.writeFileSync(manual, manualBefore);
    fs.rmSync(path.join(dataDir, 'team'), { recursive: true, force: true });
  }
  if (teamFolder) fs.rmSync(teamFolder, { recursive: true, force: true });
});

test('joining shows the exact file and writes nothing before "Write This File"', { timeout: 240_000 }, async () => {
  const page = window.page;
  await window.runCommand('Craft Time: Join a Team Aggregate…');
  const first = await waitForDialog(page, { button: 'Choose Folder' });
  assert.match(first.message, /team aggregate/i);
  await clickDialogButton(page, 'Choose Folder');

  const title = await chooseFolderInSimpleDialog(page, teamFolder);
  assert.match(title, /team folder/i, 'the folder picker is the one the join command asked for');

  // The preview: an editor with the contribution, and the second question.
  const ask = await waitForDialog(page, { button: 'Write This File', timeout: 120_000 }).catch(async (error) => {
    // "Nothing to contribute" comes as a notification instead: say which.
    await window.screenshot('team-join-no-preview');
    throw new Error(`${error.message}; notifications: ${JSON.stringify(await window.notifications())}`);
  });
  assert.ok(ask.message.includes(teamFolder), `the question names the target folder: ${ask.message}`);
  assert.ok(ask.message.includes(`${lastMonth}/`), `the question names the target file: ${ask.message}`);
  assert.match(ask.detail, /never holds/i, 'the question explains what the file never holds');
  const preview = await waitUntil(async () => {
    const text = await activeEditorText(page);
    return text.includes('"member"') && text.includes('"weeks"') && text.trim().endsWith('}') ? text : undefined;
  }, { timeout: 60_000, message: 'the editor never showed the contribution' });

  // Nothing was written to the team folder before the answer, not even a temporary file.
  assert.deepEqual(filesUnder(teamFolder), [], 'the team folder must stay empty until the user says yes');
  await window.screenshot('team-join-preview');

  const shown = JSON.parse(preview);
  assert.deepEqual(Object.keys(shown).sort(), TOP_FIELDS, 'the preview holds exactly the documented fields');
  assert.equal(shown.month, lastMonth);
  for (const forbidden of [session.config.workspace, path.basename(session.config.workspace), 'notes.txt', 'plaintext',
    'typescript', MEETING_TITLE, teamFolder, dataDir, os.userInfo().username, os.hostname()].filter((s) => s.length >= 4)) {
    assert.ok(!preview.includes(forbidden), `the preview must not contain ${JSON.stringify(forbidden)}`);
  }

  await clickDialogButton(page, 'Write This File');
  const files = await waitUntil(() => {
    const now = filesUnder(teamFolder);
    return now.length > 0 && !now.some((f) => path.basename(f).startsWith('.')) ? now : undefined;
  }, { timeout: 60_000, message: 'no contribution appeared in the team folder' });
  assert.equal(files.length, 1, `exactly one file is written: ${files.join(', ')}`);
  assert.match(files[0], new RegExp(`^${lastMonth}/[0-9a-f]{32}\\.json$`));

  const file = path.join(teamFolder, files[0]);
  const text = fs.readFileSync(file, 'utf8');
  const written = JSON.parse(text);
  assert.equal(written.member, path.basename(files[0], '.json'));
  assert.equal(typeof written.role, 'string');
  assert.equal(written.month, lastMonth);
  assert.ok(Array.isArray(written.weeks) && written.weeks.length > 0, 'at least one week');
  for (const w of written.weeks) {
    assert.deepEqual(Object.keys(w).sort(), WEEK_FIELDS, `week fields: ${JSON.stringify(w)}`);
    assert.ok(isMultiple(w.handsOnHours, 0.5), `hands-on hours on the half hour: ${w.handsOnHours}`);
    assert.ok(isMultiple(w.meetingHours, 0.5), `meeting hours on the half hour: ${w.meetingHours}`);
    assert.ok(isMultiple(w.craftRatio, 0.05) && w.craftRatio >= 0 && w.craftRatio <= 1, `craft ratio in steps of 5 %: ${w.craftRatio}`);
    assert.ok(w.handsOnHours > 0 && w.meetingHours > 0, `the seeded week counts hands-on and meeting time: ${JSON.stringify(w)}`);
  }
  assert.equal(text, preview, 'the written file is exactly the previewed text');
  joined = { file, text, member: written.member };
});

test('leaving with "Stop and Delete My Files" deletes the contribution', { timeout: 180_000 }, async (t) => {
  if (!joined) {
    t.skip('the join test did not write a contribution');
    return;
  }
  const page = window.page;
  assert.ok(fs.existsSync(joined.file));
  await window.runCommand('Craft Time: Leave the Team Aggregate…');
  const ask = await waitForDialog(page, { button: 'Stop and Delete My Files' });
  assert.ok(ask.buttons.includes('Stop, Keep Written Files'), `both choices are offered: ${ask.buttons.join(', ')}`);
  await window.screenshot('team-leave-question');
  await clickDialogButton(page, 'Stop and Delete My Files');
  await waitUntil(() => !fs.existsSync(joined.file), { timeout: 60_000, message: `${joined.file} was not deleted` });
  assert.deepEqual(filesUnder(teamFolder), [], 'nothing of the member is left in the team folder');
  await waitUntil(() => !fs.existsSync(path.join(dataDir, 'team', 'membership.json')), { timeout: 30_000, message: 'the membership was not removed' });
});
