// Problems worded in English by src/store and src/calendar reach a German user in German (shared/problemText.ts).
// The English sentences are produced by the real store and calendar code, not copied here, so a changed
// wording there fails this test instead of going quietly untranslated.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_BUDGET, reasons, skippedProblem } from '../../../src/calendar/budget';
import { downloadCalendar } from '../../../src/calendar/download';
import { expandIcs } from '../../../src/calendar/expand';
import { bundleLocalizer, ENGLISH } from '../../../src/shared/locale';
import { localizeProblem } from '../../../src/shared/problemText';
import { readSources, sourcesFile, writeSources } from '../../../src/store/calendarStore';
import { controlsFile, previousControlsFile, readControls } from '../../../src/store/controls';
import { addCorrection } from '../../../src/store/corrections';
import { importFile } from '../../../src/store/importer';
import { machineSettingsFile, readMachineSettings } from '../../../src/store/machineSettings';
import { NOT_ROSTERED } from '../../../src/store/teamCrypto';
import { applyInit, planInit, rosterView } from '../../../src/store/teamOps';
import { loadHistory, plainActivityReader } from '../../../src/store/history';

const root = path.resolve(__dirname, '..', '..', '..');
const de = bundleLocalizer('de', JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')));
const T = Date.parse('2025-03-10T09:00:00Z') / 1000;

let dir: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-problem-text-'));
  // A damaged sources.json, and an activity file with one good line and two damaged ones.
  fs.mkdirSync(path.dirname(sourcesFile(dir)), { recursive: true });
  fs.writeFileSync(sourcesFile(dir), '{ not json');
  const month = path.join(dir, 'activity', '2025-03');
  fs.mkdirSync(month, { recursive: true });
  fs.writeFileSync(path.join(month, 'w-test.jsonl'), [
    '{"schema":1,"kind":"craft-time/activity","source":"w-test"}',
    `[${T},600,"c",0,0]`,
    '[1,2,3',
    '{"pause":-5}',
    '',
  ].join('\n'));
  server = http.createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('store and calendar problems in German', () => {
  test('a damaged data file: read (left untouched) and write (refused)', async () => {
    const { problem } = await readSources(dir);
    expect(problem).toBe('sources.json is damaged or from a newer version; it was left untouched.');
    expect(localizeProblem(problem as string, de)).toBe('sources.json ist beschädigt oder stammt aus einer neueren Version; die Datei wurde nicht angetastet.');
    const error = await writeSources(dir, []).then(() => undefined, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(localizeProblem((error as Error).message, de)).toBe(
      'sources.json ist beschädigt oder stammt aus einer neueren Version; die Datei wurde nicht angetastet. ' +
      'Es wurde nichts geändert: Reparieren oder entfernen Sie die Datei und versuchen Sie es dann erneut.',
    );
  });

  test('a damaged tracking controls file, with and without a previous copy (the path, spaces and all, kept)', async () => {
    const data = path.join(dir, 'Application Support');
    fs.mkdirSync(path.dirname(controlsFile(data)), { recursive: true });
    fs.writeFileSync(controlsFile(data), '{"paused": tr');
    const alone = await readControls(data);
    expect(alone.status).toBe('damaged');
    expect(localizeProblem((alone as { problem: string }).problem, de)).toBe(
      `${controlsFile(data)} ist kein gültiges JSON; die Datei wurde nicht angetastet, und die Erfassung ist pausiert, bis sie repariert oder zurückgesetzt wird, damit kein ausgeschlossener Arbeitsbereich aufgezeichnet wird.`,
    );
    fs.writeFileSync(previousControlsFile(data), '{"schema":1,"paused":false,"excludedWorkspaces":[]}');
    fs.writeFileSync(controlsFile(data), '{"schema":7}');
    const withPrevious = await readControls(data);
    expect(localizeProblem((withPrevious as { problem: string }).problem, de)).toBe(
      `${controlsFile(data)} stammt aus einer neueren Version (Schema 7); die Datei wurde nicht angetastet, und bis zu ihrer Reparatur gilt die vorherige Kopie.`,
    );
  });

  test('damaged machine-wide settings, and a correction refused while corrections.json is damaged', async () => {
    const data = path.join(dir, 'settings-and-corrections');
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(machineSettingsFile(data), '{ nope');
    const settings = await readMachineSettings(data);
    expect(localizeProblem(settings.problem as string, de)).toBe(
      `${machineSettingsFile(data)} ist beschädigt (kein JSON); die rechnerweiten Einstellungen werden ignoriert, und die Datei bleibt unangetastet, bis Sie sie reparieren oder löschen.`,
    );
    fs.writeFileSync(path.join(data, 'corrections.json'), '[1,');
    const range = { from: Date.parse('2025-03-10T09:00:00Z'), to: Date.parse('2025-03-10T10:00:00Z'), at: Date.parse('2025-03-11T08:00:00Z') };
    const refused = await addCorrection(data, range).then(() => undefined, (e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(localizeProblem((refused as Error).message, de)).toBe('corrections.json ist kein gültiges JSON; sie wird nicht geändert');
  });

  test('damaged activity lines, inside the host wrapper as the status bar shows them', async () => {
    const history = await loadHistory({
      dataDir: dir, from: '2025-03-10', to: '2025-03-10', timeZone: 'UTC', idleMinutes: 5, now: Date.parse('2025-03-11T00:00:00Z'),
      activity: plainActivityReader(dir), calendars: () => Promise.resolve({ meetings: [], timeOff: [], problems: [], connected: false }),
    });
    const damaged = history.problems.find((p) => /damaged/.test(p)) as string;
    expect(history.damagedLines).toBe(2);
    expect(localizeProblem(`Craft Time: ${damaged}`, de)).toBe('Craft Time: 2 beschädigte Zeilen in den Aktivitätsdateien wurden übersprungen.');
  });

  test('calendar downloads: refused http, an HTTP error with its hint, an address that is not a URL', async () => {
    const plain = await downloadCalendar('http://calendar.example/team.ics');
    expect(plain.status).toBe('error');
    expect(localizeProblem((plain as { message: string }).message, de)).toBe('Unverschlüsseltes http für calendar.example abgelehnt: Kalenderadressen sind geheim; verwenden Sie https.');
    const missing = await downloadCalendar(`http://127.0.0.1:${port}/gone.ics`, { allowHttp: true });
    // The calendar service adds that the last good copy stays in use; the wrapper is the host's own German.
    const shown = `Kalender „Team“: ${(missing as { message: string }).message} The last good copy is still used.`;
    expect(localizeProblem(shown, de)).toBe(
      `Kalender „Team“: 127.0.0.1:${port} hat mit HTTP 404 geantwortet. Die Adresse wurde möglicherweise zurückgesetzt oder nicht mehr veröffentlicht; fügen Sie sie erneut hinzu. Die letzte funktionierende Kopie wird weiter verwendet.`,
    );
    const notUrl = await downloadCalendar('not an address');
    expect(localizeProblem((notUrl as { message: string }).message, de)).toBe('Die Adresse ist keine https-URL.');
  });

  test('calendar files: empty, a web page, no events, skipped over a limit', () => {
    const options = { fromMs: Date.parse('2025-01-01T00:00:00Z'), toMs: Date.parse('2025-12-31T00:00:00Z'), timeZone: 'UTC' };
    expect(expandIcs('', options).problems.map((p) => localizeProblem(p, de))).toEqual(['Die Datei ist leer.']);
    expect(localizeProblem(expandIcs('<!DOCTYPE html><html><body>Sign in</body></html>', options).problems[0], de)).toMatch(/^Die Datei ist eine Webseite \(HTML\), kein Kalender\./);
    expect(expandIcs('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', options).problems.map((p) => localizeProblem(p, de))).toEqual(['Der Kalender enthält keine Termine.']);
    expect(localizeProblem(skippedProblem('over 5 MB'), de)).toBe('Der Kalender wurde übersprungen: over 5 MB. Andere Kalender zählen weiterhin.');
  });

  test('why a calendar was skipped: every budget reason, its numbers written the German way', () => {
    expect(localizeProblem(skippedProblem(reasons.iterations(DEFAULT_BUDGET)), de)).toBe(
      'Der Kalender wurde übersprungen: seine Wiederholungsregeln brauchen mehr als 2.000.000 Schritte. Andere Kalender zählen weiterhin.',
    );
    expect(localizeProblem(skippedProblem(reasons.bytes(DEFAULT_BUDGET, 70 * 1024 * 1024)), de)).toBe(
      'Der Kalender wurde übersprungen: er ist zu groß (70 MB; die Grenze liegt bei 64 MB). Andere Kalender zählen weiterhin.',
    );
    const all = [
      reasons.wallTime(DEFAULT_BUDGET), reasons.occurrences(DEFAULT_BUDGET), reasons.rrules(DEFAULT_BUDGET, 12), reasons.tzid(DEFAULT_BUDGET),
    ];
    expect(all.map((r) => localizeProblem(skippedProblem(r), de))).toEqual([
      'Der Kalender wurde übersprungen: das Lesen dauerte länger als 20 s. Andere Kalender zählen weiterhin.',
      'Der Kalender wurde übersprungen: er hat mehr als 500.000 Vorkommen im Zeitraum. Andere Kalender zählen weiterhin.',
      'Der Kalender wurde übersprungen: ein Termin (Zeile 12) hat mehr als 16 Wiederholungsregeln (RRULE-Zeilen). Andere Kalender zählen weiterhin.',
      'Der Kalender wurde übersprungen: ein Zeitzonenname (TZID) ist länger als 256 Zeichen. Andere Kalender zählen weiterhin.',
    ]);
  });

  test('a skipped budget, events skipped for their own reasons, and an unknown zone, as the real reader words them', () => {
    const options = { fromMs: Date.parse('2025-01-01T00:00:00Z'), toMs: Date.parse('2025-12-31T00:00:00Z'), timeZone: 'UTC' };
    const event = (lines: string) => `BEGIN:VEVENT\r\nUID:${lines.length}@x\r\nSUMMARY:Sync\r\n${lines}END:VEVENT\r\n`;
    const ics = (...events: string[]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n${events.join('')}END:VCALENDAR\r\n`;
    const daily = event('DTSTART:20250106T090000Z\r\nDTEND:20250106T093000Z\r\nRRULE:FREQ=DAILY\r\n');
    const overBudget = expandIcs(ics(daily), { ...options, budget: { iterations: 10 } });
    expect(overBudget.problems.map((p) => localizeProblem(p, de))).toEqual([
      'Der Kalender wurde übersprungen: seine Wiederholungsregeln brauchen mehr als 10 Schritte. Andere Kalender zählen weiterhin.',
    ]);
    const good = event('DTSTART:20250106T090000Z\r\nDTEND:20250106T093000Z\r\n');
    const result = expandIcs(ics(
      good,
      event('DTEND:20250107T093000Z\r\n'),
      event('DTSTART:20250108T090000Z\r\nDTEND:20250108T093000Z\r\nRRULE:FREQ=SECONDLY\r\n'),
      event('DTSTART;TZID=Mars/Olympus_Mons:20250109T090000\r\nDTEND;TZID=Mars/Olympus_Mons:20250109T093000\r\n'),
    ), options);
    const german = result.problems.map((p) => localizeProblem(p, de));
    // Line numbers come from the reader; the words around them are what is checked.
    expect(german).toHaveLength(3);
    expect(german[0]).toMatch(/^Termin übersprungen \(Zeile \d+\): er hat keine Startzeit\.$/);
    expect(german[1]).toMatch(/^Termin übersprungen \(Zeile \d+\): seine Wiederholungsregel wurde nicht ausgewertet: sie wiederholt sich jede Sekunde oder Minute\.$/);
    expect(german[2]).toBe('Zeiten in der Zone „Mars/Olympus_Mons“ wurden als Ortszeit (UTC) gelesen: sie ist keine bekannte Zeitzone, und die Datei definiert sie nicht.');
  });

  test('a reason is re-worded only after its own sentence, never elsewhere', () => {
    expect(localizeProblem('it has no start time', de)).toBe('it has no start time');
    expect(localizeProblem('Skipped an event (line 3): it has no start time.', de)).toBe('Termin übersprungen (Zeile 3): er hat keine Startzeit.');
  });

  test('imports the extension refuses: not JSON, not a file, an ActivityWatch export without an editor bucket', async () => {
    const data = path.join(dir, 'import-data');
    const bad = path.join(dir, 'cut short.json');
    fs.writeFileSync(bad, '{"days": [');
    const refusal = (file: string, kind: 'wakatime' | 'activitywatch' = 'wakatime') => importFile(data, kind, file).then(() => 'imported', (e: Error) => e.message);
    expect(localizeProblem(await refusal(bad), de)).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ist kein gültiges JSON \\(.+\\)\\. Wurde der Download abgebrochen\\?$`));
    expect(localizeProblem(await refusal(dir), de)).toBe(`${dir} ist keine Datei (sondern ein Ordner, eine Pipe, ein Socket oder ein Gerät); geben Sie die Exportdatei selbst an.`);
    const missing = path.join(dir, 'no such export.json');
    expect(localizeProblem(await refusal(missing), de)).toBe(`${missing} kann nicht gelesen werden: ENOENT: nicht gefunden`);
    const windowsOnly = path.join(dir, 'aw.json');
    fs.writeFileSync(windowsOnly, JSON.stringify({ buckets: { 'aw-watcher-window_host': { id: 'aw-watcher-window_host', type: 'currentwindow', events: [] } } }));
    expect(localizeProblem(await refusal(windowsOnly, 'activitywatch'), de)).toBe(
      `${windowsOnly}: nichts zu importieren. Bucket „aw-watcher-window_host“ vom Typ „currentwindow“ ignoriert: Nur Buckets vom Typ app.editor.activity enthalten Editor-Aktivität: 1`,
    );
    expect(localizeProblem(await refusal(windowsOnly), de)).toBe(
      `${windowsOnly}: nichts zu importieren. Das ist kein WakaTime-Heartbeat-Export (erwartet: {"days":[{"heartbeats":[…]}]}).`,
    );
  });

  test('setting up a team in a folder that already holds one', async () => {
    const folder = path.join(dir, 'team folder');
    const steward = path.join(dir, 'steward-data');
    fs.mkdirSync(folder, { recursive: true });
    await applyInit(await planInit(folder, steward, Date.parse('2025-03-10T09:00:00Z')), steward);
    const again = await planInit(folder, path.join(dir, 'other-steward'), Date.parse('2025-03-10T09:00:00Z')).then(() => 'planned', (e: Error) => e.message);
    expect(localizeProblem(again, de)).toBe(`${folder} enthält bereits ein Team (team.json). Wählen Sie einen leeren Ordner.`);
  });

  test("the team report's rejection reasons (whole lines only) and the roster's note", async () => {
    expect(localizeProblem(NOT_ROSTERED, de)).toBe('mit einem Schlüssel signiert, der nicht auf der Mitgliederliste steht');
    expect(localizeProblem('not valid JSON', de)).toBe('kein gültiges JSON');
    // Anchored: the same words inside another sentence are left to that sentence's own rule.
    expect(localizeProblem('the reason is not valid JSON here', de)).toBe('the reason is not valid JSON here');
    const folder = path.join(dir, 'unconfirmed team');
    const steward = path.join(dir, 'unconfirmed-steward');
    fs.mkdirSync(folder, { recursive: true });
    await applyInit(await planInit(folder, steward, Date.parse('2025-03-10T09:00:00Z')), steward);
    const view = await rosterView(folder, path.join(dir, 'a-stranger'), Date.parse('2025-03-11T09:00:00Z'));
    expect(view.warnings.map((w) => localizeProblem(w, de))).toEqual([
      `Dieser Rechner hat dieses Team nicht bestätigt: Vergleichen Sie den Team-Fingerabdruck ${view.teamFingerprint} mit dem, den Ihr Verwalter Ihnen nennt.`,
    ]);
  });

  test('English text is returned unchanged; unknown sentences stay as they are', async () => {
    const { problem } = await readSources(dir);
    expect(localizeProblem(problem as string, ENGLISH)).toBe(problem);
    expect(localizeProblem('Something new went wrong.', de)).toBe('Something new went wrong.');
  });
});
