// Problems worded by src/store and src/calendar in the display language. Those layers stay free of vscode
// and their English is also what the CLI prints and what calendar meta files keep, so their sentences are
// translated where they are shown (ProblemReporter, calendar health): each known sentence below is found in
// the text, wherever it sits (inside "Calendar "Work": …" for instance), and re-worded through the Localizer.
// A sentence not listed stays English. test/unit/l10n/problemText.test.ts produces the sentences with the
// real store and calendar code, so a changed English wording fails there instead of going quietly untranslated.
import { isEnglish, type Localizer } from './locale';

type Rule = readonly [pattern: RegExp, word: (l: Localizer, ...groups: string[]) => string];

const HOST = '([^\\s/]+)';

const RULES: readonly Rule[] = [
  // Data files (store/calendarStore.ts readVersioned, failClosed; store/history.ts).
  [/(\S+) is damaged or from a newer version; it was left untouched\./g, (l, file) => l.t('{0} is damaged or from a newer version; it was left untouched.', file)],
  [/Nothing was changed: repair or remove the file, then try again\./g, (l) => l.t('Nothing was changed: repair or remove the file, then try again.')],
  [/(\d+) damaged lines? in the activity files were skipped\./g, (l, n) => (n === '1' ? l.t('1 damaged line in the activity files was skipped.') : l.t('{0} damaged lines in the activity files were skipped.', n))],
  [/Could not read (\S+): (\S+): not found/g, (l, file, code) => l.t('Could not read {0}: {1}: not found', file, code)],
  [/Could not read (\S+): (\S+): permission denied/g, (l, file, code) => l.t('Could not read {0}: {1}: permission denied', file, code)],
  [/ENOSPC: no space left on device/g, (l) => l.t('ENOSPC: no space left on device')],
  // The machine-wide settings file (store/machineSettings.ts).
  [/(\S+) is damaged \(not JSON\); the machine-wide settings are ignored and the file is left alone until you fix or delete it\./g,
    (l, file) => l.t('{0} is damaged (not JSON); the machine-wide settings are ignored and the file is left alone until you fix or delete it.', file)],
  [/(\S+) has schema (\S+) \(this version reads 1\); it is left alone\./g, (l, file, schema) => l.t('{0} has schema {1} (this version reads 1); it is left alone.', file, schema)],
  // corrections.json (store/corrections.ts), and the refusal to change it while it is damaged.
  [/corrections\.json is not valid JSON/g, (l) => l.t('corrections.json is not valid JSON')],
  [/corrections\.json is not an object/g, (l) => l.t('corrections.json is not an object')],
  [/corrections\.json has schema (\S+), this version reads 1/g, (l, schema) => l.t('corrections.json has schema {0}, this version reads 1', schema)],
  [/corrections\.json has no ranges list/g, (l) => l.t('corrections.json has no ranges list')],
  [/(\d+) damaged range\(s\) in corrections\.json were skipped/g, (l, n) => l.t('{0} damaged range(s) in corrections.json were skipped', n)],
  [/; not changing it/g, (l) => l.t('; not changing it')],
  // The tracking controls file (store/controls.ts readControls): the file, why it is unusable, what stands in.
  [/(\S+) (is not valid JSON|is not a JSON object|has an unknown schema|is from a newer version \(schema \d+\)); it was left untouched and the previous copy is in force until it is repaired\./g,
    (l, file, reason) => l.t('{0} {1}; it was left untouched and the previous copy is in force until it is repaired.', file, controlsReason(l, reason))],
  [/(\S+) (is not valid JSON|is not a JSON object|has an unknown schema|is from a newer version \(schema \d+\)); it was left untouched and tracking is paused until it is repaired or reset, so no excluded workspace is recorded\./g,
    (l, file, reason) => l.t('{0} {1}; it was left untouched and tracking is paused until it is repaired or reset, so no excluded workspace is recorded.', file, controlsReason(l, reason))],
  // Calendar downloads (calendar/download.ts).
  [/The address is not an https URL\./g, (l) => l.t('The address is not an https URL.')],
  [new RegExp(`Refusing plain http for ${HOST}: calendar addresses are secrets; use https\\.`, 'g'), (l, host) => l.t('Refusing plain http for {0}: calendar addresses are secrets; use https.', host)],
  [new RegExp(`Too many redirects from ${HOST}\\.`, 'g'), (l, host) => l.t('Too many redirects from {0}.', host)],
  [new RegExp(`${HOST} redirected to an invalid address\\.`, 'g'), (l, host) => l.t('{0} redirected to an invalid address.', host)],
  [new RegExp(`${HOST} redirected away from https; not followed\\.`, 'g'), (l, host) => l.t('{0} redirected away from https; not followed.', host)],
  [new RegExp(`${HOST} answered HTTP (\\d+)\\.`, 'g'), (l, host, status) => l.t('{0} answered HTTP {1}.', host, status)],
  [/The address may have been reset or unpublished; add it again\./g, (l) => l.t('The address may have been reset or unpublished; add it again.')],
  [new RegExp(`The calendar from ${HOST} is (\\d+ MB), over the (\\d+ MB) limit\\.`, 'g'), (l, host, size, limit) => l.t('The calendar from {0} is {1}, over the {2} limit.', host, size, limit)],
  [new RegExp(`The calendar from ${HOST} is over the (\\d+ MB) limit\\.`, 'g'), (l, host, limit) => l.t('The calendar from {0} is over the {1} limit.', host, limit)],
  [new RegExp(`The connection to ${HOST} broke off\\.`, 'g'), (l, host) => l.t('The connection to {0} broke off.', host)],
  [new RegExp(`${HOST} could not be found \\(offline\\?\\)\\.`, 'g'), (l, host) => l.t('{0} could not be found (offline?).', host)],
  [new RegExp(`${HOST} refused the connection\\.`, 'g'), (l, host) => l.t('{0} refused the connection.', host)],
  [new RegExp(`${HOST} could not be reached \\(([^)]+)\\)\\.`, 'g'), (l, host, code) => l.t('{0} could not be reached ({1}).', host, code)],
  [new RegExp(`${HOST} did not answer within (\\d+) s\\.`, 'g'), (l, host, seconds) => l.t('{0} did not answer within {1} s.', host, seconds)],
  [/The last good copy is still used\./g, (l) => l.t('The last good copy is still used.')],
  [/ \(and (\d+) more\)/g, (l, n) => l.t(' (and {0} more)', n)],
  // Calendar files (calendar/parseIcs.ts, expand.ts, budget.ts, filters.ts; store/calendarStore.ts).
  [/The file is empty\./g, (l) => l.t('The file is empty.')],
  [/The file is binary data, not a calendar\./g, (l) => l.t('The file is binary data, not a calendar.')],
  [/The file is a web page \(HTML\), not a calendar\. If it came from a link, the link may need signing in or may not be the iCal address\./g, (l) => l.t('The file is a web page (HTML), not a calendar. If it came from a link, the link may need signing in or may not be the iCal address.')],
  [/The file is not an iCalendar \(\.ics\) file\./g, (l) => l.t('The file is not an iCalendar (.ics) file.')],
  [/The calendar has no events\./g, (l) => l.t('The calendar has no events.')],
  [/The calendar was skipped: (.+?)\. Other calendars still count\./g, (l, reason) => l.t('The calendar was skipped: {0}. Other calendars still count.', reason)],
  [/The ignore pattern "(.*?)" is not a valid regular expression; it was left out\./g, (l, pattern) => l.t('The ignore pattern "{0}" is not a valid regular expression; it was left out.', pattern)],
  [/The time zone "(.*?)" is not known; UTC was used instead\./g, (l, zone) => l.t('The time zone "{0}" is not known; UTC was used instead.', zone)],
  [/Skipped an event \(line (\d+)\): /g, (l, line) => l.t('Skipped an event (line {0}): ', line)],
  [/…and (\d+) more events were skipped\./g, (l, n) => l.t('…and {0} more events were skipped.', n)],
  [/: no such file( \(using the last good copy\))?/g, (l, cached) => (cached ? l.t(': no such file (using the last good copy)') : l.t(': no such file'))],
  [/: not downloaded yet\./g, (l) => l.t(': not downloaded yet.')],
];

/** Why the controls file is unusable, as the predicate of its sentence ("{0} ist kein gültiges JSON"). */
function controlsReason(l: Localizer, reason: string): string {
  const newer = /^is from a newer version \(schema (\d+)\)$/.exec(reason);
  if (newer) return l.t('is from a newer version (schema {0})', newer[1]);
  switch (reason) {
    case 'is not valid JSON': return l.t('is not valid JSON');
    case 'is not a JSON object': return l.t('is not a JSON object');
    default: return l.t('has an unknown schema');
  }
}

/** The text with every known store/calendar sentence in the display language; English text is returned as it is. */
export function localizeProblem(text: string, l: Localizer): string {
  if (isEnglish(l.locale)) return text;
  let out = text;
  for (const [pattern, word] of RULES) {
    // replace() passes the groups, then the offset and the whole text: only the groups are words.
    out = out.replace(pattern, (_match, ...rest: unknown[]) => word(l, ...rest.slice(0, -2).map((g) => (typeof g === 'string' ? g : ''))));
  }
  return out;
}
