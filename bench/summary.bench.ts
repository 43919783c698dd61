// Benchmark: monthly summary (all formats) and dashboard models from a generated heavy year, cold and warm,
// plus the dashboard's first paint in headless Chromium. Prints a table; no assertions.
//   npx tsx bench/summary.bench.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildDashboardModel, dashboardModelFromDays, dashboardMeasureRange } from '../src/views/dashboardModel';
import { dailyMeasures } from '../src/core/measures';
import { testInputs } from '../test/unit/builders';
import { monthlySummary } from '../src/views/summaryView';
import { renderSummary, SUMMARY_FORMATS } from '../src/views/render/renderSummary';
import { floorFor } from '../src/core/roles';
import { mergeSpans } from '../src/core/timeline';
import { addMonths } from '../src/core/zone';
import { HAS_CHROMIUM, launch } from '../test/unit/browser/chromium';
import { buildDashboardPage, FAKE_VSCODE_API } from '../test/unit/browser/dashboardPage';
import { sampleData } from '../test/unit/browser/sampleData';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any;

const TZ = 'Europe/Berlin';
const TODAY = '2026-04-02';
const MONTHS = Array.from({ length: 12 }, (_, i) => addMonths('2025-04', i));
const rows: [string, string, string, string][] = [];

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const [data, genMs] = time(() => sampleData({ from: '2025-01-01', to: '2026-04-01', timeZone: TZ, heavy: true, seed: 7, timeOff: ['2025-08-04', '2025-08-05', '2025-08-06', '2025-08-07', '2025-08-08', '2025-12-24', '2025-12-31'] }));
  const [segments, timelineMs] = time(() => mergeSpans(data.spans, 5 * 60_000));
  console.log(`Heavy year: ${data.spans.length.toLocaleString('en')} spans -> ${segments.length.toLocaleString('en')} segments, ${data.meetings.length.toLocaleString('en')} meetings (generated in ${genMs.toFixed(0)} ms; timeline ${timelineMs.toFixed(0)} ms).`);
  const inputs = testInputs({ segments, meetings: data.meetings, timeOff: data.timeOff, timeZone: TZ, role: 'principal', floor: floorFor('principal'), meetingCoverage: 'full' });
  const names = data.workspaceNames;

  // Monthly summary: model + all four formats.
  const fullSummary = (month: string) => {
    const s = monthlySummary(inputs, month, { today: TODAY, includeWorkspaces: true, workspaceNames: names });
    let bytes = 0;
    for (const f of SUMMARY_FORMATS) bytes += renderSummary(s, f).length;
    return bytes;
  };
  const [, summaryCold] = time(() => fullSummary('2026-03'));
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) warm.push(time(() => fullSummary('2026-03'))[1]);
  const [, modelOnly] = time(() => monthlySummary(inputs, '2026-02', { today: TODAY }));
  rows.push(['Monthly summary, model + md/html/json/csv (March)', ms(summaryCold), ms(median(warm)), '< 100 ms warm']);
  rows.push(['Monthly summary, model only (another month)', '', ms(modelOnly), '']);

  // Dashboard model: each of 12 months and the last 12 weeks (each call computes its own measures).
  const dashAll = () => {
    for (const m of MONTHS) buildDashboardModel(inputs, { range: { kind: 'month', month: m }, today: TODAY, includeWorkspaces: true, workspaceNames: names });
    return buildDashboardModel(inputs, { range: { kind: 'last12Weeks' }, today: TODAY, includeWorkspaces: true, workspaceNames: names });
  };
  const [model12w, dashCold] = time(dashAll);
  const dashWarm: number[] = [];
  for (let i = 0; i < 5; i++) dashWarm.push(time(dashAll)[1]);
  rows.push(['Dashboard models: 12 months + last 12 weeks', ms(dashCold), ms(median(dashWarm)), '']);
  // With the day measures of the whole year computed once and reused (what a host cache would do).
  const yearRange = { from: dashboardMeasureRange({ kind: 'month', month: MONTHS[0] }, TODAY).from, to: TODAY };
  const [days, daysMs] = time(() => dailyMeasures(inputs, yearRange));
  const [, fromDays] = time(() => {
    for (const m of MONTHS) dashboardModelFromDays(days, inputs, { range: { kind: 'month', month: m }, today: TODAY });
  });
  rows.push(['  year of day measures once (cache fill)', '', ms(daysMs), '']);
  rows.push(['  then 12 month models from cached days', '', ms(fromDays), '']);
  const modelBytes = JSON.stringify(model12w).length;

  // Dashboard first paint in Chromium.
  if (!HAS_CHROMIUM) {
    rows.push(['Dashboard first paint (Chromium)', 'skipped', 'no /usr/bin/chromium', '< 300 ms']);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-bench-'));
    const pageFor = await buildDashboardPage(dir);
    const url = pathToFileURL(pageFor('dark')).href;
    const browser = await launch();
    const paints: { ready: number; paint: number; render: number }[] = [];
    const yearModel = buildDashboardModel(inputs, { range: { kind: 'month', month: '2026-03' }, today: TODAY, includeWorkspaces: true, workspaceNames: names });
    for (let i = 0; i < 6; i++) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
      await page.addInitScript(FAKE_VSCODE_API(undefined));
      await page.goto(url);
      await page.waitForFunction('window.__posted.length > 0');
      const ready = (await page.evaluate('performance.now()')) as number;
      const m = i % 2 === 0 ? model12w : yearModel;
      // In-page code as a string: tsx would wrap named functions in a __name helper the page lacks.
      await page.evaluate('window.__model = undefined');
      await page.evaluate((model) => { window.__model = model; }, m);
      const result = (await page.evaluate(`(async () => {
        const model = window.__model;
        const t0 = performance.now();
        window.postMessage({ type: 'model', model }, '*');
        await new Promise((resolve) => { (function check() { document.body.dataset.rendered ? resolve() : setTimeout(check, 0); })(); });
        const rendered = performance.now() - t0;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return { rendered, painted: performance.now() - t0, renderMs: Number(document.body.dataset.renderMs) };
      })()`)) as { rendered: number; painted: number; renderMs: number };
      paints.push({ ready, paint: result.painted, render: result.renderMs });
      await context.close();
    }
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
    rows.push(['Dashboard page load -> ready (Chromium)', ms(paints[0].ready), ms(median(paints.slice(1).map((p) => p.ready))), '']);
    rows.push(['Dashboard model posted -> charts painted', ms(paints[0].paint), ms(median(paints.slice(1).map((p) => p.paint))), '< 300 ms']);
    rows.push(['  of which render() itself', ms(paints[0].render), ms(median(paints.slice(1).map((p) => p.render))), '']);
  }

  const w = [52, 12, 14, 14];
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  console.log('');
  console.log(line(['measure', 'cold', 'warm (median)', 'target']));
  console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`\nLast-12-weeks model: ${(modelBytes / 1024).toFixed(1)} KiB as JSON. Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0].toFixed(2)}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
