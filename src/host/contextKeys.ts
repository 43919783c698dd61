// Context keys for the `when` clauses in package.json, so each command shows in the Command Palette
// only when it applies (Resume only while paused, Meeting Ended only during a manual meeting, Leave only
// for a team member, ...). Keys follow the state where it changes: the controls file, the data files
// written by commands, calendar changes, and window focus (another window or the CLI may have changed them).
import * as vscode from 'vscode';
import { openManualMeeting } from '../core/manualMeetings';
import { readManualMeetings, readTimeOff } from '../store/calendarStore';
import type { CalendarService } from './calendarService';
import type { ControlsHolder } from './controls';
import { hasMembershipFile as hasMembership } from '../store/teamKeys';
import { currentWorkspace } from './workspaces';

/** Every key, as package.json's `when` clauses spell them (docs/settings.md lists them). */
export const ContextKey = {
  paused: 'craftTime.paused',
  workspaceExcluded: 'craftTime.workspaceExcluded',
  hasExcludedWorkspaces: 'craftTime.hasExcludedWorkspaces',
  meetingInProgress: 'craftTime.manualMeetingInProgress',
  hasManualMeetings: 'craftTime.hasManualMeetings',
  hasTimeOff: 'craftTime.hasTimeOff',
  hasCalendars: 'craftTime.hasCalendars',
  teamMember: 'craftTime.teamMember',
} as const;
type Key = (typeof ContextKey)[keyof typeof ContextKey];

export class ContextKeys implements vscode.Disposable {
  private readonly known = new Map<Key, boolean>();
  private readonly owned: vscode.Disposable[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly controls: ControlsHolder,
    private readonly calendars: CalendarService,
    onDidChangeData: (listener: () => void) => vscode.Disposable,
  ) {
    this.owned.push(
      controls.onDidChange(() => this.fromControls()),
      vscode.window.onDidChangeActiveTextEditor(() => this.fromControls()),
      onDidChangeData(() => void this.refresh()),
      vscode.window.onDidChangeWindowState((s) => (s.focused ? void this.refresh() : undefined)),
    );
    this.fromControls();
  }

  /** Re-reads the small state files (manual meetings, time off, team membership, calendar list). */
  async refresh(): Promise<void> {
    const now = Date.now();
    const [meetings, timeOff, sources] = await Promise.all([
      readManualMeetings(this.dataDir).catch(() => ({ value: [] })),
      readTimeOff(this.dataDir).catch(() => ({ value: [] })),
      this.calendars.sources().catch(() => []),
    ]);
    this.set(ContextKey.meetingInProgress, openManualMeeting(meetings.value, now) !== undefined);
    this.set(ContextKey.hasManualMeetings, meetings.value.length > 0);
    this.set(ContextKey.hasTimeOff, timeOff.value.length > 0);
    this.set(ContextKey.hasCalendars, sources.length > 0);
    this.set(ContextKey.teamMember, hasMembership(this.dataDir));
  }

  private fromControls(): void {
    const c = this.controls.value;
    const ws = currentWorkspace().id;
    this.set(ContextKey.paused, c.paused);
    this.set(ContextKey.workspaceExcluded, ws !== '' && this.controls.isExcluded(ws));
    this.set(ContextKey.hasExcludedWorkspaces, c.excludedWorkspaces.length > 0);
  }

  private set(key: Key, value: boolean): void {
    if (this.known.get(key) === value) return;
    this.known.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  dispose(): void {
    for (const d of this.owned) d.dispose();
  }
}
