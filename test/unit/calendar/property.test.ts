// Property tests (fast-check) of the ICS splitter and expander: random and mutated real calendars never
// make a public function throw, never give a malformed answer, and never run past the budget.
// More runs: CRAFT_FUZZ_RUNS=2000. The slowest inputs found can be saved for the replay corpus
// (test/fixtures/ics-corpus, replayed by corpus.test.ts): CRAFT_FUZZ_SAVE=1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { expandIcs, expandIcsBytes } from '../../../src/calendar/expand';
import { parseParams, parseTime, splitCalendar, unescapeText } from '../../../src/calendar/parseIcs';
import { checkResult, CORPUS, type Recipe, FUZZ_BUDGET, FUZZ_WINDOW, mutatedCalendarArb, randomCalendarArb, seedCalendars, SLACK_MS } from './fuzz';

const RUNS = Number(process.env.CRAFT_FUZZ_RUNS ?? 60);
const SEED = Number(process.env.CRAFT_FUZZ_SEED ?? 20_261_128);
const seeds = seedCalendars();

/** The slowest inputs seen (a recipe for mutated fixtures, the text for random input), kept when CRAFT_FUZZ_SAVE is set. */
const worst: { ms: number; input: Recipe | string }[] = [];
function remember(ms: number, input: Recipe | string): void {
  worst.push({ ms, input });
  worst.sort((a, b) => b.ms - a.ms);
  worst.length = Math.min(worst.length, 6);
}

afterAll(() => {
  if (!process.env.CRAFT_FUZZ_SAVE) return;
  mkdirSync(CORPUS, { recursive: true });
  for (const [i, w] of worst.entries()) {
    const name = join(CORPUS, `slow-${SEED}-${i + 1}`);
    if (typeof w.input === 'string') writeFileSync(`${name}.ics`, w.input);
    else writeFileSync(`${name}.json`, JSON.stringify({ note: `${Math.round(w.ms)} ms when found`, ...w.input }, null, 1) + '\n');
  }
});

function expandTimed(text: string, input: Recipe | string): number {
  const t0 = performance.now();
  const r = expandIcs(text, { ...FUZZ_WINDOW, budget: FUZZ_BUDGET });
  const ms = performance.now() - t0;
  checkResult(r);
  remember(ms, input);
  return ms;
}

describe('ICS properties', () => {
  it('has real calendars to mutate', () => {
    expect(seeds.length).toBeGreaterThan(50);
  });

  it('the splitter never throws on random or mutated input', () => {
    fc.assert(
      fc.property(fc.oneof(randomCalendarArb, mutatedCalendarArb(seeds).map((m) => m.text)), (text) => {
        const split = splitCalendar(text);
        expect(Array.isArray(split.events)).toBe(true);
        for (const e of split.events) {
          for (const p of [e.dtstart, e.dtend, e.recurrenceId]) if (p) parseParams(p.params), parseTime(p.value);
          if (e.summary !== undefined) unescapeText(e.summary);
        }
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  it('the expander never throws, answers well-formed, and stays within its budget on mutated real calendars', () => {
    fc.assert(
      fc.property(mutatedCalendarArb(seeds), ({ recipe, text }) => {
        expect(expandTimed(text, recipe)).toBeLessThan(FUZZ_BUDGET.wallMs + SLACK_MS);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it('the expander never throws on random text or bytes', () => {
    fc.assert(
      fc.property(randomCalendarArb, fc.uint8Array({ maxLength: 512 }), (text, bytes) => {
        expect(expandTimed(text, text)).toBeLessThan(FUZZ_BUDGET.wallMs + SLACK_MS);
        checkResult(expandIcsBytes(bytes, { ...FUZZ_WINDOW, budget: FUZZ_BUDGET }));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
