// Loads dist/reports.js (see reports.ts) on first use: a sibling of dist/extension.js, left alone by esbuild.
import type * as Reports from './reports';

let reports: typeof Reports | undefined;

export function lazyReports(): typeof Reports {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (reports ??= require('./reports.js') as typeof Reports);
}
