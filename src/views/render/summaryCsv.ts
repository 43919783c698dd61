// The monthly summary's daily rows as CSV (RFC 4180: comma, CRLF, quotes doubled). One row per day.
import { CATEGORIES } from '../../core/types';
import { minutesOf, type MonthlySummary } from '../summaryView';

export const SUMMARY_CSV_COLUMNS = [
  'date', 'weekday', 'status', 'handsOnMinutes', 'meetingMinutes', 'overlapMinutes', 'craftRatio',
  'deepWorkBlocks', 'deepWorkMinutes', 'focusWindows', 'focusMinutes', 'fragments',
  ...CATEGORIES.map((c) => `${c}Minutes`),
  'assistedMinutes',
] as const;

/** Quotes a cell when needed; a cell starting with = + - @ is prefixed with ' so spreadsheets never run it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderSummaryCsv(s: MonthlySummary): string {
  const rows: (string | number | null)[][] = [[...SUMMARY_CSV_COLUMNS]];
  for (const d of s.days) {
    rows.push([
      d.date, d.weekday, d.status, minutesOf(d.handsOnMs), minutesOf(d.meetingMs), minutesOf(d.overlapMs),
      d.craftRatio === null ? null : Math.round(d.craftRatio * 10_000) / 10_000,
      d.deepWorkBlocks, minutesOf(d.deepWorkMs), d.focusWindows, minutesOf(d.focusMs), d.fragments,
      ...CATEGORIES.map((c) => minutesOf(d.byCategory[c])),
      minutesOf(d.assistedMs),
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
