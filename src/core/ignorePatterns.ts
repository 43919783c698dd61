// The default title patterns of events that are not meetings (DESIGN.md "Meetings"; docs/calendar.md).
// A definition, so it lives in the core: the settings model offers it as the default, the calendar
// filters apply it.

/**
 * Default title patterns for events that block time but are not meetings. Case-insensitive regular
 * expressions (JavaScript syntax), matched anywhere in the title; `meetings.ignorePatterns` replaces
 * this list. Each entry says what it is for, because a pattern that is too wide hides real meetings.
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  // Focus blocks: "Focus time", "Focus block", "Focus Time (via Clockwise)", "Deep work", "No meetings".
  '\\bfocus\\b',
  '\\bdeep[ -]?work\\b',
  '\\bno[ -]meetings?\\b',
  // Out of office: "Out of office", "OOO", "OOF" (Outlook), "Vacation", "Holiday", "PTO", "On leave".
  '\\bout of (?:the )?office\\b',
  '\\bOO[OF]\\b',
  '\\bvacation\\b',
  '\\bholidays?\\b',
  '\\bPTO\\b',
  '\\bon leave\\b',
  // Lunch, but not "Lunch & learn" / "lunch and learn" (a talk, which is a meeting).
  '\\blunch\\b(?!\\s*(?:&|and|n|\\+)\\s*learn)',
  // Commute and travel time blocks.
  '\\bcommut(?:e|ing)\\b',
  '\\btravel time\\b',
  // Holds made by the owner: "Hold", "HOLD: design review", "[Hold] …", "Blocked", "Block: writing",
  // "Do not book", "Busy - personal". A bare "Busy" is deliberately NOT matched: it is the title that
  // busy-only Google and Outlook feeds give to every real meeting.
  '^\\W*(?:hold|on hold|tentative hold|blocked|block(?:ed)?\\s+(?:time|off)|block)\\b',
  '\\b(?:do not|don\'t|pls don\'t|please do not) (?:book|schedule)\\b',
  '^\\s*busy\\s*[-–—:(/]',
];
