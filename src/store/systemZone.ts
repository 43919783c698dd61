// The machine's own time zone (an environment read, so it lives outside the pure core).
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
