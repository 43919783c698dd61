// Decoding validates every field (issue 12) and reads format 2 (docs/data-format.md): each rule with the
// smallest line that breaks it, and what a reader gets instead (the line skipped and counted).
import { describe, expect, test } from 'vitest';
import { ActivityEncoder, decodeActivity, headerLine } from '../../../src/store/activityFormat';

const v2 = '{"schema":2,"kind":"craft-time/activity","source":"w-test","program":"cursor"}';
const v1 = '{"schema":1,"kind":"craft-time/activity","source":"w-old"}';
const T = Date.UTC(2026, 10, 20, 9) / 1000; // 2026-11-20 09:00 UTC, in seconds
const NOW = Date.UTC(2026, 10, 28) ;
const opts = { now: NOW, month: '2026-11' };
const decode = (...lines: string[]) => decodeActivity(lines.join('\n'), opts);

describe('format 2', () => {
  test('header program, assisted spans, changed lines, origin known', () => {
    const d = decode(v2, '{"lang":1,"id":"go"}', `[${T},30,"c",1,0,12]`, `[${T + 30},60,"a",1,0,200]`);
    expect(d.program).toBe('cursor');
    expect(d.originKnown).toBe(true);
    expect(d.damagedLines).toBe(0);
    expect(d.spans).toEqual([
      { start: T * 1000, end: (T + 30) * 1000, category: 'coding', language: 'go', workspaceId: '', lines: 12 },
      { start: (T + 30) * 1000, end: (T + 90) * 1000, category: 'assisted', language: 'go', workspaceId: '', lines: 200 },
    ]);
  });

  test('a version-1 file reads as program vscode with origin unknown on every span', () => {
    const d = decode(v1, `[${T},30,"c",0,0]`);
    expect(d.program).toBe('vscode');
    expect(d.originKnown).toBe(false);
    expect(d.spans[0].originKnown).toBe(false);
  });

  test('a second header later in the file (two appenders racing) is ignored, not damage', () => {
    const d = decode(v2, `[${T},30,"c",0,0]`, v2, `[${T + 40},30,"c",0,0]`);
    expect(d.damagedLines).toBe(0);
    expect(d.spans).toHaveLength(2);
  });

  test('touching pieces add their changed lines', () => {
    const d = decode(v2, `[${T},30,"c",0,0,3]`, `[${T + 30},0,"c",0,0,2]`, `[${T + 30},30,"c",0,0]`);
    expect(d.spans).toEqual([{ start: T * 1000, end: (T + 60) * 1000, category: 'coding', language: '', workspaceId: '', lines: 5 }]);
  });

  test('the encoder writes what the decoder reads back (lines only when > 0)', () => {
    const spans = [
      { start: T * 1000, end: (T + 5) * 1000, category: 'assisted' as const, language: 'ts', workspaceId: 'a1b2c3d4e5f6', lines: 9 },
      { start: (T + 100) * 1000, end: (T + 105) * 1000, category: 'coding' as const, language: 'ts', workspaceId: 'a1b2c3d4e5f6' },
    ];
    const text = headerLine('w-x', 'vscodium') + '\n' + new ActivityEncoder().encode(spans, new Map([['a1b2c3d4e5f6', 'proj']]));
    expect(text).toContain(`[${T},5,"a",1,1,9]`);
    expect(text).toContain(`[${T + 100},5,"c",1,1]`);
    const d = decodeActivity(text, opts);
    expect(d.spans).toEqual(spans);
    expect(d.header).toEqual({ schema: 2, kind: 'craft-time/activity', source: 'w-x', program: 'vscodium' });
  });
});

describe('every field validated: a bad line is skipped and counted', () => {
  const ok = `[${T},30,"c",0,0]`;
  test.each([
    ['category named like an Object.prototype member', `[${T},30,"constructor",0,0]`],
    ['category __proto__', `[${T},30,"__proto__",0,0]`],
    ['unknown category letter', `[${T},30,"x",0,0]`],
    ['an instant before 2000', '[946684799,30,"c",0,0]'],
    ['an instant outside JavaScript\'s date range', '[99999999999999,30,"c",0,0]'],
    ['a span of 26 years', `[${T},820000000,"c",0,0]`],
    ['a span longer than one day', `[${T},86401,"c",0,0]`],
    ['a start in the previous month', `[${Date.UTC(2026, 9, 31, 23) / 1000},30,"c",0,0]`],
    ['a start in the next month', `[${Date.UTC(2026, 11, 1) / 1000},30,"c",0,0]`],
    ['a span ending more than 5 minutes after now', `[${NOW / 1000 - 10},400,"c",0,0]`],
    ['negative changed lines', `[${T},30,"c",0,0,-1]`],
    ['fractional changed lines', `[${T},30,"c",0,0,1.5]`],
    ['a negative ref', `[${T},30,"c",-1,0]`],
    ['a pause before 2000', '{"pause":5}'],
    ['a pause in another month', `{"pause":${Date.UTC(2025, 0, 1) / 1000}}`],
    ['a language ref 0', '{"lang":0,"id":"go"}'],
    ['a language id that is not a string', '{"lang":1,"id":{"toString":1}}'],
    ['a language id of 10 000 characters', `{"lang":1,"id":"${'x'.repeat(10_000)}"}`],
    ['a workspace name that is a number', '{"ws":1,"id":"abc","name":5}'],
    ['an inherited-looking key only', '{"constructor":1}'],
    ['a later header of a newer schema', '{"schema":3,"kind":"craft-time/activity","source":"x"}'],
    ['a header program with capitals', '{"schema":2,"kind":"craft-time/activity","source":"x","program":"VS Code"}'],
  ])('%s', (_name, line) => {
    const d = decode(v2, line, ok);
    expect(d.damagedLines).toBe(1);
    expect(d.spans).toHaveLength(1);
  });

  test('a file in a folder that is not a month: nothing in it is placed in time', () => {
    const d = decodeActivity([v2, `[${T},30,"c",0,0]`].join('\n'), { now: NOW, month: '2026-13' });
    expect(d.spans).toEqual([]);
    expect(d.damagedLines).toBe(1);
  });

  test('without now and month (old callers) only the absolute bounds apply', () => {
    const d = decodeActivity([v2, `[${T},30,"c",0,0]`, `[${Date.UTC(2101, 0, 1) / 1000},30,"c",0,0]`].join('\n'));
    expect(d.spans).toHaveLength(1);
    expect(d.damagedLines).toBe(1);
  });
});
