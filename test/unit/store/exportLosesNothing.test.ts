// "Export all data" loses nothing: what cannot be decoded rides along raw with its reason, links and
// skipped files are listed, and secrets are never read into it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { writeActivityFile } from '../../../src/store/activityStore';
import { exportAll, exportText, isSecretPath } from '../../../src/store/exporter';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-export-raw-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const T = Date.UTC(2025, 10, 20, 9, 0, 0);
const NOW = Date.UTC(2025, 10, 21, 12, 0, 0);
const put = (rel: string, data: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), data);
};

test('a file that is not UTF-8 is carried as base64 with the reason; its bytes come back exactly', async () => {
  const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]); // "café" in Latin-1: not valid UTF-8
  const binary = Buffer.from([0x00, 0x01, 0xff, 0x10]);
  put('notes/latin1.txt', latin1);
  put('state/blob.bin', binary);
  put('notes/ok.txt', 'héllo');
  const doc = await exportAll(dir, NOW);
  expect(doc.raw).toEqual([
    { file: 'notes/latin1.txt', reason: 'not UTF-8 text', encoding: 'base64', content: latin1.toString('base64') },
    { file: 'state/blob.bin', reason: 'not UTF-8 text', encoding: 'base64', content: binary.toString('base64') },
  ]);
  expect(Buffer.from(doc.raw[0].content, 'base64')).toEqual(latin1);
  expect(doc.files).toEqual({ 'notes/ok.txt': 'héllo' });
  expect(doc.skipped).toEqual([]);
  expect(JSON.parse(exportText(doc))).toEqual(doc);
});

test('an activity file of a newer schema: no spans decoded, its whole text carried raw', async () => {
  const text = '{"schema":3,"kind":"craft-time/activity","source":"w-future"}\n{"v2":"line"}\n';
  put('activity/2025-11/w-future.jsonl', text);
  const doc = await exportAll(dir, NOW);
  expect(doc.activity).toEqual([{ source: 'w-future', files: ['activity/2025-11/w-future.jsonl'], spans: [], damagedLines: 2 }]);
  expect(doc.raw).toEqual([{ file: 'activity/2025-11/w-future.jsonl', reason: '2 lines could not be decoded', encoding: 'utf8', content: text }]);
});

test('a good activity file is not duplicated raw', async () => {
  await writeActivityFile(dir, 'w-a', [{ start: T, end: T + 60_000, category: 'coding', language: 'go', workspaceId: '' }], new Map());
  const doc = await exportAll(dir, NOW);
  expect(doc.activity[0].spans).toHaveLength(1);
  expect(doc.raw).toEqual([]);
});

test('secrets are listed as skipped and never read', async () => {
  const secrets = ['team/keys/report.json', 'team/member.key', 'team/report-private.json', 'calendars/secret-url.txt', 'keys/id.pem'];
  for (const rel of secrets) put(rel, 'PRIVATE KEY MATERIAL');
  put('team/member.json', '{"version":1,"member":"00"}');
  const doc = await exportAll(dir, NOW);
  expect(doc.skipped.map((s) => s.file).sort()).toEqual([...secrets].sort());
  for (const s of doc.skipped) expect(s.reason).toBe('a secret (private key): never exported');
  expect(exportText(doc)).not.toContain('PRIVATE KEY MATERIAL');
  expect(doc.files).toEqual({ 'team/member.json': { version: 1, member: '00' } });
});

test('the denylist matches by path, not by content or by chance', () => {
  expect(isSecretPath('team/keys/x.json')).toBe(true);
  expect(isSecretPath('a/b/private-key.json')).toBe(true);
  expect(isSecretPath('cert.PEM')).toBe(true);
  expect(isSecretPath('team/member.json')).toBe(false);
  expect(isSecretPath('activity/2025-11/w-1a2b3c.jsonl')).toBe(false);
  expect(isSecretPath('calendars/cal-0a1b2c3d4e.ics')).toBe(false);
  expect(isSecretPath('state/controls.json')).toBe(false);
});

test.skipIf(process.platform === 'win32')('a link to a folder is listed, not followed (no loops)', async () => {
  put('state/controls.json', '{"schema":1}');
  fs.symlinkSync(dir, path.join(dir, 'loop'));
  const doc = await exportAll(dir, NOW);
  expect(doc.skipped).toEqual([{ file: 'loop', reason: 'a link to a folder (not followed)' }]);
  expect(Object.keys(doc.files)).toEqual(['state/controls.json']);
});

test('team private keys (steward keys, the member signing key) are never exported', async () => {
  const { isSecretPath } = await import('../../../src/store/exporter');
  expect(isSecretPath('team/steward-0123456789abcdef0123456789abcdef.json')).toBe(true);
  expect(isSecretPath('team/membership.json')).toBe(true);
  expect(isSecretPath('team/sent.json')).toBe(false);
});
