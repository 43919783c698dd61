import { describe, expect, test } from 'vitest';
import { changedLinesByDay, declineBasis, firstKnownOriginDay, originByDay, originKnownSince } from '../../../src/core/originHistory';
import { editorProgram } from '../../../src/core/programs';
import type { Span } from '../../../src/core/types';

const day = (d: string, h: number) => Date.parse(`${d}T${String(h).padStart(2, '0')}:00:00Z`);
const span = (d: string, h: number, over: Partial<Span> = {}): Span => ({ start: day(d, h), end: day(d, h) + 600_000, category: 'coding', language: '', workspaceId: '', ...over });

describe('history before origins existed', () => {
  // Version-1 files up to the morning of 2026-11-24, version-2 files from its afternoon.
  const old = [span('2026-11-23', 9, { originKnown: false }), span('2026-11-24', 9, { originKnown: false })];
  const fresh = [span('2026-11-24', 15), span('2026-11-25', 9, { category: 'assisted', lines: 40 }), span('2026-11-25', 10, { lines: 7 })];

  test('days are unknown, mixed (the upgrade day) or known', () => {
    const days = originByDay([old, fresh], 'UTC');
    expect(Object.fromEntries(days)).toEqual({ '2026-11-23': 'unknown', '2026-11-24': 'mixed', '2026-11-25': 'known' });
    expect(firstKnownOriginDay(days)).toBe('2026-11-25');
    expect(originKnownSince([old, fresh])).toBe(day('2026-11-24', 9) + 600_000);
  });

  test('the decline compares like with like while the baseline holds unknown-origin days', () => {
    const days = originByDay([old, fresh], 'UTC');
    expect(declineBasis(['2026-11-23', '2026-11-25'], days)).toBe('hands-on+assisted');
    expect(declineBasis(['2026-11-25'], days)).toBe('hands-on');
  });

  test('changed lines per day by origin', () => {
    expect(Object.fromEntries(changedLinesByDay([old, fresh], 'UTC'))).toEqual({ '2026-11-25': { hands: 7, assisted: 40 } });
  });
});

describe('program names', () => {
  test.each([
    ['Visual Studio Code', 'vscode', 'vscode'],
    ['Visual Studio Code - Insiders', 'vscode-insiders', 'vscode-insiders'],
    ['Cursor', 'cursor', 'cursor'],
    ['VSCodium', 'vscodium', 'vscodium'],
    ['Windsurf', 'windsurf', 'windsurf'],
    ['code-server', 'code-oss', 'code-server'],
    ['Some Fork', 'Some Fork!', 'some-fork'], // an unknown fork still gets a stable, readable name
    ['Trae', 'trae', 'trae'],
  ])('%s (%s) -> %s', (app, scheme, expected) => {
    expect(editorProgram(scheme, app)).toBe(expected);
  });
});
