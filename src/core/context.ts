// The one set of inputs every measure is computed from (docs/architecture.md). A surface builds a
// MeasureInputs once (the host's history model, the CLI's loader) and hands it to the measures, the edge
// engine, the summary, the dashboard model and the team contribution: nobody copies settings field by field.
import type { Floor, Role } from './roles';
import type { MeetingCoverage } from './rules';
import type { AssistedSegment, Meeting, Segment, TimeOffDay, WorkingHours } from './types';

/** Everything besides the activity and the meetings that changes a number. */
export interface MeasureContext {
  /** IANA zone in which local days start at midnight. */
  readonly timeZone: string;
  readonly workingHours: WorkingHours;
  /** A hands-on run at least this long is a deep-work block. */
  readonly deepWorkMinutes: number;
  readonly role: Role;
  /** The role's floor with the user's overrides applied. */
  readonly floor: Floor;
  /** Which days the meeting data can be trusted for. */
  readonly meetingCoverage: MeetingCoverage;
  /** First local date with tracked activity on this machine, null when none. */
  readonly trackingStart: string | null;
  /** Days marked off (by hand, or all-day out-of-office events). */
  readonly timeOff: readonly TimeOffDay[];
  /** Share (0-1) of assisted time counted toward the floors when judging (craftTime.edge.assistedCredit). */
  readonly assistedCredit: number;
  /** Days recorded before origins were told apart: their hands-on may include tools' edits. */
  readonly originUnknownDays: readonly string[];
}

/** The one set of inputs: the machine-wide timeline, the meetings and the context. */
export interface MeasureInputs {
  /** Machine-wide hands-on segments (buildTimeline), sorted and non-overlapping. */
  readonly segments: readonly Segment[];
  /** Expanded, filtered meetings (any order; overlaps allowed). */
  readonly meetings: readonly Meeting[];
  /** Assisted time (tools writing), never overlapping hands-on; absent = none. */
  readonly assisted?: readonly AssistedSegment[];
  readonly context: MeasureContext;
}

/** The settings that change numbers (see core/settings.ts), as the context needs them. */
export interface NumberSettings {
  readonly timeZone: string;
  readonly workingHours: WorkingHours;
  readonly deepWorkMinutes: number;
  readonly role: Role;
  readonly floor: Floor;
  /** Share of assisted time counted toward the floors (default 0). */
  readonly assistedCredit?: number;
}

/** What the history loader knows about the data (store/history.ts). */
export interface HistoryFacts {
  readonly meetingCoverage: MeetingCoverage;
  readonly trackingStart: string | null;
  readonly timeOff: readonly TimeOffDay[];
  readonly originUnknownDays?: readonly string[];
}

/** Builds the context: the one place settings and history facts meet. */
export function measureContext(settings: NumberSettings, facts: HistoryFacts): MeasureContext {
  return {
    timeZone: settings.timeZone,
    workingHours: settings.workingHours,
    deepWorkMinutes: settings.deepWorkMinutes,
    role: settings.role,
    floor: settings.floor,
    meetingCoverage: facts.meetingCoverage,
    trackingStart: facts.trackingStart,
    timeOff: facts.timeOff,
    assistedCredit: settings.assistedCredit ?? 0,
    originUnknownDays: facts.originUnknownDays ?? [],
  };
}
