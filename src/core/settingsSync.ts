// Keeping one build's settings and the machine-wide file in step (docs/settings.md "Machine-wide
// settings"). Pure: the host reads this build's user values, the file and what the two last agreed on,
// and applies the plan these functions return.
import { MACHINE_SETTING_KEYS, type MachineSettingKey } from './machineSettings';
import { SETTING_DEFAULTS } from './settings';

export type MachineValues = Readonly<Partial<Record<MachineSettingKey, unknown>>>;

export interface SyncPlan {
  /** Values to write through to the machine-wide file. */
  readonly toFile: Partial<Record<MachineSettingKey, unknown>>;
  /** This build's user settings to update so they show the shared value. */
  readonly toBuild: Partial<Record<MachineSettingKey, unknown>>;
  /** Keys where both sides changed since they last agreed: the user is asked which to keep. */
  readonly ask: readonly MachineSettingKey[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What this build says about a key: its user value; a key it no longer sets but had agreed on is a reset
 * to the default (the user removed it); a key it never set says nothing, and the file alone decides.
 */
function stated(key: MachineSettingKey, build: MachineValues, agreed: MachineValues): unknown {
  if (build[key] !== undefined) return build[key];
  return agreed[key] !== undefined ? SETTING_DEFAULTS[key] : undefined;
}

/**
 * Compares this build's user values with the file, knowing what they last agreed on (`agreed`, kept by
 * the build). Per key: the side that still holds the agreed value follows the side that changed; a
 * value only this build has is written to the file (the first build to start seeds it); when both sides
 * changed, or they never agreed, the user is asked.
 */
export function planSync(file: MachineValues, build: MachineValues, agreed: MachineValues): SyncPlan {
  const toFile: Partial<Record<MachineSettingKey, unknown>> = {};
  const toBuild: Partial<Record<MachineSettingKey, unknown>> = {};
  const ask: MachineSettingKey[] = [];
  for (const key of MACHINE_SETTING_KEYS) {
    const mine = stated(key, build, agreed);
    const shared = file[key];
    const last = agreed[key];
    if (mine === undefined || same(mine, shared)) continue;
    if (shared === undefined) toFile[key] = mine;
    else if (last !== undefined && same(mine, last)) {
      if (build[key] !== undefined) toBuild[key] = shared; // an unset key already follows the file
    } else if (last !== undefined && same(shared, last)) toFile[key] = mine;
    else ask.push(key);
  }
  return { toFile, toBuild, ask };
}

/**
 * The user changed this build's settings while it runs: the values to write through. A key the user
 * removed writes its default (the user asked for the default on this machine), unless the file already
 * says so; unchanged keys and values the file already holds write nothing.
 */
export function changesToWrite(before: MachineValues, after: MachineValues, file: MachineValues): Partial<Record<MachineSettingKey, unknown>> {
  const out: Partial<Record<MachineSettingKey, unknown>> = {};
  for (const key of MACHINE_SETTING_KEYS) {
    if (same(before[key], after[key])) continue;
    const value = after[key] !== undefined ? after[key] : SETTING_DEFAULTS[key];
    if (after[key] === undefined && file[key] === undefined) continue; // nothing shared to reset
    if (!same(value, file[key])) out[key] = value;
  }
  return out;
}

/** The choice the user made: the plan that applies it to the keys in question. */
export function resolveAsked(choice: 'editor' | 'shared', keys: readonly MachineSettingKey[], file: MachineValues, build: MachineValues, agreed: MachineValues): SyncPlan {
  const toFile: Partial<Record<MachineSettingKey, unknown>> = {};
  const toBuild: Partial<Record<MachineSettingKey, unknown>> = {};
  for (const key of keys) {
    if (choice === 'editor') toFile[key] = stated(key, build, agreed);
    else if (build[key] !== undefined) toBuild[key] = file[key];
  }
  return { toFile, toBuild, ask: [] };
}

/** What the two sides agree on now (keys this build sets with the file's value): the next `agreed`. */
export function agreedValues(file: MachineValues, build: MachineValues): Partial<Record<MachineSettingKey, unknown>> {
  const out: Partial<Record<MachineSettingKey, unknown>> = {};
  for (const key of MACHINE_SETTING_KEYS) if (build[key] !== undefined && same(build[key], file[key])) out[key] = build[key];
  return out;
}

/** Names one disagreement (the keys and both values), so the same one is never asked about twice. */
export function disagreementId(keys: readonly MachineSettingKey[], file: MachineValues, build: MachineValues, agreed: MachineValues): string {
  return JSON.stringify([...keys].sort().map((k) => [k, file[k], stated(k, build, agreed)]));
}
