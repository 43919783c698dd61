// Inside the extension host: "Protect focus time" with a target path writes every suggested block of next
// week as an .ics, and our own calendar reader gives back exactly those blocks. The expected blocks are
// worked out by hand below from the rules in docs/metrics.md ("Protect focus time"), not by calling the
// planner, so the test is an independent check of planner, writer and reader together.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'craft-time.craft-time';
const ZONE = 'Europe/Berlin';

interface CraftTimeApi { dataDir: string }
interface ReadMeeting { start: number; end: number; title: string }

const DAY = 86_400_000;

/** YYYY-MM-DD plus n days (pure date arithmetic). */
function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Wall-clock parts of an instant in a zone. */
function wall(ms: number, timeZone: string): { date: string; time: string; weekday: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short',
  }).formatToParts(ms).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday };
}

/** The instant of a wall-clock time in a zone (two fixed-point steps: exact outside DST gaps). */
function instant(date: string, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  const guess = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m) * 60_000;
  const offsetAt = (t: number) => {
    const w = wall(t, timeZone);
    return Date.parse(`${w.date}T${w.time}:00Z`) - t;
  };
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t);
  return t;
}

/** "Mon 11:00-14:00" style label of a block, in the zone. */
function label(start: number, end: number, monday: string): string {
  const s = wall(start, ZONE), e = wall(end, ZONE);
  const dayIndex = Math.round((Date.parse(`${s.date}T00:00:00Z`) - Date.parse(`${monday}T00:00:00Z`)) / DAY);
  const name = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][dayIndex] ?? `${s.date}`;
  return `${name} ${s.time}-${e.date === s.date ? e.time : `${e.date} ${e.time}`}`;
}

/** Moves a file aside for the duration of the test (restored by the returned function). */
function setAside(file: string): () => void {
  const backup = `${file}.focus-test-backup`;
  const existed = fs.existsSync(file);
  if (existed) fs.renameSync(file, backup);
  return () => {
    fs.rmSync(file, { force: true });
    if (existed) fs.renameSync(backup, file);
  };
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('craftTime').update(key, value, vscode.ConfigurationTarget.Global);
  for (let i = 0; i < 50 && JSON.stringify(vscode.workspace.getConfiguration('craftTime').inspect(key)?.globalValue) !== JSON.stringify(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 200)); // let the extension's config watcher see the change
}

suite('protect focus time: the .ics reads back to the suggested blocks', () => {
  let dataDir: string;
  let extensionPath: string;
  const restores: (() => void)[] = [];
  let tmp: string;
  const saved: Record<string, unknown> = {};

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<CraftTimeApi>(EXTENSION_ID);
    assert.ok(ext, 'extension not found');
    dataDir = (await ext.activate()).dataDir;
    extensionPath = ext.extensionPath;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-time-focus-'));
    const c = vscode.workspace.getConfiguration('craftTime');
    for (const key of ['timeZone', 'role', 'workingHours.days', 'workingHours.start', 'workingHours.end']) saved[key] = c.inspect(key)?.globalValue;
    // Principal: a 10 h floor, so the suggestion is a strict subset of the candidates.
    await setSetting('timeZone', ZONE);
    await setSetting('role', 'principal');
    for (const key of ['workingHours.days', 'workingHours.start', 'workingHours.end']) await setSetting(key, undefined);
  });

  suiteTeardown(async () => {
    for (const restore of restores.reverse()) restore();
    for (const [key, value] of Object.entries(saved)) await setSetting(key, value);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('writes one busy VEVENT per suggested block of next week, and our reader gives them back exactly', async () => {
    const calendarsDir = path.join(dataDir, 'calendars');
    const sources = fs.existsSync(calendarsDir) ? fs.readdirSync(calendarsDir) : [];
    assert.deepEqual(sources.filter((n) => n.endsWith('.ics')), [], 'a calendar is connected in this profile: its meetings would change the expected blocks');

    const today = wall(Date.now(), ZONE);
    const monday = addDays(today.date, 8 - today.weekday); // Monday of next ISO week, in the zone
    const at = (day: number, hhmm: string) => new Date(instant(addDays(monday, day), hhmm, ZONE)).toISOString();
    const meetings = [
      { id: 'focus-test-1', start: at(0, '10:00'), end: at(0, '11:00'), title: 'Architecture review' },
      { id: 'focus-test-2', start: at(1, '13:00'), end: at(1, '14:30'), title: 'Planning' },
      { id: 'focus-test-3', start: at(2, '08:30'), end: at(2, '17:30'), title: 'Offsite' },
      { id: 'focus-test-4', start: at(3, '12:00'), end: at(3, '12:30'), title: '1:1' },
      { id: 'focus-test-5', start: at(4, '18:00'), end: at(4, '19:00'), title: 'After hours (outside working hours)' },
    ];
    const manual = path.join(dataDir, 'meetings', 'manual.json');
    restores.push(setAside(manual), setAside(path.join(dataDir, 'timeoff.json')));
    fs.mkdirSync(path.dirname(manual), { recursive: true });
    fs.writeFileSync(manual, `${JSON.stringify({ schema: 1, meetings }, null, 2)}\n`);

    const target = path.join(tmp, 'focus.ics');
    const returned = await vscode.commands.executeCommand<string | undefined>('craftTime.protectFocusTime', target);
    assert.equal(returned, target, 'the command did not report writing the target file');
    const text = fs.readFileSync(target, 'utf8');

    // Free stretches inside 09:00-17:00 (by hand): Mon 09-10 (too short), 11-17 (6 h: cut into 3 h + 3 h);
    // Tue 09-13 (4 h), 14:30-17 (2.5 h); Wed none; Thu 09-12 (3 h), 12:30-17 (4.5 h: 2.25 h + 2.25 h);
    // Fri 09-17 (8 h: 4 h + 4 h). Ranked longest then earliest: Tue 09-13, Fri 09-13, Fri 13-17, Mon 11-14, ...
    // The 10 h floor, best block of each day first: Tue 09-13 (4 h), Fri 09-13 (8 h), Mon 11-14 (11 h) -> enough.
    const expected = ['Mon 11:00-14:00', 'Tue 09:00-13:00', 'Fri 09:00-13:00'];

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is CommonJS
    const { expandIcs } = require(path.join(extensionPath, 'dist', 'calendar.js')) as {
      expandIcs(text: string, options: { fromMs: number; toMs: number; timeZone: string; ignorePatterns?: string[] }): { meetings: ReadMeeting[]; problems: string[] };
    };
    const window = { fromMs: instant(addDays(monday, -7), '00:00', ZONE), toMs: instant(addDays(monday, 14), '00:00', ZONE) };
    const read = expandIcs(text, { ...window, timeZone: ZONE, ignorePatterns: [] });
    assert.deepEqual(read.problems, [], 'our reader reported problems with the file');
    const blocks = read.meetings.map((m) => ({ start: m.start, end: m.end, title: m.title })).sort((a, b) => a.start - b.start);
    assert.deepEqual(blocks.map((b) => label(b.start, b.end, monday)), expected);
    assert.equal((text.match(/^BEGIN:VEVENT\r$/gm) ?? []).length, expected.length, 'VEVENT count differs from the blocks');
    assert.equal((text.match(/^TRANSP:OPAQUE\r$/gm) ?? []).length, expected.length, 'every block must be busy');
    assert.ok(blocks.every((b) => b.title === 'Focus time (Craft Time)'), 'every block carries the clear title');

    // The rules themselves, independent of the hand-worked list.
    const busy = meetings.map((m) => ({ start: Date.parse(m.start), end: Date.parse(m.end) }));
    for (const b of blocks) {
      const s = wall(b.start, ZONE), e = wall(b.end, ZONE);
      const name = label(b.start, b.end, monday);
      assert.ok(b.end - b.start >= 2 * 3_600_000, `${name} is shorter than 2 h`);
      assert.ok(s.date >= monday && s.date <= addDays(monday, 4) && s.weekday <= 5, `${name} is not Monday-Friday of next week`);
      assert.ok(s.date === e.date && s.time >= '09:00' && e.time <= '17:00', `${name} is outside 09:00-17:00 ${ZONE}`);
      assert.ok(busy.every((m) => m.end <= b.start || m.start >= b.end), `${name} overlaps a seeded meeting`);
    }

    // With the default title filters our reader ignores the blocks: protected time is not meeting time.
    assert.equal(expandIcs(text, { ...window, timeZone: ZONE }).meetings.length, 0, 'focus blocks were read as meetings');
  });
});
