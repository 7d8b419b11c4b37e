const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Milliseconds since the epoch of an xsd:dateTime (RFC 7643 §2.3.5), or undefined for anything else.
 * One without a zone is taken as UTC rather than as the host's local time; digits beyond milliseconds are
 * dropped (Date's precision).
 */
export function parseScimDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, base, fraction, zone] = match;
  const time = Date.parse(`${(base ?? '').toUpperCase()}${fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : ''}${(zone ?? 'Z').toUpperCase()}`);
  return Number.isNaN(time) ? undefined : time;
}

