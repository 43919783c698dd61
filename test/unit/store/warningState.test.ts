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
