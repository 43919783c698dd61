// The sealed team aggregate in a real VS Code: Set Up (the steward's keys and team.json), Join (the team
// fingerprint to confirm, then the member's own), Review and Send (the exact plaintext in an editor, nothing
// written before "Seal and Send", then only ciphertext in the folder, and the same plaintext in the member's
// log), and Leave (the member's files and key deleted).
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
const TOP_FIELDS = ['kind', 'version', 'team', 'month', 'role', 'edgeState', 'written', 'weeks'].sort();
const WEEK_FIELDS = ['week', 'handsOnHours', 'meetingHours', 'craftRatio', 'deepWorkBlocks', 'assistedHours'].sort();
const ROLES = ['engineer', 'senior', 'staff', 'principal', 'manager', 'director', 'executive'];
const FINGERPRINT = /[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/;
/** Where a number may appear in the team folder: format versions, roster sequence numbers, privacy settings. */
const NUMBER_PATHS = /^(version|entries\.\d+\.seq|privacy\.(minGroupSize|epsilonPerMonth|epsilonPerYear))$/;

let session;
let window;
let dataDir;
let teamFolder;
let lastMonth;
let teamFingerprint;
let memberFingerprint;
/** What Review and Send wrote: { file, plaintext }. */
let sent;
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


/** Every [path, value] leaf of a JSON value. */
function leaves(value, at = '') {
  if (value === null || typeof value !== 'object') return [[at, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

before(async () => {
  session = await startSession();
  dataDir = session.globalStorageDir();
  fs.mkdirSync(dataDir, { recursive: true });
  // Team state left behind by an earlier, interrupted run would change the flow.
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

test('Set Up makes the team: team.json and an empty roster in the folder, private keys only in the data folder', { timeout: 180_000 }, async () => {
  const page = window.page;
  await window.runCommand('Craft Time: Set Up a Team Aggregate…');
  const title = await chooseFolderInSimpleDialog(page, teamFolder);
  assert.match(title, /team folder/i);
  const ask = await waitForDialog(page, { button: 'Set Up Team' });
  assert.ok(ask.message.includes(teamFolder), `the question names the folder: ${ask.message}`);
  assert.match(ask.detail, /private keys stay in your Craft Time data folder/i);
  assert.deepEqual(filesUnder(teamFolder), [], 'nothing is written before the answer');
  await clickDialogButton(page, 'Set Up Team');
  const done = await waitForDialog(page, { timeout: 60_000 });
  teamFingerprint = done.message.match(FINGERPRINT)?.[0];
  assert.ok(teamFingerprint, `the team fingerprint is shown: ${done.message}`);
  await window.screenshot('team-set-up');
  await clickDialogButton(page, done.buttons.includes('OK') ? 'OK' : done.buttons[0]);
  assert.deepEqual(filesUnder(teamFolder), ['roster.json', 'team.json']);
  const keyFiles = fs.readdirSync(path.join(dataDir, 'team')).filter((f) => f.startsWith('steward-'));
  assert.equal(keyFiles.length, 1);
  assert.equal(fs.statSync(path.join(dataDir, 'team', keyFiles[0])).mode & 0o777, 0o600, 'the steward keys are private to the user');
  for (const f of filesUnder(teamFolder)) assert.ok(!/"d"\s*:/.test(fs.readFileSync(path.join(teamFolder, f), 'utf8')), `${f} holds no private key`);
});

test('Join shows the team fingerprint to confirm, then the member\'s own, and leaves a request with the public key only', { timeout: 180_000 }, async (t) => {
  if (!teamFingerprint) return t.skip('the team was not set up');
  const page = window.page;
  await window.runCommand('Craft Time: Join a Team Aggregate…');
  await chooseFolderInSimpleDialog(page, teamFolder);
  const confirm = await waitForDialog(page, { button: 'Join' });
  assert.ok(confirm.message.includes(teamFingerprint), `the member is asked to confirm the team fingerprint: ${confirm.message}`);
  assert.match(confirm.detail, /groups of at least 5/);
  await clickDialogButton(page, 'Join');
  const mine = await waitForDialog(page, { button: 'Copy Fingerprint', timeout: 60_000 });
  memberFingerprint = mine.message.match(FINGERPRINT)?.[0];
  assert.ok(memberFingerprint, `the member's fingerprint is shown: ${mine.message}`);
  assert.notEqual(memberFingerprint, teamFingerprint);
  await window.screenshot('team-join-fingerprint');
  await clickDialogButton(page, mine.buttons.find((b) => b !== 'Copy Fingerprint') ?? 'Copy Fingerprint');
  assert.deepEqual(filesUnder(teamFolder), [`requests/${memberFingerprint}.json`, 'roster.json', 'team.json']);
  const request = fs.readFileSync(path.join(teamFolder, 'requests', `${memberFingerprint}.json`), 'utf8');
  for (const role of ROLES) assert.ok(!request.includes(role), `the request does not name the role (${role})`);
});

test('Review and Send shows the exact plaintext; the folder then holds only ciphertext, and the log the same plaintext', { timeout: 300_000 }, async (t) => {
  if (!memberFingerprint) return t.skip('the member did not join');
  const page = window.page;
  await window.runCommand('Craft Time: Review and Send Team Contribution…');
  const ask = await waitForDialog(page, { button: 'Seal and Send', timeout: 120_000 }).catch(async (error) => {
    await window.screenshot('team-review-missing');
    throw new Error(`${error.message}; notifications: ${JSON.stringify(await window.notifications())}`);
  });
  assert.ok(ask.message.includes(teamFolder) && ask.message.includes(`${lastMonth}/`), `the question names the target: ${ask.message}`);
  assert.match(ask.detail, /never holds/i);
  const preview = await waitUntil(async () => {
    const text = await activeEditorText(page);
    return text.includes('"team"') && text.includes('"weeks"') && text.trim().endsWith('}') ? text : undefined;
  }, { timeout: 60_000, message: 'the editor never showed the contribution' });
  assert.ok(!filesUnder(teamFolder).some((f) => f.startsWith(lastMonth)), 'nothing is sealed or written before the answer');
  await window.screenshot('team-review-and-send');

  const shown = JSON.parse(preview);
  assert.deepEqual(Object.keys(shown).sort(), TOP_FIELDS, 'the plaintext holds exactly the documented fields');
  assert.equal(shown.month, lastMonth);
  assert.ok(shown.weeks.length > 0);
  for (const w of shown.weeks) {
    assert.deepEqual(Object.keys(w).sort(), WEEK_FIELDS);
    assert.ok(isMultiple(w.handsOnHours, 0.5) && w.handsOnHours > 0 && w.meetingHours > 0, JSON.stringify(w));
    assert.ok(isMultiple(w.craftRatio, 0.05));
  }
  for (const forbidden of [session.config.workspace, path.basename(session.config.workspace), 'typescript', MEETING_TITLE, teamFolder, dataDir,
    os.userInfo().username, os.hostname()].filter((s) => s.length >= 4)) {
    assert.ok(!preview.includes(forbidden), `the plaintext must not contain ${JSON.stringify(forbidden)}`);
  }

  await clickDialogButton(page, 'Seal and Send');
  const sealed = await waitUntil(() => {
    const now = filesUnder(teamFolder).filter((f) => f.startsWith(`${lastMonth}/`));
    return now.length > 0 && !now.some((f) => path.basename(f).startsWith('.')) ? now : undefined;
  }, { timeout: 60_000, message: 'no sealed contribution appeared' });
  assert.equal(sealed.length, 1);
  assert.match(sealed[0], new RegExp(`^${lastMonth}/[0-9a-f]{32}\\.sealed$`));

  // The member's log holds the exact plaintext that was shown and sealed.
  const log = JSON.parse(fs.readFileSync(path.join(dataDir, 'team', 'sent.json'), 'utf8'));
  assert.equal(log.sent.length, 1);
  assert.equal(log.sent[0].plaintext.trimEnd(), preview.trimEnd(), 'the logged plaintext is what the editor showed');
  assert.equal(log.sent[0].file, sealed[0]);

  // Every file in the folder: no role, no field of the contribution, no number but format versions, roster
  // sequence numbers and the team's privacy settings.
  for (const f of filesUnder(teamFolder)) {
    const text = fs.readFileSync(path.join(teamFolder, f), 'utf8');
    for (const role of ROLES) assert.ok(!text.includes(role), `${f} names no role (${role})`);
    for (const field of ['handsOnHours', 'meetingHours', 'craftRatio', 'deepWorkBlocks', 'assistedHours', 'edgeState', 'weeks']) assert.ok(!text.includes(field), `${f} holds no ${field}`);
    for (const [at, value] of leaves(JSON.parse(text))) {
      if (typeof value === 'number') assert.match(at, NUMBER_PATHS, `${f} holds a number at ${at}`);
    }
  }
  sent = { file: path.join(teamFolder, sealed[0]), plaintext: log.sent[0].plaintext };
});

test('Leave deletes the member\'s files from the folder and the signing key', { timeout: 180_000 }, async (t) => {
  if (!sent) return t.skip('nothing was sent');
  const page = window.page;
  await window.runCommand('Craft Time: Leave the Team Aggregate…');
  const ask = await waitForDialog(page, { button: 'Leave and Delete My Files' });
  assert.match(ask.detail, /2 file\(s\)/);
  await window.screenshot('team-leave-question');
  await clickDialogButton(page, 'Leave and Delete My Files');
  await waitUntil(() => !fs.existsSync(sent.file), { timeout: 60_000, message: `${sent.file} was not deleted` });
  await waitUntil(() => !fs.existsSync(path.join(dataDir, 'team', 'membership.json')), { timeout: 30_000, message: 'the membership (signing key) was not removed' });
  assert.deepEqual(filesUnder(teamFolder), ['roster.json', 'team.json'], 'nothing of the member is left in the team folder');
});
