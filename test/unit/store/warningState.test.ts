import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { claimWarning, readWarningRecord, writeWarningRecord } from '../../../src/store/warningState';

test('exactly one of many concurrent claimants wins the same warning, and a new record opens a new claim', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-warn-'));
  const record = await readWarningRecord(dir);
  const results = await Promise.all(Array.from({ length: 8 }, () => claimWarning(dir, record)));
  expect(results.filter(Boolean)).toHaveLength(1);
  await writeWarningRecord(dir, { lastShown: '2026-11-20T10:00:00.000Z' });
  const next = await readWarningRecord(dir);
  expect(next.lastShown).toBe('2026-11-20T10:00:00.000Z');
  expect(await claimWarning(dir, next)).toBe(true);
  expect(await claimWarning(dir, next)).toBe(false);
});

test('a claim left by a window that died before speaking does not silence the machine for ever', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-warn-'));
  const record = await readWarningRecord(dir);
  expect(await claimWarning(dir, record)).toBe(true);
  // Fresh claim: another window must stay quiet.
  expect(await claimWarning(dir, record)).toBe(false);
  // The winner died: its claim ages, and the record never changed. Exactly one new claimant wins.
  const claims = path.join(dir, 'state', 'warning-claims');
  const old = new Date(Date.now() - 10 * 60_000);
  for (const f of fs.readdirSync(claims)) fs.utimesSync(path.join(claims, f), old, old);
  const again = await Promise.all(Array.from({ length: 5 }, () => claimWarning(dir, record)));
  expect(again.filter(Boolean)).toHaveLength(1);
  // Had the winner spoken (the record changed), an old claim would not be taken over.
  await writeWarningRecord(dir, { lastShown: new Date().toISOString() });
  for (const f of fs.readdirSync(claims)) fs.utimesSync(path.join(claims, f), old, old);
  expect(await claimWarning(dir, record)).toBe(false);
});
