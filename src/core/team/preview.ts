// What a member is shown before a contribution is written (CLI without --yes, and the VS Code opt-in).
import { serializeContribution, type Contribution } from './contribution';

/** Plain-text lines explaining what the file holds and what it never holds. */
export const CONTRIBUTION_EXPLANATION: readonly string[] = [
  'This file holds: a random member id made on this machine (not derived from your name or e-mail), your role,',
  'the month, your edge state, the time the file was written, and for each completed week of the month: hands-on',
  'hours and meeting hours (rounded to the half hour), craft ratio (rounded to 5 %) and the number of deep-work blocks.',
  'It never holds: your name or e-mail, workspaces, repositories, files, languages, meeting titles or attendees,',
  'days or times of day, or anything per day.',
  'Anyone who can read the team folder can read this file; the team report shows only groups of at least the',
  'minimum size. You can stop contributing and delete your files at any time.',
];

/** The full preview: where it goes, the exact bytes, and the explanation. */
export function contributionPreview(contribution: Contribution, file: string): string {
  return [`Would write ${file}:`, '', serializeContribution(contribution).trimEnd(), '', ...CONTRIBUTION_EXPLANATION, ''].join('\n');
}
