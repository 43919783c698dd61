// What a member is shown before a contribution is sealed (CLI without --yes, and Review and Send in VS Code).
// The CLI words it in English; VS Code in the display language (the same sentences through its Localizer).
import { serializeSealedContribution, type SealedContribution } from '../core/team/contribution';
import { ENGLISH, type Localizer } from '../shared/locale';

/** Sentences explaining what the file holds, who can read it, and what it never holds. */
export function contributionExplanation(l: Localizer): string[] {
  return [
    l.t("This is the exact text that will be signed with your key and sealed (encrypted) to the team's report key."),
    l.t('It holds: the team id, the month, your role, your edge state, when it was written, and for each completed week of the month: hands-on, meeting and assisted hours (rounded to the half hour), craft ratio (rounded to 5 %) and the number of deep-work blocks (runs of at least 45 minutes).'),
    l.t('It never holds: your name or e-mail, workspaces, repositories, files, languages, meeting titles or attendees, days or times of day, or anything per day.'),
    l.t("Only the steward's report tool can open it, in memory, and it shows only groups of at least the team's minimum size, with noise. A copy of this text is kept in your data folder (team/sent.json). Leaving deletes your files."),
  ];
}

/** The full preview (the CLI's, in English): where it goes, the exact plaintext, and the explanation. */
export function contributionPreview(contribution: SealedContribution, file: string): string {
  return [`Would seal and write ${file}:`, '', serializeSealedContribution(contribution).trimEnd(), '', ...contributionExplanation(ENGLISH), ''].join('\n');
}
