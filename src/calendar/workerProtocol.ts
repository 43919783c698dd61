// Messages between the calendar worker and its client. Meetings cross the thread boundary packed in
// columns: the instants in one Float64Array, ids and titles each joined into one string (cloning one
// long string is a copy; cloning 100,000 short ones, or 100,000 small objects, costs more than
// expanding them).
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
  /** Ids and titles joined by SEPARATOR, or as arrays when one of them contains it. */
  readonly ids: string | string[];
  readonly titles: string | string[];
  readonly attendees: Int32Array;
  /** 1 when recurring. */
  readonly recurring: Uint8Array;
  readonly source: string;
}

export interface WorkerReply {
  readonly id: number;
  readonly result: PackedResult;
}

const SEPARATOR = '\u0000';

function join(values: string[]): string | string[] {
  // A value holding the separator would split wrong: keep the array then (rare, and still correct).
  return values.some((v) => v.includes(SEPARATOR)) ? values : values.join(SEPARATOR);
}

const split = (value: string | string[], n: number): string[] => (typeof value === 'string' ? (n === 0 ? [] : value.split(SEPARATOR)) : value);

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
  return { ...rest, times, ids: join(ids), titles: join(titles), attendees, recurring, source: n > 0 ? r.meetings[0].source : '' };
}

export function unpackResult(p: PackedResult): ExpandResult {
  const n = p.attendees.length;
  const ids = split(p.ids, n), titles = split(p.titles, n);
  const meetings = new Array<Meeting>(n);
  for (let i = 0; i < n; i++) {
    meetings[i] = {
      id: ids[i], title: titles[i], attendees: p.attendees[i], recurring: p.recurring[i] === 1,
      source: p.source, start: p.times[2 * i], end: p.times[2 * i + 1],
    };
  }
  const { times: _t, ids: _i, titles: _ti, attendees: _a, recurring: _r, source: _s, ...rest } = p;
  return { ...rest, meetings };
}
