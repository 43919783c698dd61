// Beat and alias lines (FORMAT-V2.md), read through decodeActivity and readActivity, and the program of
// every span kept through the machine-wide timeline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { applyWorkspaceAliases, byProgramMinutes, editorProgram, handsOnByProgram } from '../../../src/core/programs';
import { buildTimeline } from '../../../src/core/timeline';
import type { Span } from '../../../src/core/types';
import { ActivityEncoder, decodeActivity, headerLine } from '../../../src/store/activityFormat';
import { ActivityWriter } from '../../../src/store/activityStore';
import { readActivity } from '../../../src/store/history';
import { encodeBeatLine, joinBeats } from '../../../src/store/beatLine';
import { appendBeat } from '../../../src/store/beatWriter';

const T = Date.UTC(2025, 10, 20, 9, 0, 0) / 1000; // epoch seconds
const WS = '9f86d081884c';
const beat = (dt: number, cat = 'b', program = 'terminal', ws = WS, name = 'craft-time') => encodeBeatLine({ time: T + dt, cat, program, ws, name });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-beat-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('beat lines', () => {
  test('a file of beats with no header reads as spans joined by the 60 s rule, with the program and name', () => {
    const text = [beat(0), beat(30), beat(90), beat(200)].join('\n') + '\n';
    const d = decodeActivity(text);
    expect(d.damagedLines).toBe(0);
    // 0, 30, 90 are each at most 60 s apart: one span 0..90; 200 is 110 s later: a point span.
    expect(d.spans).toEqual([
      { start: T * 1000, end: (T + 90) * 1000, category: 'building', language: '', workspaceId: WS, program: 'terminal' },
      { start: (T + 200) * 1000, end: (T + 200) * 1000, category: 'building', language: '', workspaceId: WS, program: 'terminal' },
    ]);
    expect(d.workspaceNames.get(WS)).toBe('craft-time');
  });

  test('lines a second out of order (several shells appending) are sorted, not read as clock errors', () => {
    const text = [beat(10), beat(9), beat(11)].join('\n');
    const d = decodeActivity(text);
    expect(d.spans).toHaveLength(1);
    expect(d.spans[0].start).toBe((T + 9) * 1000);
    expect(d.spans[0].end).toBe((T + 11) * 1000);
    const { anomalies } = buildTimeline([d.spans], { idleMs: 5 * 60_000, now: (T + 3600) * 1000 });
    expect(anomalies).toBe(0);
  });

  test('two shells in different repositories interleaved: spans never overlap, so none is dropped', () => {
    const other = 'aaaaaaaaaaaa';
    const text = [beat(0), beat(5, 'b', 'terminal', other, 'x'), beat(10), beat(15, 'b', 'terminal', other, 'x')].join('\n');
    const d = decodeActivity(text);
    expect(d.spans.map((s) => [s.start / 1000 - T, s.workspaceId])).toEqual([[0, WS], [5, other], [10, WS], [15, other]]);
    const { segments, anomalies } = buildTimeline([d.spans], { idleMs: 5 * 60_000, now: (T + 3600) * 1000 });
    expect(anomalies).toBe(0);
    expect(segments.reduce((a, s) => a + s.end - s.start, 0)).toBe(15_000);
  });

  test('bad fields are damaged lines and change nothing else', () => {
    const bad = [
      '{"beat":-1,"cat":"b","program":"terminal","ws":""}',
      '{"beat":1763802000,"cat":"x","program":"terminal","ws":""}',
      '{"beat":1763802000,"cat":"b","program":"Terminal","ws":""}',
      '{"beat":1763802000,"cat":"b","program":"terminal","ws":"nothex"}',
      '{"beat":1763802000,"cat":"b","program":"terminal","ws":"","lang":"a b"}',
      '{"beat":1763802000,"cat":"b","program":"terminal","ws":"","name":7}',
      '{"beat":1763802000.5,"cat":"b","program":"terminal","ws":""}',
      '{"alias":"abc","to":"short"}',
    ];
    const d = decodeActivity([beat(0), ...bad].join('\n'));
    expect(d.damagedLines).toBe(bad.length);
    expect(d.spans).toHaveLength(1);
  });

  test('joinBeats keeps programs apart', () => {
    const spans = joinBeats([
      { time: 0, category: 'coding', language: 'lua', workspaceId: WS, program: 'neovim' },
      { time: 1000, category: 'coding', language: 'lua', workspaceId: WS, program: 'emacs' },
    ]);
    expect(spans.map((s) => s.program)).toEqual(['neovim', 'emacs']);
  });

  test('appendBeat writes one line per call into activity/<UTC month>/<program>.jsonl, mode 0600', () => {
    const file = appendBeat(dir, { time: T, cat: 'c', program: 'neovim', ws: WS, name: 'craft-time', lang: 'lua' });
    appendBeat(dir, { time: T + 1, cat: 'c', program: 'neovim', ws: WS, name: 'craft-time', lang: 'lua' });
    expect(path.relative(dir, file)).toBe(path.join('activity', '2025-11', 'neovim.jsonl'));
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toEqual({ beat: T, cat: 'c', program: 'neovim', ws: WS, name: 'craft-time', lang: 'lua' });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('merging sources of several programs', () => {
  test('a VS Code window, a terminal and Neovim at overlapping times count wall-clock once, split by program', async () => {
    // VS Code window (version-1 file, no program): coding 09:00:00-09:10:00.
    const spans: Span[] = [{ start: T * 1000, end: (T + 600) * 1000, category: 'coding', language: 'typescript', workspaceId: WS }];
    const month = path.join(dir, 'activity', '2025-11');
    fs.mkdirSync(month, { recursive: true });
    fs.writeFileSync(path.join(month, 'w-000000000001.jsonl'), headerLine('w-000000000001') + '\n' + new ActivityEncoder().encode(spans, new Map([[WS, 'craft-time']])));
    // Terminal beats every 30 s from 09:05 to 09:15 (overlapping the window's last 5 minutes).
    const terminal = Array.from({ length: 21 }, (_, i) => beat(300 + i * 30)).join('\n') + '\n';
    fs.writeFileSync(path.join(month, 'terminal.jsonl'), terminal);
    // Neovim beats every 30 s from 09:20 to 09:25.
    const nvim = Array.from({ length: 11 }, (_, i) => beat(1200 + i * 30, 'c', 'neovim')).join('\n') + '\n';
    fs.writeFileSync(path.join(month, 'neovim.jsonl'), nvim);
    const read = await readActivity(dir);
    expect(read.files).toBe(3);
    expect(read.damagedLines).toBe(0);
    const { segments } = buildTimeline(read.sources, { idleMs: 5 * 60_000, now: (T + 7200) * 1000 });
    const total = segments.reduce((a, s) => a + s.end - s.start, 0);
    // Hand count: 09:00-09:15 continuous (window then terminal), gap 09:15-09:20 = 5 min <= idle 5 bridges,
    // then Neovim 09:20-09:25: 25 minutes in all, never the 10 + 10 + 5 that adding the programs would give.
    expect(total).toBe(25 * 60_000);
    const by = handsOnByProgram(segments, T * 1000, (T + 7200) * 1000);
    // Where they overlap, the span that started most recently wins: the terminal from 09:05. The gap
    // 09:15-09:20 belongs to the work before it (the terminal).
    expect(Object.fromEntries(by)).toEqual({ vscode: 5 * 60_000, terminal: 15 * 60_000, neovim: 5 * 60_000 });
    expect(byProgramMinutes(by, (ms) => ms / 60_000)).toEqual({ terminal: 15, vscode: 5, neovim: 5 });
    // The breakdown clipped to a window: 09:10-09:22.
    expect(Object.fromEntries(handsOnByProgram(segments, (T + 600) * 1000, (T + 1320) * 1000))).toEqual({ terminal: 10 * 60_000, neovim: 2 * 60_000 });
  });
});

describe('workspace aliases', () => {
  test('the writer adds one alias line per file; readers map old ids in every file read to the new one', async () => {
    const oldId = '111111111111', newId = '222222222222';
    const oldMonth = path.join(dir, 'activity', '2025-10');
    fs.mkdirSync(oldMonth, { recursive: true });
    const old: Span[] = [{ start: Date.UTC(2025, 9, 1) , end: Date.UTC(2025, 9, 1) + 60_000, category: 'coding', language: 'go', workspaceId: oldId }];
    fs.writeFileSync(path.join(oldMonth, 'w-aaaaaaaaaaaa.jsonl'), headerLine('w-aaaaaaaaaaaa') + '\n' + new ActivityEncoder().encode(old, new Map([[oldId, 'proj']])));
    const writer = new ActivityWriter(dir, 'w-bbbbbbbbbbbb');
    writer.addAlias(oldId, newId);
    const s = (t: number): Span => ({ start: t, end: t + 1000, category: 'coding', language: 'go', workspaceId: newId });
    await writer.append([s(T * 1000)], new Map([[newId, 'proj']]));
    await writer.append([s((T + 10) * 1000)], new Map([[newId, 'proj']]));
    const text = fs.readFileSync(writer.fileFor('2025-11'), 'utf8');
    expect(text.split('\n').filter((l) => l.includes('"alias"'))).toEqual([`{"alias":"${oldId}","to":"${newId}"}`]);
    const read = await readActivity(dir);
    expect(read.aliases.get(oldId)).toBe(newId);
    expect(read.sources.flat().map((x) => x.workspaceId)).toEqual([newId, newId, newId]); // the old file's span and both new ones
  });
  test('applyWorkspaceAliases returns the same arrays when there is nothing to map', () => {
    const sources = [[{ start: 0, end: 1, category: 'coding' as const, language: '', workspaceId: 'a' }]];
    expect(applyWorkspaceAliases(sources, new Map())).toBe(sources);
  });
});

describe('program names of VS Code builds', () => {
  test.each([
    ['vscode', 'Visual Studio Code', 'vscode'],
    ['vscode-insiders', 'Visual Studio Code - Insiders', 'vscode-insiders'],
    ['cursor', 'Cursor', 'cursor'],
    ['vscodium', 'VSCodium', 'vscodium'],
    ['windsurf', 'Windsurf', 'windsurf'],
    ['code-oss', 'code-server', 'code-server'],
    ['vscode', 'code-server', 'code-server'], // code-server 4.100 reports VS Code's own scheme (seen in the harness)
    ['cursor', 'code-server', 'cursor'], // a code-server build whose product.json says cursor (the integration test's copy)
    ['code-oss', 'Code - OSS', 'code-oss'],
    ['trae', 'Trae', 'trae'],
    ['', 'My Fork!', 'my-fork'],
  ])('%s / %s -> %s', (scheme, app, expected) => {
    expect(editorProgram(scheme, app)).toBe(expected);
  });
});
