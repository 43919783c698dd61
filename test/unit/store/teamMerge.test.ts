// docs/team-merge.sql in a real DuckDB: the per-team aggregates that `team report --export-aggregates` writes,
// merged with the shipped SQL (noise off), give the numbers `team report` gives over the union of the members.
import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { aggregateLines } from '../../../src/cli/commands/team';
import { seededRandom } from '../../../src/core/random';
import type { Contribution } from '../../../src/core/team/contribution';
import { buildReleasedReport, buildTeamReport } from '../../../src/core/team/report';
import type { TeamRole } from '../../../src/core/team/roles';
import { aContribution } from '../core/team/builders';

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'craft-merge-'));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

const random = seededRandom(13);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
/** n members of a role with random hours (0.5 h steps) and ratios (5 % steps). */
function members(n: number, role: TeamRole): Contribution[] {
  return Array.from({ length: n }, () => aContribution({ role, hours: pick([2, 4.5, 8, 10, 12.5, 15, 18, 20, 22.5, 25, 30, 34]), ratio: pick([0.1, 0.25, 0.4, 0.55, 0.6, 0.65, 0.8, 0.95]) }));
}

// Three teams; each one's report shows all three coarse groups, and so does the union's (a role that would let
// the union split a coarse group stays under the minimum: 2 seniors, 4 staff, 2 executives).
const teams: Contribution[][] = [
  [...members(4, 'engineer'), ...members(2, 'senior'), ...members(4, 'staff'), ...members(1, 'principal'), ...members(3, 'manager'), ...members(2, 'director')],
  [...members(7, 'engineer'), ...members(6, 'principal'), ...members(5, 'director')],
  [...members(8, 'engineer'), ...members(5, 'principal'), ...members(4, 'manager'), ...members(2, 'executive')],
];

test('the shipped SQL merges three teams\' aggregates into the union\'s report, and writes Parquet', async () => {
  const inputs = path.join(dir, 'aggregates');
  await fs.promises.mkdir(inputs);
  teams.forEach((members, i) => {
    const { report, released } = buildReleasedReport(members, [], { month: '2025-05', trendMonths: 1 });
    expect(report.suppressed).toEqual([]); // every team shows its three groups
    fs.writeFileSync(path.join(inputs, `team-${i}.ndjson`), aggregateLines(String(i).repeat(32), '2025-05', 5, null, released));
  });
  const union = buildTeamReport(teams.flat(), [], { month: '2025-05', trendMonths: 1 });
  expect(union.groups.map((g) => g.group)).toEqual(['all', 'engineers', 'staff-principals', 'managers-directors']);
  expect(union.groups.find((g) => g.group === 'engineers')!.members).toBe(21); // >= 20: the type 7 path

  const parquet = path.join(dir, 'team-rollup.parquet');
  const sql = fs.readFileSync(path.join(__dirname, '../../../docs/team-merge.sql'), 'utf8')
    .replace("'aggregates/*.ndjson'", `'${inputs}/*.ndjson'`)
    .replace("'team-rollup.parquet'", `'${parquet}'`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(sql);
  const rows = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${parquet}')`)).getRowObjectsJson() as Record<string, unknown>[];
  connection.closeSync();

  expect(rows.map((r) => r.group)).toEqual(union.groups.map((g) => g.group));
  for (const g of union.groups) {
    const row = rows.find((r) => r.group === g.group)!;
    expect({
      members: Number(row.members), belowFloor: Number(row.belowFloor), belowFloorShare: row.belowFloorShare,
      hours: [row.weeklyHandsOnHours_p25, row.weeklyHandsOnHours_median, row.weeklyHandsOnHours_p75],
      ratio: [row.craftRatio_p25, row.craftRatio_median, row.craftRatio_p75],
    }).toEqual({
      members: g.members, belowFloor: g.belowFloor, belowFloorShare: g.belowFloorShare,
      hours: [g.weeklyHandsOnHours.p25, g.weeklyHandsOnHours.median, g.weeklyHandsOnHours.p75],
      ratio: [g.craftRatio.p25, g.craftRatio.median, g.craftRatio.p75],
    });
    expect(Number(row.teams)).toBe(3);
  }
}, 60_000);

test('the SQL applies the minimum and complementary suppression to the merged counts', async () => {
  // Two teams of 5 engineers each plus 2 and 1 directors: merged, managers-directors has 3 (< 5) and
  // everyone minus engineers would reveal them, so only "all" and... nothing else may show: the report of the
  // union suppresses both groups; the SQL must agree.
  const a = [...members(5, 'engineer'), ...members(2, 'director')], b = [...members(5, 'engineer'), ...members(1, 'director')];
  const inputs = path.join(dir, 'small');
  await fs.promises.mkdir(inputs);
  for (const [i, m] of [a, b].entries()) {
    const { released } = buildReleasedReport(m, [], { month: '2025-05', trendMonths: 1 });
    fs.writeFileSync(path.join(inputs, `t${i}.ndjson`), aggregateLines(String(i + 5).repeat(32), '2025-05', 5, null, released));
  }
  const union = buildTeamReport([...a, ...b], [], { month: '2025-05', trendMonths: 1 });
  const sql = fs.readFileSync(path.join(__dirname, '../../../docs/team-merge.sql'), 'utf8')
    .replace("'aggregates/*.ndjson'", `'${inputs}/*.ndjson'`).replace("'team-rollup.parquet'", `'${path.join(dir, 'small.parquet')}'`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(sql);
  const rows = (await connection.runAndReadAll('SELECT "group", members FROM team_rollup')).getRowObjectsJson();
  connection.closeSync();
  expect(rows.map((r) => [r.group, Number(r.members)])).toEqual(union.groups.map((g) => [g.group, g.members]));
}, 60_000);
