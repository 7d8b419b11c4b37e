import { ExpressionEvaluationError } from '../../ExpressionEvaluationError';

/** .NET DateTimeStyles flags that FormatDateTime's second argument names (reference §1.2). */
export interface DateTimeStyles {
  adjustToUniversal: boolean;
  assumeUniversal: boolean;
  /** No local zone here: local time is UTC, as on Entra's hosts. */
  assumeLocal: boolean;
  roundtripKind: boolean;
  allowLeadingWhite: boolean;
  allowTrailingWhite: boolean;
  allowInnerWhite: boolean;
  noCurrentDateDefault: boolean;
}

type Flag = keyof DateTimeStyles;

const NAMES: Readonly<Record<string, readonly Flag[]>> = {
  none: [],
  adjusttouniversal: ['adjustToUniversal'],
  assumeuniversal: ['assumeUniversal'],
  assumelocal: ['assumeLocal'],
  roundtripkind: ['roundtripKind'],
  allowleadingwhite: ['allowLeadingWhite'],
  allowtrailingwhite: ['allowTrailingWhite'],
  allowinnerwhite: ['allowInnerWhite'],
  allowwhitespaces: ['allowLeadingWhite', 'allowTrailingWhite', 'allowInnerWhite'],
  nocurrentdatedefault: ['noCurrentDateDefault'],
};

const NONE: DateTimeStyles = {
  adjustToUniversal: false,
  assumeUniversal: false,
  assumeLocal: false,
  roundtripKind: false,
  allowLeadingWhite: false,
  allowTrailingWhite: false,
  allowInnerWhite: false,
  noCurrentDateDefault: false,
};

/** Entra's default when the slot is empty: RoundtripKind + AllowLeadingWhite + AllowTrailingWhite (reference §1.2). */
export const DEFAULT_DATE_TIME_STYLES: Readonly<DateTimeStyles> = { ...NONE, roundtripKind: true, allowLeadingWhite: true, allowTrailingWhite: true };

/**
 * Reads "AdjustToUniversal, AllowWhiteSpaces" (names joined by commas, as .NET's Enum.Parse takes them).
 * Names are matched ignoring case. Named styles replace the default rather than add to it. Combinations
 * .NET rejects with an ArgumentException are rejected here too.
 */
export function parseDateTimeStyles(text: string | null): DateTimeStyles {
  if (text === null || text.trim() === '') return { ...DEFAULT_DATE_TIME_STYLES };
  const styles = { ...NONE };
  for (const name of text.split(',')) {
    const flags = NAMES[name.trim().toLowerCase()];
    if (!flags) throw new ExpressionEvaluationError(`FormatDateTime: unknown dateTimeStyles name '${name.trim()}'; use None, AdjustToUniversal, AssumeUniversal, AssumeLocal, RoundtripKind, AllowLeadingWhite, AllowTrailingWhite, AllowInnerWhite, AllowWhiteSpaces or NoCurrentDateDefault, joined with commas`);
    for (const flag of flags) styles[flag] = true;
  }
  if (styles.roundtripKind && (styles.adjustToUniversal || styles.assumeLocal || styles.assumeUniversal)) {
    throw new ExpressionEvaluationError('FormatDateTime: RoundtripKind cannot be combined with AdjustToUniversal, AssumeLocal or AssumeUniversal (.NET rejects it)');
  }
  if (styles.assumeLocal && styles.assumeUniversal) throw new ExpressionEvaluationError('FormatDateTime: AssumeLocal and AssumeUniversal exclude each other');
  return styles;
}
