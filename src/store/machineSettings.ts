// The machine-wide settings file, <data folder>/settings.json (docs/settings.md "Machine-wide settings"):
//   {"schema":1,"kind":"craft-time/settings","values":{"role":"principal","idleMinutes":5,...}}
// The source of the settings that change numbers for every build and the CLI. Keys are the VS Code
// setting names without `craftTime.`; rules and ranges in core/machineSettings.ts.
import * as path from 'node:path';
import { checkMachineSettings, type MachineSettingKey } from '../core/machineSettings';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';

export const MACHINE_SETTINGS_FILE = 'settings.json';
export const MACHINE_SETTINGS_KIND = 'craft-time/settings';
const MAX_BYTES = 1024 * 1024;

export function machineSettingsFile(dataDir: string): string {
  return path.join(dataDir, MACHINE_SETTINGS_FILE);
}

/**
 * Reads the file. Missing: no values, no problem. Damaged, too large, another schema, or a bad value:
 * `problem` says what (for the problems view or stderr) and only the good values are returned.
 */
export async function readMachineSettings(dataDir: string): Promise<{ values: Record<string, unknown>; problem?: string }> {
  const file = machineSettingsFile(dataDir);
  let text: string;
  try {
    text = (await readFileSafe(file, { maxBytes: MAX_BYTES, within: dataDir })).toString('utf8');
  } catch (error) {
    if (error instanceof SafeReadError && error.code === 'ENOENT') return { values: {} };
    return { values: {}, problem: `Could not read ${file}: ${error instanceof SafeReadError ? error.reason : (error as Error).message}.` };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { values: {}, problem: `${file} is damaged (not JSON); the machine-wide settings are ignored until it is saved again.` };
  }
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  if (o.schema !== 1 || o.kind !== MACHINE_SETTINGS_KIND) {
    return { values: {}, problem: `${file} has schema ${JSON.stringify(o.schema)} (this version reads 1); it is left alone.` };
  }
  const { values, problems } = checkMachineSettings(o.values);
  return problems.length ? { values, problem: `${file}: ${problems.join('; ')}.` } : { values };
}

/** Replaces the file with `values` (checked first: a bad value throws and nothing is written). */
export async function writeMachineSettings(dataDir: string, values: Readonly<Partial<Record<MachineSettingKey, unknown>>>): Promise<void> {
  const { values: good, problems } = checkMachineSettings(values);
  if (problems.length) throw new Error(`Not saved: ${problems.join('; ')}.`);
  const sorted = Object.fromEntries(Object.entries(good).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = JSON.stringify({ schema: 1, kind: MACHINE_SETTINGS_KIND, values: sorted }, null, 2) + '\n';
  await writeFileAtomic(machineSettingsFile(dataDir), text, { mkdir: true });
}
