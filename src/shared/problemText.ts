// Problems worded by src/store and src/calendar in the display language. Those layers stay free of vscode
// and their English is also what the CLI prints and what calendar meta files keep, so their sentences are
// translated where they are shown (ProblemReporter, calendar health): each known sentence below is found in
// the text, wherever it sits (inside "Calendar "Work": …" for instance), and re-worded through the Localizer.
// A sentence not listed stays English. test/unit/l10n/problemText.test.ts produces the sentences with the
// real store and calendar code, so a changed English wording fails there instead of going quietly untranslated.
import { isEnglish, numberIn, type Localizer } from './locale';

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
  // Imports (store/importer.ts, core/import): the file, then why nothing was imported, reason by reason.
  [/(\S+) is larger than (\d+) MB, the largest import\. Split the export by date range\./g, (l, file, mb) => l.t('{0} is larger than {1} MB, the largest import. Split the export by date range.', file, mb)],
  [/(\S+) is not a file \(a folder, pipe, socket or device\); give the export file itself\./g, (l, file) => l.t('{0} is not a file (a folder, pipe, socket or device); give the export file itself.', file)],
  [/Cannot read (.+?): (E[A-Z]+): (not found|permission denied|not permitted|a folder|too many symbolic links|not in a folder|not readable)$/g,
    (l, file, code, why) => l.t('Cannot read {0}: {1}: {2}', file, code, readReason(l, why))],
  [/(\S+) is not valid JSON \((.*)\)\. Was the download cut short\?/g, (l, file, why) => l.t('{0} is not valid JSON ({1}). Was the download cut short?', file, why)],
  [/This is not an ActivityWatch export \(expected \{"buckets":\{…\}\}, a bucket, or an events array\)\./g, (l) => l.t('This is not an ActivityWatch export (expected {"buckets":{…}}, a bucket, or an events array).')],
  [/This is not a WakaTime heartbeats export \(expected \{"days":\[\{"heartbeats":\[…\]\}\]\}\)\./g, (l) => l.t('This is not a WakaTime heartbeats export (expected {"days":[{"heartbeats":[…]}]}).')],
  ...ruleReasons('(?<=(?:nothing to import\\. |; ))', [
    ['Buckets that are not objects \\(ignored\\)(?=: \\d)', (l) => l.t('Buckets that are not objects (ignored)')],
    ['Bucket "([^"]*)" of type "([^"]*)" ignored: only (\\S+) buckets hold editor activity(?=: \\d)',
      (l, id, type, editor) => l.t('Bucket "{0}" of type "{1}" ignored: only {2} buckets hold editor activity', id, type, editor)],
    ['Editor buckets without an events list \\(ignored\\)(?=: \\d)', (l) => l.t('Editor buckets without an events list (ignored)')],
    ['Days without a heartbeats list \\(ignored\\)(?=: \\d)', (l) => l.t('Days without a heartbeats list (ignored)')],
    ['Other problems(?=: \\d)', (l) => l.t('Other problems')],
  ]),
  [/(\S+): nothing to import\. /g, (l, file) => l.t('{0}: nothing to import. ', file)],
  // Team folders and keys as the extension's team commands meet them (store/team*.ts).
  [/(?:Team folder|Folder) (\S+) is a symbolic link; refusing to write through it\./g, (l, dir) => l.t('{0} is a symbolic link; refusing to write through it.', dir)],
  [/(?:Team folder|Folder) (\S+) is not a folder\./g, (l, dir) => l.t('{0} is not a folder.', dir)],
  [/(\S+) is damaged \(not valid JSON\); it was left as it is\./g, (l, file) => l.t('{0} is damaged (not valid JSON); it was left as it is.', file)],
  [/(\S+) in (\S+) is damaged; it was left as it is\./g, (l, file, dir) => l.t('{0} in {1} is damaged; it was left as it is.', file, dir)],
  [/(\S+) already holds a team \(team\.json\)\. Choose an empty folder\./g, (l, folder) => l.t('{0} already holds a team (team.json). Choose an empty folder.', folder)],
  [/This machine is already a member of team (\S+) \((.*)\)\. Leave it first \("craft-time team withdraw"\)\./g,
    (l, team, folder) => l.t('This machine is already a member of team {0} ({1}). Leave it first ("craft-time team withdraw").', team, folder)],
  [/The contribution was built for another team\./g, (l) => l.t('The contribution was built for another team.')],
  [/(\S+) has no team\.json: it is not a team folder \(the steward runs "craft-time team init" first\)\./g,
    (l, folder) => l.t('{0} has no team.json: it is not a team folder (the steward runs "craft-time team init" first).', folder)],
  [/team\.json is not valid JSON/g, (l) => l.t('team.json is not valid JSON')],
  [/team\.json is not a Craft Time team file/g, (l) => l.t('team.json is not a Craft Time team file')],
  [/team\.json has missing or unexpected fields/g, (l) => l.t('team.json has missing or unexpected fields')],
  [/team\.json is not signed by its steward key \(changed after signing\?\)/g, (l) => l.t('team.json is not signed by its steward key (changed after signing?)')],
  [/team\.json's steward key is not the one you confirmed: someone replaced team\.json/g, (l) => l.t("team.json's steward key is not the one you confirmed: someone replaced team.json")],
  // Why the team report left a file out (store/teamOpen.ts, teamCrypto.ts, teamFolder.ts; core/team/contribution.ts):
  // each reason is the whole text of its line, so these are anchored. Field-level reasons of a malformed
  // contribution ("weeks[0]: craftRatio must be 0-1 …") name JSON fields and stay English.
  [/^signed by a key that is not on the roster$/g, (l) => l.t('signed by a key that is not on the roster')],
  [/^signature does not verify$/g, (l) => l.t('signature does not verify')],
  [/^does not decrypt \(tampered, or not sealed to this report key\)$/g, (l) => l.t('does not decrypt (tampered, or not sealed to this report key)')],
  [/^sealed for another team$/g, (l) => l.t('sealed for another team')],
  [/^sealed to a report key this steward does not hold$/g, (l) => l.t('sealed to a report key this steward does not hold')],
  [/^sealed plaintext names another team or month$/g, (l) => l.t('sealed plaintext names another team or month')],
  [/^(?:sealed content|sealed plaintext) is not valid JSON$|^not valid JSON$/g, (l) => l.t('not valid JSON')],
  [/^not a JSON object$/g, (l) => l.t('not a JSON object')],
  [/^in folder (\S+) but sealed for (\S+) \(a replayed file\)$/g, (l, folder, month) => l.t('in folder {0} but sealed for {1} (a replayed file)', folder, month)],
  [/^in folder (\S+) but for month (\S+)$/g, (l, folder, month) => l.t('in folder {0} but for month {1}', folder, month)],
  [/^an older contribution of the same member and month than (.+) \(the newest counts\)$/g, (l, file) => l.t('an older contribution of the same member and month than {0} (the newest counts)', file)],
  [/^duplicate of (.+) \(same member and month; the newest is kept\)$/g, (l, file) => l.t('duplicate of {0} (same member and month; the newest is kept)', file)],
  [/^version-1 plaintext file: read only for (\S+), the month this team was set up$/g, (l, month) => l.t('version-1 plaintext file: read only for {0}, the month this team was set up', month)],
  [/^symbolic link \(not followed\)$/g, (l) => l.t('symbolic link (not followed)')],
  [/^not a regular file$/g, (l) => l.t('not a regular file')],
  [/^larger than (\d+) bytes$/g, (l, n) => l.t('larger than {0} bytes', count(l, n))],
  [/^(folder )?not readable \(([A-Za-z]+)\)$/g, (l, folder, code) => (folder ? l.t('folder not readable ({0})', code) : l.t('not readable ({0})', code))],
  [/^more than (\d+) files: this one and (\d+) after it not read$/g, (l, max, rest) => l.t('more than {0} files: this one and {1} after it not read', count(l, max), count(l, rest))],
  [/^the folder's reading budget of (\d+) MB is spent$/g, (l, mb) => l.t("the folder's reading budget of {0} MB is spent", count(l, mb))],
  // Notes of the team report and roster (store/teamOps.ts, teamOpen.ts).
  [/This machine has not confirmed this team: compare the team fingerprint (\S+) with the one your steward tells you\./g,
    (l, fp) => l.t('This machine has not confirmed this team: compare the team fingerprint {0} with the one your steward tells you.', fp)],
  [/(\d+) members were admitted in the last (\d+) days \(([^)]*)\)\. Several admissions just before a report is how a group is padded with made-up members: check that each fingerprint belongs to a real person who told you it\./g,
    (l, n, days, fps) => l.t('{0} members were admitted in the last {1} days ({2}). Several admissions just before a report is how a group is padded with made-up members: check that each fingerprint belongs to a real person who told you it.', n, days, fps)],
  [/(\d+) unsigned version-1 plaintext file\(s\) were counted for (\S+), the month this team was set up\. They are not bound to rostered members, so this month is not protected against made-up members; from next month only sealed contributions count\. Ask their authors to re-send sealed, then delete them\./g,
    (l, n, month) => l.t('{0} unsigned version-1 plaintext file(s) were counted for {1}, the month this team was set up. They are not bound to rostered members, so this month is not protected against made-up members; from next month only sealed contributions count. Ask their authors to re-send sealed, then delete them.', n, month)],
  [/Seeded noise: anyone who knows the seed can remove the noise\. Never publish this report\./g, (l) => l.t('Seeded noise: anyone who knows the seed can remove the noise. Never publish this report.')],
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
  // Why a file was skipped (calendar/budget.ts reasons, calendar/workerClient.ts): before the sentence around them.
  [/reading it took longer than ([\d,]+) s/g, (l, s) => l.t('reading it took longer than {0} s', count(l, s))],
  [/its repeat rules need more than ([\d,]+) steps/g, (l, n) => l.t('its repeat rules need more than {0} steps', count(l, n))],
  [/it has more than ([\d,]+) occurrences in the period/g, (l, n) => l.t('it has more than {0} occurrences in the period', count(l, n))],
  [/an event \(line (\d+)\) has more than ([\d,]+) repeat rules \(RRULE lines\)/g, (l, line, n) => l.t('an event (line {0}) has more than {1} repeat rules (RRULE lines)', line, count(l, n))],
  [/a time-zone name \(TZID\) is longer than ([\d,]+) characters/g, (l, n) => l.t('a time-zone name (TZID) is longer than {0} characters', count(l, n))],
  [/it is too large \((\d+) MB; the limit is (\d+) MB\)/g, (l, size, limit) => l.t('it is too large ({0} MB; the limit is {1} MB)', count(l, size), count(l, limit))],
  [/reading it needed more than ([\d,]+) MB of memory/g, (l, n) => l.t('reading it needed more than {0} MB of memory', count(l, n))],
  [/the calendar reader was shut down/g, (l) => l.t('the calendar reader was shut down')],
  [/the calendar reader stopped unexpectedly/g, (l) => l.t('the calendar reader stopped unexpectedly')],
  [/the calendar reader could not start \((.*)\)(?=\. Other calendars still count\.)/g, (l, why) => l.t('the calendar reader could not start ({0})', why)],
  [/The calendar was skipped: (.+?)\. Other calendars still count\./g, (l, reason) => l.t('The calendar was skipped: {0}. Other calendars still count.', reason)],
  [/The ignore pattern "(.*?)" is not a valid regular expression; it was left out\./g, (l, pattern) => l.t('The ignore pattern "{0}" is not a valid regular expression; it was left out.', pattern)],
  [/The time zone "(.*?)" is not known; UTC was used instead\./g, (l, zone) => l.t('The time zone "{0}" is not known; UTC was used instead.', zone)],
  // Why a repeat rule was not expanded (calendar/rules.ts), inside an event's reason below.
  ...ruleReasons('(?<=its repeat rule was not expanded because )', [
    ['it repeats every second or minute', (l) => l.t('it repeats every second or minute')],
    ['its frequency is not valid', (l) => l.t('its frequency is not valid')],
    ['its interval is not valid', (l) => l.t('its interval is not valid')],
    ['it has out-of-range BY parts', (l) => l.t('it has out-of-range BY parts')],
    ['it has out-of-range times', (l) => l.t('it has out-of-range times')],
    ['it has an out-of-range BYSETPOS', (l) => l.t('it has an out-of-range BYSETPOS')],
    ['it has invalid weekdays', (l) => l.t('it has invalid weekdays')],
    ['it has weekdays with a position, which only monthly and yearly rules allow', (l) => l.t('it has weekdays with a position, which only monthly and yearly rules allow')],
    ['it uses BYWEEKNO outside a yearly rule', (l) => l.t('it uses BYWEEKNO outside a yearly rule')],
    ['no date can ever match it', (l) => l.t('no date can ever match it')],
  ]),
  // Why one event was skipped (calendar/expand.ts eventProblem): only after that sentence's own beginning.
  ...ruleReasons('(?<=Skipped an event \\(line \\d+\\): )', [
    ['its RECURRENCE-ID is not a valid date', (l) => l.t('its RECURRENCE-ID is not a valid date')],
    ['it could not be expanded', (l) => l.t('it could not be expanded')],
    ['its changed occurrences could not be read', (l) => l.t('its changed occurrences could not be read')],
    ['its time is outside the range of dates \\(years 1-9999\\)', (l) => l.t('its time is outside the range of dates (years 1-9999)')],
    ['its time or length is outside the range of dates \\(years 1-9999\\)', (l) => l.t('its time or length is outside the range of dates (years 1-9999)')],
    ['it lasts longer than (\\d+) days, which no meeting does', (l, n) => l.t('it lasts longer than {0} days, which no meeting does', count(l, n))],
    ['it lasts longer than (\\d+) days', (l, n) => l.t('it lasts longer than {0} days', count(l, n))],
    ['its start time is not a valid date', (l) => l.t('its start time is not a valid date')],
    ['it has no start time', (l) => l.t('it has no start time')],
    ['its DURATION is not valid', (l) => l.t('its DURATION is not valid')],
    ['its repeat rule has an invalid end date', (l) => l.t('its repeat rule has an invalid end date')],
    ['its repeat rule has too many occurrences; only the first ([\\d,]+) were read', (l, n) => l.t('its repeat rule has too many occurrences; only the first {0} were read', count(l, n))],
    ['its repeat rule is not valid', (l) => l.t('its repeat rule is not valid')],
    ['its repeat rule was not expanded because ', (l) => l.t('its repeat rule was not expanded because ')],
  ]),
  // Why a time zone was read as local time (calendar/zones.ts), then the sentence around it.
  ...ruleReasons('(?<=were read as local time \\([^)]*\\): )', [
    ['it is not a known time zone and the file does not define it', (l) => l.t('it is not a known time zone and the file does not define it')],
    ['its definition is not a VTIMEZONE', (l) => l.t('its definition is not a VTIMEZONE')],
    ['its definition has no rules', (l) => l.t('its definition has no rules')],
    ['its definition has too many rules', (l) => l.t('its definition has too many rules')],
    ['its definition has unexpected nested parts', (l) => l.t('its definition has unexpected nested parts')],
    ['its definition repeats in an unsupported way', (l) => l.t('its definition repeats in an unsupported way')],
    ['its definition has too many dates', (l) => l.t('its definition has too many dates')],
    ['its definition is too large', (l) => l.t('its definition is too large')],
    ['its definition could not be read', (l) => l.t('its definition could not be read')],
  ]),
  [/Times in the zone "(.*?)" were read as local time \(([^)]*)\): /g, (l, tzid, zone) => l.t('Times in the zone "{0}" were read as local time ({1}): ', tzid, zone)],
  [/Skipped an event \(line (\d+)\): /g, (l, line) => l.t('Skipped an event (line {0}): ', line)],
  [/…and (\d+) more events were skipped\./g, (l, n) => l.t('…and {0} more events were skipped.', n)],
  [/: no such file( \(using the last good copy\))?/g, (l, cached) => (cached ? l.t(': no such file (using the last good copy)') : l.t(': no such file'))],
  [/: not downloaded yet\./g, (l) => l.t(': not downloaded yet.')],
];

/** A number as the English text wrote it ("2,000,000"), the way the display language writes it. */
function count(l: Localizer, english: string): string {
  return numberIn(l, Number(english.replace(/,/g, '')));
}

/**
 * Rules for reasons that only follow a given beginning (`after`, a lookbehind), so a short phrase is never
 * re-worded elsewhere. Each reason is a regular expression source that ends where the sentence's "." or a
 * nested reason begins.
 */
function ruleReasons(after: string, reasons: readonly (readonly [source: string, word: Rule[1]])[]): Rule[] {
  return reasons.map(([source, word]) => [new RegExp(`${after}${source}`, 'g'), word] as const);
}

/** Why a file could not be read (store/safeRead.ts describeCode). */
function readReason(l: Localizer, why: string): string {
  switch (why) {
    case 'not found': return l.t('not found');
    case 'permission denied': return l.t('permission denied');
    case 'not permitted': return l.t('not permitted');
    case 'a folder': return l.t('a folder');
    case 'too many symbolic links': return l.t('too many symbolic links');
    case 'not in a folder': return l.t('not in a folder');
    default: return l.t('not readable');
  }
}

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
