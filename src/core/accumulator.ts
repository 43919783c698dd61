// The tracker's hot path: heartbeats in, spans out. O(1) per heartbeat, no allocation while a span grows.
import { SPAN_JOIN_MS, type Category, type Span } from './types';

interface OpenSpan {
  start: number;
  end: number;
  category: Category;
  language: string;
  workspaceId: string;
  /** Changed lines recorded in this span so far, and how many of them `drain` already handed out. */
  lines: number;
  drainedLines: number;
  /** End already handed out by `drain` (the open span continues from there), undefined if none. */
  drainedTo: number | undefined;
}

/**
 * Joins one window's heartbeats into spans and hands out what is new since the last `drain`, so the
 * caller can write every 30 s without ever writing the same time twice. A heartbeat earlier than the
 * previous one (the clock went back) is dropped and counted as an anomaly.
 */
export class HeartbeatAccumulator {
  private open: OpenSpan | undefined;
  private closed: Span[] = [];
  private last = -Infinity;
  anomalies = 0;

  /** Records a heartbeat (with the lines its edit changed, if any). Returns false when it was dropped as an anomaly. */
  add(time: number, category: Category, language: string, workspaceId: string, lines = 0): boolean {
    if (time < this.last) {
      this.anomalies++;
      return false;
    }
    this.last = time;
    const o = this.open;
    if (o && o.category === category && o.language === language && o.workspaceId === workspaceId && time - o.end <= SPAN_JOIN_MS) {
      o.end = time;
      o.lines += lines;
      return true;
    }
    if (o) this.close(o);
    this.open = { start: time, end: time, category, language, workspaceId, lines, drainedLines: 0, drainedTo: undefined };
    return true;
  }

  private close(o: OpenSpan): void {
    if (o.drainedTo === undefined) this.closed.push(toSpan(o, o.start));
    else if (o.end > o.drainedTo || o.lines > o.drainedLines) this.closed.push(toSpan(o, o.drainedTo));
  }

  /** True when `drain` would return something. */
  get hasPending(): boolean {
    const o = this.open;
    return this.closed.length > 0 || (o !== undefined && (o.drainedTo === undefined || o.end > o.drainedTo || o.lines > o.drainedLines));
  }

  /** Everything not yet handed out, in time order; the open span keeps growing from where this left it. */
  drain(): Span[] {
    const out = this.closed;
    this.closed = [];
    const o = this.open;
    if (o && (o.drainedTo === undefined || o.end > o.drainedTo || o.lines > o.drainedLines)) {
      out.push(toSpan(o, o.drainedTo ?? o.start));
      o.drainedTo = o.end;
      o.drainedLines = o.lines;
    }
    return out;
  }

  /** Spans not yet drained plus nothing else: what a reader of the files is missing right now. */
  peek(): Span[] {
    const out = [...this.closed];
    const o = this.open;
    if (o && (o.drainedTo === undefined || o.end > o.drainedTo || o.lines > o.drainedLines)) out.push(toSpan(o, o.drainedTo ?? o.start));
    return out;
  }

  /**
   * Ends the open span: the next heartbeat starts a new one, however soon it comes. Used at a pause, so
   * typing resumed within a minute never joins the span from before the pause (its time would count).
   */
  cut(): void {
    const o = this.open;
    if (!o) return;
    this.close(o);
    this.open = undefined;
  }

  /** Puts spans back at the front after a failed write, so nothing is lost. */
  restore(spans: readonly Span[]): void {
    this.closed = [...spans, ...this.closed];
  }
}

function toSpan(o: OpenSpan, start: number): Span {
  const lines = o.lines - o.drainedLines;
  const s = { start, end: o.end, category: o.category, language: o.language, workspaceId: o.workspaceId };
  return lines > 0 ? { ...s, lines } : s;
}
