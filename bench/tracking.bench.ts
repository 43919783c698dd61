// Benchmarks for issue 2 (hands-on tracking). Inputs are generated on the fly; figures are printed,
// never asserted. Run: npx tsx bench/tracking.bench.ts  (or npm run bench for every bench/*.bench.ts)
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HeartbeatAccumulator } from '../src/core/accumulator';
import { changePart, OriginClassifier } from '../src/core/origin';
import { dailyActivity } from '../src/core/days';
import { buildTimeline } from '../src/core/timeline';
import type { Category, Span } from '../src/core/types';
import { addDays, isoWeekday, zonedTime } from '../src/core/zone';
import { ActivityWriter } from '../src/store/activityStore';
import { readActivity } from '../src/store/history';
import { seededRandom } from '../src/core/random';

const ROOT = path.join(__dirname, '..');
const TZ = 'Europe/Berlin';
const YEAR = 2025;
const FLUSH_MS = 30_000;

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly note: string;
}
const rows: Row[] = [];
const row = (measure: string, value: string, target: string, note = '') => {
  rows.push({ measure, value, target, note });
  console.error(`  done: ${measure} = ${value}`);
};

/** CPU milliseconds (user + system) since `since`: less distorted than wall time on a shared machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const rng = seededRandom;

/** Gap to the next heartbeat: mostly typing and navigation, sometimes reading, now and then a pause. */
function nextGap(r: () => number): number {
  const x = r();
  if (x < 0.7) return 150 + r() * 2_850; // typing, scrolling, selections: 0.15-3 s
  if (x < 0.95) return 3_000 + r() * 42_000; // reading, thinking: 3-45 s
  return 45_000 + r() * 195_000; // a pause: 45 s - 4 min (some exceed the idle limit? no: < 5 min)
}

const CATS: Category[] = ['coding', 'coding', 'coding', 'coding', 'reading', 'reading', 'building', 'debugging', 'reviewing'];

// ---------------------------------------------------------------------------------------------
// 0. A reference workload, so figures from a busy or slow machine can be scaled: 1e8 integer
//    additions take about 70-100 ms of CPU on an idle laptop core of 2020-2024.
function benchReference(): void {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i & 7;
  const wall = performance.now() - t0;
  row('reference: 1e8 integer additions', `${wall.toFixed(0)} ms`, '(~80 ms idle)', `cpu ${cpuMs(cpu0).toFixed(0)} ms (checksum ${sum % 10}); scale the other rows by it`);
}

// ---------------------------------------------------------------------------------------------
// 1. Hot path: HeartbeatAccumulator.add per editor event, drains every 30 s (amortised).
function benchHotPath(): void {
  const n = 4_000_000;
  const r = rng(1);
  const times = new Float64Array(n);
  const keys = new Uint8Array(n);
  let t = Date.UTC(YEAR, 0, 6, 8);
  let key = 0;
  for (let i = 0; i < n; i++) {
    t += r() < 0.9 ? 20 + r() * 400 : nextGap(r); // keystroke rate most of the time
    if (r() < 0.002) key = Math.floor(r() * 12);
    times[i] = t;
    keys[i] = key;
  }
  const cats = Array.from({ length: 12 }, (_, k) => CATS[k % CATS.length]);
  const langs = Array.from({ length: 12 }, (_, k) => ['typescript', 'markdown', 'json'][k % 3]);
  const wss = Array.from({ length: 12 }, (_, k) => ['a1b2c3d4e5f6', '0f9e8d7c6b5a'][k % 2]);
  const runOnce = () => {
    const acc = new HeartbeatAccumulator();
    let nextFlush = times[0] + FLUSH_MS;
    let spans = 0;
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      acc.add(times[i], cats[k], langs[k], wss[k]);
      if (times[i] >= nextFlush) {
        spans += acc.drain().length; // the 30 s timer; the write itself is async, off the event path
        nextFlush = times[i] + FLUSH_MS;
      }
    }
    spans += acc.drain().length;
    return { ns: Number(process.hrtime.bigint() - start) / n, cpuNs: (cpuMs(cpu0) * 1e6) / n, spans };
  };
  runOnce(); // warm-up (JIT)
  const results = [runOnce(), runOnce(), runOnce()].sort((a, b) => a.ns - b.ns);
  const med = results[1];
  row('hot path: HeartbeatAccumulator.add', `${med.ns.toFixed(1)} ns/event`, '< 2000 ns',
    `cpu ${med.cpuNs.toFixed(1)} ns/event; median of 3 x ${n / 1e6}M events incl. 30 s drains (${med.spans} spans); no I/O per event: writes happen only in the 30 s flush`);
}

// ---------------------------------------------------------------------------------------------
// 1b. Hot path with the origin classifier (issue 10): per editor event what the tracker does now. A
//     content change is reduced to ChangeParts and classified, a selection is checked for being caused
//     by an edit, then the heartbeat goes to the accumulator. The mix is a person typing (keystrokes and
//     their caused caret moves), moving around, and now and then a tool writing a line.
function benchHotPathWithOrigin(): void {
  const n = 2_000_000;
  const r = rng(5);
  const kinds = new Uint8Array(n); // 0 typed char, 1 caused selection, 2 user selection, 3 tool line, 4 Enter
  const times = new Float64Array(n);
  let t = Date.UTC(YEAR, 0, 6, 8);
  for (let i = 0; i < n; i++) {
    const x = r();
    kinds[i] = x < 0.45 ? 0 : x < 0.9 ? 1 : x < 0.95 ? 2 : x < 0.98 ? 4 : 3;
    t += kinds[i] === 1 ? 1 : r() < 0.95 ? 20 + r() * 300 : nextGap(r);
    times[i] = t;
  }
  const texts = ['a', 'streamed line from a tool\n', '\n    '];
  const runOnce = () => {
    const acc = new HeartbeatAccumulator();
    const origin = new OriginClassifier<string>();
    let nextFlush = times[0] + FLUSH_MS;
    let assisted = 0;
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const time = times[i], k = kinds[i];
      if (k === 1 || k === 2) {
        if (origin.selection(time, 'doc', true)) acc.add(time, 'reading', 'typescript', 'a1b2c3d4e5f6');
      } else {
        const text = texts[k === 0 ? 0 : k === 3 ? 1 : 2];
        const v = origin.change({ ref: 'doc', time, doc: 'doc', active: true, undoRedo: false, parts: [changePart(text, 0, 10, 10)] });
        if (v.origin === 'hands') acc.add(time, 'coding', 'typescript', 'a1b2c3d4e5f6', v.lines);
        for (const late of origin.release(time)) {
          assisted++;
          acc.add(time, 'assisted', 'typescript', 'a1b2c3d4e5f6', late.lines);
        }
      }
      if (time >= nextFlush) {
        acc.drain();
        nextFlush = time + FLUSH_MS;
      }
    }
    acc.drain();
    return { ns: Number(process.hrtime.bigint() - start) / n, cpuNs: (cpuMs(cpu0) * 1e6) / n, assisted };
  };
  runOnce();
  const results = [runOnce(), runOnce(), runOnce()].sort((a, b) => a.ns - b.ns);
  row('hot path with origin classifier', `${results[1].ns.toFixed(1)} ns/event`, '< 2000 ns',
    `cpu ${results[1].cpuNs.toFixed(1)} ns/event; median of 3 x ${n / 1e6}M events (typing, caused and user caret moves, Enter, 2% tool lines: ${results[1].assisted} assisted); changePart + classify + accumulate; no I/O, the clipboard is read only for blocks (none here)`);
}

// ---------------------------------------------------------------------------------------------
// 2. A heavy year on disk: 250 working days, 8 h, 3 windows taking turns, each window a new
//    session (new source file) every day, spans made by the accumulator with 30 s drains.
interface HeavyYear {
  readonly dir: string;
  readonly bytes: number;
  readonly files: number;
  readonly spans: number;
  readonly heartbeats: number;
  readonly trackedHours: number;
  readonly from: string;
  readonly to: string;
}

async function writeHeavyYear(dir: string): Promise<HeavyYear> {
  const r = rng(7);
  const windows = [
    { ws: 'aaaaaaaaaaa1', name: 'craft-time', langs: ['typescript', 'json', 'markdown'] },
    { ws: 'bbbbbbbbbbb2', name: 'backend', langs: ['go', 'yaml', 'sql'] },
    { ws: 'ccccccccccc3', name: 'notes', langs: ['markdown', 'plaintext', 'python'] },
  ];
  const names = new Map(windows.map((w) => [w.ws, w.name]));
  let date = `${YEAR}-01-01`;
  let workDays = 0, spans = 0, heartbeats = 0;
  const from = date;
  while (workDays < 250) {
    if (isoWeekday(date) <= 5) {
      workDays++;
      const accs = windows.map(() => new HeartbeatAccumulator());
      const pending: Span[][] = windows.map(() => []);
      let t = zonedTime(date, 9 * 60, TZ);
      const end = t + 8 * 3_600_000;
      let nextFlush = t + FLUSH_MS;
      let win = 0;
      let turnEnd = t + (5 + r() * 20) * 60_000; // a window keeps focus 5-25 min
      let cat: Category = 'coding', lang = windows[0].langs[0];
      while (t < end) {
        if (t >= turnEnd) {
          win = (win + 1) % 3;
          turnEnd = t + (5 + r() * 20) * 60_000;
          lang = windows[win].langs[0];
        }
        if (r() < 0.01) cat = CATS[Math.floor(r() * CATS.length)];
        if (r() < 0.005) lang = windows[win].langs[Math.floor(r() * 3)];
        accs[win].add(t, cat, lang, windows[win].ws);
        heartbeats++;
        if (t >= nextFlush) {
          // Every window's 30 s timer: what it drains is what it would append now.
          accs.forEach((a, i) => pending[i].push(...a.drain()));
          nextFlush = t + FLUSH_MS;
        }
        t += nextGap(r);
      }
      accs.forEach((a, i) => pending[i].push(...a.drain()));
      for (const [i, list] of pending.entries()) {
        if (list.length === 0) continue;
        spans += list.length;
        // One session per window per day. A writer appends every 30 s with one encoder per month, so
        // appending the day's drains in one call writes exactly the same bytes, in far less bench time.
        await new ActivityWriter(dir, `w-${date.replace(/-/g, '')}${i}`).append(list, names);
      }
    }
    date = addDays(date, 1);
  }
  let bytes = 0, files = 0;
  for (const m of fs.readdirSync(path.join(dir, 'activity'))) {
    for (const f of fs.readdirSync(path.join(dir, 'activity', m))) {
      bytes += fs.statSync(path.join(dir, 'activity', m, f)).size;
      files++;
    }
  }
  return { dir, bytes, files, spans, heartbeats, trackedHours: 250 * 8, from, to: addDays(date, -1) };
}

async function yearOfDays(year: HeavyYear) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const read = await readActivity(year.dir);
  const t1 = performance.now();
  const { segments } = buildTimeline(read.sources, { idleMs: 5 * 60_000, now: Date.UTC(YEAR + 1, 0, 1) });
  const days = dailyActivity(segments, year.from, year.to, TZ);
  const t2 = performance.now();
  return { total: t2 - t0, cpu: cpuMs(cpu0), read: t1 - t0, compute: t2 - t1, days, damaged: read.damagedLines };
}

async function benchYear(tmp: string): Promise<void> {
  const t0 = performance.now();
  const year = await writeHeavyYear(path.join(tmp, 'year'));
  console.error(`  generated the heavy year in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const cold = await yearOfDays(year);
  const warm = [await yearOfDays(year), await yearOfDays(year), await yearOfDays(year)].sort((a, b) => a.total - b.total)[1];
  const handsOnH = cold.days.reduce((s, d) => s + d.handsOnMs, 0) / 3_600_000;
  row('year of days, cold (first run in process)', `${cold.total.toFixed(0)} ms`, '< 150 ms',
    `cpu ${cold.cpu.toFixed(0)} ms; read+parse ${cold.read.toFixed(0)} ms, timeline+days ${cold.compute.toFixed(0)} ms; ${year.files} files, ${(year.bytes / 1048576).toFixed(1)} MB, ${year.spans} spans from ${(year.heartbeats / 1e6).toFixed(2)}M heartbeats; ${cold.days.length} days, ${handsOnH.toFixed(0)} h hands-on`);
  row('year of days, warm (median of 3)', `${warm.total.toFixed(0)} ms`, '', `cpu ${warm.cpu.toFixed(0)} ms; read+parse ${warm.read.toFixed(0)} ms, timeline+days ${warm.compute.toFixed(0)} ms`);
  row('disk per tracked hour, heavy year (3 windows)', `${(year.bytes / year.trackedHours / 1024).toFixed(2)} KB/h`, '< 4 KB/h',
    `${year.bytes} bytes / ${year.trackedHours} h; 750 sessions, each file with its header and dictionary`);
}

// ---------------------------------------------------------------------------------------------
// 3. Disk bytes per tracked hour, continuous typing, flushed every 30 s through the real writer.
async function benchDiskPerHour(tmp: string): Promise<void> {
  const dir = path.join(tmp, 'typing');
  const r = rng(3);
  const acc = new HeartbeatAccumulator();
  const writer = new ActivityWriter(dir, 'w-typing');
  const names = new Map([['aaaaaaaaaaa1', 'craft-time']]);
  const hours = 8;
  let t = Date.UTC(YEAR, 2, 3, 8);
  const end = t + hours * 3_600_000;
  let nextFlush = t + FLUSH_MS;
  let appends = 0;
  while (t < end) {
    acc.add(t, 'coding', 'typescript', 'aaaaaaaaaaa1');
    if (t >= nextFlush) {
      await writer.append(acc.drain(), names);
      appends++;
      nextFlush += FLUSH_MS;
    }
    t += 100 + r() * 400; // 2-10 events a second, never a pause
  }
  await writer.append(acc.drain(), names);
  const bytes = fs.statSync(writer.fileFor('2025-03')).size;
  row('disk per tracked hour, continuous typing', `${(bytes / hours / 1024).toFixed(2)} KB/h`, '< 4 KB/h',
    `${bytes} bytes for ${hours} h, ${appends} appends (one per 30 s flush, one line each)`);
}

// ---------------------------------------------------------------------------------------------
// 4. Bundle size of the extension, minified, with and without the calendar library.
const CALENDAR_LIBS = ['node_modules/ical.js/', 'node_modules/timezones-ical-library/', 'node_modules/windows-iana/'];

async function benchBundle(tmp: string): Promise<string | undefined> {
  if (!fs.existsSync(path.join(ROOT, 'src/extension.ts'))) {
    row('bundle size (dist/extension.js, minified)', 'skipped', '< 150 KB', 'src/extension.ts does not exist yet');
    return undefined;
  }
  const esbuild = await import('esbuild');
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  // The same options as `node esbuild.js --production` (esbuild.js keeps the calendar engine, ical.js and
  // the zone data, in its own lazily required bundle, dist/calendar.js).
  const build = async (entry: string, outfile: string, external: string[]) => {
    const result = await esbuild.build({
      absWorkingDir: ROOT, entryPoints: [entry], outfile, bundle: true, minify: true, sourcemap: false,
      platform: 'node', format: 'cjs', target: 'node20', external, metafile: true, logLevel: 'silent',
    });
    const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
    const byLib = new Map<string, number>();
    for (const [input, info] of Object.entries(out.inputs)) {
      const lib = CALENDAR_LIBS.find((l) => input.includes(l));
      if (lib) byLib.set(lib, (byLib.get(lib) ?? 0) + info.bytesInOutput);
    }
    const libs = [...byLib.values()].reduce((a, b) => a + b, 0);
    const detail = [...byLib].map(([l, b]) => `${l.replace('node_modules/', '').replace('/', '')} ${kb(b)}`).join(', ');
    return { total: fs.statSync(outfile).size, libs, detail };
  };
  const outfile = path.join(tmp, 'bundle', 'extension.js');
  try {
    const ext = await build('src/extension.ts', outfile, ['vscode', './calendar.js', './reports.js']);
    row('bundle: dist/extension.js, minified', kb(ext.total), '< 150 KB',
      ext.libs ? `of which calendar libraries ${kb(ext.libs)} (${ext.detail}); without them ${kb(ext.total - ext.libs)}` : 'no calendar library inside (it is in dist/calendar.js)');
    if (fs.existsSync(path.join(ROOT, 'src/calendar/expand.ts'))) {
      const cal = await build('src/calendar/expand.ts', path.join(tmp, 'bundle', 'calendar.js'), []);
      row('bundle: dist/calendar.js (lazy), minified', kb(cal.total), '', `calendar libraries ${kb(cal.libs)}: ${cal.detail}`);
      const rep = await build('src/host/reports.ts', path.join(tmp, 'bundle', 'reports.js'), ['vscode', './calendar.js']);
      row('bundle: dist/reports.js (lazy), minified', kb(rep.total), '', 'monthly summary and team aggregate, loaded on first use');
      row('bundle: extension + calendar + reports', kb(ext.total + cal.total + rep.total), '', 'everything the extension can load');
    }
    return outfile;
  } catch (error) {
    row('bundle size (dist/extension.js, minified)', 'failed', '< 150 KB', `build failed: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Activation: require the bundle with a fake `vscode` module and call activate with a fake context.
function fakeVscode(): Record<string, unknown> {
  // A deep stand-in for every namespace: any property is another stand-in, calls return stand-ins,
  // `get(key, fallback)` returns the fallback (configuration, mementos), and nothing is a thenable.
  const make = (): unknown => {
    const cache = new Map<PropertyKey, unknown>();
    const target = function () {} as unknown as Record<PropertyKey, unknown>;
    return new Proxy(target, {
      get(_t, prop) {
        if (prop === 'then') return undefined;
        if (prop === Symbol.toPrimitive) return () => '';
        if (prop === Symbol.iterator) return function* () {};
        if (prop === 'get') return (_key: string, fallback?: unknown) => fallback;
        if (prop === 'length') return 0;
        if (prop === 'fsPath' || prop === 'path') return os.tmpdir();
        if (!cache.has(prop)) cache.set(prop, make());
        return cache.get(prop);
      },
      set(_t, prop, value) {
        cache.set(prop, value);
        return true;
      },
      apply: () => make(),
      construct: () => make() as object,
    });
  };
  class Disposable {
    static from(...items: { dispose(): unknown }[]) {
      return new Disposable(() => items.forEach((i) => i?.dispose?.()));
    }
    constructor(private readonly fn: () => unknown) {}
    dispose() {
      this.fn();
    }
  }
  class EventEmitter {
    private listeners: ((e: unknown) => void)[] = [];
    event = (l: (e: unknown) => void) => {
      this.listeners.push(l);
      return new Disposable(() => (this.listeners = this.listeners.filter((x) => x !== l)));
    };
    fire(e: unknown) {
      this.listeners.forEach((l) => l(e));
    }
    dispose() {
      this.listeners = [];
    }
  }
  class Plain {
    constructor(...args: unknown[]) {
      Object.assign(this, { args });
    }
  }
  const enumOf = (...names: string[]) => Object.fromEntries(names.map((n, i) => [n, i + 1]));
  const uri = (p: string) => ({ fsPath: p, path: p, scheme: 'file', toString: () => `file://${p}` });
  // Own, enumerable properties: esbuild's CommonJS interop copies them onto the imported namespace.
  return {
    window: make(), workspace: make(), commands: make(), debug: make(), tasks: make(), env: make(),
    languages: make(), extensions: make(), notebooks: make(), l10n: make(),
    Disposable, EventEmitter,
    Uri: { file: uri, parse: (s: string) => uri(s), joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)) },
    ThemeColor: Plain, MarkdownString: Plain, RelativePattern: Plain, TabInputTextDiff: Plain, TabInputNotebookDiff: Plain, Task: Plain,
    StatusBarAlignment: enumOf('Left', 'Right'),
    TextEditorSelectionChangeKind: enumOf('Keyboard', 'Mouse', 'Command'),
    QuickPickItemKind: { Separator: -1, Default: 0 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: enumOf('Global', 'Workspace', 'WorkspaceFolder'),
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  };
}

async function benchActivation(bundle: string | undefined, tmp: string): Promise<void> {
  if (!bundle) {
    row('activation (require + activate)', 'skipped', '', 'no bundle');
    return;
  }
  const vscode = fakeVscode();
  const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = M._load;
  M._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  const storage = path.join(tmp, 'storage');
  fs.mkdirSync(storage, { recursive: true });
  const subscriptions: { dispose(): unknown }[] = [];
  const memento = { get: (_k: string, d?: unknown) => d, update: async () => {}, keys: () => [], setKeysForSync: () => {} };
  const context = {
    subscriptions, globalStorageUri: { fsPath: storage, path: storage, scheme: 'file' }, extensionUri: { fsPath: ROOT, path: ROOT, scheme: 'file' },
    extensionPath: ROOT, globalState: memento, workspaceState: memento,
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
    extensionMode: 1, logUri: { fsPath: storage }, storageUri: undefined, environmentVariableCollection: {},
  };
  const req = Module.createRequire(__filename);
  try {
    const t0 = performance.now();
    const ext = req(bundle) as { activate(ctx: unknown): unknown; deactivate?(): unknown };
    const t1 = performance.now();
    ext.activate(context);
    const t2 = performance.now();
    row('activation: require bundle', `${(t1 - t0).toFixed(1)} ms`, '', 'minified bundle, fake vscode module');
    row('activation: activate()', `${(t2 - t1).toFixed(1)} ms`, '', 'synchronous part; history is read lazily afterwards');
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the lazy first render settle before tearing down
    await ext.deactivate?.();
    for (const s of subscriptions) {
      try {
        s.dispose();
      } catch {
        // a fake-vscode artefact; the bench only times activation
      }
    }
  } catch (error) {
    row('activation (require + activate)', 'failed', '', `${(error as Error).message.split('\n')[0]} (the fake vscode module may lack an API)`);
  } finally {
    M._load = load;
  }
}

// ---------------------------------------------------------------------------------------------
function printTable(): void {
  const head: Row = { measure: 'measure', value: 'value', target: 'target', note: 'note' };
  const all = [head, ...rows];
  const w = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const line = (r: Row) => `| ${r.measure.padEnd(w('measure'))} | ${r.value.padStart(w('value'))} | ${r.target.padEnd(w('target'))} | ${r.note} |`;
  console.log(`\nIssue 2 benchmarks (node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(2)})\n`);
  console.log(line(head));
  console.log(`|${'-'.repeat(w('measure') + 2)}|${'-'.repeat(w('value') + 2)}|${'-'.repeat(w('target') + 2)}|------|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-bench-'));
  try {
    const only = process.argv.includes('--year-only');
    benchReference();
    if (!only) benchHotPath();
    if (!only) benchHotPathWithOrigin();
    if (process.argv.includes('--hot-only')) return;
    if (!only) await benchDiskPerHour(tmp);
    await benchYear(tmp);
    if (only) return;
    const bundle = await benchBundle(tmp);
    await benchActivation(bundle, tmp);
  } finally {
    printTable();
    if (process.argv.includes('--keep')) console.log(`\nInputs kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(0); // timers a half-faked extension may have left behind
}

void main();
