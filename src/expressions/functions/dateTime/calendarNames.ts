/* en-US / invariant names: Entra renders dates in en-US (`M/d/yyyy h:mm:ss tt`, reference §1.1). */

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** 1..12 for a full or three-letter English month name (any case; "Sept" too), else undefined. */
export function monthFromName(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((m) => m.toLowerCase() === lower || m.slice(0, 3).toLowerCase() === lower || (lower === 'sept' && m === 'September'));
  return index < 0 ? undefined : index + 1;
}

export const abbreviation = (name: string): string => name.slice(0, 3);
