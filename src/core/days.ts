// Hands-on segments -> per local day totals (days split at local midnight in the chosen zone, DST-correct).
import { emptyByCategory, type ByCategory, type Segment } from './types';
import { dayGrid } from './dayGrid';

export interface DayActivity {
  readonly date: string;
  /** Hands-on milliseconds in the local day. */
  readonly handsOnMs: number;
  readonly byCategory: ByCategory;
  /** Milliseconds per language id ('' = unknown). */
  readonly byLanguage: Readonly<Record<string, number>>;
  /** Milliseconds per workspace id ('' = no folder). */
  readonly byWorkspace: Readonly<Record<string, number>>;
}

/**
 * Totals for every day from `from` to `to` inclusive (days without activity included, as zeros).
 * `segments` must be sorted and non-overlapping, as `mergeSpans` returns them.
 */
export function dailyActivity(segments: readonly Segment[], from: string, to: string, timeZone: string): DayActivity[] {
  const { dates, bounds } = dayGrid(from, to, timeZone);
  return activityOnGrid(segments, dates, bounds);
}

/** The same on precomputed day boundaries (bounds[i]..bounds[i+1] is dates[i]), for callers that have them. */
export function activityOnGrid(segments: readonly Segment[], dates: readonly string[], bounds: readonly number[]): DayActivity[] {
  const days = dates.map((date) => ({
    date,
    handsOnMs: 0,
    byCategory: emptyByCategory(),
    byLanguage: {} as Record<string, number>,
    byWorkspace: {} as Record<string, number>,
  }));
  if (days.length === 0) return days;
  const first = bounds[0], last = bounds[bounds.length - 1];
  let k = 0;
  for (const seg of segments) {
    if (seg.end <= first) continue;
    if (seg.start >= last) break;
    while (k < days.length && bounds[k + 1] <= seg.start) k++;
    for (let b = k; b < days.length && bounds[b] < seg.end; b++) {
      const ms = Math.min(seg.end, bounds[b + 1]) - Math.max(seg.start, bounds[b]);
      if (ms <= 0) continue;
      const day = days[b];
      day.handsOnMs += ms;
      day.byCategory[seg.category] += ms;
      day.byLanguage[seg.language] = (day.byLanguage[seg.language] ?? 0) + ms;
      day.byWorkspace[seg.workspaceId] = (day.byWorkspace[seg.workspaceId] ?? 0) + ms;
    }
  }
  return days;
}

/** Milliseconds to minutes, rounded to two decimals (the precision every surface shows). */
export function toMinutes(ms: number): number {
  return Math.round(ms / 600) / 100;
}
