// Damaged activity lines never make a command fail: each of status, days, edge, summary and export exits 0
// and says how many lines it skipped, whatever the decoder lets through.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';

const NOW = Date.parse('2025-03-12T12:00:00Z');
const T = Date.parse('2025-03-10T09:00:00Z') / 1000; // a Monday, in seconds
let dir: string;

async function run(argv: string[]) {
  let stdout = '', stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, now: () => NOW, cwd: dir };
  const code = await runCli([...argv, '--data-dir', dir, '--tz', 'UTC'], io);
  return { code, stdout, stderr };
}

/** Lines a damaged or hostile file may hold, each one of the classes the decoder and the loaders must survive. */
const HOSTILE = [
  '[9000000000000,60,"c",1,1]', // start beyond JavaScript's date range (year 287,000)
  '[-8640000000001,60,"c",1,1]', // before it
  '[8639999999999,1,"c",1,1]', // inside the date range, but far in the future
  '[946684800,820000000,"c",1,1]', // from 2000 on, 26 years long
  `[${T + 3600},60,"constructor",1,1]`,
  `[${T + 3660},60,"__proto__",1,1]`,
  `[${T + 3720},60,"toString",1,1]`,
  '{"pause":9000000000000}',
  '{"pause":-5}',
];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craft-damaged-'));
  const month = path.join(dir, 'activity', '2025-03');
  fs.mkdirSync(month, { recursive: true });
  fs.writeFileSync(path.join(month, 'w-hostile.jsonl'), [
    '{"schema":1,"kind":"craft-time/activity","source":"w-hostile"}',
    '{"lang":1,"id":"typescript"}',
    '{"ws":1,"id":"ws1","name":"proj"}',
    `[${T},600,"c",1,1]`, // the one good line: 10 minutes of coding on 2025-03-10
    ...HOSTILE,
    '',
  ].join('\n'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('damaged activity lines', () => {
  test('days exits 0, counts only the good line and reports the damaged ones', async () => {
    const r = await run(['days', '--from', '2025-03-10', '--to', '2025-03-10', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const day = (out.days ?? out)[0];
    expect(day.handsOnMinutes).toBe(10);
    expect(r.stderr).toMatch(/damaged line/);
  });

  test('status (a shell prompt line) exits 0 and stays one line; --json counts the damaged lines', async () => {
    const plain = await run(['status']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^⌨ 0m today · 10m this week\n$/);
    const json = await run(['status', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ weekMinutes: 10, damagedLines: HOSTILE.length });
  });

  for (const argv of [['edge'], ['edge', '--json'], ['summary', '--month', '2025-03'], ['summary', '--month', '2025-03', '--format', 'json']]) {
    test(`${argv.join(' ')} exits 0 and reports the damaged lines`, async () => {
      const r = await run(argv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stdout + r.stderr).toMatch(/damaged/i);
    });
  }

  test('export exits 0: the good span decoded, the file carried raw with the count of damaged lines', async () => {
    const r = await run(['export']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.activity).toHaveLength(1);
    expect(doc.activity[0].spans).toEqual([
      { start: '2025-03-10T09:00:00.000Z', end: '2025-03-10T09:10:00.000Z', category: 'coding', language: 'typescript', workspace: 'proj', workspaceId: 'ws1' },
    ]);
    expect(doc.activity[0].damagedLines).toBe(HOSTILE.length);
    expect(doc.raw).toHaveLength(1);
    expect(doc.raw[0]).toMatchObject({ file: 'activity/2025-03/w-hostile.jsonl', encoding: 'utf8', reason: `${HOSTILE.length} lines could not be decoded` });
    for (const line of HOSTILE) expect(doc.raw[0].content).toContain(line);
  });
});
