// Messages between the calendar worker and its client. Meetings cross the thread boundary packed in
// columns (one Float64Array for the instants, plain arrays for the rest): structured-cloning 100,000
// small objects costs more than expanding them, packed columns a fraction of it.
import type { Meeting } from '../core/types';
import type { ExpandOptions, ExpandResult } from './expand';

export interface WorkerJob {
  readonly id: number;
  /** Calendar text, or the file's bytes (decoded in the worker). */
  readonly input: string | Uint8Array;
  /** No `clock`: functions do not cross threads; the worker uses its own. */
  readonly options: Omit<ExpandOptions, 'clock'>;
}

export interface PackedResult extends Omit<ExpandResult, 'meetings'> {
  /** start, end of meeting i at 2i, 2i + 1. */
  readonly times: Float64Array;
  readonly ids: string[];
  readonly titles: string[];
  readonly attendees: Int32Array;
  /** 1 when recurring. */
  readonly recurring: Uint8Array;
  readonly source: string;
}

export interface WorkerReply {
  readonly id: number;
  readonly result: PackedResult;
}

export function packResult(r: ExpandResult): PackedResult {
  const n = r.meetings.length;
  const times = new Float64Array(2 * n), attendees = new Int32Array(n), recurring = new Uint8Array(n);
  const ids = new Array<string>(n), titles = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const m = r.meetings[i];
    times[2 * i] = m.start;
    times[2 * i + 1] = m.end;
    ids[i] = m.id;
    titles[i] = m.title;
    attendees[i] = m.attendees;
    recurring[i] = m.recurring ? 1 : 0;
  }
  const { meetings: _meetings, ...rest } = r;
  return { ...rest, times, ids, titles, attendees, recurring, source: n > 0 ? r.meetings[0].source : '' };
}

export function unpackResult(p: PackedResult): ExpandResult {
  const n = p.ids.length;
  const meetings = new Array<Meeting>(n);
  for (let i = 0; i < n; i++) {
    meetings[i] = {
      id: p.ids[i], title: p.titles[i], attendees: p.attendees[i], recurring: p.recurring[i] === 1,
      source: p.source, start: p.times[2 * i], end: p.times[2 * i + 1],
    };
  }
  const { times: _t, ids: _i, titles: _ti, attendees: _a, recurring: _r, source: _s, ...rest } = p;
  return { ...rest, meetings };
}
