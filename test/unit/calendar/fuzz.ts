// Inputs for the property tests of the ICS splitter and expander: random text, and real calendars
// (the public corpus in ../shared/fixtures/ics and ours in test/fixtures/ics) mutated line by line
// with the shapes that have hurt calendar parsers: runaway rules, rules dressed up with parameters,
// huge durations, out-of-range instants, deep TZIDs, floods of one line, broken nesting.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ExpandOptions, ExpandResult } from '../../../src/calendar/expand';

const ROOT = join(__dirname, '../../..');
/** The public corpus lives beside the project (../shared/fixtures/ics) and is never copied into it. */
export const SHARED_ICS = join(ROOT, '../shared/fixtures/ics');
const SHARED_ICS_FALLBACK = '/work/shared/fixtures/ics';
export const OUR_ICS = join(ROOT, 'test/fixtures/ics');
export const CORPUS = join(__dirname, '../../fixtures/ics-corpus');

/** A real calendar to mutate: `name` is `shared/<dir>/<file>` or `ours/<file>`. */
export interface Seed {
  readonly name: string;
  readonly text: string;
}

function icsFiles(dir: string, prefix: string): Seed[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((n) => n.endsWith('.ics')).sort().map((n) => ({ name: `${prefix}/${n}`, text: readFileSync(join(dir, n), 'latin1') }));
}

/** Every real calendar available to mutate (the shared corpus may be absent outside this project's machines). */
export function seedCalendars(): Seed[] {
  let shared = icsFiles(SHARED_ICS, 'shared');
  if (shared.length === 0) shared = icsFiles(SHARED_ICS_FALLBACK, 'shared');
  return [...shared, ...icsFiles(OUR_ICS, 'ours')];
}

const HOSTILE_LINES = [
  'RRULE:FREQ=SECONDLY',
  'RRULE;X-A=1:FREQ=SECONDLY',
  'RRULE:X-FOO=BAR;FREQ=MINUTELY',
  'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
  'RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,2,3,-1,-2;BYMONTH=1,2,3,4,5,6',
  'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=1,2,3,4,5,6,7,8;BYSETPOS=-1',
  'RRULE:FREQ=HOURLY;INTERVAL=1;BYSETPOS=1',
  'RRULE:FREQ=WEEKLY;COUNT=999999999',
  'RRULE:FREQ=DAILY;UNTIL=99991231T235959Z',
  'DURATION:P99999999W',
  'DURATION:-P99999999D',
  'DURATION:PT9999999999999S',
  'DTSTART:99991231T235959Z',
  'DTSTART:00010101T000000Z',
  'DTEND:00000000T000000',
  'DTSTART;VALUE=DATE:20240101',
  `DTSTART;TZID=${'x/'.repeat(2_000)}Europe/Berlin:20240101T090000`,
  'DTSTART;TZID=Custom:20240101T090000',
  'TZID:Custom',
  'RDATE;VALUE=PERIOD:20240101T090000Z/P9999999D',
  'EXDATE:20240101T090000Z,garbage,99999999T999999',
  'RECURRENCE-ID:20240101T090000Z',
  'RECURRENCE-ID;RANGE=THISANDFUTURE:19000101T000000Z',
  'BEGIN:VEVENT',
  'END:VEVENT',
  'BEGIN:VTIMEZONE',
  'END:VTIMEZONE',
  'BEGIN:STANDARD',
  'END:STANDARD',
  'BEGIN:VALARM',
  'SEQUENCE:99999999999999999999',
  'STATUS:CANCELLED',
  'ATTENDEE;PARTSTAT=DECLINED;CN="a:b;c":mailto:me@example.com',
  'SUMMARY:\\n\\,\\;\\\\',
  'X-WR-TIMEZONE:Mars/Olympus',
  ' folded continuation',
  '\u0000',
];

const NAMES = ['DTSTART', 'DTEND', 'DURATION', 'RRULE', 'RDATE', 'EXDATE', 'RECURRENCE-ID', 'UID', 'TZID', 'TZOFFSETTO', 'TZOFFSETFROM', 'BEGIN', 'END', 'SUMMARY', 'ATTENDEE'];

/** One content line: a hostile one, or a known property with random parameters and value. */
const lineArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_LINES),
  fc.tuple(fc.constantFrom(...NAMES), fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 })).map(([n, p, v]) => `${n}${p ? `;${p}` : ''}:${v}`),
);

export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly line: string }
  | { readonly kind: 'replace'; readonly at: number; readonly line: string }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'flood'; readonly at: number; readonly times: number }
  | { readonly kind: 'truncate'; readonly at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: lineArb }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line: lineArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flood' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 3_000 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split(/\r?\n/);
  for (const m of mutations) {
    const at = lines.length === 0 ? 0 : m.at % lines.length;
    switch (m.kind) {
      case 'insert':
        lines.splice(at, 0, m.line);
        break;
      case 'replace':
        lines[at] = m.line;
        break;
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'flood':
        lines.splice(at, 0, ...Array.from({ length: m.times }, () => lines[at] ?? ''));
        break;
      case 'truncate':
        lines = lines.slice(0, at);
        break;
    }
  }
  return lines.join('\r\n');
}

/**
 * A mutated real calendar, kept as a recipe (seed name + mutations): the replay corpus stores recipes,
 * so no fixture of the public corpus is copied into the project.
 */
export interface Recipe {
  readonly seed: string;
  readonly mutations: readonly Mutation[];
}

export function mutatedCalendarArb(seeds: readonly Seed[]): fc.Arbitrary<{ recipe: Recipe; text: string }> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 8 })).map(([seed, mutations]) => ({
    recipe: { seed: seed.name, mutations },
    text: mutate(seed.text, mutations),
  }));
}

/** Random text: noise, or a calendar skeleton filled with random lines. */
export const randomCalendarArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  fc.array(lineArb, { maxLength: 80 }).map((lines) => ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n')),
);

/** The window the properties expand over: wide enough to cover every fixture's events. */
export const FUZZ_WINDOW: ExpandOptions = { fromMs: Date.UTC(2000, 0, 1), toMs: Date.UTC(2030, 0, 1), timeZone: 'Europe/Berlin' };

/** A short wall-time budget keeps each run quick; `SLACK_MS` is what one uninterruptible step may add. */
export const FUZZ_BUDGET = { wallMs: 2_000 };
export const SLACK_MS = 1_500;

/** What every result must be, whatever the input (the invariants of a public function's answer). */
export function checkResult(r: ExpandResult): void {
  if (!Array.isArray(r.meetings) || !Array.isArray(r.timeOff) || !Array.isArray(r.problems)) throw new Error('malformed result');
  let previous = -Infinity;
  for (const m of r.meetings) {
    if (!Number.isFinite(m.start) || !Number.isFinite(m.end) || !(m.end > m.start)) throw new Error(`bad meeting ${m.start}..${m.end}`);
    if (m.end - m.start > 31 * 86_400_000) throw new Error('a meeting longer than 31 days');
    if (m.start < previous) throw new Error('meetings not sorted');
    previous = m.start;
    if (typeof m.id !== 'string' || typeof m.title !== 'string') throw new Error('bad meeting fields');
    new Date(m.end).toISOString(); // throws on an invalid instant, as the CLI would
  }
  for (const d of r.timeOff) if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date)) throw new Error(`bad day off ${d.date}`);
  for (const p of r.problems) if (typeof p !== 'string' || p.length === 0 || p.length > 500) throw new Error('bad problem');
  if (r.skipped !== undefined && r.problems.length !== 1) throw new Error('a skipped file must have exactly one problem');
}
