// Commands for meeting sources, manual meetings and time off.
import * as vscode from 'vscode';
import { openManualMeeting } from '../core/manualMeetings';
import { addDays, dateRange, isValidDate, localDate, zonedTime } from '../core/zone';
import { newId, readManualMeetings, readTimeOff, writeManualMeetings, writeTimeOff, type ManualMeeting } from '../store/calendarStore';
import { dateTimeIn } from '../shared/locale';
import type { CalendarService } from './calendarService';
import { hostLocalizer, problemText } from './localizer';
import { Commands } from './commandIds';
import type { ConfigWatcher } from './config';

export interface MeetingCommandDeps {
  readonly dataDir: string;
  readonly calendars: CalendarService;
  readonly config: ConfigWatcher;
  /** Called after manual meetings or time off change. */
  readonly changed: () => void;
}

export function registerMeetingCommands(deps: MeetingCommandDeps): vscode.Disposable {
  const { dataDir, calendars, config, changed } = deps;
  // A command that fails (a damaged sources.json, meetings/manual.json or timeoff.json is refused, never
  // overwritten; a full disk; an address that is not https) says so once in Craft Time's words instead of
  // VS Code's generic "running the command failed".
  const reg = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, async (...args: never[]) => {
    try {
      return await run(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Craft Time: {0}', problemText((error as Error).message)));
      return undefined;
    }
  });
  const manual = async () => (await readManualMeetings(dataDir)).value;
  const saveManual = async (list: ManualMeeting[]) => {
    await writeManualMeetings(dataDir, list);
    changed();
  };

  return vscode.Disposable.from(
    reg(Commands.addCalendar, async (arg?: string) => {
      const choice = arg ?? (await vscode.window.showQuickPick(
        [
          { label: `$(file) ${vscode.l10n.t('An .ics file on this machine')}`, id: 'file', detail: vscode.l10n.t('Exported from Outlook, Google or Apple Calendar; re-read whenever it changes.') },
          { label: `$(link) ${vscode.l10n.t('A subscription address (https)')}`, id: 'url', detail: vscode.l10n.t('Google\'s "secret address in iCal format", Outlook\'s published calendar, an iCloud public link. Stored in secret storage.') },
        ],
        { title: vscode.l10n.t('Craft Time: connect a calendar'), placeHolder: vscode.l10n.t('Where does your calendar come from?') },
      ))?.id;
      if (choice === 'file') {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Calendars: ['ics', 'ical', 'ifb', 'icalendar'] }, title: vscode.l10n.t('Choose an .ics calendar file') });
        if (!picked?.[0]) return;
        const health = await calendars.addFile(picked[0].fsPath);
        showHealth(health.label, health.events, health.problem);
      } else if (choice === 'url') {
        const url = await vscode.window.showInputBox({
          title: vscode.l10n.t('Calendar subscription address'), prompt: vscode.l10n.t('Paste the https or webcal address. It is a password: it is kept in VS Code\'s secret storage and never shown again.'),
          password: true, ignoreFocusOut: true,
          validateInput: (v) => (/^(https|webcals?):\/\//i.test(v.trim()) ? undefined : vscode.l10n.t('Enter an https:// or webcal:// address.')),
        });
        if (!url) return;
        const name = await vscode.window.showInputBox({ title: vscode.l10n.t('A name for this calendar (optional)'), prompt: vscode.l10n.t('Shown in Craft Time instead of the address, e.g. "Work".') });
        const health = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Craft Time: downloading calendar…') }, () => calendars.addUrl(url, name));
        showHealth(health.label, health.events, health.problem);
      }
    }),
    reg(Commands.removeCalendar, async () => {
      const sources = await calendars.sources();
      if (sources.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no calendar is connected.'));
      const pick = await vscode.window.showQuickPick(sources.map((s) => ({ label: s.label, description: s.kind === 'file' ? vscode.l10n.t('file') : vscode.l10n.t('subscription'), id: s.id })), { placeHolder: vscode.l10n.t('Disconnect which calendar?') });
      if (pick) await calendars.remove(pick.id);
    }),
    reg(Commands.refreshCalendars, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Craft Time: refreshing calendars') }, () => calendars.refresh(true)),
    ),
    reg(Commands.showCalendars, async () => {
      const health = await calendars.health();
      if (health.length === 0) {
        const add = await vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no calendar is connected yet.'), vscode.l10n.t('Connect a Calendar'));
        if (add) await vscode.commands.executeCommand(Commands.addCalendar);
        return;
      }
      await vscode.window.showQuickPick(
        health.map((h) => ({
          label: `${h.problem ? '$(warning)' : '$(check)'} ${h.label}`,
          description: h.lastSuccess ? vscode.l10n.t('{0} events · refreshed {1}', h.events ?? 0, dateTimeIn(hostLocalizer(), Date.parse(h.lastSuccess))) : vscode.l10n.t('{0} events · never read', h.events ?? 0),
          detail: h.problem,
        })),
        { title: vscode.l10n.t('Craft Time: calendar sources') },
      );
    }),
    reg(Commands.logMeeting, async () => {
      const tz = config.value.timeZone;
      const today = localDate(Date.now(), tz);
      const date = await vscode.window.showInputBox({ title: vscode.l10n.t('Log a meeting (1/3): date'), value: today, validateInput: (v) => (isValidDate(v.trim()) ? undefined : 'YYYY-MM-DD') });
      if (!date) return;
      const start = await vscode.window.showInputBox({ title: vscode.l10n.t('Log a meeting (2/3): start time'), placeHolder: 'HH:MM', validateInput: (v) => (minuteOf(v) === undefined ? vscode.l10n.t('HH:MM, e.g. 14:30') : undefined) });
      if (!start) return;
      const duration = await vscode.window.showInputBox({ title: vscode.l10n.t('Log a meeting (3/3): duration in minutes'), value: '30', validateInput: (v) => (/^\d+$/.test(v.trim()) && +v > 0 && +v <= 720 ? undefined : vscode.l10n.t('Minutes, 1 to 720')) });
      if (!duration) return;
      const startMs = zonedTime(date.trim(), minuteOf(start) as number, tz);
      const entry: ManualMeeting = { id: newId('m'), start: new Date(startMs).toISOString(), end: new Date(startMs + Number(duration) * 60_000).toISOString(), title: 'Logged meeting' };
      await saveManual([...(await manual()), entry]);
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: logged a {0}-minute meeting on {1} at {2}.', duration, date, start));
    }),
    reg(Commands.meetingStarted, async () => {
      const list = await manual();
      if (openManualMeeting(list, Date.now())) return void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: a meeting is already in progress.'));
      await saveManual([...list, { id: newId('m'), start: new Date().toISOString(), end: null, title: 'Meeting' }]);
    }),
    reg(Commands.meetingEnded, async () => {
      const list = await manual();
      const open = openManualMeeting(list, Date.now());
      if (!open) return void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no meeting is in progress.'));
      await saveManual(list.map((m) => (m.id === open.id ? { ...m, end: new Date().toISOString() } : m)));
    }),
    reg(Commands.editMeetings, async () => {
      const list = await manual();
      if (list.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no meetings were logged by hand.'));
      const tz = config.value.timeZone;
      const pick = await vscode.window.showQuickPick(
        [...list].reverse().map((m) => ({
          label: `${localDate(Date.parse(m.start), tz)} ${new Date(m.start).toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit', timeZone: tz })}`,
          description: m.end ? vscode.l10n.t('{0} min', Math.round((Date.parse(m.end) - Date.parse(m.start)) / 60_000)) : vscode.l10n.t('in progress'),
          id: m.id,
        })),
        { title: vscode.l10n.t('Logged meetings'), placeHolder: vscode.l10n.t('Choose one to change or delete') },
      );
      if (!pick) return;
      const change = vscode.l10n.t('Change duration'), remove = vscode.l10n.t('Delete');
      const action = await vscode.window.showQuickPick([change, remove], { placeHolder: pick.label });
      if (action === remove) await saveManual(list.filter((m) => m.id !== pick.id));
      if (action === change) {
        const m = list.find((x) => x.id === pick.id) as ManualMeeting;
        const duration = await vscode.window.showInputBox({ title: vscode.l10n.t('Duration in minutes'), validateInput: (v) => (/^\d+$/.test(v.trim()) && +v > 0 && +v <= 720 ? undefined : vscode.l10n.t('Minutes, 1 to 720')) });
        if (!duration) return;
        await saveManual(list.map((x) => (x.id === m.id ? { ...x, end: new Date(Date.parse(m.start) + Number(duration) * 60_000).toISOString() } : x)));
      }
    }),
    reg(Commands.markTimeOff, async () => {
      const tz = config.value.timeZone;
      const today = localDate(Date.now(), tz);
      const from = await vscode.window.showInputBox({ title: vscode.l10n.t('Time off: first day'), value: today, validateInput: (v) => (isValidDate(v.trim()) ? undefined : 'YYYY-MM-DD') });
      if (!from) return;
      const to = await vscode.window.showInputBox({ title: vscode.l10n.t('Time off: last day'), value: from.trim(), validateInput: (v) => (isValidDate(v.trim()) && v.trim() >= from.trim() && v.trim() <= addDays(from.trim(), 366) ? undefined : vscode.l10n.t('YYYY-MM-DD, on or after the first day, within a year')) });
      if (!to) return;
      const { value } = await readTimeOff(dataDir);
      await writeTimeOff(dataDir, [...value, ...dateRange(from.trim(), to.trim())]);
      changed();
      void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: {0} to {1} marked as time off; those days count neither for nor against you.', from, to));
    }),
    reg(Commands.clearTimeOff, async () => {
      const { value } = await readTimeOff(dataDir);
      if (value.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: no days are marked as time off.'));
      const picks = await vscode.window.showQuickPick(value.map((d) => ({ label: d })), { canPickMany: true, placeHolder: vscode.l10n.t('Days to un-mark') });
      if (!picks?.length) return;
      const remove = new Set(picks.map((p) => p.label));
      await writeTimeOff(dataDir, value.filter((d) => !remove.has(d)));
      changed();
    }),
  );
}

function minuteOf(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || +m[1] > 23 || +m[2] > 59) return undefined;
  return +m[1] * 60 + +m[2];
}

function showHealth(label: string, events: number | undefined, problem: string | undefined): void {
  if (problem) void vscode.window.showWarningMessage(vscode.l10n.t('Craft Time: calendar "{0}" connected with a problem: {1}', label, problem));
  else void vscode.window.showInformationMessage(vscode.l10n.t('Craft Time: calendar "{0}" connected ({1} events).', label, events ?? 0));
}
