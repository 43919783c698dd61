// Span lines of the extension's activity files, read the way the integration suites judge them.
// The files keep whole seconds: a span's start and end are both rounded down (docs/data-format.md), so a
// span whose last heartbeat came 0.1 s after an instant the test took can end 0.9 s before it.
import fs from 'node:fs';
import path from 'node:path';

/** Every span line of every window file (`w-*`) under `<dataDir>/activity`: { start, end, code, lines } in ms. */
export function readSpans(dataDir) {
  const root = path.join(dataDir, 'activity');
  const out = [];
  if (!fs.existsSync(root)) return out;
  for (const month of fs.readdirSync(root)) {
    for (const name of fs.readdirSync(path.join(root, month))) {
      if (name.startsWith('w-')) out.push(...parseSpanLines(fs.readFileSync(path.join(root, month, name), 'utf8')));
    }
  }
  return out;
}

/** The span lines of one activity file's text (header, dictionary and pause lines skipped). */
export function parseSpanLines(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('[')) continue;
    const [start, duration, code, , , lines] = JSON.parse(line);
    out.push({ start: start * 1000, end: (start + duration) * 1000, code, lines: lines ?? 0 });
  }
  return out;
}

/**
 * Seconds of the spans of the given codes that meet [from, to] (instants in ms taken by the test), their
 * changed lines and how many there are. A recorded span stands for the whole seconds it was rounded from,
 * [start, end + 1 s), so an event later in the second of `end` still meets a range starting before it;
 * a range should therefore end at least a second before the next thing the test does.
 */
export function spansWithin(spans, range, codes) {
  let seconds = 0, lines = 0, count = 0;
  for (const s of spans) {
    const end = s.end + 1000;
    if (!codes.includes(s.code) || end <= range.from || s.start > range.to) continue;
    seconds += Math.max(0, Math.min(end, range.to) - Math.max(s.start, range.from)) / 1000;
    lines += s.lines;
    count++;
  }
  return { seconds, lines, count };
}
