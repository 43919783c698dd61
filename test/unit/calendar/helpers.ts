// Shared helpers for calendar tests: read a fixture of ours and expand it over local days.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandIcs, type ExpandOptions, type ExpandResult } from '../../../src/calendar/expand';
import { dailyMeetings, roundMinutes } from '../../../src/core/meetings';
import { addDays, startOfDay } from '../../../src/core/zone';

export const FIXTURES = join(__dirname, '../../fixtures/ics');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export interface Expanded extends ExpandResult {
  /** Meeting minutes per local day with meetings (rounded like the CLI). */
  readonly minutes: Record<string, number>;
  readonly conflicts: Record<string, number>;
}

/** Expands text over the local days from..to (inclusive) in `timeZone`. */
export function expandDays(text: string, from: string, to: string, timeZone: string, options: Partial<ExpandOptions> = {}): Expanded {
  const result = expandIcs(text, { fromMs: startOfDay(from, timeZone), toMs: startOfDay(addDays(to, 1), timeZone), timeZone, ...options });
  const minutes: Record<string, number> = {}, conflicts: Record<string, number> = {};
  for (const d of dailyMeetings(result.meetings, from, to, timeZone)) {
    if (d.meetingMs > 0) minutes[d.date] = roundMinutes(d.meetingMs);
    if (d.conflictMs > 0) conflicts[d.date] = roundMinutes(d.conflictMs);
  }
  return { ...result, minutes, conflicts };
}

export const isoStarts = (r: ExpandResult) => r.meetings.map((m) => new Date(m.start).toISOString());
