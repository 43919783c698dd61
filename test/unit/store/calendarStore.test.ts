import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { MAX_OPEN_MEETING_MS, manualMeetings, openManualMeeting } from '../../../src/core/manualMeetings';
import {
  loadCalendarTexts, manualFile, readManualMeetings, readSources, readTimeOff, sourcesFile, timeOffFile, writeCache, writeManualMeetings, writeSources, writeTimeOff,
} from '../../../src/store/calendarStore';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cal-'));

describe('calendar sources and their cached copies', () => {
  test('a file source is read from its file, and from the last good copy when the file is gone', async () => {
    const dir = tmp();
    const ics = path.join(dir, 'team.ics');
    fs.writeFileSync(ics, 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    await writeSources(dir, [
      { id: 'file-0a1b2c3d4e', kind: 'file', label: 'team.ics', path: ics, addedAt: '2026-11-01T00:00:00Z' },
      { id: 'url-5f6e7d8c9b', kind: 'url', label: 'https://calendar.example/…', addedAt: '2026-11-01T00:00:00Z' },
    ]);
    let texts = await loadCalendarTexts(dir);
    expect(texts[0].text).toContain('VCALENDAR');
    expect(texts[1]).toMatchObject({ text: undefined, problem: 'https://calendar.example/…: not downloaded yet.' });
    await writeCache(dir, 'file-0a1b2c3d4e', 'CACHED');
    await writeCache(dir, 'url-5f6e7d8c9b', 'FROM URL');
    fs.rmSync(ics);
    texts = await loadCalendarTexts(dir);
    expect(texts[0].text).toBe('CACHED');
    expect(texts[0].problem).toMatch(/using the last good copy/);
    expect(texts[1].text).toBe('FROM URL');
    // No subscription address is ever written to the data folder.
    expect(fs.readFileSync(sourcesFile(dir), 'utf8')).not.toMatch(/https:\/\/calendar\.example\/[^…]/);
  });

  test('a damaged sources file is reported and left untouched, never overwritten by a read', async () => {
    const dir = tmp();
    fs.mkdirSync(path.dirname(sourcesFile(dir)), { recursive: true });
    fs.writeFileSync(sourcesFile(dir), '{"schema":1,"sources":[');
    const r = await readSources(dir);
    expect(r.value).toEqual([]);
    expect(r.problem).toMatch(/damaged/);
    expect(fs.readFileSync(sourcesFile(dir), 'utf8')).toBe('{"schema":1,"sources":[');
  });
});

describe('manual meetings and time off', () => {
  test('round trip; an open meeting runs until now but never past four hours', async () => {
    const dir = tmp();
    await writeManualMeetings(dir, [
      { id: 'm-1', start: '2026-11-20T09:00:00.000Z', end: '2026-11-20T09:30:00.000Z', title: 'Logged meeting' },
      { id: 'm-2', start: '2026-11-20T13:00:00.000Z', end: null, title: 'Meeting' },
    ]);
    const { value } = await readManualMeetings(dir);
    const at = (iso: string) => Date.parse(iso);
    const an_hour_in = manualMeetings(value, at('2026-11-20T14:00:00Z'));
    expect(an_hour_in.map((m) => (m.end - m.start) / 60_000)).toEqual([30, 60]);
    const forgotten = manualMeetings(value, at('2026-11-21T08:00:00Z'));
    expect(forgotten[1].end - forgotten[1].start).toBe(MAX_OPEN_MEETING_MS);
    expect(openManualMeeting(value, at('2026-11-20T14:00:00Z'))?.id).toBe('m-2');
    expect(openManualMeeting(value, at('2026-11-21T08:00:00Z'))).toBeUndefined();
  });

  test('entries with unreadable times are dropped; time off is stored sorted and without duplicates', async () => {
    const dir = tmp();
    fs.mkdirSync(path.dirname(manualFile(dir)), { recursive: true });
    fs.writeFileSync(manualFile(dir), JSON.stringify({ schema: 1, meetings: [{ id: 'm-1', start: 'yesterday', end: null, title: '' }, { id: 'm-2', start: '2026-11-20T09:00:00Z', end: '2026-11-20T10:00:00Z', title: '' }] }));
    expect((await readManualMeetings(dir)).value.map((m) => m.id)).toEqual(['m-2']);
    await writeTimeOff(dir, ['2026-12-25', '2026-12-24', '2026-12-25']);
    expect((await readTimeOff(dir)).value).toEqual(['2026-12-24', '2026-12-25']);
  });
});

describe('a damaged list is never overwritten', () => {
  test('connecting a calendar, logging a meeting or marking time off over a damaged file changes nothing and says why', async () => {
    const dir = tmp();
    await writeSources(dir, [{ id: 'file-0a1b2c3d4e', kind: 'file', label: 'team.ics', path: '/x/team.ics', addedAt: '2026-11-01T00:00:00Z' }]);
    const damaged = '{"schema": 1, "sources": [ {"id": "file-0a1b2c3d4e", "kind": "file" '; // cut off mid-write by another tool
    fs.writeFileSync(sourcesFile(dir), damaged);
    await expect(writeSources(dir, [])).rejects.toThrow(/sources\.json is damaged.*Nothing was changed/);
    expect(fs.readFileSync(sourcesFile(dir), 'utf8')).toBe(damaged);

    fs.mkdirSync(path.dirname(manualFile(dir)), { recursive: true });
    fs.writeFileSync(manualFile(dir), 'not json');
    await expect(writeManualMeetings(dir, [])).rejects.toThrow(/Nothing was changed/);
    expect(fs.readFileSync(manualFile(dir), 'utf8')).toBe('not json');

    const offFile = timeOffFile(dir);
    await writeTimeOff(dir, ['2026-11-02']);
    fs.writeFileSync(offFile, '{"schema": 9, "days": []}'); // from a newer version
    await expect(writeTimeOff(dir, ['2026-11-03'])).rejects.toThrow(/newer version.*Nothing was changed/);
    expect(JSON.parse(fs.readFileSync(offFile, 'utf8')).schema).toBe(9);
  });

  test('a missing file is simply created', async () => {
    const dir = tmp();
    await writeTimeOff(dir, ['2026-11-03', '2026-11-02']);
    expect((await readTimeOff(dir)).value).toEqual(['2026-11-02', '2026-11-03']);
  });
});
