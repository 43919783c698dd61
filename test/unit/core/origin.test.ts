// The origin classifier on event sequences recorded in a real VS Code 1.100 (test/fixtures/origin/, made by
// test/integration/ui/probe.test.mjs) and on hand-built sequences of the same shape. Each expectation is
// derived by hand from the rules in docs/metrics.md ("Origin of a change"), not from the code's output.
import { describe, expect, test } from 'vitest';
import { changePart, changedLines, HOLD_MS, INPUT_WINDOW_MS, OriginClassifier, type ChangePart } from '../../../src/core/origin';
import { loadRecording, replay, type Decided } from './originReplay';

const origins = (d: readonly Decided[]) => d.map((x) => x.origin);
const sum = (d: readonly Decided[], origin: string) => d.filter((x) => x.origin === origin).reduce((s, x) => s + x.lines, 0);

describe('recorded cases', () => {
  test('typing "hello world": 11 keystrokes, each hands, no line added', () => {
    const d = replay(loadRecording('typing'));
    expect(d).toHaveLength(11);
    expect(new Set(origins(d))).toEqual(new Set(['hands']));
    expect(sum(d, 'hands')).toBe(0);
  });

  test('Backspace five times: five hands deletions', () => {
    const d = replay(loadRecording('deleting'));
    expect(origins(d)).toEqual(['hands', 'hands', 'hands', 'hands', 'hands']);
  });

  test('a real Ctrl+V of the 60-line block the user copied is hands, 59 line breaks', () => {
    const d = replay(loadRecording('paste'));
    // Enter (a blank line break) before the paste, then the paste: 890 characters, equal to the clipboard.
    expect(d.map((x) => [x.origin, x.rule, x.lines])).toEqual([['hands', 'keystroke', 1], ['hands', 'paste', 59]]);
  });

  test('without the clipboard comparison the same paste is assisted (craftTime.assisted.readClipboard off)', () => {
    const d = replay(loadRecording('paste'), { readClipboard: false });
    expect(d[1]).toMatchObject({ origin: 'assisted', rule: 'block', lines: 59 });
  });

  test('a 20-line inline completion accepted with one Tab is assisted (not the clipboard)', () => {
    const d = replay(loadRecording('inline-completion'));
    expect(d.map((x) => [x.origin, x.rule, x.lines])).toEqual([['assisted', 'block', 20]]);
  });

  test('multi-cursor typing: three keystrokes at three cursors each, all hands', () => {
    const d = replay(loadRecording('multi-cursor'));
    expect(d).toHaveLength(3);
    expect(new Set(origins(d))).toEqual(new Set(['hands']));
  });

  test('undo, undo, redo are the user\'s own commands: hands, 3 lines each', () => {
    const d = replay(loadRecording('undo-redo'));
    expect(d.map((x) => [x.origin, x.rule, x.lines])).toEqual([['hands', 'undo-redo', 3], ['hands', 'undo-redo', 3], ['hands', 'undo-redo', 3]]);
  });

  test('cut of 3 selected lines right after Shift+Up is hands; its paste is hands', () => {
    const d = replay(loadRecording('cut-paste'));
    expect(origins(d)).toEqual(['hands', 'hands']);
    expect(d[0]).toMatchObject({ rule: 'user-command', lines: 3 });
    expect(d[1].lines).toBe(3);
  });

  test('format on save: typing then Ctrl+S; the formatter\'s edit is part of the save (hands)', () => {
    const d = replay(loadRecording('format-on-save'));
    expect(new Set(origins(d))).toEqual(new Set(['hands']));
  });

  test('an agent\'s WorkspaceEdit of 5 lines into the active document is a block that is not the clipboard: assisted', () => {
    const d = replay(loadRecording('agent-edit-active'));
    expect(d.map((x) => [x.origin, x.rule, x.lines])).toEqual([['assisted', 'block', 5]]);
  });

  test('an agent streaming one line a second (ten edits) with nobody at the keyboard: assisted, each after the hold', () => {
    const d = replay(loadRecording('agent-stream-short'));
    expect(d.map((x) => [x.origin, x.rule, x.lines])).toEqual(Array.from({ length: 10 }, () => ['assisted', 'no-input', 1]));
  });

  test('an agent streaming while the Explorer has the focus: the editor stays active, no selection events, every edit assisted', () => {
    const rec = loadRecording('agent-stream-panel-focus');
    expect(rec.events.some((e) => e.type === 'selection')).toBe(false);
    const d = replay(rec);
    expect(d.length).toBeGreaterThanOrEqual(8);
    expect(new Set(d.map((x) => x.rule))).toEqual(new Set(['no-input']));
  });

  test('a snippet chosen from the suggestions right after typing its prefix is hands; so is typing over its placeholder', () => {
    const d = replay(loadRecording('snippet'));
    const block = d.find((x) => x.lines === 2);
    expect(block).toMatchObject({ origin: 'hands', rule: 'user-command' });
    expect(new Set(origins(d))).toEqual(new Set(['hands']));
  });

  test('a chat "apply" to three files at once is assisted in each file (2 lines each)', () => {
    const d = replay(loadRecording('chat-apply-three'));
    expect(d.map((x) => [x.doc, x.origin, x.lines])).toEqual([['notes.txt', 'assisted', 2], ['README.md', 'assisted', 2], ['greet.ts', 'assisted', 2]]);
  });

  test('an agent streaming 200 edits over about two minutes: every one assisted, 200 lines', () => {
    const rec = loadRecording('agent-stream');
    const d = replay(rec);
    expect(d).toHaveLength(200);
    expect(new Set(origins(d))).toEqual(new Set(['assisted']));
    expect(sum(d, 'assisted')).toBe(200);
    expect(d[d.length - 1].t - d[0].t).toBeGreaterThan(100_000);
  });
});

// Hand-built sequences for the cases the probe could not stage on its own.
const typed = (ch: string): ChangePart => changePart(ch, 0, 0, 0);
const block = (lines: number): ChangePart => changePart(Array.from({ length: lines }, (_, i) => `line ${i}`).join('\n'), 0, 0, 0);

describe('hand-built and multi-file cases', () => {
  test('rename across files (recorded): VS Code\'s minimised edits in the active file, then the other file, are hands', () => {
    const d = replay(loadRecording('rename'));
    expect(d.map((x) => [x.doc, x.origin, x.rule])).toEqual([['notes.txt', 'hands', 'keystroke'], ['README.md', 'hands', 'multi-file-refactor']]);
  });

  test('rename across files (hand-built, longer names): the user\'s F2 in the active file and two others at once: hands', () => {
    const c = new OriginClassifier();
    expect(c.selection(0, 'a.ts', true)).toBe(true); // the user put the caret on the name
    const rename = (t: number, doc: string, active: boolean) =>
      c.change({ time: t, doc, active, undoRedo: false, parts: [changePart('welcome', 5, 3, 3), changePart('welcome', 5, 9, 9)] });
    expect(rename(2_500, 'a.ts', true)).toMatchObject({ origin: 'hands', rule: 'user-command' });
    expect(rename(2_510, 'b.ts', false)).toMatchObject({ origin: 'hands', rule: 'multi-file-refactor' });
    expect(rename(2_520, 'c.ts', false)).toMatchObject({ origin: 'hands', rule: 'multi-file-refactor' });
  });

  test('the same three-file edit with no user input before it is assisted everywhere', () => {
    const c = new OriginClassifier();
    const edit = (t: number, doc: string, active: boolean) =>
      c.change({ time: t, doc, active, undoRedo: false, parts: [changePart('welcome', 5, 3, 3)] });
    expect(edit(60_000, 'a.ts', true).origin).toBe('held');
    expect(edit(60_010, 'b.ts', false)).toMatchObject({ origin: 'assisted', rule: 'multi-file' });
    expect(c.release(60_000 + HOLD_MS)).toMatchObject([{ origin: 'assisted', rule: 'no-input' }]);
  });

  test('a snippet inserted a second after the user moved the caret is hands; with no input for longer than the window it is assisted', () => {
    const snippet = changePart('function name() {\n\t\n}', 10, 4, 4); // replaces the typed prefix
    const c = new OriginClassifier();
    c.selection(1_000, 'x', true);
    expect(c.change({ time: 2_000, doc: 'x', active: true, undoRedo: false, parts: [snippet] })).toMatchObject({ origin: 'hands', rule: 'user-command', lines: 2 });
    const late = new OriginClassifier();
    late.selection(1_000, 'x', true);
    expect(late.change({ time: 1_000 + INPUT_WINDOW_MS + 1, doc: 'x', active: true, undoRedo: false, parts: [snippet] }).origin).toBe('held');
  });

  test('caret moves and scrolls an edit causes are not navigation, and do not count as the user\'s input', () => {
    const c = new OriginClassifier();
    c.change({ time: 10_000, doc: 'x', active: true, undoRedo: false, parts: [block(2)] });
    expect(c.selection(10_002, 'x', true)).toBe(false); // VS Code reports it as Keyboard
    expect(c.causedByChange(10_002, 'x')).toBe(true);
    // ...so the agent's next line, 1 s later, is still without input: held, then assisted.
    expect(c.change({ time: 11_000, doc: 'x', active: true, undoRedo: false, parts: [block(2)] }).origin).toBe('held');
    expect(c.selection(12_000, 'x', true)).toBe(true); // a real key press later is navigation
  });

  test('a manual save claims the held no-input changes of that document (format on save runs before willSave)', () => {
    const c = new OriginClassifier<string>();
    const fmt = changePart('  a,\n  b,\n', 8, 2, 4);
    expect(c.change({ ref: 'doc', time: 50_000, doc: 'x', active: true, undoRedo: false, parts: [fmt] }).origin).toBe('held');
    expect(c.save(50_005, 'x')).toEqual([{ time: 50_000, ref: 'doc', origin: 'hands', rule: 'format-on-save', lines: 4 }]);
    expect(c.release(Infinity)).toEqual([]);
  });

  test('a typed character is a keystroke even without earlier input; so are Enter with indent and Enter between brackets', () => {
    const c = new OriginClassifier();
    expect(c.change({ time: 0, doc: 'x', active: true, undoRedo: false, parts: [typed('a')] }).rule).toBe('keystroke');
    expect(c.change({ time: 1, doc: 'x', active: true, undoRedo: false, parts: [changePart('\n    ', 0, 0, 0)] }).rule).toBe('keystroke');
    expect(c.change({ time: 2, doc: 'x', active: true, undoRedo: false, parts: [changePart('\n\t\n', 0, 0, 0)] }).rule).toBe('keystroke');
  });

  test('a background document edited alone is assisted', () => {
    const c = new OriginClassifier();
    expect(c.change({ time: 0, doc: 'y', active: false, undoRedo: false, parts: [typed('a')] })).toMatchObject({ origin: 'assisted', rule: 'background' });
  });

  test('changedLines counts line breaks inserted plus line breaks inside the replaced ranges', () => {
    // Replacing lines 2..5 (3 line breaks) by two lines of text (1 line break): 1 + 3.
    expect(changedLines([changePart('one\ntwo', 40, 2, 5)])).toBe(4);
    expect(changedLines([typed('x'), typed('y')])).toBe(0);
  });
});
