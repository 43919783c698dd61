// Differential test: our engine against an independent reference (Debian's python3-recurring-ical-events
// with python3-icalendar, via test/reference/meeting_minutes.py) on the public corpus in
// ../shared/fixtures/ics. Per file and local day, meeting minutes must agree, except the deliberate
// differences listed in KNOWN_DIFFERENCES, each explained in docs/calendar.md.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE_PATTERNS } from '../../../src/calendar/filters';
import { expandIcs } from '../../../src/calendar/expand';
import { dailyMeetings } from '../../../src/core/meetings';
import { addDays, isValidTimeZone, startOfDay } from '../../../src/core/zone';

const ROOT = resolve(__dirname, '../../..');
const CORPUS = resolve(ROOT, '../shared/fixtures/ics');
const SCRIPT = join(ROOT, 'test/reference/meeting_minutes.py');
const MY_EMAILS = ['calendar@gmail.com'];
const DEFAULT_ZONE = 'Europe/Berlin';

/**
 * Files (relative to the corpus) where we deliberately differ from the reference, with the heading of
 * docs/calendar.md ("Deliberate differences from the reference") that explains why.
 */
export const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'icalevents/cest.ics': 'UNTIL after a daylight-saving change',
  'icalevents/multi_exdate_same_line_ms.ics': 'UNTIL after a daylight-saving change',
  'icalevents/recurr_id_dtstart_missmatch.ics': 'UNTIL after a daylight-saving change',
  'node-ical/non-utc-until-ny.ics': 'Floating UNTIL on a zoned series',
  'node-ical/biweekly-exdate-until.ics': 'UTC series in a calendar with X-WR-TIMEZONE',
  'node-ical/recurrence-sequence.ics': 'Overrides matched by instant, not by date',
};

function findPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import recurring_ical_events, icalendar, zoneinfo'], { stdio: 'ignore', timeout: 20_000 });
      return candidate;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : name.toLowerCase().endsWith('.ics') ? [path] : [];
    })
    .sort();
}

/** A fixed window per file: from January of its earliest event year, at most four years long. */
function windowFor(text: string): { from: string; to: string } {
  const years = [...text.matchAll(/^DTSTART[^:\n]*:(\d{4})/gm)].map((m) => Number(m[1])).filter((y) => y >= 1990 && y <= 2100);
  const vevents = text.indexOf('BEGIN:VEVENT');
  const eventYears = vevents === -1 ? years : [...text.slice(vevents).matchAll(/^DTSTART[^:\n]*:(\d{4})/gm)].map((m) => Number(m[1])).filter((y) => y >= 1990 && y <= 2100);
  const first = eventYears.length ? Math.min(...eventYears) : 2020;
  const last = eventYears.length ? Math.max(...eventYears) : 2020;
  return { from: `${first}-01-01`, to: `${Math.min(last + 1, first + 3)}-12-31` };
}

/** The user's zone for a file: its X-WR-TIMEZONE (the reference localizes to it), else Berlin. */
function zoneFor(text: string): string {
  const m = /^X-WR-TIMEZONE[^:\n]*:(.+?)\r?$/m.exec(text);
  const zone = m?.[1].trim();
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_ZONE;
}

interface Case {
  readonly rel: string;
  readonly path: string;
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
}

const python = existsSync(CORPUS) && existsSync(SCRIPT) ? findPython() : undefined;
const cases: Case[] = python
  ? listFiles(CORPUS).map((path) => {
      const text = readFileSync(path, 'latin1');
      return { rel: relative(CORPUS, path), path, ...windowFor(text), timeZone: zoneFor(text) };
    })
  : [];

function runReference(): Promise<Record<string, { days?: Record<string, number>; error?: string }>> {
  const request = JSON.stringify({
    myEmails: MY_EMAILS,
    ignorePatterns: DEFAULT_IGNORE_PATTERNS,
    includeTentative: true,
    files: cases.map((c) => ({ path: c.path, from: c.from, to: c.to, timeZone: c.timeZone })),
  });
  return new Promise((resolvePromise, reject) => {
    const child = execFile(python!, [SCRIPT], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout) => {
      if (error) reject(error);
      else resolvePromise(JSON.parse(stdout));
    });
    child.stdin!.end(request);
  });
}

function ours(c: Case): Record<string, number> {
  const bytes = readFileSync(c.path);
  const text = (() => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('windows-1252').decode(bytes);
    }
  })();
  const fromMs = startOfDay(c.from, c.timeZone), toMs = startOfDay(addDays(c.to, 1), c.timeZone);
  const result = expandIcs(text, { fromMs, toMs, timeZone: c.timeZone, myEmails: MY_EMAILS });
  const out: Record<string, number> = {};
  for (const d of dailyMeetings(result.meetings, c.from, c.to, c.timeZone)) if (d.meetingMs > 0) out[d.date] = d.meetingMs / 60_000;
  return out;
}

/** Days where the two sides differ by more than a second. */
export function disagreements(a: Record<string, number>, b: Record<string, number>): string[] {
  const dates = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...dates].sort().filter((d) => Math.abs((a[d] ?? 0) - (b[d] ?? 0)) > 1 / 60).map((d) => `${d}: ours ${(a[d] ?? 0).toFixed(2)}, reference ${(b[d] ?? 0).toFixed(2)}`);
}

describe.skipIf(!python)('calendar engine agrees with the reference (recurring-ical-events)', () => {
  let reference: Awaited<ReturnType<typeof runReference>> = {};
  beforeAll(async () => {
    reference = await runReference();
  }, 300_000);

  it('every known difference is documented in docs/calendar.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/calendar.md'), 'utf8');
    for (const [file, heading] of Object.entries(KNOWN_DIFFERENCES)) {
      expect(doc, `${file} -> ${heading}`).toContain(`### ${heading}`);
      expect(doc, `docs/calendar.md names ${file}`).toContain(file);
    }
  });

  it.each(cases.map((c) => [c.rel, c] as const))('%s', (_rel, c) => {
    const ref = reference[c.path];
    if (!ref || ref.error || !ref.days) return; // the reference cannot read this file: nothing to compare
    const diff = disagreements(ours(c), ref.days);
    if (KNOWN_DIFFERENCES[c.rel]) {
      expect(diff.length, `${c.rel} is listed as a known difference but now agrees: remove it`).toBeGreaterThan(0);
      return;
    }
    expect(diff).toEqual([]);
  });
});
