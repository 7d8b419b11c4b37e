/**
 * A string property holds 64 KiB of UTF-16, i.e. 32,768 characters (Azurite enforces the same). We stop
 * at 32,000 to leave room, and callers validate against this before staging.
 */
export const MAX_TABLE_STRING_CHARS = 32_000;
