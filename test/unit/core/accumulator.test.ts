import { describe, expect, test } from 'vitest';
import { HeartbeatAccumulator } from '../../../src/core/accumulator';
import { mergeSpans, spansFromHeartbeats } from '../../../src/core/timeline';
import type { Category, Span } from '../../../src/core/types';

const T = Date.UTC(2025, 10, 20, 9, 0, 0);
const s = (sec: number) => T + sec * 1000;

/** Total length of a set of spans' union, in ms (what the drained stream claims as activity time). */
function coveredMs(spans: readonly Span[]): number {
  return mergeSpans(spans, 0).reduce((sum, x) => sum + (x.end - x.start), 0);
}

describe('HeartbeatAccumulator', () => {
  test('joins same-key heartbeats up to 60 s apart; a new key or a longer gap starts a new span', () => {
    const acc = new HeartbeatAccumulator();
    acc.add(s(0), 'coding', 'ts', 'w');
    acc.add(s(30), 'coding', 'ts', 'w');
    acc.add(s(90), 'coding', 'ts', 'w'); // exactly 60 s: joined
    acc.add(s(151), 'coding', 'ts', 'w'); // 61 s: new span
    acc.add(s(160), 'reading', 'ts', 'w');
    expect(acc.drain().map((x) => [x.start - T, x.end - T, x.category])).toEqual([
      [0, 90_000, 'coding'], [151_000, 151_000, 'coding'], [160_000, 160_000, 'reading'],
    ]);
  });

  test('drain never repeats time: consecutive drains of a growing span touch but never overlap', () => {
    const acc = new HeartbeatAccumulator();
    const out: Span[] = [];
    for (let i = 0; i <= 600; i += 5) {
      acc.add(s(i), 'coding', 'ts', 'w');
      if (i % 30 === 0) out.push(...acc.drain()); // a flush every 30 s
    }
    out.push(...acc.drain());
    expect(acc.drain()).toEqual([]);
    expect(acc.hasPending).toBe(false);
    for (let i = 1; i < out.length; i++) expect(out[i].start).toBeGreaterThanOrEqual(out[i - 1].end);
    // The drained pieces cover exactly what one span would: 0..600 s.
    expect(out[0].start).toBe(s(0));
    expect(out[out.length - 1].end).toBe(s(600));
    expect(out.reduce((sum, x) => sum + (x.end - x.start), 0)).toBe(600_000);
  });

  test('drained pieces are the same heartbeats spansFromHeartbeats would join (random stream)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cats: Category[] = ['coding', 'reading', 'debugging'];
    const acc = new HeartbeatAccumulator();
    const beats: { time: number; category: Category; language: string; workspaceId: string }[] = [];
    const drained: Span[] = [];
    let t = T;
    for (let i = 0; i < 5000; i++) {
      t += Math.floor(rnd() * 90_000);
      const h = { time: t, category: cats[Math.floor(rnd() * 1.2) % 3], language: rnd() < 0.9 ? 'ts' : 'md', workspaceId: 'w' };
      beats.push(h);
      acc.add(h.time, h.category, h.language, h.workspaceId);
      if (rnd() < 0.05) drained.push(...acc.drain());
    }
    drained.push(...acc.drain());
    const whole = spansFromHeartbeats(beats);
    expect(coveredMs(drained)).toBe(coveredMs(whole));
    // With any idle limit, the drained pieces give the same timeline as the whole spans.
    for (const idle of [60_000, 300_000]) {
      const total = (x: Span[]) => mergeSpans(x, idle).reduce((sum, seg) => sum + seg.end - seg.start, 0);
      expect(total(drained)).toBe(total(whole));
    }
  });

  test('restore after a failed write puts the spans back first, so nothing is lost or repeated', () => {
    const acc = new HeartbeatAccumulator();
    acc.add(s(0), 'coding', 'ts', 'w');
    acc.add(s(20), 'coding', 'ts', 'w');
    const failed = acc.drain(); // the write of these fails
    acc.add(s(40), 'coding', 'ts', 'w');
    acc.add(s(50), 'reading', 'ts', 'w');
    acc.restore(failed);
    expect(acc.hasPending).toBe(true);
    const retry = acc.drain();
    expect(retry.map((x) => [x.start - T, x.end - T, x.category])).toEqual([
      [0, 20_000, 'coding'], [20_000, 40_000, 'coding'], [50_000, 50_000, 'reading'],
    ]);
    expect(acc.drain()).toEqual([]);
  });

  test('restore of an empty batch and peek do not change what drain hands out', () => {
    const acc = new HeartbeatAccumulator();
    acc.add(s(0), 'coding', 'ts', 'w');
    acc.restore([]);
    acc.add(s(10), 'coding', 'ts', 'w');
    expect(acc.peek()).toEqual(acc.peek());
    const peeked = acc.peek();
    expect(acc.drain()).toEqual(peeked);
    expect(acc.peek()).toEqual([]);
  });

  test('a heartbeat earlier than the previous one (clock went back) is dropped and counted', () => {
    const acc = new HeartbeatAccumulator();
    expect(acc.add(s(100), 'coding', 'ts', 'w')).toBe(true);
    expect(acc.add(s(50), 'coding', 'ts', 'w')).toBe(false);
    expect(acc.add(s(99), 'reading', 'ts', 'w')).toBe(false);
    expect(acc.add(s(100), 'coding', 'ts', 'w')).toBe(true); // the same instant is not backwards
    expect(acc.add(s(130), 'coding', 'ts', 'w')).toBe(true);
    expect(acc.anomalies).toBe(2);
    expect(acc.drain().map((x) => [x.start - T, x.end - T])).toEqual([[100_000, 130_000]]);
  });

  test('the drained stream of a window is never itself an anomaly for cleanSource (start >= previous end)', () => {
    const acc = new HeartbeatAccumulator();
    const out: Span[] = [];
    for (const [sec, cat] of [[0, 'coding'], [10, 'reading'], [15, 'coding'], [16, 'coding'], [100, 'coding']] as const) {
      acc.add(s(sec), cat, 'ts', 'w');
      out.push(...acc.drain());
    }
    for (let i = 1; i < out.length; i++) expect(out[i].start).toBeGreaterThanOrEqual(out[i - 1].end);
  });
});

describe('cut (a pause)', () => {
  test('a heartbeat soon after a cut starts a new span instead of extending the old one across the pause', () => {
    const acc = new HeartbeatAccumulator();
    acc.add(1_000, 'coding', 'ts', 'w');
    acc.add(2_000, 'coding', 'ts', 'w');
    expect(acc.drain()).toEqual([{ start: 1_000, end: 2_000, category: 'coding', language: 'ts', workspaceId: 'w' }]);
    acc.cut();
    acc.add(30_000, 'coding', 'ts', 'w'); // 28 s later: would join without the cut
    expect(acc.drain()).toEqual([{ start: 30_000, end: 30_000, category: 'coding', language: 'ts', workspaceId: 'w' }]);
  });
});
