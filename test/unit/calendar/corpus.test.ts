// Replays the worst inputs the property tests found (test/fixtures/ics-corpus): `.ics` files as they
// are, `.json` recipes by re-applying their mutations to the named real calendar. Each must be answered
// without a throw, well-formed, within the budget, in-process and through the splitter alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandIcs } from '../../../src/calendar/expand';
import { splitCalendar } from '../../../src/calendar/parseIcs';
import { checkResult, CORPUS, FUZZ_BUDGET, FUZZ_WINDOW, mutate, seedCalendars, SLACK_MS, type Recipe } from './fuzz';

const seeds = new Map(seedCalendars().map((s) => [s.name, s.text]));
const entries = readdirSync(CORPUS).filter((n) => n.endsWith('.ics') || n.endsWith('.json')).sort();

function inputOf(name: string): string | undefined {
  const raw = readFileSync(join(CORPUS, name), 'latin1');
  if (name.endsWith('.ics')) return raw;
  const recipe = JSON.parse(raw) as Recipe;
  const seed = seeds.get(recipe.seed);
  return seed === undefined ? undefined : mutate(seed, recipe.mutations);
}

describe('ICS replay corpus', () => {
  it('has entries', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries)('%s', (name) => {
    const text = inputOf(name);
    if (text === undefined) return; // its seed is in the shared corpus, absent on this machine
    expect(() => splitCalendar(text)).not.toThrow();
    const t0 = performance.now();
    const r = expandIcs(text, { ...FUZZ_WINDOW, budget: FUZZ_BUDGET });
    expect(performance.now() - t0).toBeLessThan(FUZZ_BUDGET.wallMs + SLACK_MS);
    checkResult(r);
  });
});
