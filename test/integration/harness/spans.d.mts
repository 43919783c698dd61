// Types of spans.mjs, for the unit test that checks it (test/unit/harness/spans.test.ts).
export interface RecordedSpan { start: number; end: number; code: string; lines: number }
export function readSpans(dataDir: string): RecordedSpan[];
export function parseSpanLines(text: string): RecordedSpan[];
export function spansWithin(spans: readonly RecordedSpan[], range: { from: number; to: number }, codes: readonly string[]): { seconds: number; lines: number; count: number };
