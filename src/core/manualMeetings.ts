// Meetings logged by hand -> Meeting intervals. An open meeting ("I'm in a meeting now") runs until now,
// but never longer than MAX_OPEN_MEETING_MS: a forgotten "meeting ended" must not eat a whole day.
import type { Meeting } from './types';

export const MAX_OPEN_MEETING_MS = 4 * 3_600_000;

export interface ManualEntry {
  readonly id: string;
  readonly start: string;
  readonly end: string | null;
  readonly title: string;
}

export function manualMeetings(entries: readonly ManualEntry[], now: number): Meeting[] {
  const out: Meeting[] = [];
  for (const e of entries) {
    const start = Date.parse(e.start);
    const end = e.end === null ? Math.min(now, start + MAX_OPEN_MEETING_MS) : Date.parse(e.end);
    if (!(end > start)) continue;
    out.push({ id: e.id, start, end, title: e.title, attendees: 0, recurring: false, source: 'manual' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The open manual meeting, if one is in progress at `now`. */
export function openManualMeeting(entries: readonly ManualEntry[], now: number): ManualEntry | undefined {
  return entries.find((e) => e.end === null && now - Date.parse(e.start) < MAX_OPEN_MEETING_MS && Date.parse(e.start) <= now);
}
