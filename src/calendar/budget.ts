// One budget per calendar file. A hostile or broken feed must cost no more than a large real one: when
// any limit is passed, the whole file is skipped with one problem that names the limit, and the other
// calendars still count. docs/calendar.md ("Budgets") lists the defaults and why they are what they are.
// No ical.js here: the extension host's bundle imports this file and must stay small.
import type { ExpandResult } from './expand';

export interface CalendarBudget {
  /** Wall time for reading and expanding one file, ms (checked cooperatively; the worker is killed past it). */
  readonly wallMs: number;
  /** Recurrence steps across all series of the file (each `next()` of a rule is one). */
  readonly iterations: number;
  /** Occurrences generated inside the window, meetings and days off together. */
  readonly occurrences: number;
  /** RRULE lines on one event (RFC 5545 allows one; real feeds never write more than a few). */
  readonly rrulesPerEvent: number;
  /** Characters in one TZID. */
  readonly tzidLength: number;
  /** Size of the file, bytes. */
  readonly bytes: number;
}

/**
 * The largest calendar we plan for (23,500 events over 5 years, 28 MB: about 95,500 occurrences and under
 * 100,000 rule steps, see bench/calendar.bench.ts) fits each limit at least 5 times over.
 */
export const DEFAULT_BUDGET: CalendarBudget = {
  wallMs: 20_000,
  iterations: 2_000_000,
  occurrences: 500_000,
  rrulesPerEvent: 16,
  tzidLength: 256,
  bytes: 64 * 1024 * 1024,
};

/** Thrown inside the expander when a limit is passed; caught at the file's boundary, never further out. */
export class BudgetExceeded extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BudgetExceeded';
  }
}

/** Fills in missing limits from the defaults and ignores anything that is not a positive number. */
export function budgetOf(partial: Partial<CalendarBudget> | undefined): CalendarBudget {
  const out: Record<string, number> = { ...DEFAULT_BUDGET };
  if (partial) {
    for (const key of Object.keys(DEFAULT_BUDGET) as (keyof CalendarBudget)[]) {
      const v = Object.prototype.hasOwnProperty.call(partial, key) ? partial[key] : undefined;
      if (typeof v === 'number' && v > 0 && Number.isFinite(v)) out[key] = v;
    }
  }
  return out as unknown as CalendarBudget;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The one problem a skipped file gets: what was passed, and what still counts. */
export function skippedProblem(reason: string): string {
  return `The calendar was skipped: ${reason}. Other calendars still count.`;
}

/** The result of a file skipped for passing its budget: nothing counted, one problem naming the limit. */
export function skippedResult(reason: string): ExpandResult {
  return { meetings: [], timeOff: [], problems: [skippedProblem(reason)], stats: { events: 0, occurrences: 0, excluded: {} }, skipped: reason };
}

/** Reasons, in words a user can act on (each names the limit). */
export const reasons = {
  wallTime: (b: CalendarBudget) => `reading it took longer than ${b.wallMs / 1000} s`,
  iterations: (b: CalendarBudget) => `its repeat rules need more than ${fmt(b.iterations)} steps`,
  occurrences: (b: CalendarBudget) => `it has more than ${fmt(b.occurrences)} occurrences in the period`,
  rrules: (b: CalendarBudget, line: number) => `an event (line ${line}) has more than ${fmt(b.rrulesPerEvent)} repeat rules (RRULE lines)`,
  tzid: (b: CalendarBudget) => `a time-zone name (TZID) is longer than ${fmt(b.tzidLength)} characters`,
  bytes: (b: CalendarBudget, size: number) => `it is too large (${mb(size)}; the limit is ${mb(b.bytes)})`,
};

/** How often the clock is read: every this many steps (reading it costs about as much as a step). */
const CLOCK_EVERY = 256;

/** Counts one file's spending against its budget; throws BudgetExceeded when a limit is passed. */
export class BudgetMeter {
  iterations = 0;
  occurrences = 0;
  private readonly deadline: number;

  constructor(
    readonly budget: CalendarBudget,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.deadline = clock() + budget.wallMs;
  }

  step(): void {
    if (++this.iterations > this.budget.iterations) throw new BudgetExceeded(reasons.iterations(this.budget));
    if ((this.iterations & (CLOCK_EVERY - 1)) === 0) this.checkTime();
  }

  /** Spends `n` steps at once (work done outside a rule's loop, such as reading a zone definition). */
  charge(n: number): void {
    this.iterations += n;
    if (this.iterations > this.budget.iterations) throw new BudgetExceeded(reasons.iterations(this.budget));
  }

  occurrence(): void {
    if (++this.occurrences > this.budget.occurrences) throw new BudgetExceeded(reasons.occurrences(this.budget));
  }

  checkTime(): void {
    if (this.clock() > this.deadline) throw new BudgetExceeded(reasons.wallTime(this.budget));
  }

  tzid(tzid: string): void {
    if (tzid.length > this.budget.tzidLength) throw new BudgetExceeded(reasons.tzid(this.budget));
  }

  rrules(count: number, line: number): void {
    if (count > this.budget.rrulesPerEvent) throw new BudgetExceeded(reasons.rrules(this.budget, line));
  }
}
