// Calendar expansion on a worker thread: same results as in-process, and a worker stuck past its
// wall-time budget is terminated while the calling thread keeps running (order asserted, not timing).
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandIcs, type ExpandOptions } from '../../../src/calendar/expand';
import { CalendarWorker } from '../../../src/calendar/workerClient';
import { fixture } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'craft-worker-'));
const script = join(tmp, 'calendarWorker.js');
/** A worker that never answers a job whose text contains HANG, and answers an empty calendar otherwise. */
const stuck = join(tmp, 'stuck.js');
const window: ExpandOptions = { fromMs: Date.UTC(2024, 4, 1), toMs: Date.UTC(2024, 6, 1), timeZone: 'Europe/Berlin' };
const clients: CalendarWorker[] = [];
const client = (options: Partial<ConstructorParameters<typeof CalendarWorker>[0]> = {}) => {
  const c = new CalendarWorker({ script, ...options });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  // The same bundle esbuild.js makes for dist/calendarWorker.js.
  await build({ entryPoints: ['src/calendar/worker.ts'], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  writeFileSync(stuck, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (String(job.input).includes('HANG')) for (;;) {}
  parentPort.postMessage({ id: job.id, result: { times: new Float64Array(0), ids: [], titles: [], attendees: new Int32Array(0), recurring: new Uint8Array(0), source: '', timeOff: [], problems: ['ok'], stats: { events: 0, occurrences: 0, excluded: {} } } });
});`);
}, 60_000);

afterAll(() => {
  for (const c of clients) c.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('calendar worker', () => {
  it('gives exactly the in-process result', async () => {
    for (const name of ['overrides-across-uids.ics', 'windows-zones.ics', 'exchange-allday.ics', 'rdate-period.ics']) {
      const text = fixture(name);
      const options = { ...window, fromMs: Date.UTC(2023, 0, 1), toMs: Date.UTC(2025, 0, 1), sourceId: 'src-1' };
      expect(await client().expand(text, options)).toEqual(expandIcs(text, options));
    }
  });

  it('accepts bytes as well as text', async () => {
    const text = fixture('filters.ics');
    const r = await client().expand(new TextEncoder().encode(text), window);
    expect(r).toEqual(expandIcs(text, window));
  });

  it('terminates a worker stuck past its budget; this thread keeps running; the next file still counts', async () => {
    const c = client({ script: stuck, graceMs: 100 });
    const order: string[] = [];
    const hostile = c.expand('HANG', { ...window, budget: { wallMs: 400 } }).then((r) => {
      order.push('hostile answered');
      return r;
    });
    const good = c.expand('fine', window).then((r) => {
      order.push('good answered');
      return r;
    });
    // A timer on this thread fires while the worker is still stuck.
    await new Promise((r) => setTimeout(r, 50));
    order.push('this thread ran');
    expect(c.busy).toBe(true);
    const [h, g] = await Promise.all([hostile, good]);
    expect(order).toEqual(['this thread ran', 'hostile answered', 'good answered']);
    expect(h.skipped).toBe('reading it took longer than 0.4 s');
    expect(h.problems).toEqual(['The calendar was skipped: reading it took longer than 0.4 s. Other calendars still count.']);
    expect(g.problems).toEqual(['ok']);
    expect(c.started).toBe(2); // the stuck worker was replaced
  });

  it('a hostile file over budget in the real worker costs only that file', async () => {
    const c = client();
    const tzid = 'x/'.repeat(30_000) + 'UTC';
    const hostile = `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:h\r\nDTSTART;TZID=${tzid}:20240603T090000\r\nDTEND;TZID=${tzid}:20240603T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const [h, g] = await Promise.all([c.expand(hostile, window), c.expand(fixture('filters.ics'), window)]);
    expect(h.skipped).toMatch(/TZID/);
    expect(g.meetings.length).toBeGreaterThan(0);
    expect(g).toEqual(expandIcs(fixture('filters.ics'), window));
  });

  it('a worker that runs out of memory skips that file only', async () => {
    const hog = join(tmp, 'hog.js');
    writeFileSync(hog, `require('node:worker_threads').parentPort.on('message', () => { const a = []; for (;;) a.push(new Array(1e5).fill(1)); });`);
    const c = client({ script: hog, maxHeapMb: 32 });
    const r = await c.expand('x', window);
    expect(r.skipped).toBe('reading it needed more than 32 MB of memory');
  });

  it('a missing worker script is a problem, not a throw', async () => {
    const r = await client({ script: join(tmp, 'missing.js') }).expand('x', window);
    expect(r.meetings).toEqual([]);
    expect(r.problems).toHaveLength(1);
  });
});
