// The dashboard's message protocol and view model, shared by the host (src/host/dashboardPanel.ts) and the
// webview (src/webview/main.ts). No vscode, no DOM: plain data only. Durations are milliseconds.

/** What the dashboard shows: one calendar month, or the last 12 completed-or-current ISO weeks. */
export type DashboardRange = { readonly kind: 'last12Weeks' } | { readonly kind: 'month'; readonly month: string };

/** Webview -> host. */
export type ToHost =
  /** The webview is loaded and listening; `month` is its restored selection (undefined: last 12 weeks). */
  | { readonly type: 'ready'; readonly month?: string }
  /** The user picked a month (undefined: the last 12 weeks). */
  | { readonly type: 'selectMonth'; readonly month?: string }
  /** "Generate monthly summary" for the month shown. */
  | { readonly type: 'generateSummary'; readonly month: string }
  /** "Why?" on the edge card: open the full explanation. */
  | { readonly type: 'explainEdge' }
  /** "Connect a calendar" in the calendar health card. */
  | { readonly type: 'connectCalendar' };

/** Host -> webview. */
export type ToWebview =
  | { readonly type: 'model'; readonly model: DashboardModel }
  | { readonly type: 'loading'; readonly month?: string }
  | { readonly type: 'error'; readonly message: string };

export type DayStatusView = 'working' | 'nonWorking' | 'timeOff' | 'idle';
export type EdgeStateView = 'learning' | 'healthy' | 'watch' | 'eroding';

export interface DashboardDay {
  readonly date: string;
  /** ISO weekday 1 (Monday) .. 7 (Sunday). */
  readonly weekday: number;
  readonly status: DayStatusView;
  readonly handsOnMs: number;
  /** Assisted time (written by tools): beside hands-on, never inside it. */
  readonly assistedMs: number;
  readonly meetingMs: number;
  readonly craftRatio: number | null;
  readonly deepWorkBlocks: number;
  readonly deepWorkMs: number;
  readonly longestRunMs: number;
  readonly focusWindows: number;
}

export interface DashboardWeek {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  /** False when the shown range cuts the week. */
  readonly complete: boolean;
  readonly handsOnMs: number;
  readonly assistedMs: number;
  /** Share of the week's changed lines written by the user's own hands (null when no lines changed). */
  readonly ownLinesShare: number | null;
  readonly meetingMs: number;
  readonly craftRatio: number | null;
  readonly availableDays: number;
  /** Weekly hands-on floor pro-rated over the counted working days (0 when none counted). */
  readonly floorHandsOnMs: number;
  readonly belowFloor: boolean;
}

export interface BreakdownItem {
  /** Outside text (language id, workspace name): always set with textContent. */
  readonly label: string;
  readonly ms: number;
}

export interface EdgeSignalView {
  readonly id: string;
  readonly title: string;
  readonly fired: boolean;
  readonly available: boolean;
  readonly detail: string;
}

/** One calendar source's health, passed through from the host's calendar service. */
export interface CalendarHealthView {
  readonly id: string;
  readonly kind: 'file' | 'url';
  /** The user's own label for the source (outside text). */
  readonly label: string;
  readonly lastSuccess?: string;
  readonly events?: number;
  readonly problem?: string;
}

export interface DashboardModel {
  readonly range: DashboardRange;
  readonly from: string;
  readonly to: string;
  /** "Last 12 weeks" or "March 2026". */
  readonly title: string;
  /** Months the picker offers, newest first ('YYYY-MM'). */
  readonly months: readonly string[];
  readonly timeZone: string;
  readonly role: string;
  readonly floor: { readonly weeklyHandsOnHours: number; readonly craftRatio: number };
  readonly meetingsCovered: boolean;
  readonly totals: {
    readonly handsOnMs: number;
    readonly assistedMs: number;
    readonly meetingMs: number;
    readonly craftRatio: number | null;
    readonly deepWorkBlocks: number;
    readonly deepWorkMs: number;
    readonly focusWindows: number;
    readonly availableDays: number;
    readonly daysOff: number;
  };
  readonly days: readonly DashboardDay[];
  readonly weeks: readonly DashboardWeek[];
  /** Hands-on ms, [ISO weekday - 1][local hour 0..23]. */
  readonly heatMap: readonly (readonly number[])[];
  readonly breakdown: {
    readonly categories: readonly BreakdownItem[];
    readonly languages: readonly BreakdownItem[];
    /** Hands-on by the program that recorded it (VS Code, Cursor, the terminal, Neovim, …). */
    readonly programs: readonly BreakdownItem[];
    /** Empty when the user turned workspace names off. */
    readonly workspaces: readonly BreakdownItem[];
  };
  readonly edge: {
    readonly state: EdgeStateView;
    readonly asOf: string;
    readonly headline: string;
    readonly signals: readonly EdgeSignalView[];
    readonly missing: readonly string[];
  };
  readonly calendars: readonly CalendarHealthView[];
  /** Minimum deep-work block in minutes (for labels). */
  readonly deepWorkMinutes: number;
}

/** Exhaustiveness check for switch statements over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

export function isToHost(value: unknown): value is ToHost {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; month?: unknown };
  const monthOk = m.month === undefined || (typeof m.month === 'string' && /^\d{4}-\d{2}$/.test(m.month));
  switch (m.type) {
    case 'ready':
    case 'selectMonth':
      return monthOk;
    case 'generateSummary':
      return typeof m.month === 'string' && monthOk;
    case 'explainEdge':
    case 'connectCalendar':
      return true;
    default:
      return false;
  }
}
