import { describe, expect, test } from 'vitest';
import { decodeActivity } from '../../../src/store/activityFormat';

const header = '{"schema":1,"kind":"craft-time/activity","source":"w-test"}';

describe('span lines: the fast reader and JSON.parse agree', () => {
  test('the writer\'s compact form and a hand-written spaced form read the same', () => {
    const a = decodeActivity([header, '{"lang":1,"id":"go"}', '[1763802000,42,"c",1,0]'].join('\n'));
    const b = decodeActivity([header, '{"lang":1,"id":"go"}', '[ 1763802000, 42, "c", 1, 0 ]'].join('\n'));
    expect(a.spans).toEqual([{ start: 1763802000_000, end: 1763802042_000, category: 'coding', language: 'go', workspaceId: '', originKnown: false }]);
    expect(b.spans).toEqual(a.spans);
    expect(a.damagedLines + b.damagedLines).toBe(0);
  });

  test('malformed span lines are counted, never guessed', () => {
    const bad = [
      '[1763802000,-5,"c",0,0]', // negative duration
      '[1763802000,5,"x",0,0]', // unknown category
      '[1763802000,5,"c",7,0]', // undefined language ref
      '[1763802000,5,"c",0]', // four fields
      '[1763802000,5,"c",0,0,9,1]', // seven fields
      '[1763802000,5,"c",0,0,-9]', // negative changed lines
      '[1763802000,5,"c",0,0', // cut off
      '[1.5,5,"c",0,0]', // not an integer
      '[99999999999999999999,5,"c",0,0]', // not a safe integer
    ];
    const r = decodeActivity([header, ...bad, '[1763802100,10,"r",0,0]'].join('\n'));
    expect(r.damagedLines).toBe(bad.length);
    expect(r.spans).toEqual([{ start: 1763802100_000, end: 1763802110_000, category: 'reading', language: '', workspaceId: '', originKnown: false }]);
  });

  test('touching pieces of one run read back as one span; a gap or another key keeps them apart', () => {
    const t = 1763802000;
    const r = decodeActivity([header, `[${t},30,"c",0,0]`, `[${t + 30},30,"c",0,0]`, `[${t + 61},5,"c",0,0]`, `[${t + 66},5,"r",0,0]`].join('\n'));
    expect(r.spans.map((s) => [s.start / 1000 - t, s.end / 1000 - t, s.category])).toEqual([[0, 60, 'coding'], [61, 66, 'coding'], [66, 71, 'reading']]);
  });
});
