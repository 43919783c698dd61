// Benchmark: the calendar helpers of src/core/zone.ts that measures, summaries and the edge call per day
// or per interval (a year of days, ISO weeks, month ranges, day boundaries in a zone with DST).
// Run: npx tsx bench/zone.bench.ts. Prints a table (median of 7 runs); asserts nothing.
import { performance } from 'node:perf_hooks';
import { addDays, addMonths, dateRange, dayBoundaries, daysBetween, isoWeek, localDate, monthRange, startOfIsoWeek, zonedTime } from '../src/core/zone';

const TZ = 'Europe/Berlin';
const days = dateRange('2024-01-01', '2025-12-31');
let sink = 0;

function median(fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[3];
}

const cases: [string, () => void][] = [
  ['addDays x 100k', () => { for (let i = 0; i < 100_000; i++) sink += addDays(days[i % days.length], 3).length; }],
  ['daysBetween x 100k', () => { for (let i = 0; i < 100_000; i++) sink += daysBetween(days[0], days[i % days.length]); }],
  ['dateRange (2 years) x 100', () => { for (let i = 0; i < 100; i++) sink += dateRange('2024-01-01', '2025-12-31').length; }],
  ['isoWeek x 100k', () => { for (let i = 0; i < 100_000; i++) sink += isoWeek(days[i % days.length]).length; }],
  ['startOfIsoWeek x 100k', () => { for (let i = 0; i < 100_000; i++) sink += startOfIsoWeek(days[i % days.length]).length; }],
  ['monthRange + addMonths x 100k', () => { for (let i = 0; i < 100_000; i++) sink += monthRange(addMonths('2024-01', i % 36)).to.length; }],
  ['localDate x 100k', () => { for (let i = 0; i < 100_000; i++) sink += localDate(1_704_067_200_000 + i * 631_000, TZ).length; }],
  ['zonedTime x 20k', () => { for (let i = 0; i < 20_000; i++) sink += zonedTime(days[i % days.length], 540, TZ); }],
  ['dayBoundaries (1 year) x 10', () => { for (let i = 0; i < 10; i++) sink += dayBoundaries('2025-01-01', '2025-12-31', TZ).bounds.length; }],
];

console.log('| case | median ms |');
console.log('|---|---:|');
for (const [name, fn] of cases) {
  fn(); // warm up
  console.log(`| ${name} | ${median(fn).toFixed(1)} |`);
}
if (sink === 42) console.log('');
