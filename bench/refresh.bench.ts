// Benchmark: one refresh of the window's model (what the status bar, warnings and Show Today wait for):
// load the edge window (17 weeks) through the one loader and compute today, this week and the edge, cold
// and warm. "Warm after typing" is the common case: this window flushed (its own file changed) and one
// other window appended, so the cached reader re-reads one file and stats the current months only.
// Run: npx tsx bench/refresh.bench.ts [--base DIR]. With --base, the same refresh is also timed with the
// HistoryService of an older checkout (before the one-model refactor) for a before/after table.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { edgeRange } from '../src/core/edge';
import { seededRandom } from '../src/core/random';
import { rawFromObject, resolveSettings } from '../src/core/settings';
import { measureSnapshot } from '../src/core/snapshot';
import { CATEGORIES, type Span } from '../src/core/types';
import { addDays, isoWeekday, localDate, zonedTime } from '../src/core/zone';
import { CachedActivityReader } from '../src/host/activityCache';
import { writeActivityFile } from '../src/store/activityStore';
import { loadHistory, type CalendarReader } from '../src/store/history';

const TZ = 'Europe/Berlin';
const TODAY = '2026-03-18';
const MIN = 60_000;
const RUNS = 25;
const noCalendars: CalendarReader = async () => ({ meetings: [], timeOff: [], problems: [], connected: true });

/** A year of three windows, one session file per window per working day (as VS Code windows write them). */
async function generate(dir: string): Promise<{ files: number; spans: number }> {
  const r = seededRandom(5);
  let files = 0, spans = 0;
  for (let date = '2025-03-17'; date <= TODAY; date = addDays(date, 1)) {
    if (isoWeekday(date) > 5) continue;
    for (let w = 0; w < 3; w++) {
      const list: Span[] = [];
      let t = zonedTime(date, 9 * 60 + w * 7, TZ);
      const end = zonedTime(date, date === TODAY ? 14 * 60 : 17 * 60, TZ);
      while (t < end) {
        const len = (1 + r() * 20) * MIN;
        list.push({ start: t, end: t + len, category: CATEGORIES[Math.floor(r() * CATEGORIES.length)], language: 'typescript', workspaceId: `ws${w}` });
        t += len + (r() < 0.8 ? 30_000 : (2 + r() * 30) * MIN);
      }
      await writeActivityFile(dir, `w-${date.replace(/-/g, '')}${w}`, list, new Map([[`ws${w}`, `project-${w}`]]));
      files++;
      spans += list.length;
    }
  }
  return { files, spans };
}

function stats(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}
const fmt = (x: { median: number; min: number; max: number }) => `${x.median.toFixed(1)} ms (${x.min.toFixed(1)}–${x.max.toFixed(1)})`;

async function main(): Promise<void> {
  const baseArg = process.argv.indexOf('--base');
  const base = baseArg > 0 ? process.argv[baseArg + 1] : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-refresh-'));
  const g = await generate(dir);
  const now = zonedTime(TODAY, 14 * 60 + 30, TZ);
  const today = localDate(now, TZ);
  const from = edgeRange(today).from;
  const settings = resolveSettings(rawFromObject({ timeZone: TZ, role: 'principal' }), TZ);
  console.log(`Data: ${g.files} activity files, ${g.spans.toLocaleString('en')} spans over a year; refresh reads ${from}..${today}.`);
  const otherFile = path.join(dir, 'activity', '2026-03', `w-${TODAY.replace(/-/g, '')}1.jsonl`);
  const ownName = `w-${TODAY.replace(/-/g, '')}0.jsonl`;
  const ownFile = path.join(dir, 'activity', '2026-03', ownName);
  const appendActivity = (i: number) => {
    const t = Math.floor((now - 60_000 + i) / 1000);
    fs.appendFileSync(otherFile, `[${t},20,"c",1,1]\n`);
    fs.appendFileSync(ownFile, `[${t},20,"c",1,1]\n`);
  };

  const reader = new CachedActivityReader(dir, ownName, () => now);
  const refresh = async () => {
    const history = await loadHistory({ dataDir: dir, from, to: today, timeZone: TZ, idleMinutes: 5, now, activity: reader, calendars: noCalendars });
    return measureSnapshot(history, settings, today);
  };
  // CPU time of this process (user + system), which a busy shared machine disturbs far less than wall time.
  const time = async (fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  // Change events arrive within milliseconds; the model refreshes 10 s after activity. Let them arrive.
  const settle = () => new Promise((r) => setTimeout(r, 30));
  const cold = await time(refresh);
  const warm: number[] = [];
  let reads = 0, statCalls = 0;
  for (let i = 0; i < RUNS; i++) {
    appendActivity(i);
    await settle();
    reader.stats.reads = 0;
    reader.stats.stats = 0;
    warm.push(await time(refresh));
    reads += reader.stats.reads;
    statCalls += reader.stats.stats;
  }
  const rows: string[][] = [['refresh of the model (17 weeks, edge + today + week), CPU time', 'cold', `warm after typing (median, min–max of ${RUNS})`, 'files read / stat per warm refresh']];
  rows.push(['now: one model, cached reader (host/model.ts)', `${cold.toFixed(1)} ms`, fmt(stats(warm)), `${(reads / RUNS).toFixed(1)} / ${(statCalls / RUNS).toFixed(1)}`]);

  if (base) {
    // The previous host path: HistoryService (every render re-stats every file of the window, reads back its own
    // file after each flush) and the measures computed by the status bar.
    const hs = await import(path.join(base, 'src/host/historyService.ts'));
    const measures = await import(path.join(base, 'src/core/measures.ts'));
    const edge = await import(path.join(base, 'src/core/edge.ts'));
    const roles = await import(path.join(base, 'src/core/roles.ts'));
    const service = new hs.HistoryService(dir, { meetingsBetween: async () => ({ meetings: [], timeOff: [], problems: [], connected: true }) });
    const oldRefresh = async () => {
      const history = await service.load(from, today, { now, timeZone: TZ, idleMinutes: 5, pending: [] });
      const common = { segments: history.segments, meetings: history.meetings, timeOff: history.timeOff, timeZone: TZ };
      measures.dailyMeasures({ ...common, from: addDays(today, -2), to: today });
      edge.assessEdge({ ...common, asOf: today, floor: roles.floorFor('principal'), meetingCoverage: history.meetingCoverage, trackingStart: history.trackingStart });
    };
    const oldCold = await time(oldRefresh);
    const oldWarm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      appendActivity(100 + i);
      await settle();
      oldWarm.push(await time(oldRefresh));
    }
    rows.push([`before: HistoryService + status bar (${path.basename(base)})`, `${oldCold.toFixed(1)} ms`, fmt(stats(oldWarm)), 'own file + other file / every file of 5 months']);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join(' | '));
  if (process.env.KEEP) console.log(dir); else fs.rmSync(dir, { recursive: true, force: true });
}

void main();
