// A deterministic, realistic generator of activity and meetings (seeded), shared by the browser tests and
// bench/summary.bench.ts. Local times in the given zone; weekdays only, with a few days off.
import { mergeSpans } from '../../../src/core/timeline';
import type { Category, Meeting, Segment, Span, TimeOffDay } from '../../../src/core/types';
import { addDays, isoWeekday, zonedTime } from '../../../src/core/zone';

const MIN = 60_000;

export { seededRandom as prng } from '../../../src/core/random';
import { seededRandom as prng } from '../../../src/core/random';

export interface SampleOptions {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly seed?: number;
  /** Heartbeat-level detail: spans of ~1 minute instead of long spans (a heavy year). */
  readonly heavy?: boolean;
  /** Dates that are marked off (nothing is generated on them). */
  readonly timeOff?: readonly string[];
}

export interface SampleData {
  readonly spans: Span[];
  readonly segments: Segment[];
  readonly meetings: Meeting[];
  readonly timeOff: TimeOffDay[];
  readonly workspaceNames: Map<string, string>;
}

const LANGS = ['typescript', 'typescript', 'typescript', 'rust', 'markdown', 'json', 'python', 'yaml'];
const CATS: Category[] = ['coding', 'coding', 'coding', 'reading', 'reading', 'debugging', 'building', 'reviewing'];
export const EVIL_WORKSPACE = '<img src=x onerror=alert(1)>';

export function sampleData(o: SampleOptions): SampleData {
  const rnd = prng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const spans: Span[] = [];
  const meetings: Meeting[] = [];
  const off = new Set(o.timeOff ?? []);
  let id = 0;
  for (let d = o.from; d <= o.to; d = addDays(d, 1)) {
    const wd = isoWeekday(d);
    if (off.has(d)) continue;
    if (wd >= 6) {
      if (rnd() < 0.15) spans.push({ start: zonedTime(d, 10 * 60, o.timeZone), end: zonedTime(d, 10 * 60 + 40, o.timeZone), category: 'coding', language: 'rust', workspaceId: 'side' });
      continue;
    }
    // Meetings: daily standup, weekly 1:1, a large all-hands on Thursdays, a few one-offs.
    const meet = (startMin: number, len: number, attendees: number, recurring: boolean) =>
      meetings.push({ start: zonedTime(d, startMin, o.timeZone), end: zonedTime(d, startMin + len, o.timeZone), id: `m${++id}`, title: `Meeting ${id}`, attendees, recurring, source: 'sample' });
    meet(9 * 60 + 30, 15, 6, true);
    if (wd === 2) meet(11 * 60, 30, 2, true);
    if (wd === 4) meet(16 * 60, 60, 40, true);
    if (rnd() < 0.5) meet(pick([10 * 60 + 30, 13 * 60, 14 * 60, 15 * 60]), pick([30, 45, 60]), pick([3, 4, 5, 9]), false);
    // Hands-on blocks: morning and afternoon, varying.
    const blocks: [number, number][] = [[8 * 60 + 30 + Math.floor(rnd() * 30), 9 * 60 + 25], [9 * 60 + 50, 9 * 60 + 50 + 40 + Math.floor(rnd() * 80)], [13 * 60 + 15 + Math.floor(rnd() * 60), 16 * 60 + Math.floor(rnd() * 90)]];
    if (rnd() < 0.1) blocks.push([20 * 60, 21 * 60 + Math.floor(rnd() * 30)]);
    for (const [a, b] of blocks) {
      if (b <= a) continue;
      const ws = rnd() < 0.7 ? 'main' : rnd() < 0.5 ? 'evil' : 'infra';
      const lang = pick(LANGS), cat = pick(CATS);
      if (!o.heavy) {
        spans.push({ start: zonedTime(d, a, o.timeZone), end: zonedTime(d, b, o.timeZone), category: cat, language: lang, workspaceId: ws });
        continue;
      }
      // Heavy: a span per ~minute with small gaps, switching category every so often.
      let t = zonedTime(d, a, o.timeZone);
      const end = zonedTime(d, b, o.timeZone);
      let c = cat;
      while (t < end) {
        const len = Math.min(end - t, (30 + Math.floor(rnd() * 40)) * 1000);
        spans.push({ start: t, end: t + len, category: c, language: lang, workspaceId: ws });
        t += len + Math.floor(rnd() * 50) * 1000;
        if (rnd() < 0.05) c = pick(CATS);
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const segments = mergeSpans(spans, 5 * MIN);
  return {
    spans,
    segments,
    meetings: meetings.sort((a, b) => a.start - b.start),
    timeOff: [...off].map((date) => ({ date, reason: 'manual' as const })),
    workspaceNames: new Map([['main', 'craft-time'], ['infra', 'platform-infra'], ['side', 'advent-of-code'], ['evil', EVIL_WORKSPACE]]),
  };
}
