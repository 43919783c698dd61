// Escaping for text placed into generated HTML and Markdown. Pure; shared by every renderer.

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for an HTML text node or a quoted attribute value. Anything that is not a string is converted
 * with String() first, so numbers and null can be passed directly.
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Escapes text for Markdown inline content (paragraphs, list items, table cells): every CommonMark
 * punctuation character that can start or end markup is backslash-escaped, `|` so table cells stay cells,
 * and line breaks become spaces so one value cannot start a new block. `<` and `>` are escaped too, so raw
 * HTML in a value never renders.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value)
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (c) => `\\${c}`);
}
