// Replays a probe recording (test/fixtures/origin/*.json) through the origin classifier, the way the
// tracker feeds it: selections, manual saves and content changes in arrival order; a large insert waits
// for the clipboard comparison the probe recorded right after it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OriginClassifier, type ChangePart, type Origin, type OriginRule } from '../../../src/core/origin';

export interface RecordedChange {
  readonly startLine: number;
  readonly endLine: number;
  readonly rangeLength: number;
  readonly textLength: number;
  readonly textLines: number;
  readonly text?: string;
}

export interface RecordedEvent {
  readonly t: number;
  readonly type: string;
  readonly name?: string;
  readonly isActive?: boolean;
  readonly kind?: number;
  readonly reason?: number;
  readonly changes?: readonly RecordedChange[];
  readonly equalsInsert?: boolean;
}

export interface Recording {
  readonly case: string;
  readonly description: string;
  readonly events: readonly RecordedEvent[];
}

export function loadRecording(name: string): Recording {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/origin', `${name}.json`), 'utf8')) as Recording;
}

/** A recorded change as the classifier sees it. Texts longer than 64 characters were not recorded (blank: false). */
export function partOf(c: RecordedChange): ChangePart {
  const text = c.text;
  const blank = text !== undefined ? /^[\s]*$/.test(text) && c.textLines > 0 : false;
  return {
    insertedChars: c.textLength, insertedLines: c.textLines, deletedChars: c.rangeLength, deletedLines: c.endLine - c.startLine,
    blankInsert: blank,
  };
}

export interface Decided {
  readonly t: number;
  readonly doc: string;
  readonly origin: Origin;
  readonly rule: OriginRule;
  readonly lines: number;
}

export function replay(rec: Recording, options: { readClipboard?: boolean } = {}): Decided[] {
  const c = new OriginClassifier<string>();
  const out: Decided[] = [];
  const waiting: { t: number; doc: string; lines: number }[] = [];
  const late = (list: { time: number; ref: string; origin: Origin; rule: OriginRule; lines: number }[]) => {
    for (const v of list) out.push({ t: v.time, doc: v.ref, origin: v.origin, rule: v.rule, lines: v.lines });
  };
  for (const e of rec.events) {
    late(c.release(e.t)); // the tracker's HOLD_MS timer
    const doc = e.name ?? '';
    if (e.type === 'selection') c.selection(e.t, doc, e.kind === 1 || e.kind === 2);
    else if (e.type === 'willSave' && e.reason === 1) late(c.save(e.t, doc));
    else if (e.type === 'clipboard' && waiting.length) {
      const w = waiting.shift()!;
      out.push({ ...w, ...c.resolvePaste(e.equalsInsert === true, w.lines) });
    } else if (e.type === 'change' && e.changes) {
      const v = c.change({ ref: doc, time: e.t, doc, active: e.isActive === true, undoRedo: e.reason !== undefined, parts: e.changes.map(partOf) });
      if (v.origin === 'held') continue;
      if (v.origin !== 'clipboard') out.push({ t: e.t, doc, origin: v.origin, rule: v.rule, lines: v.lines });
      else if (options.readClipboard === false) out.push({ t: e.t, doc, ...c.resolvePaste(false, v.lines) });
      else waiting.push({ t: e.t, doc, lines: v.lines });
    }
  }
  late(c.release(Infinity));
  if (waiting.length) throw new Error(`${rec.case}: a large insert without a recorded clipboard comparison`);
  return out.sort((a, b) => a.t - b.t);
}
