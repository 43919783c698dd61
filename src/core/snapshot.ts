// One refresh's numbers: the inputs built from the loaded history and the settings, today and this week,
// and the edge as of today. The extension's model computes exactly this (host/model.ts), and the
// cross-surface test computes it the same way. Pure.
import { measureContext, type HistoryFacts, type MeasureInputs, type NumberSettings } from './context';
import { assessEdge, type EdgeResult } from './edge';
import type { EdgeMemo } from './edgeMemo';
import { todayAndWeek, type TodayAndWeek } from './today';
import type { AssistedSegment, Meeting, Segment } from './types';

export interface MeasureSnapshot {
  readonly inputs: MeasureInputs;
  readonly today: TodayAndWeek;
  readonly edge: EdgeResult;
}

type LoadedHistory = HistoryFacts & { readonly segments: readonly Segment[]; readonly meetings: readonly Meeting[]; readonly assisted?: readonly AssistedSegment[] };

export function inputsOf(history: LoadedHistory, settings: NumberSettings): MeasureInputs {
  return { segments: history.segments, meetings: history.meetings, assisted: history.assisted ?? [], context: measureContext(settings, history) };
}

/** With `memo` (the extension's model keeps one), the edge is reused while nothing it reads changed. */
export function measureSnapshot(history: LoadedHistory, settings: NumberSettings, date: string, memo?: EdgeMemo): MeasureSnapshot {
  const inputs = inputsOf(history, settings);
  return { inputs, today: todayAndWeek(inputs, date), edge: memo ? memo.assess(inputs, date) : assessEdge(inputs, date) };
}
