// Benchmark: the edge state and 12 months of measures from a generated heavy year (250 working days, 8 h,
// 3 windows, one session file per window per day) plus a 5,000-event calendar (as an .ics expanded by our
// calendar engine). Run: npx tsx bench/edge.bench.ts. Prints a table; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCommandInputs } from '../src/cli/load';
import { rawFromObject, resolveSettings } from '../src/core/settings';
import { testInputs } from '../test/unit/builders';
import { assessEdge } from '../src/core/edge';
import { computeMeasures } from '../src/core/measures';
import { floorFor } from '../src/core/roles';
import { buildTimeline } from '../src/core/timeline';
import { CATEGORIES, type Category, type Meeting, type Span } from '../src/core/types';
import { addDays, isoWeekday, zonedTime } from '../src/core/zone';
import { writeActivityFile } from '../src/store/activityStore';
import { seededRandom } from '../src/core/random';

const TZ = 'Europe/Berlin';
const YEAR = 2025;
const MIN = 60_000;

const rng = seededRandom;

interface Year {
  readonly dir: string;
  readonly from: string;
  readonly to: string;
  readonly spans: number;
  readonly files: number;
  readonly icsFile: string;
  readonly events: number;
  readonly meetings: Meeting[];
}

async function generate(dir: string): Promise<Year> {
  const r = rng(11);
  const windows = [
    { ws: 'ws-craft', langs: ['typescript', 'json', 'markdown'] },
    { ws: 'ws-backend', langs: ['go', 'yaml', 'sql'] },
    { ws: 'ws-notes', langs: ['markdown', 'plaintext', 'python'] },
  ];
  const names = new Map([['ws-craft', 'craft-time'], ['ws-backend', 'backend'], ['ws-notes', 'notes']]);
  let date = `${YEAR}-01-01`, workDays = 0, spans = 0, files = 0;
  const meetings: Meeting[] = [];
  const vevents: string[] = [];
  const stamp = '20250101T000000Z';
  const utc = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  while (workDays < 250) {
    if (isoWeekday(date) <= 5) {
      workDays++;
      const perWindow: Span[][] = windows.map(() => []);
      let t = zonedTime(date, 9 * 60, TZ);
      const end = t + 8 * 60 * MIN;
      let win = 0;
      while (t < end) {
        const turnEnd = Math.min(end, t + (5 + r() * 20) * MIN); // a window keeps focus 5-25 min
        let category: Category = CATEGORIES[Math.floor(r() * CATEGORIES.length)];
        while (t < turnEnd) {
          const len = Math.min(turnEnd - t, Math.round((0.5 + r() * 6) * MIN));
          if (r() < 0.3) category = CATEGORIES[Math.floor(r() * CATEGORIES.length)];
          const language = windows[win].langs[Math.floor(r() * 3)];
          perWindow[win].push({ start: t, end: t + len, category, language, workspaceId: windows[win].ws });
          // Gaps: mostly under a minute, sometimes a few minutes, now and then longer than the idle limit.
          const g = r();
          t += len + (g < 0.8 ? r() * 50_000 : g < 0.97 ? r() * 4 * MIN : 6 * MIN + r() * 10 * MIN);
        }
        win = (win + 1) % 3;
      }
      for (const [i, list] of perWindow.entries()) {
        if (list.length === 0) continue;
        spans += list.length;
        files += (await writeActivityFile(dir, `w-${date.replace(/-/g, '')}${i}`, list, names)).length;
      }
      // 20 meetings a working day (5,000 in the year), 15-60 min between 08:00 and 19:00, some overlapping.
      for (let k = 0; k < 20; k++) {
        const start = zonedTime(date, 8 * 60 + Math.floor(r() * 44) * 15, TZ);
        const endM = start + (1 + Math.floor(r() * 4)) * 15 * MIN;
        const id = `ev-${date}-${k}`;
        meetings.push({ id, start, end: endM, title: 'Sync', attendees: 2 + Math.floor(r() * 8), recurring: false, source: 'bench' });
        vevents.push(`BEGIN:VEVENT\r\nUID:${id}@bench\r\nDTSTAMP:${stamp}\r\nDTSTART:${utc(start)}\r\nDTEND:${utc(endM)}\r\nSUMMARY:Sync ${k}\r\nEND:VEVENT`);
      }
    }
    date = addDays(date, 1);
  }
  const icsFile = path.join(dir, 'calendar.ics');
  await fs.promises.writeFile(icsFile, `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n${vevents.join('\r\n')}\r\nEND:VCALENDAR\r\n`);
  return { dir, from: `${YEAR}-01-01`, to: addDays(date, -1), spans, files, icsFile, events: vevents.length, meetings: meetings.sort((a, b) => a.start - b.start) };
}

async function main(): Promise<void> {
  const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-edge-bench-'));
  try {
    const g0 = performance.now();
    const year = await generate(tmp);
    console.error(`generated ${year.spans} spans in ${year.files} files and ${year.events} events in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const asOf = addDays(year.to, 1);
    const now = zonedTime(asOf, 12 * 60, TZ);
    const floor = floorFor('principal');

    // Everything from disk: activity files, the .ics expanded by the calendar engine, measures, edge.
    const fromDisk = async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const settings = resolveSettings(rawFromObject({ timeZone: TZ, role: 'principal' }), TZ);
      const io = { stdout: () => undefined, stderr: () => undefined, env: {}, now: () => now, cwd: tmp };
      const loaded = await loadCommandInputs({ settings, sources: {} as never, problems: [] }, { from: year.from, to: year.to }, { dataDir: year.dir, io, icsFiles: [year.icsFile] });
      const t1 = performance.now();
      const m = computeMeasures(loaded.inputs, { from: year.from, to: year.to });
      const t2 = performance.now();
      const e = assessEdge(loaded.inputs, asOf);
      const t3 = performance.now();
      const c = process.cpuUsage(c0);
      return { cpu: (c.user + c.system) / 1000, load: t1 - t0, measures: t2 - t1, edge: t3 - t2, total: t3 - t0, m, e, meetings: loaded.inputs.meetings.length };
    };

    // In memory (what the extension does once history is loaded): timeline + 12 months of measures + edge.
    const read = await import('../src/store/history').then((s) => s.readActivity(year.dir));
    const inMemory = () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const { segments } = buildTimeline(read.sources, { idleMs: 5 * MIN, now });
      const t1 = performance.now();
      const inputs = testInputs({ segments, meetings: year.meetings, timeZone: TZ, role: 'principal', floor });
      const m = computeMeasures(inputs, { from: year.from, to: year.to });
      const t2 = performance.now();
      const e = assessEdge(inputs, asOf);
      const t3 = performance.now();
      const c = process.cpuUsage(c0);
      return { timeline: t1 - t0, measures: t2 - t1, edge: t3 - t2, total: t3 - t0, cpu: (c.user + c.system) / 1000, m, e };
    };

    const cold = await fromDisk();
    const warmDisk: Awaited<ReturnType<typeof fromDisk>>[] = [];
    for (let i = 0; i < 5; i++) warmDisk.push(await fromDisk());
    const warmMem: ReturnType<typeof inMemory>[] = [];
    for (let i = 0; i < 5; i++) warmMem.push(inMemory());
    const wd = warmDisk.sort((a, b) => a.total - b.total)[2];
    const wm = warmMem.sort((a, b) => a.total - b.total)[2];

    const handsOnH = cold.m.days.reduce((s, d) => s + d.handsOnMs, 0) / 3_600_000;
    const meetingH = cold.m.days.reduce((s, d) => s + d.meetingMs, 0) / 3_600_000;
    const rows: [string, string, string, string][] = [
      ['case', 'total', 'target', 'breakdown'],
      ['cold: files + .ics + measures + edge', `${cold.total.toFixed(0)} ms`, '', `CPU ${cold.cpu.toFixed(0)} ms; load ${cold.load.toFixed(0)} ms (activity + 5,000-event .ics), 12 months of measures ${cold.measures.toFixed(0)} ms, edge ${cold.edge.toFixed(0)} ms`],
      ['warm: files + .ics + measures + edge', `${wd.total.toFixed(0)} ms`, '', `median of 5 (CPU ${wd.cpu.toFixed(0)} ms): load ${wd.load.toFixed(0)} ms, measures ${wd.measures.toFixed(0)} ms, edge ${wd.edge.toFixed(0)} ms`],
      ['warm: in memory (timeline + measures + edge)', `${wm.total.toFixed(0)} ms`, '< 200 ms', `median of 5 (CPU ${wm.cpu.toFixed(0)} ms): timeline ${wm.timeline.toFixed(0)} ms, measures ${wm.measures.toFixed(0)} ms, edge ${wm.edge.toFixed(0)} ms`],
    ];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    console.log(`\nEdge + 12 months of measures (${TZ}): ${year.spans} spans in ${year.files} files, ${year.events} calendar events (${cold.meetings} meetings read)`);
    console.log(`${cold.m.days.length} days, ${cold.m.weeks.length} weeks, ${cold.m.months.length} months; ${handsOnH.toFixed(0)} h hands-on, ${meetingH.toFixed(0)} h meetings; edge as of ${asOf}: ${cold.e.state}\n`);
    console.log(`(wall-clock times; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs: other processes share them)\n`);
    for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
  } finally {
    await fs.promises.rm(tmp, { recursive: true, force: true });
  }
}

void main();
