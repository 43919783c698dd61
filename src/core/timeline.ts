// Heartbeats and spans from every window -> one machine-wide timeline of hands-on segments, and beside
// it the assisted segments (DESIGN.md "Idle rule", "One machine, one timeline", "Origin of a change").
import { subtract } from './intervals';
import { ALL_CATEGORIES, SPAN_JOIN_MS, type AssistedSegment, type Category, type Heartbeat, type Segment, type Span } from './types';

/** Heartbeats later than this past `now` are treated as clock errors. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface CleanResult {
  readonly spans: Span[];
  /** Spans dropped because they went backwards, ended before they started, or lay in the future. */
  readonly anomalies: number;
}

/**
 * Drops the anomalies of one window's stream, in the order it was written: a span that starts before the
 * previous kept span ended (time went backwards), that ends before it starts, or that reaches more than
 * five minutes past `now`.
 */
export function cleanSource(spans: readonly Span[], now: number): CleanResult {
  const kept: Span[] = [];
  let anomalies = 0;
  let lastEnd = -Infinity;
  for (const s of spans) {
    if (!(s.end >= s.start) || s.start < lastEnd || s.end > now + FUTURE_TOLERANCE_MS) {
      anomalies++;
      continue;
    }
    kept.push(s);
    lastEnd = s.end;
  }
  return { spans: kept, anomalies };
}

const sameKey = (a: { category: string; language: string; workspaceId: string }, b: typeof a) =>
  a.category === b.category && a.language === b.language && a.workspaceId === b.workspaceId;

/**
 * Joins point heartbeats (in time order) into spans: consecutive heartbeats with the same category,
 * language and workspace at most SPAN_JOIN_MS apart. Lossless for every idle limit of a minute or more.
 */
export function spansFromHeartbeats(heartbeats: readonly Heartbeat[]): Span[] {
  const out: Span[] = [];
  let cur: { start: number; end: number; category: Span['category']; language: string; workspaceId: string; lines?: number } | undefined;
  for (const h of heartbeats) {
    if (cur && sameKey(cur, h) && h.time >= cur.end && h.time - cur.end <= SPAN_JOIN_MS) {
      cur.end = h.time;
      if (h.lines) cur.lines = (cur.lines ?? 0) + h.lines;
      continue;
    }
    if (cur) out.push(cur);
    cur = { start: h.time, end: h.time, category: h.category, language: h.language, workspaceId: h.workspaceId };
    if (h.lines) cur.lines = h.lines;
  }
  if (cur) out.push(cur);
  return out;
}

const categoryRank = new Map<string, number>(ALL_CATEGORIES.map((c, i) => [c, i]));

function compareSpans(a: Span, b: Span): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    (categoryRank.get(a.category) ?? 0) - (categoryRank.get(b.category) ?? 0) ||
    (a.language < b.language ? -1 : a.language > b.language ? 1 : 0) ||
    (a.workspaceId < b.workspaceId ? -1 : a.workspaceId > b.workspaceId ? 1 : 0)
  );
}

/**
 * Merges spans from any number of windows into non-overlapping hands-on segments.
 *
 * - Time inside a span counts (its heartbeats are at most a minute apart).
 * - A gap between the last heartbeat so far and the next one counts when it is at most `idleMs`, and is
 *   attributed to the span whose heartbeat came before the gap (the work that was going on).
 * - A barrier (the instant tracking was paused) inside a gap stops it from being bridged: paused time
 *   never counts, however short the pause.
 * - Where spans of several windows overlap, each instant counts once and belongs to the span that
 *   started most recently (the window the user moved to).
 */
export function mergeSpans(spans: readonly Span[], idleMs: number, barriers: readonly number[] = []): Segment[] {
  // Assisted spans are a stream of their own (see buildTimeline); they never take part in hands-on time.
  return mergeStream(spans.filter((s) => s.category !== 'assisted'), idleMs, barriers) as Segment[];
}

interface Piece {
  start: number;
  end: number;
  category: Category;
  language: string;
  workspaceId: string;
  program?: string;
}

/** The merge itself, for one stream (hands-on or assisted): see mergeSpans. */
function mergeStream(spans: readonly Span[], idleMs: number, barriers: readonly number[]): Piece[] {
  const stops = [...barriers].sort((a, b) => a - b);
  const sorted = [...spans].sort(compareSpans);
  const out: Piece[] = [];
  const emit = (start: number, end: number, s: Span) => {
    if (end <= start) return;
    const last = out[out.length - 1];
    if (last && last.end === start && sameKey(last, s) && last.program === s.program) last.end = end;
    else if (s.program === undefined) out.push({ start, end, category: s.category, language: s.language, workspaceId: s.workspaceId });
    else out.push({ start, end, category: s.category, language: s.language, workspaceId: s.workspaceId, program: s.program });
  };

  const stack: Span[] = []; // active spans; the top started most recently
  let cursor = -Infinity;
  let maxEnd = -Infinity;
  let maxEndSpan: Span | undefined;

  const advance = (t: number) => {
    while (stack.length > 0 && cursor < t) {
      const top = stack[stack.length - 1];
      if (top.end <= cursor) {
        stack.pop();
        continue;
      }
      const end = Math.min(top.end, t);
      emit(cursor, end, top);
      cursor = end;
    }
    while (stack.length > 0 && stack[stack.length - 1].end <= cursor) stack.pop();
  };

  for (const s of sorted) {
    advance(s.start);
    if (stack.length === 0 && maxEndSpan && s.start > maxEnd && s.start - maxEnd <= idleMs && !hasBarrier(stops, maxEnd, s.start)) {
      emit(maxEnd, s.start, maxEndSpan);
    }
    stack.push(s);
    if (cursor < s.start) cursor = s.start;
    if (s.end > maxEnd) {
      maxEnd = s.end;
      maxEndSpan = s;
    }
  }
  advance(Infinity);
  return out;
}

/** True when a sorted list holds a value in [from, to). */
function hasBarrier(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < to;
}

export interface Timeline {
  /** Hands-on segments only (the union of the five hands-on categories), as before origins existed. */
  readonly segments: Segment[];
  /**
   * Assisted segments (tools writing): the assisted stream under the same idle rule, minus every instant
   * that is hands-on (hands-on wins where both happen). Sorted, non-overlapping.
   */
  readonly assisted: AssistedSegment[];
  readonly anomalies: number;
}

/**
 * Cleans each window's stream, then merges them: the whole machine's hands-on timeline, and beside it
 * the assisted one. The two are separate streams, each with the idle rule: an assisted heartbeat never
 * bridges a gap in hands-on time (an agent editing every second does not keep an idle user "hands-on"),
 * and a hands-on heartbeat never bridges a gap in assisted time.
 */
export function buildTimeline(
  sources: readonly (readonly Span[])[],
  options: { readonly idleMs: number; readonly now: number; readonly barriers?: readonly number[] },
): Timeline {
  let anomalies = 0;
  const hands: Span[] = [];
  const tools: Span[] = [];
  for (const src of sources) {
    const cleaned = cleanSource(src, options.now);
    anomalies += cleaned.anomalies;
    for (const s of cleaned.spans) (s.category === 'assisted' ? tools : hands).push(s);
  }
  const barriers = options.barriers ?? [];
  const segments = mergeStream(hands, options.idleMs, barriers) as Segment[];
  const assisted = tools.length === 0 ? [] : assistedOutside(mergeStream(tools, options.idleMs, barriers), segments);
  return { segments, assisted, anomalies };
}

/** The parts of assisted pieces that no hands-on segment covers (both lists sorted, non-overlapping). */
function assistedOutside(pieces: readonly Piece[], segments: readonly Segment[]): AssistedSegment[] {
  const out: AssistedSegment[] = [];
  let from = 0;
  for (const p of pieces) {
    while (from < segments.length && segments[from].end <= p.start) from++;
    const covering: Segment[] = [];
    for (let i = from; i < segments.length && segments[i].start < p.end; i++) covering.push(segments[i]);
    for (const left of subtract([p], covering)) {
      out.push({ start: left.start, end: left.end, category: 'assisted', language: p.language, workspaceId: p.workspaceId });
    }
  }
  return out;
}
