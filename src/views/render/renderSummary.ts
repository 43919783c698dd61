// One entry point for the four summary formats (the CLI and the VS Code command both use it).
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

export function renderSummary(summary: MonthlySummary, format: SummaryFormat): string {
  switch (format) {
    case 'md':
      return renderSummaryMarkdown(summary);
    case 'html':
      return renderSummaryHtml(summary);
    case 'json':
      return renderSummaryJson(summary);
    case 'csv':
      return renderSummaryCsv(summary);
  }
}
