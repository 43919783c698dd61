// Who made a text change: the user's own hands, or a tool (DESIGN.md "Origin of a change"). The rules and
// thresholds come from what VS Code 1.100 shows an extension (recorded by the probe in
// test/fixtures/origin/, explained in docs/metrics.md "Origin of a change"). Pure and O(1) per event: the
// host feeds it the events it already receives and acts on the verdicts.

export type Origin = 'hands' | 'assisted';

/** Why a change got its origin (for tests and the docs; never stored). */
export type OriginRule =
  | 'undo-redo' // reason Undo/Redo: the user's own command
  | 'multi-file-refactor' // several documents at once, all one-line replacements, the first in the active editor by the user's hands (rename, Replace All)
  | 'multi-file' // several documents at once otherwise (chat "apply", an agent)
  | 'background' // a document that is not in the active editor
  | 'format-on-save' // right after the user saved this document (format on save, code actions on save)
  | 'paste' // a large insert equal to the clipboard's text
  | 'block' // a large insert that is not the clipboard (an accepted multi-line completion, an agent)
  | 'keystroke' // keystroke-sized changes in the active editor (typing, Backspace, Enter, multi-cursor typing)
  | 'user-command' // a larger change in the active editor within INPUT_WINDOW_MS of the user's input there (snippet, quick fix, rename, cut/paste of a few lines)
  | 'no-input'; // a larger change with no user input around it (an agent streaming edits)

/** One content change of a TextDocumentChangeEvent, reduced to what the rules need. */
export interface ChangePart {
  /** Characters inserted (`change.text.length`). */
  readonly insertedChars: number;
  /** Line breaks in the inserted text. */
  readonly insertedLines: number;
  /** Characters replaced (`change.rangeLength`). */
  readonly deletedChars: number;
  /** Line breaks inside the replaced range (`range.end.line - range.start.line`). */
  readonly deletedLines: number;
  /** True when the inserted text is only line breaks and blanks (Enter with auto-indent). */
  readonly blankInsert: boolean;
}

export interface ChangeFacts<R = unknown> {
  /** Whatever the host needs to act on a held change later (the document); handed back, never read. */
  readonly ref?: R;
  readonly time: number;
  /** A key of the document (its URI as a string); compared, never stored. */
  readonly doc: string;
  /** The document is the one in the active editor (or the active notebook's cell). */
  readonly active: boolean;
  /** TextDocumentChangeEvent.reason: set for undo and redo only. */
  readonly undoRedo: boolean;
  readonly parts: readonly ChangePart[];
}

export type Verdict =
  | { readonly origin: Origin; readonly rule: OriginRule; readonly lines: number }
  /** A large insert: the host compares it with the clipboard and calls `resolvePaste`. */
  | { readonly origin: 'clipboard'; readonly rule: 'paste'; readonly lines: number }
  /**
   * A change in the active editor with no user input around it: held for HOLD_MS, because VS Code applies
   * format-on-save edits before it tells extensions about the save. `save` turns held changes of that
   * document into hands; `release` hands out the rest as assisted.
   */
  | { readonly origin: 'held'; readonly rule: 'no-input'; readonly lines: number };

/** A decision handed out later (after a hold), with what the host attached to the change. */
export interface LateVerdict<R> {
  readonly time: number;
  readonly ref: R;
  readonly origin: Origin;
  readonly rule: OriginRule;
  readonly lines: number;
}

/** Evidence of the user's input in an editor counts for this long (a snippet or rename takes a few seconds). */
export const INPUT_WINDOW_MS = 5_000;
/** A selection or scroll event this soon after a change in the same document was caused by it. */
export const CAUSED_MS = 100;
/** Changes in different documents this close together are one multi-file edit. */
export const BURST_MS = 100;
/** A change this soon after the user saved the document belongs to the save (code actions on save). */
export const SAVE_WINDOW_MS = 2_000;
/** How long a no-input change waits for a manual save of its document (format on save comes first). */
export const HOLD_MS = 500;
/** At most this many changes are held at once; older ones are released as assisted. */
const MAX_HELD = 256;
/** An insert with at least this many line breaks, or LARGE_INSERT_CHARS characters, is a block. */
export const LARGE_INSERT_LINES = 3;
export const LARGE_INSERT_CHARS = 200;
/** Keystroke-sized: at most this many characters inserted (a typed character, an auto-closed pair). */
export const KEYSTROKE_CHARS = 2;

/** Changed lines of a change: line breaks inserted plus line breaks deleted, from the change ranges. */
export function changedLines(parts: readonly ChangePart[]): number {
  let n = 0;
  for (const p of parts) n += p.insertedLines + p.deletedLines;
  return n;
}

/** Builds a ChangePart from a change's text and range (the host's adapter; also used by tests). */
export function changePart(text: string, rangeLength: number, startLine: number, endLine: number): ChangePart {
  let breaks = 0;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c !== 13 && c !== 32 && c !== 9) blank = false;
  }
  return {
    insertedChars: text.length, insertedLines: breaks, deletedChars: rangeLength, deletedLines: endLine - startLine,
    blankInsert: blank && breaks > 0,
  };
}

function isKeystroke(parts: readonly ChangePart[]): boolean {
  for (const p of parts) {
    if (p.deletedLines > 0) return false;
    if (p.insertedLines > 0) {
      // Enter (with auto-indent, or between brackets: "\n\t\n") is a keystroke; a line of text is not.
      if (!p.blankInsert || p.insertedLines > 2) return false;
    } else if (p.insertedChars > KEYSTROKE_CHARS) return false;
  }
  return true;
}

function isLarge(parts: readonly ChangePart[]): boolean {
  for (const p of parts) if (p.insertedLines >= LARGE_INSERT_LINES || p.insertedChars >= LARGE_INSERT_CHARS) return true;
  return false;
}

/** Every part replaces text within one line (no line break inserted or deleted): a rename's or Replace All's edits. */
function oneLineReplacements(parts: readonly ChangePart[]): boolean {
  for (const p of parts) if (p.insertedLines > 0 || p.deletedLines > 0) return false;
  return true;
}

/**
 * Classifies one window's changes. Feed it every user selection (keyboard or mouse), every manual save and
 * every content change of a work document, in the order they arrive; each call is O(1).
 */
export class OriginClassifier<R = unknown> {
  private held: { time: number; doc: string; ref: R; lines: number }[] = [];
  private lastChangeTime = -Infinity;
  private lastChangeDoc = '';
  private lastInputTime = -Infinity;
  private lastInputDoc = '';
  private lastSaveTime = -Infinity;
  private lastSaveDoc = '';
  /** The origin of the first change of the multi-file edit in progress (or of the last change). */
  private burstOrigin: Origin = 'assisted';

  /**
   * A selection change (or scroll) in an editor. Returns true when it is the user's navigation: made by
   * keyboard or mouse, and not caused by a change just made in that document (typing moves the caret and
   * scrolls; so does an agent's edit, and VS Code reports those moves as Keyboard).
   */
  selection(time: number, doc: string, byUser: boolean): boolean {
    if (!byUser || this.causedByChange(time, doc)) return false;
    this.lastInputTime = time;
    this.lastInputDoc = doc;
    return true;
  }

  /** True when a scroll (or any editor event) in `doc` at `time` was caused by a change just made there. */
  causedByChange(time: number, doc: string): boolean {
    return doc === this.lastChangeDoc && time - this.lastChangeTime <= CAUSED_MS;
  }

  /**
   * The user is about to save a document (TextDocumentSaveReason.Manual: Ctrl+S, File > Save). Returns the
   * held changes of that document from the last SAVE_WINDOW_MS as hands: the formatting of that save.
   */
  save(time: number, doc: string): LateVerdict<R>[] {
    this.lastSaveTime = time;
    this.lastSaveDoc = doc;
    const out: LateVerdict<R>[] = [];
    if (this.held.length === 0) return out;
    const keep: typeof this.held = [];
    for (const h of this.held) {
      if (h.doc === doc && time - h.time <= SAVE_WINDOW_MS) out.push({ time: h.time, ref: h.ref, origin: 'hands', rule: 'format-on-save', lines: h.lines });
      else keep.push(h);
    }
    this.held = keep;
    return out;
  }

  /** True while changes are held (the host then calls `release` after HOLD_MS). */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /** Held changes older than HOLD_MS at `time`, as assisted (no save claimed them). */
  release(time: number): LateVerdict<R>[] {
    const out: LateVerdict<R>[] = [];
    while (this.held.length > 0 && (time - this.held[0].time >= HOLD_MS || this.held.length > MAX_HELD)) {
      const h = this.held.shift()!;
      out.push({ time: h.time, ref: h.ref, origin: 'assisted', rule: 'no-input', lines: h.lines });
    }
    return out;
  }

  /** True when a save of `doc` now follows the user's own save request (not an auto-save). */
  savedByUser(time: number, doc: string): boolean {
    return doc === this.lastSaveDoc && time - this.lastSaveTime <= SAVE_WINDOW_MS;
  }

  /** Decides the origin of a content change. */
  change(f: ChangeFacts<R>): Verdict {
    const lines = changedLines(f.parts);
    const inBurst = f.doc !== this.lastChangeDoc && f.time - this.lastChangeTime <= BURST_MS;
    let verdict = this.decide(f, inBurst, lines);
    if (verdict.rule === 'no-input') {
      this.held.push({ time: f.time, doc: f.doc, ref: f.ref as R, lines });
      verdict = { origin: 'held', rule: 'no-input', lines };
    }
    if (!inBurst) this.burstOrigin = verdict.origin === 'hands' && oneLineReplacements(f.parts) ? 'hands' : 'assisted';
    this.lastChangeTime = f.time;
    this.lastChangeDoc = f.doc;
    return verdict;
  }

  /** The clipboard comparison of a large insert: equal means the user's paste. */
  resolvePaste(equal: boolean, lines: number): { readonly origin: Origin; readonly rule: OriginRule; readonly lines: number } {
    return equal ? { origin: 'hands', rule: 'paste', lines } : { origin: 'assisted', rule: 'block', lines };
  }

  private recentInput(f: ChangeFacts<R>): boolean {
    return f.doc === this.lastInputDoc && f.time - this.lastInputTime <= INPUT_WINDOW_MS;
  }

  private decide(f: ChangeFacts<R>, inBurst: boolean, lines: number): Verdict {
    if (f.undoRedo) return this.hands('undo-redo', lines, f);
    if (inBurst) {
      // VS Code minimises a rename's edits ("tests" -> "checks" arrives as "ck" and "ch" in one file and
      // "checks" in another), so the signature is the shape, not the text: one-line replacements only.
      if (this.burstOrigin === 'hands' && oneLineReplacements(f.parts)) return { origin: 'hands', rule: 'multi-file-refactor', lines };
      return { origin: 'assisted', rule: 'multi-file', lines };
    }
    if (!f.active) return { origin: 'assisted', rule: 'background', lines };
    if (f.doc === this.lastSaveDoc && f.time - this.lastSaveTime <= SAVE_WINDOW_MS && f.time >= this.lastSaveTime) return { origin: 'hands', rule: 'format-on-save', lines };
    if (isLarge(f.parts)) return { origin: 'clipboard', rule: 'paste', lines };
    if (isKeystroke(f.parts)) return this.hands('keystroke', lines, f);
    if (this.recentInput(f)) return { origin: 'hands', rule: 'user-command', lines };
    return { origin: 'assisted', rule: 'no-input', lines };
  }

  /** A keystroke or undo is itself the user's input in that editor. */
  private hands(rule: OriginRule, lines: number, f: ChangeFacts<R>): Verdict {
    this.lastInputTime = f.time;
    this.lastInputDoc = f.doc;
    return { origin: 'hands', rule, lines };
  }
}
