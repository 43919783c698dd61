// The machine-wide settings file, <data folder>/settings.json (docs/settings.md "Machine-wide settings"):
//   {"schema":1,"kind":"craft-time/settings","values":{"role":"principal","idleMinutes":5,...}}
// The source of the settings that change numbers for every build and the CLI. Keys are the VS Code
// setting names without `craftTime.`; rules and ranges in core/machineSettings.ts.
import * as path from 'node:path';
import { checkMachineSettings, type MachineSettingKey } from '../core/machineSettings';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, readFileSafeSync, SafeReadError } from './safeRead';

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
  try {
    return parseMachineSettings(file, (await readFileSafe(file, { maxBytes: MAX_BYTES, within: dataDir })).toString('utf8'));
  } catch (error) {
    return unreadable(file, error);
  }
}

/** The synchronous twin, for the extension's first read at activation (the settings are needed at once). */
export function readMachineSettingsSync(dataDir: string): { values: Record<string, unknown>; problem?: string } {
  const file = machineSettingsFile(dataDir);
  try {
    return parseMachineSettings(file, readFileSafeSync(file, { maxBytes: MAX_BYTES, within: dataDir }).toString('utf8'));
  } catch (error) {
    return unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): { values: Record<string, unknown>; problem?: string } {
  if (error instanceof SafeReadError && error.code === 'ENOENT') return { values: {} };
  return { values: {}, problem: `Could not read ${file}: ${error instanceof SafeReadError ? error.reason : (error as Error).message}.` };
}

function parseMachineSettings(file: string, text: string): { values: Record<string, unknown>; problem?: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { values: {}, problem: `${file} is damaged (not JSON); the machine-wide settings are ignored and the file is left alone until you fix or delete it.` };
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

/** The file exists but cannot be safely rewritten (damaged, another schema, a bad value): left alone. */
export class MachineSettingsDamagedError extends Error {}

/**
 * Writes `changes` through to the file: read, merged, written atomically. Keys this version does not know
 * (a newer version may add some) and other fields are kept. A damaged file, another schema or a bad value
 * already in it fails closed (MachineSettingsDamagedError, nothing written); a bad new value throws too.
 * Returns the known values now in the file.
 */
export async function updateMachineSettings(dataDir: string, changes: Readonly<Partial<Record<MachineSettingKey, unknown>>>): Promise<Record<string, unknown>> {
  const checked = checkMachineSettings(changes);
  if (checked.problems.length) throw new Error(`Not saved: ${checked.problems.join('; ')}.`);
  const file = machineSettingsFile(dataDir);
  let doc: Record<string, unknown> = { schema: 1, kind: MACHINE_SETTINGS_KIND, values: {} };
  let text: string | undefined;
  try {
    text = (await readFileSafe(file, { maxBytes: MAX_BYTES, within: dataDir })).toString('utf8');
  } catch (error) {
    if (!(error instanceof SafeReadError && error.code === 'ENOENT')) {
      throw new MachineSettingsDamagedError(`Could not read ${file}: ${error instanceof SafeReadError ? error.reason : (error as Error).message}; it is left alone.`);
    }
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new MachineSettingsDamagedError(`${file} is damaged (not JSON); it is left alone until you fix or delete it.`);
    }
    const o = (parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
    if (o.schema !== 1 || o.kind !== MACHINE_SETTINGS_KIND || !o.values || typeof o.values !== 'object' || Array.isArray(o.values)) {
      throw new MachineSettingsDamagedError(`${file} is not a settings file this version can write (schema ${JSON.stringify(o.schema)}); it is left alone.`);
    }
    const { problems } = checkMachineSettings(o.values);
    if (problems.length) throw new MachineSettingsDamagedError(`${file}: ${problems.join('; ')}; fix or delete the value, the file is left alone until then.`);
    doc = o;
  }
  const merged = { ...(doc.values as Record<string, unknown>), ...checked.values };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
  await writeFileAtomic(file, JSON.stringify({ ...doc, values: sorted }, null, 2) + '\n', { mkdir: true });
  return checkMachineSettings(sorted).values;
}
