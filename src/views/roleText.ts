// Why each role has its floors (core/roles.ts ROLE_INFO.reasoning, also in docs/metrics.md), worded in the
// display language for the role picker. The English here is core's, word for word (a unit test compares
// them), so the bundle's keys follow it.
import type { Role } from '../core/roles';
import { ENGLISH, type Localizer } from '../shared/locale';

export function roleReasoning(role: Role, l: Localizer = ENGLISH): string {
  switch (role) {
    case 'engineer':
      return l.t('Building is the job. About half of a 40-hour week hands-on (20 h) is what remains after reviews, planning and team rituals; below 60 % craft ratio the calendar, not the code, is setting the pace.');
    case 'senior':
      return l.t('Still mostly building, with more design reviews, mentoring and cross-team talk: 18 h and 55 % leave room for that while keeping the code the main output.');
    case 'staff':
      return l.t('Staff engineers lead through technical work: prototypes, critical paths, reviews. Around two hands-on days a week (14 h) and under half of the calendar in meetings keep their judgement grounded in code.');
    case 'principal':
      return l.t('Principals spend much of their week aligning people, which is the point of the role, but their authority rests on staying close to the code: 10 h a week (a solid day and a half) and 40 % craft ratio are the least that keeps reviews and designs informed by hands-on reality.');
    case 'manager':
      return l.t('Managers are not expected to ship features, but half a day a week of reading code, reviewing and running the build keeps them able to judge estimates and risks; 12 % of a meeting-heavy week.');
    case 'director':
      return l.t('Directors decide on architecture, hiring and investment; half a day a week hands-on (4 h, 10 % of a very full calendar) is a small, protectable habit that keeps those decisions technical.');
    case 'executive':
      return l.t('For executives the floor is symbolic but real: two hours a week with the code (5 % of the calendar) is enough to keep a feel for the tools and the codebase their organisation works in.');
  }
}
