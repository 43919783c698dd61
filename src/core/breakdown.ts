// Breakdowns by language or workspace, shared by the dashboard and the monthly summary so both rank and
// fold the same way: totals summed over days, largest first, the tail folded into "other".
import type { DayMeasures } from './measures';

/** Sums a per-day record (byLanguage, byWorkspace) over days. */
export function sumByKey(days: readonly DayMeasures[], pick: (d: DayMeasures) => Readonly<Record<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of days) for (const [k, v] of Object.entries(pick(d))) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

/** A ranked row: `key` is the summed key, null for the folded "other" row. */
export interface RankedRow {
  readonly key: string | null;
  readonly label: string;
  readonly ms: number;
}

/** Non-zero totals, largest first (ties by label); past `limit` rows the rest becomes one row with key null (`otherLabel`). */
export function rankKeys(totals: ReadonlyMap<string, number>, label: (key: string) => string, limit: number, otherLabel = 'other'): RankedRow[] {
  const list = [...totals].filter(([, ms]) => ms > 0).map(([k, ms]) => ({ key: k as string | null, label: label(k), ms }));
  list.sort((a, b) => b.ms - a.ms || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  if (list.length <= limit) return list;
  const rest = list.slice(limit - 1).reduce((s, x) => s + x.ms, 0);
  return [...list.slice(0, limit - 1), { key: null, label: otherLabel, ms: rest }];
}

/** rankKeys without the keys (`otherLabel`: its words in the display language). */
export function rankTotals(totals: ReadonlyMap<string, number>, label: (key: string) => string, limit: number, otherLabel = 'other'): { label: string; ms: number }[] {
  return rankKeys(totals, label, limit, otherLabel).map(({ label: l, ms }) => ({ label: l, ms }));
}
