// The display language for text built outside the host (src/views, the dashboard webview): a small
// injected localizer plus the number, date and duration wording for that language. The host passes one
// backed by vscode.l10n (host/localizer.ts), the webview one built from the bundle the host sends, tests and
// the CLI pass ENGLISH. No vscode, no DOM, no I/O, so both sides share it.
//
// English output is written by hand, exactly as before localisation (tests, the CLI and saved summaries
// depend on it). Every other language is worded with Intl for that locale; see docs/architecture.md
// "Localisation" for the choices (e.g. German "1,5 Std.", "2 Std. 05 Min.", "62 %", "2. März").

export type MessageArg = string | number;

export interface Localizer {
  /** BCP 47 tag of the display language ('en', 'de', 'pt-br', ...). */
  readonly locale: string;
  /** The message translated, `{0}`, `{1}`... replaced by the arguments (vscode.l10n.t's rules). */
  t(message: string, ...args: MessageArg[]): string;
}

/** Replaces `{0}`, `{1}`... with the arguments; a placeholder without an argument stays as written. */
export function formatMessage(message: string, args: readonly MessageArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

export const ENGLISH: Localizer = { locale: 'en', t: (message, ...args) => formatMessage(message, args) };

/** A localizer from a vscode.l10n bundle (English message → translation); missing entries stay English. */
export function bundleLocalizer(locale: string, bundle: Readonly<Record<string, string>> | undefined): Localizer {
  if (!bundle || isEnglish(locale)) return { locale: locale || 'en', t: ENGLISH.t };
  return {
    locale,
    t: (message, ...args) => formatMessage(Object.prototype.hasOwnProperty.call(bundle, message) && typeof bundle[message] === 'string' ? bundle[message] : message, args),
  };
}

export function isEnglish(locale: string): boolean {
  return locale === '' || locale.toLowerCase() === 'en' || locale.toLowerCase().startsWith('en-');
}

/** An Intl-safe tag: VS Code says 'pt-br' or 'zh-cn'; anything Intl rejects falls back to English. */
function intlLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const HOUR = 3_600_000;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Intl formatters are costly to build and a dashboard table formats hundreds of cells: one per locale and use. */
function perLocale<T>(make: (locale: string) => T): (l: Localizer) => T {
  const made = new Map<string, T>();
  return (l) => {
    let value = made.get(l.locale);
    if (value === undefined) made.set(l.locale, (value = make(intlLocale(l.locale))));
    return value;
  };
}

const unitFormat = (u: 'hour' | 'minute', display: 'short' | 'long', extra: Intl.NumberFormatOptions = {}) =>
  perLocale((locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: display, ...extra }));
const ONE_DECIMAL: Intl.NumberFormatOptions = { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false };
const F = {
  hoursShort: unitFormat('hour', 'short'),
  hoursShort1: unitFormat('hour', 'short', ONE_DECIMAL),
  minutesShort: unitFormat('minute', 'short'),
  minutesShort2: unitFormat('minute', 'short', { minimumIntegerDigits: 2 }),
  hoursLong: unitFormat('hour', 'long'),
  minutesLong: unitFormat('minute', 'long'),
  oneDecimal: perLocale((locale) => new Intl.NumberFormat(locale, ONE_DECIMAL)),
  integer: perLocale((locale) => new Intl.NumberFormat(locale)),
  percent: perLocale((locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })),
  monthYear: perLocale((locale) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })),
  dayMonth: perLocale((locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })),
  weekday: perLocale((locale) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })),
};

/** Hours with one decimal, no unit: "12.5" (English), "12,5" (German). */
export function hoursNumberIn(l: Localizer, ms: number): string {
  const value = Math.round((ms / HOUR) * 10) / 10;
  return isEnglish(l.locale) ? value.toFixed(1) : F.oneDecimal(l).format(value);
}

/** A number with one decimal, no unit: "12.5" (English, toFixed), "12,5" (German). */
export function oneDecimalIn(l: Localizer, value: number): string {
  if (isEnglish(l.locale)) return value.toFixed(1);
  return F.oneDecimal(l).format(value);
}

/** Hours with one decimal and a unit: "12.5 h" (English), "12,5 Std." (German). */
export function hoursIn(l: Localizer, ms: number): string {
  const value = Math.round((ms / HOUR) * 10) / 10;
  if (isEnglish(l.locale)) return `${value.toFixed(1)} h`;
  return F.hoursShort1(l).format(value);
}

/** A whole number the way the language writes it ("1,234" / "1.234"); English unchanged ("1234"). */
export function numberIn(l: Localizer, n: number): string {
  return isEnglish(l.locale) ? String(n) : F.integer(l).format(n);
}

const axisHours = unitFormat('hour', 'short', { maximumFractionDigits: 1 });

/** A chart's hour tick: "4 h" / "0.5 h" in English (unchanged), Intl's short hour unit elsewhere ("4 Std.", "0,5 Std."). */
export function axisHoursIn(l: Localizer, hours: number): string {
  return isEnglish(l.locale) ? `${hours} h` : axisHours(l).format(hours);
}

/** A chart's percent tick: "40%" in English (unchanged, no space to stay short), Intl's percent elsewhere ("40 %"). */
export function axisPercentIn(l: Localizer, r: number): string {
  return isEnglish(l.locale) ? `${Math.round(r * 100)}%` : F.percent(l).format(Math.round(r * 100) / 100);
}

/** "62 %" (English, with a space), Intl's percent elsewhere (German "62 %"); "n/a" translated for null. */
export function percentIn(l: Localizer, r: number | null): string {
  if (r === null) return l.t('n/a');
  if (isEnglish(l.locale)) return `${Math.round(r * 100)} %`;
  return F.percent(l).format(Math.round(r * 100) / 100);
}

/** Compact, floored to the minute like a clock: "2h 05m" / "45m" (English), "2 Std. 05 Min." / "45 Min." (German). */
export function durationIn(l: Localizer, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(minutes / 60), m = minutes % 60;
  if (isEnglish(l.locale)) return h === 0 ? `${m}m` : `${h}h ${String(m).padStart(2, '0')}m`;
  return h === 0 ? F.minutesShort(l).format(m) : `${F.hoursShort(l).format(h)} ${F.minutesShort2(l).format(m)}`;
}

/**
 * Spelled out for screen readers, zero hours left out: "2 Stunden 5 Minuten", "1 Stunde", "0 Minuten".
 * English keeps its own wording (host and views pass describeDuration for it).
 */
export function describeDurationIn(l: Localizer, ms: number, english: (ms: number) => string): string {
  if (isEnglish(l.locale)) return english(ms);
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  const h = Math.floor(minutes / 60), m = minutes % 60;
  const parts = [];
  if (h > 0) parts.push(F.hoursLong(l).format(h));
  if (m > 0 || h === 0) parts.push(F.minutesLong(l).format(m));
  return parts.join(' ');
}

const utcNoon = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) || 1, 12);

/** "March 2026" (English), "März 2026" (German) from '2026-03'. */
export function monthLabelIn(l: Localizer, month: string): string {
  if (isEnglish(l.locale)) return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  return F.monthYear(l).format(utcNoon(`${month}-01`));
}

/** "2 Mar" (English), "2. März" (German) from '2026-03-02'. */
export function shortDateIn(l: Localizer, date: string): string {
  if (isEnglish(l.locale)) return `${Number(date.slice(8, 10))} ${MONTH_SHORT[Number(date.slice(5, 7)) - 1]}`;
  return F.dayMonth(l).format(utcNoon(date));
}

/** Short weekday names Monday first: "Mon"… (English), "Mo"… (German). */
export function weekdaysIn(l: Localizer): readonly string[] {
  if (isEnglish(l.locale)) return WEEKDAY_SHORT;
  const format = F.weekday(l);
  // 2024-01-01 was a Monday.
  return WEEKDAY_SHORT.map((_, i) => format.format(Date.UTC(2024, 0, 1 + i, 12)));
}

/** A date and time for "last refreshed" lines, in the display language. */
export function dateTimeIn(l: Localizer, epochMs: number, timeZone?: string): string {
  return new Date(epochMs).toLocaleString(intlLocale(l.locale), timeZone ? { timeZone } : {});
}

/** The words for the activity categories (the values stay English in files and settings). */
export function categoryName(l: Localizer, category: string): string {
  switch (category) {
    case 'coding': return l.t('coding');
    case 'reading': return l.t('reading');
    case 'debugging': return l.t('debugging');
    case 'building': return l.t('building');
    case 'reviewing': return l.t('reviewing');
    case 'assisted': return l.t('assisted');
    default: return category;
  }
}
