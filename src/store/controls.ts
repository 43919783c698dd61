// Machine-wide tracking controls (pause, excluded workspaces), shared by every window through one small
// file: state/controls.json. It fails closed: a damaged, unreadable or newer-schema file is never
// overwritten, and the last good state (state/controls.json.prev, copied before each replace) stands in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { readFileSafe, SafeReadError } from './safeRead';

export const CONTROLS_SCHEMA = 1;
const MAX_CONTROLS_BYTES = 1024 * 1024;

export interface Controls {
  readonly schema: 1;
  readonly paused: boolean;
  /** Workspaces the user excluded: local id and the display name shown when listing them. */
  readonly excludedWorkspaces: readonly { readonly id: string; readonly name: string }[];
}

export const DEFAULT_CONTROLS: Controls = { schema: 1, paused: false, excludedWorkspaces: [] };

/** What reading the controls found. */
export type ControlsRead =
  /** The file (or, when there is none yet, the defaults). */
  | { readonly status: 'ok'; readonly controls: Controls }
  /** The file cannot be used; `previous` is the last good copy when there is one. */
  | { readonly status: 'damaged'; readonly problem: string; readonly previous: Controls | undefined };

export function controlsFile(dataDir: string): string {
  return path.join(dataDir, 'state', 'controls.json');
}

export function previousControlsFile(dataDir: string): string {
  return controlsFile(dataDir) + '.prev';
}

/** Raised instead of replacing a file that could not be read: the user's exclusions may be in it. */
export class ControlsDamagedError extends Error {}

/** The controls in a file's text, or why they are not usable. Strict: anything unexpected is damage. */
export function parseControls(text: string): Controls | string {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'is not a JSON object';
  const o = v as Record<string, unknown>;
  if (Object.hasOwn(o, 'schema') && o.schema !== CONTROLS_SCHEMA) {
    return typeof o.schema === 'number' && o.schema > CONTROLS_SCHEMA ? `is from a newer version (schema ${o.schema})` : 'has an unknown schema';
  }
  if (Object.hasOwn(o, 'paused') && typeof o.paused !== 'boolean') return 'has a "paused" that is not true or false';
  const list = Object.hasOwn(o, 'excludedWorkspaces') ? o.excludedWorkspaces : [];
  if (!Array.isArray(list)) return 'has "excludedWorkspaces" that is not a list';
  const excluded: { id: string; name: string }[] = [];
  for (const w of list as unknown[]) {
    const e = w as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.id !== 'string') return 'has an excluded workspace without an id';
    excluded.push({ id: e.id, name: typeof e.name === 'string' ? e.name : '' });
  }
  return { schema: 1, paused: o.paused === true, excludedWorkspaces: excluded };
}

/** Reads one controls file: the controls, 'missing', or the reason it cannot be used. */
async function readOne(file: string, dataDir: string): Promise<Controls | 'missing' | { reason: string }> {
  let text: string;
  try {
    text = (await readFileSafe(file, { maxBytes: MAX_CONTROLS_BYTES, within: dataDir })).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return { reason: `cannot be read (${error instanceof SafeReadError ? error.reason : (error as Error).message})` };
  }
  const parsed = parseControls(text);
  return typeof parsed === 'string' ? { reason: parsed } : parsed;
}

export async function readControls(dataDir: string): Promise<ControlsRead> {
  const file = controlsFile(dataDir);
  const current = await readOne(file, dataDir);
  if (current === 'missing') return { status: 'ok', controls: DEFAULT_CONTROLS };
  if (!('reason' in current)) return { status: 'ok', controls: current };
  const prev = await readOne(previousControlsFile(dataDir), dataDir);
  const previous = prev !== 'missing' && !('reason' in prev) ? prev : undefined;
  const then = previous
    ? 'the previous copy is in force until it is repaired'
    : 'tracking is paused until it is repaired or reset, so no excluded workspace is recorded';
  return { status: 'damaged', problem: `${file} ${current.reason}; it was left untouched and ${then}.`, previous };
}

/**
 * Replaces the controls. The current file, when good, is first copied to controls.json.prev; a damaged
 * one is never overwritten (ControlsDamagedError) unless `replaceDamaged` says the user chose to, and then
 * it is kept beside as controls.json.damaged.
 */
export async function writeControls(dataDir: string, controls: Controls, options: { replaceDamaged?: boolean } = {}): Promise<void> {
  const file = controlsFile(dataDir);
  const current = await readOne(file, dataDir);
  if (current !== 'missing' && 'reason' in current) {
    if (!options.replaceDamaged) throw new ControlsDamagedError(`${file} ${current.reason}; it was not overwritten.`);
    await fs.promises.rename(file, file + '.damaged').catch(() => undefined);
  } else if (current !== 'missing') {
    await writeFileAtomic(previousControlsFile(dataDir), serializeControls(current), { mkdir: true });
  }
  await writeFileAtomic(file, serializeControls(controls), { mkdir: true });
}

export function serializeControls(controls: Controls): string {
  return JSON.stringify({ schema: CONTROLS_SCHEMA, paused: controls.paused, excludedWorkspaces: controls.excludedWorkspaces }, null, 2) + '\n';
}
