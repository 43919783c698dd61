// Calendar engine benchmark: parse + expansion of a generated Outlook-style calendar, ours against
// node-ical on the same text in the same run; then the cost of the worker thread against in-process
// expansion, and peak memory (the expanding process, and whole-process peak RSS of `craft-time
// meetings` beside node-ical's on the same file). Run: npx tsx bench/calendar.bench.ts [--quick]
// Prints tables; no assertions (timings depend on the machine and its load).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import ical, { type VEvent } from 'node-ical';
import { expandIcs } from '../src/calendar/expand';
import { CalendarWorker } from '../src/calendar/workerClient';
import { seededRandom } from '../src/core/random';

const DAY = 86_400_000;
const END = Date.UTC(2026, 0, 1); // the calendar's "now": 5 years of history end here
const START = END - 5 * 365 * DAY;
const WINDOWS = [
  { name: '5 years', fromMs: START, toMs: END },
  { name: 'last 13 months', fromMs: Date.UTC(2024, 11, 1), toMs: END },
];
const ZONES = ['W. Europe Standard Time', 'Eastern Standard Time', 'GMT Standard Time', 'Pacific Standard Time', 'Romance Standard Time'];

const rng = seededRandom;

const pad = (n: number) => String(n).padStart(2, '0');
/** Wall-clock stamp of a UTC-field date: YYYYMMDDTHHMMSS. */
function wall(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
}
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(' ' + line.slice(i, i + 74));
  return parts.join('\r\n');
}

/**
 * An Outlook export: Windows zone names with no VTIMEZONE, single meetings with attendees, daily and
 * weekly series with EXDATEs, moved occurrences and cancelled occurrences (RECURRENCE-ID overrides).
 */
export function outlookCalendar(events: number, seed = 42): string {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const lines = ['BEGIN:VCALENDAR', 'METHOD:PUBLISH', 'PRODID:Microsoft Exchange Server 2010', 'VERSION:2.0', 'X-WR-CALNAME:Calendar'];
  const series = Math.round(events * 0.03); // hundreds of series
  const overridesPerSeries = 3;
  const singles = events - series * (1 + overridesPerSeries);
  const slot = () => START + Math.floor(random() * (END - START - 30 * DAY) / DAY) * DAY + (8 + Math.floor(random() * 9)) * 3_600_000 + pick([0, 30]) * 60_000;
  const attendees = (n: number) =>
    Array.from({ length: n }, (_, i) => fold(`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Person ${i}:mailto:person.${i}.${Math.floor(random() * 1e6)}@example.com`));
  const common = (uid: string, zone: string, start: number, minutes: number, title: string) => [
    fold(`UID:${uid}`),
    `SUMMARY;LANGUAGE=en-US:${title}`,
    `DTSTART;TZID=${zone}:${wall(start)}`,
    `DTEND;TZID=${zone}:${wall(start + minutes * 60_000)}`,
    'CLASS:PUBLIC', 'PRIORITY:5', 'DTSTAMP:20251201T120000Z', 'TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'SEQUENCE:0',
    'LOCATION:Microsoft Teams Meeting',
    fold(`DESCRIPTION:${'Join the meeting with the link in the invitation. '.repeat(4)}`),
    'X-MICROSOFT-CDO-BUSYSTATUS:BUSY', 'X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY', 'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE',
  ];
  for (let i = 0; i < singles; i++) {
    const zone = pick(ZONES);
    lines.push('BEGIN:VEVENT', ...common(`040000008200E00074C5B7101A82E008-single-${i}`, zone, slot(), pick([30, 45, 60, 90]), `Meeting ${i}`), ...attendees(2 + Math.floor(random() * 8)), 'END:VEVENT');
  }
  for (let i = 0; i < series; i++) {
    const zone = pick(ZONES);
    const start = slot();
    const minutes = pick([15, 30, 60]);
    const daily = random() < 0.15;
    const uid = `040000008200E00074C5B7101A82E008-series-${i}`;
    const step = daily ? DAY : 7 * DAY;
    const bounded = random() < 0.7; // most series end: a project, a quarter
    const count = Math.floor((END - start) / step);
    const rule = daily ? 'FREQ=DAILY;INTERVAL=1' : `FREQ=WEEKLY;INTERVAL=1;BYDAY=${['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][new Date(start).getUTCDay()]};WKST=MO`;
    const runs = bounded ? Math.min(count, Math.floor(((60 + random() * 240) * DAY) / step)) : count;
    const until = bounded ? `;UNTIL=${wall(start + runs * step - 3_600_000)}Z` : '';
    const exdates = Array.from({ length: 4 }, () => wall(start + (1 + Math.floor(random() * Math.max(1, runs - 1))) * step));
    lines.push('BEGIN:VEVENT', `RRULE:${rule}${until}`, fold(`EXDATE;TZID=${zone}:${exdates.join(',')}`), ...common(uid, zone, start, minutes, `Series ${i}`), ...attendees(3), 'END:VEVENT');
    // Moved and cancelled occurrences, related by UID.
    for (let k = 0; k < overridesPerSeries; k++) {
      const n = 5 + k * 7;
      const original = start + n * step;
      const moved = k !== 1;
      lines.push('BEGIN:VEVENT', `RECURRENCE-ID;TZID=${zone}:${wall(original)}`,
        ...common(uid, zone, moved ? original + 2 * 3_600_000 : original, minutes, `Series ${i}`).map((l) => (moved || !l.startsWith('STATUS') ? l : 'STATUS:CANCELLED')),
        'END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}

interface Run {
  ms: number;
  /** CPU time of this process (user + system): less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  occurrences: number;
  minutes: number;
  heapMb: number;
  rssMb: number;
}

function measure(fn: () => { occurrences: number; minutes: number }): Run {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const after = process.memoryUsage();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, ...r, heapMb: (after.heapUsed - before.heapUsed) / 1048576, rssMb: (after.rss - before.rss) / 1048576 };
}

function ours(text: string, fromMs: number, toMs: number) {
  const r = expandIcs(text, { fromMs, toMs, timeZone: 'Europe/Berlin', ignorePatterns: [] });
  let minutes = 0;
  for (const m of r.meetings) minutes += (m.end - m.start) / 60_000;
  return { occurrences: r.meetings.length, minutes };
}

function nodeIcal(text: string, fromMs: number, toMs: number) {
  const data = ical.sync.parseICS(text);
  let occurrences = 0, minutes = 0;
  for (const component of Object.values(data)) {
    if (!component || (component as { type?: string }).type !== 'VEVENT') continue;
    const event = component as VEvent;
    const instances = ical.expandRecurringEvent(event, { from: new Date(fromMs), to: new Date(toMs - 1), expandOngoing: true });
    for (const inst of instances) {
      if (inst.isFullDay || inst.event.status === 'CANCELLED') continue;
      const s = inst.start.getTime(), e = inst.end.getTime();
      if (e <= fromMs || s >= toMs || e <= s) continue;
      occurrences++;
      minutes += (e - s) / 60_000;
    }
  }
  return { occurrences, minutes };
}

if (process.argv[2] === "--write") { writeFileSync(process.argv[4], outlookCalendar(Number(process.argv[3]))); process.exit(0); }

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
}

const quick = process.argv.includes('--quick');
setImmediate(async () => {
  if (!quick) engineTable();
  await workerTable();
  memoryTable();
});

function engineTable(): void {
const rows: string[][] = [['events', 'window', 'engine', 'time (ms)', 'cpu (ms)', 'vs node-ical', 'occurrences', 'minutes', 'heap Δ MB', 'rss Δ MB', 'exact']];
for (const size of [7_000, 23_500]) {
  const text = outlookCalendar(size);
  // Warm both engines once (JIT, zone tables), as a long-running extension host would be.
  ours(text, WINDOWS[1].fromMs, WINDOWS[1].toMs);
  nodeIcal(text, WINDOWS[1].fromMs, WINDOWS[1].toMs);
  for (const w of WINDOWS) {
    const a = measure(() => ours(text, w.fromMs, w.toMs));
    const b = measure(() => nodeIcal(text, w.fromMs, w.toMs));
    const exact = a.occurrences === b.occurrences && Math.abs(a.minutes - b.minutes) < 0.5;
    const diff = exact ? 'yes' : `no (${a.occurrences - b.occurrences} occ, ${(a.minutes - b.minutes).toFixed(0)} min)`;
    const label = `${size} (${(text.length / 1048576).toFixed(1)} MB)`;
    rows.push([label, w.name, 'craft-time', a.ms.toFixed(0), a.cpuMs.toFixed(0), `${(b.ms / a.ms).toFixed(2)}x faster (cpu ${(b.cpuMs / a.cpuMs).toFixed(2)}x)`, String(a.occurrences), a.minutes.toFixed(0), a.heapMb.toFixed(1), a.rssMb.toFixed(1), diff]);
    rows.push([label, w.name, 'node-ical', b.ms.toFixed(0), b.cpuMs.toFixed(0), '1.00x', String(b.occurrences), b.minutes.toFixed(0), b.heapMb.toFixed(1), b.rssMb.toFixed(1), '']);
  }
}
printTable(rows);
console.log('\nTargets: at least 1.5x faster than node-ical; under 1000 ms for 23,500 events over 5 years.');
}

// ---- worker thread against in-process ----

/** Bundles made for this run (the same entries esbuild.js bundles into dist/). */
const out = mkdtempSync(join(tmpdir(), 'craft-bench-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));
const bundle = (entry: string, file: string) => {
  buildSync({ entryPoints: [entry], outfile: join(out, file), bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  return join(out, file);
};
const workerScript = bundle('src/calendar/worker.ts', 'calendarWorker.js');
const calendarLib = bundle('src/calendar/expand.ts', 'calendar.js');
const cli = bundle('src/cli/main.ts', 'cli.js');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function workerTable(): Promise<void> {
  const text = outlookCalendar(23_500);
  const w = WINDOWS[0];
  const options = { fromMs: w.fromMs, toMs: w.toMs, timeZone: 'Europe/Berlin', ignorePatterns: [] };
  const worker = new CalendarWorker({ script: workerScript });
  const rounds = quick ? 3 : 5;
  const inProc: number[] = [], inProcCpu: number[] = [], off: number[] = [], offCpu: number[] = [];
  let offMeetings = 0, inMeetings = 0, hostPeakRss = 0, hostRssBefore = 0, hostLagMax = 0;
  // Cold: a fresh worker (thread start and module load) on the first file.
  let t0 = performance.now();
  await worker.expand(text, options);
  const coldMs = performance.now() - t0;
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so machine load hits both alike. CPU time is the whole process (the worker included).
    (globalThis as { gc?: () => void }).gc?.();
    let c0 = process.cpuUsage();
    t0 = performance.now();
    inMeetings = expandIcs(text, options).meetings.length;
    inProc.push(performance.now() - t0);
    let c = process.cpuUsage(c0);
    inProcCpu.push((c.user + c.system) / 1000);

    hostRssBefore = process.memoryUsage.rss();
    // While the worker expands, this thread is free: sample its RSS and how late its timers fire.
    let last = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      hostLagMax = Math.max(hostLagMax, now - last - 10);
      last = now;
      hostPeakRss = Math.max(hostPeakRss, process.memoryUsage.rss());
    }, 10);
    c0 = process.cpuUsage();
    t0 = performance.now();
    offMeetings = (await worker.expand(text, options)).meetings.length;
    off.push(performance.now() - t0);
    c = process.cpuUsage(c0);
    offCpu.push((c.user + c.system) / 1000);
    clearInterval(sampler);
  }
  worker.dispose();
  const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
  printTable([
    ['23,500 events, 5 years', 'median wall (ms)', 'median cpu (ms)', 'meetings', 'vs in-process (wall / cpu)'],
    ['in-process', median(inProc).toFixed(0), median(inProcCpu).toFixed(0), String(inMeetings), ''],
    ['worker (warm)', median(off).toFixed(0), median(offCpu).toFixed(0), String(offMeetings), `${pct(median(off), median(inProc))} / ${pct(median(offCpu), median(inProcCpu))}`],
    ['worker (cold, first file)', coldMs.toFixed(0), '', '', pct(coldMs, median(inProc))],
  ]);
  console.log(`\nTarget: the worker costs at most 10 % over in-process. While the worker expanded, this (host) thread's`);
  console.log(`timers fired at most ${hostLagMax.toFixed(0)} ms late, and the whole process's RSS peaked at ${(hostPeakRss / 1048576).toFixed(0)} MiB (${((hostPeakRss - hostRssBefore) / 1048576).toFixed(0)} MiB over its level before).\n`);
}

// ---- peak memory of whole processes ----

/** Runs a command in a fresh process; returns its peak RSS in MiB (GNU time's %M, KiB). */
function peakRssMb(args: string[]): number {
  const res = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const lines = String(res.stderr).trim().split('\n');
  return Number(lines[lines.length - 1]) / 1024;
}

function memoryTable(): void {
  const file = join(out, 'calendar-23500.ics');
  writeFileSync(file, outlookCalendar(23_500));
  const from = '2021-01-01', to = '2025-12-31';
  const fromMs = Date.UTC(2021, 0, 1), toMs = Date.UTC(2026, 0, 1);
  const nodeIcalScript = join(out, 'node-ical-peer.js');
  writeFileSync(nodeIcalScript, `const ical = require(${JSON.stringify(require.resolve('node-ical'))});
const data = ical.sync.parseICS(require('fs').readFileSync(process.argv[2], 'utf8'));
let n = 0;
for (const c of Object.values(data)) { if (!c || c.type !== 'VEVENT') continue;
  for (const i of ical.expandRecurringEvent(c, { from: new Date(${fromMs}), to: new Date(${toMs - 1}), expandOngoing: true })) if (!i.isFullDay && i.event.status !== 'CANCELLED') n++; }
console.log(n);`);
  const inProcScript = join(out, 'in-process.js');
  writeFileSync(inProcScript, `const { expandIcsBytes } = require(${JSON.stringify(calendarLib)});
console.log(expandIcsBytes(require('fs').readFileSync(process.argv[2]), { fromMs: ${fromMs}, toMs: ${toMs}, timeZone: 'Europe/Berlin', ignorePatterns: [] }).meetings.length);`);
  const workerHostScript = join(out, 'worker-host.js');
  writeFileSync(workerHostScript, `const { Worker } = require('worker_threads');
const w = new Worker(${JSON.stringify(workerScript)});
w.on('message', (m) => { console.log(m.result.attendees.length); w.terminate(); });
w.postMessage({ id: 1, input: require('fs').readFileSync(process.argv[2], 'utf8'), options: { fromMs: ${fromMs}, toMs: ${toMs}, timeZone: 'Europe/Berlin', ignorePatterns: [] } });`);
  const rows = [['23,500 events, 5 years (one fresh process each)', 'peak RSS (MiB)']];
  rows.push(['craft-time meetings --json (the CLI, in-process)', peakRssMb([cli, 'meetings', '--ics', file, '--from', from, '--to', to, '--tz', 'Europe/Berlin', '--json']).toFixed(0)]);
  rows.push(['node-ical: parse + expand the same file', peakRssMb([nodeIcalScript, file]).toFixed(0)]);
  rows.push(['our engine alone, in-process', peakRssMb([inProcScript, file]).toFixed(0)]);
  rows.push(['a host process expanding on the worker thread', peakRssMb([workerHostScript, file]).toFixed(0)]);
  printTable(rows);
}
