import { PermanentError } from '../domain/errors';

/** Where the sweep stands: the object type (by position in the job's read order) and the listing's token. */
export interface SweepPosition {
  typeIndex: number;
  continuationToken?: string;
}

/** Kept in CycleProgress.cursor during the sweep phase; JSON, since only the cycle reads it. */
export function encodeSweepCursor(position: SweepPosition): string {
  return JSON.stringify(position.continuationToken === undefined ? { t: position.typeIndex } : { t: position.typeIndex, c: position.continuationToken });
}

export function decodeSweepCursor(cursor: string | undefined): SweepPosition {
  if (cursor === undefined) return { typeIndex: 0 };
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && 't' in value && Number.isInteger(value.t) && (value.t as number) >= 0) {
    const token = 'c' in value ? value.c : undefined;
    if (token === undefined) return { typeIndex: value.t as number };
    if (typeof token === 'string') return { typeIndex: value.t as number, continuationToken: token };
  }
  throw new PermanentError(`the sweep cursor ${JSON.stringify(cursor)} is not one this version writes`, { code: 'SweepCursorInvalid' });
}
