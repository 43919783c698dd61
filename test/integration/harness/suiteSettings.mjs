// A suite's craftTime.* settings, set as a user on one machine has them: in the test build's user
// settings.json and, for the keys that change numbers, in the data folder's settings.json, which is their
// source for every build (docs/settings.md). Writing only the build's file would make the build and the
// shared file disagree: the extension then asks once per machine which to keep and, until answered (or
// after a dismissal in an earlier suite), keeps the shared values, so a suite's role would not apply.
import fs from 'node:fs';
import path from 'node:path';

/** The machine-wide keys (src/core/machineSettings.ts MACHINE_SETTING_KEYS). */
const MACHINE_KEYS = new Set([
  'role', 'floors.weeklyHandsOnHours', 'floors.craftRatio', 'idleMinutes', 'timeZone',
  'workingHours.days', 'workingHours.start', 'workingHours.end', 'deepWorkMinutes',
  'meetings.myEmails', 'meetings.ignorePatterns', 'edge.assistedCredit',
]);

const readText = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/**
 * Adds `values` ({'craftTime.role': 'principal', ...}) to both files; returns the function that puts
 * both files back as they were (removing a file the suite created).
 */
export function useSettings({ userDataDir, dataDir }, values) {
  const userFile = path.join(userDataDir, 'User', 'settings.json');
  const sharedFile = path.join(dataDir, 'settings.json');
  const before = { user: readText(userFile), shared: readText(sharedFile) };
  fs.mkdirSync(path.dirname(userFile), { recursive: true });
  fs.writeFileSync(userFile, `${JSON.stringify({ ...JSON.parse(before.user ?? '{}'), ...values }, null, 2)}\n`);
  const machine = Object.fromEntries(Object.entries(values)
    .map(([key, value]) => [key.replace(/^craftTime\./, ''), value])
    .filter(([key]) => MACHINE_KEYS.has(key)));
  if (Object.keys(machine).length) {
    const shared = before.shared ? JSON.parse(before.shared) : { schema: 1, kind: 'craft-time/settings', values: {} };
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(sharedFile, `${JSON.stringify({ ...shared, values: { ...shared.values, ...machine } }, null, 2)}\n`);
  }
  return function restore() {
    for (const [file, text] of [[userFile, before.user], [sharedFile, before.shared]]) {
      if (text === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, text);
    }
  };
}
