// Which calendar events count as meetings (DESIGN.md "Meetings") and which mark a day off.
// Rules are evaluated once per event (a series' master, or one override), never per occurrence.
import type { RawEvent } from './parseIcs';
import { parseParams } from './parseIcs';

import { DEFAULT_IGNORE_PATTERNS } from '../core/ignorePatterns';

export { DEFAULT_IGNORE_PATTERNS };

/**
 * Title patterns of all-day events that mark a day off (TimeOffDay), in addition to Outlook's
 * X-MICROSOFT-CDO-BUSYSTATUS:OOF. Narrower than the ignore list: a "Focus" all-day event is not a day off.
 */
export const TIME_OFF_PATTERNS: readonly string[] = [
  '\\bout of (?:the )?office\\b',
  '\\bOO[OF]\\b',
  '\\bvacation\\b',
  '\\bholidays?\\b',
  '\\bPTO\\b',
  '\\b(?:on |annual |parental |sick )leave\\b',
  '\\bday off\\b',
  '\\bsick\\b',
];

export interface FilterRules {
  /** The owner's addresses, lower-cased, without "mailto:". */
  readonly myEmails: ReadonlySet<string>;
  readonly ignore: readonly RegExp[];
  readonly timeOff: readonly RegExp[];
  /** Count events the owner answered "tentative" (or marked tentative/busy-tentative). Default true. */
  readonly includeTentative: boolean;
}

export interface FilterOptions {
  readonly myEmails?: readonly string[];
  /** Title patterns; defaults to DEFAULT_IGNORE_PATTERNS. Pass [] to turn them off. */
  readonly ignorePatterns?: readonly string[];
  readonly includeTentative?: boolean;
}

/** Compiles options; invalid patterns are returned as problems instead of throwing. */
export function compileRules(options: FilterOptions): { rules: FilterRules; problems: string[] } {
  const problems: string[] = [];
  const compile = (patterns: readonly string[]) =>
    patterns.flatMap((p) => {
      try {
        return [new RegExp(p, 'iu')];
      } catch {
        problems.push(`The ignore pattern "${p}" is not a valid regular expression; it was left out.`);
        return [];
      }
    });
  return {
    rules: {
      myEmails: new Set((options.myEmails ?? []).map(normalizeAddress).filter((a) => a.length > 0)),
      ignore: compile(options.ignorePatterns ?? DEFAULT_IGNORE_PATTERNS),
      timeOff: compile(TIME_OFF_PATTERNS),
      includeTentative: options.includeTentative ?? true,
    },
    problems,
  };
}

export function normalizeAddress(address: string): string {
  return address.trim().replace(/^mailto:/i, '').trim().toLowerCase();
}

/** The owner's PARTSTAT on the event (upper-case), when one of the attendees is the owner. */
export function ownerPartstat(event: RawEvent, myEmails: ReadonlySet<string>): string | undefined {
  if (myEmails.size === 0) return undefined;
  let answer: string | undefined;
  for (const a of event.attendees) {
    if (!myEmails.has(normalizeAddress(a.value))) continue;
    const partstat = (parseParams(a.params).get('partstat') ?? 'NEEDS-ACTION').toUpperCase();
    // If the owner is listed twice, a decline anywhere wins (Outlook repeats delegates).
    if (answer !== 'DECLINED') answer = partstat;
  }
  return answer;
}

/** Why a (timed) event is not a meeting, or undefined when it is one. Reasons are for tests and stats. */
export function exclusionReason(event: RawEvent, rules: FilterRules): string | undefined {
  if (event.status === 'CANCELLED') return 'cancelled';
  if (event.transp === 'TRANSPARENT') return 'free';
  const busy = event.busyStatus;
  if (busy === 'FREE') return 'free';
  if (busy === 'OOF') return 'out of office';
  if (busy === 'WORKINGELSEWHERE') return 'free';
  const partstat = ownerPartstat(event, rules.myEmails);
  if (partstat === 'DECLINED') return 'declined';
  if (!rules.includeTentative && (partstat === 'TENTATIVE' || event.status === 'TENTATIVE' || busy === 'TENTATIVE')) return 'tentative';
  const title = event.summary ?? '';
  if (title && rules.ignore.some((r) => r.test(title))) return 'ignored title';
  return undefined;
}

/** True when an all-day event marks the owner's day off. */
export function isTimeOff(event: RawEvent, rules: FilterRules): boolean {
  if (event.status === 'CANCELLED') return false;
  if (ownerPartstat(event, rules.myEmails) === 'DECLINED') return false;
  if (event.busyStatus === 'OOF') return true;
  const title = event.summary ?? '';
  return title.length > 0 && rules.timeOff.some((r) => r.test(title));
}
