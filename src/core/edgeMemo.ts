// The edge between refreshes. It is judged on the complete weeks before this Monday (edgeRange), which
// the typing of today does not change, so a refresh while someone types can reuse it instead of measuring
// 17 weeks again. (On a Monday it is judged again at every refresh: dailyMeasures reads the range's day
// after too, where a run that crossed midnight from Sunday may still be growing.) Reused only when
// everything assessEdge reads is equal, field by field: the date, the context, and the segments, meetings
// and assisted time that dailyMeasures reads for that range (measuredSlices). So the result is the one
// assessEdge gives, by construction, on every surface. Pure: the caller keeps the memo.
import type { MeasureInputs } from './context';
import { assessEdge, edgeRange, type EdgeResult } from './edge';
import { measuredSlices, type MeasuredSlices } from './measures';

interface Remembered {
  readonly asOf: string;
  readonly context: string;
  readonly slices: MeasuredSlices;
  readonly result: EdgeResult;
}

export class EdgeMemo {
  private last: Remembered | undefined;
  /** How many assessments were answered from the memo (for tests and the log). */
  reused = 0;

  /** assessEdge(inputs, asOf), computed again only when something it reads changed. */
  assess(inputs: MeasureInputs, asOf: string): EdgeResult {
    const context = JSON.stringify(inputs.context);
    const slices = measuredSlices(inputs, edgeRange(asOf));
    const last = this.last;
    if (last && last.asOf === asOf && last.context === context && sameSlices(last.slices, slices)) {
      this.reused++;
      return last.result;
    }
    const result = assessEdge(inputs, asOf);
    this.last = { asOf, context, slices, result };
    return result;
  }
}

function sameSlices(a: MeasuredSlices, b: MeasuredSlices): boolean {
  return sameItems(a.segments, b.segments) && sameItems(a.meetings, b.meetings) && sameItems(a.assisted, b.assisted);
}

/** Equal lists of flat records: the same own keys with the same primitive values, in the same order. */
function sameItems(a: readonly object[], b: readonly object[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>, y = b[i] as Record<string, unknown>;
    if (x === y) continue;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) if (x[k] !== y[k]) return false;
  }
  return true;
}
