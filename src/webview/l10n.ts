// The webview's display language: read once from the page the host wrote (dashboardHtml.ts puts the locale
// and the loaded vscode.l10n bundle on <html>), before any text is built. English without them (tests).
import { bundleLocalizer, ENGLISH, type Localizer } from '../shared/locale';

function readLocalizer(): Localizer {
  if (typeof document === 'undefined' || !document.documentElement) return ENGLISH;
  const { locale, l10n } = document.documentElement.dataset;
  let bundle: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(l10n ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) bundle = parsed as Record<string, string>;
  } catch {
    // A damaged bundle leaves the page in English rather than blank.
  }
  return bundleLocalizer(locale || 'en', bundle);
}

export const l: Localizer = readLocalizer();
