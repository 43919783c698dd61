// One entry point for the four summary formats (the CLI and the VS Code command both use it).
import { ENGLISH, type Localizer } from '../../shared/locale';
import type { MonthlySummary } from '../summaryView';
import { renderSummaryCsv } from './summaryCsv';
import { renderSummaryHtml } from './summaryHtml';
import { renderSummaryJson } from './summaryJson';
import { renderSummaryMarkdown } from './summaryMarkdown';

export const SUMMARY_FORMATS = ['md', 'html', 'json', 'csv'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export function isSummaryFormat(value: unknown): value is SummaryFormat {
  return typeof value === 'string' && (SUMMARY_FORMATS as readonly string[]).includes(value);
}

/** Markdown and HTML are worded by `locale` (default English); JSON and CSV are always English. */
export function renderSummary(summary: MonthlySummary, format: SummaryFormat, locale: Localizer = ENGLISH): string {
  switch (format) {
    case 'md':
      return renderSummaryMarkdown(summary, locale);
    case 'html':
      return renderSummaryHtml(summary, locale);
    case 'json':
      return renderSummaryJson(summary);
    case 'csv':
      return renderSummaryCsv(summary);
  }
}
