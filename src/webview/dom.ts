// Tiny DOM helpers: elements are built with setAttribute and textContent only (never innerHTML), so text
// that came from outside (workspace names, languages, calendar labels) can only ever be text.
import { durationIn, hoursIn, monthLabelIn, percentIn, shortDateIn, weekdaysIn } from '../shared/locale';
import { l } from './l10n';

const SVG_NS = 'http://www.w3.org/2000/svg';

type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

function apply(el: Element, attrs: Attrs, children: readonly Child[]): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'style' || k.startsWith('on')) throw new Error(`Refusing to set ${k} (CSP and safety).`);
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, children);
  return el;
}

/** Removes every child. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Replaces the children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  clear(el);
  apply(el, {}, children);
}

/** "3h 05m" / "3 Std. 05 Min." (floor to the minute, like the status bar). */
export function duration(ms: number): string {
  return durationIn(l, ms);
}

/** "12.5 h" / "12,5 Std.". */
export function hours(ms: number): string {
  return hoursIn(l, ms);
}

export function percent(r: number | null): string {
  return percentIn(l, r);
}

export const WEEKDAYS = weekdaysIn(l);

/** "2 Mar" / "2. März". */
export function shortDate(date: string): string {
  return shortDateIn(l, date);
}

/** "March 2026" / "März 2026". */
export function monthName(month: string): string {
  return monthLabelIn(l, month);
}
