// "Mark as My Own Work": the user's corrections of origin (DESIGN.md "Origin of a change"). A correction
// is a time range in which assisted time counts as hands-on; the activity files are never rewritten.
import { subtract, intersect, union } from './intervals';
import type { AssistedSegment, Interval, Segment } from './types';

/** One correction record: assisted time in [from, to) is the user's own work; `at` is when they said so. */
export interface CorrectionRange {
  readonly from: number;
  readonly to: number;
  readonly at: number;
}

export interface CorrectedTimeline {
  /** Hands-on segments, now including the corrected pieces (category coding, `corrected: true`), sorted. */
  readonly segments: Segment[];
  /** Assisted segments outside every correction range. */
  readonly assisted: AssistedSegment[];
  /** Total corrected time (ms), for "corrected by you". */
  readonly correctedMs: number;
}

/**
 * Applies corrections to a timeline: assisted time inside a range becomes hands-on coding, flagged
 * `corrected`, keeping its language and workspace. Hands-on segments are unchanged (they never overlap
 * assisted ones), so every hands-on total only grows by the corrected time.
 */
export function applyCorrections(
  timeline: { readonly segments: readonly Segment[]; readonly assisted: readonly AssistedSegment[] },
  corrections: readonly CorrectionRange[],
): CorrectedTimeline {
  const ranges: Interval[] = union(corrections.filter((c) => c.to > c.from).map((c) => ({ start: c.from, end: c.to })));
  if (ranges.length === 0 || timeline.assisted.length === 0) {
    return { segments: [...timeline.segments], assisted: [...timeline.assisted], correctedMs: 0 };
  }
  const corrected: Segment[] = [];
  const assisted: AssistedSegment[] = [];
  let correctedMs = 0;
  for (const a of timeline.assisted) {
    for (const piece of intersect([a], ranges)) {
      corrected.push({ start: piece.start, end: piece.end, category: 'coding', language: a.language, workspaceId: a.workspaceId, corrected: true });
      correctedMs += piece.end - piece.start;
    }
    for (const piece of subtract([a], ranges)) assisted.push({ ...a, start: piece.start, end: piece.end });
  }
  const segments = [...timeline.segments, ...corrected].sort((x, y) => x.start - y.start || x.end - y.end);
  return { segments, assisted, correctedMs };
}
