// Why ui/origin saw a real 60-line paste as 1 changed line: the activity file keeps whole seconds (start and
// end rounded down), so the span that ends with the paste's heartbeat can end before the instant the test
// took just before pressing Ctrl+V; the old range check dropped it and counted the next span (the Enter
// after the range, rounded down into it) instead. The instants below are the ones recorded in that run.
import { describe, expect, test } from 'vitest';
import { HeartbeatAccumulator } from '../../../src/core/accumulator';
import { ActivityEncoder, headerLine } from '../../../src/store/activityFormat';
import { parseSpanLines, spansWithin, type RecordedSpan } from '../../integration/harness/spans.mjs';

// One keystroke per ~80 ms of "lorem ipsum", Enter (1 line), the paste's heartbeat once the clipboard
// comparison came back (59 lines), then, after the language switched to php, Enter in the next test.
const TYPING = [1795836978100, 1795836978900, 1795836979700];
const ENTER = 1795836980572;
const PASTE = 1795836980739;
const NEXT_ENTER = 1795836982809;
const FROM = 1795836980616; // Date.now() right before Ctrl+V

function recordedFile(): RecordedSpan[] {
  const acc = new HeartbeatAccumulator();
  for (const t of TYPING) acc.add(t, 'coding', 'plaintext', 'ws');
  acc.add(ENTER, 'coding', 'plaintext', 'ws', 1);
  acc.add(PASTE, 'coding', 'plaintext', 'ws', 59);
  acc.add(NEXT_ENTER, 'coding', 'php', 'ws', 1);
  const text = headerLine('w-test', 'code-server') + '\n' + new ActivityEncoder().encode(acc.drain(), new Map([['ws', 'workspace']]));
  return parseSpanLines(text);
}

describe('judging recorded spans against a test\'s instants', () => {
  test('the paste span is written ending at 1795836980 s, before the instant taken before Ctrl+V', () => {
    const spans = recordedFile();
    // Plaintext span: 1795836978.1 .. 1795836980.739 -> [1795836978, 2]; php span: [1795836982, 0].
    expect(spans).toEqual([
      { start: 1795836978000, end: 1795836980000, code: 'c', lines: 60 },
      { start: 1795836982000, end: 1795836982000, code: 'c', lines: 1 },
    ]);
    expect(spans[0].end).toBeLessThan(FROM);
  });

  test('the old check (end < from excluded) lost the paste and counted the next Enter: 1 line', () => {
    const range = { from: FROM, to: 1795836982725 }; // the old range: 2 s after Ctrl+V, 84 ms before the next Enter
    const old = recordedFile().filter((s) => !(s.end < range.from || s.start > range.to));
    expect(old.reduce((n, s) => n + s.lines, 0)).toBe(1);
  });

  test('a recorded span covers the whole seconds it was rounded from, and a range ending a second before the next action leaves it out', () => {
    const range = { from: FROM, to: PASTE + 1000 }; // ui/origin now waits a second more before the next test
    const r = spansWithin(recordedFile(), range, ['c']);
    expect(r.count).toBe(1);
    expect(r.lines).toBe(60); // the Enter before Ctrl+V and the 59 line breaks of the paste, one span
    // [1795836978000, 1795836981000) meets [FROM, FROM + ...]: 1795836981000 - FROM = 384 ms
    expect(r.seconds).toBeCloseTo(0.384, 6);
    expect(spansWithin(recordedFile(), range, ['a']).count).toBe(0);
  });

  test('a span ending exactly at the second before a range does not meet it', () => {
    const spans: RecordedSpan[] = [{ start: 10_000, end: 11_000, code: 'r', lines: 0 }];
    expect(spansWithin(spans, { from: 12_000, to: 20_000 }, ['r']).count).toBe(0);
    expect(spansWithin(spans, { from: 11_999, to: 20_000 }, ['r']).count).toBe(1);
  });
});
