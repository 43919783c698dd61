// Entry of dist/reports.js: the monthly summary and the team aggregate, loaded the first time one of
// their commands runs, so that activation and the status bar never pay for them.
export { generateSummary } from './summaryCommand';
export { TeamFlow } from './teamCommands';
export { monthlySummary, summaryAsOf, summaryRange } from '../views/summaryView';
