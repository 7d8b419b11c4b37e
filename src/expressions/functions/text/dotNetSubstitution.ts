import type { DotNetRegex } from '../../translateDotNetRegex';

/**
 * Expands a .NET replacement pattern for one match: $number and ${name} (the longest group number that
 * exists; an unknown group stays literal text, as in .NET), $$, $&, $`, $', $+ (the last group) and $_
 * (the whole input). JavaScript's own replacement syntax differs ($<name>), so it is not used.
 */
export function expandSubstitution(replacement: string, match: RegExpMatchArray, input: string, regex: DotNetRegex): string {
  const groupText = (index: number | undefined): string => (index === undefined ? '' : (match[index] ?? ''));
  const byNumber = (n: number): number | undefined => regex.groupIndexByNumber.get(n);
  let result = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    const next = replacement[i + 1] ?? '';
    if (c !== '$' || next === '') {
      result += c;
      continue;
    }
    if (next === '{') {
      const close = replacement.indexOf('}', i + 2);
      const name = close < 0 ? '' : replacement.slice(i + 2, close);
      const index = /^\d+$/.test(name) ? byNumber(Number(name)) : regex.groupIndexByName.get(name);
      if (index !== undefined) {
        result += groupText(index);
        i = close;
        continue;
      }
    } else if (/\d/.test(next)) {
      let digits = /^\d+/.exec(replacement.slice(i + 1))?.[0] ?? '';
      while (digits !== '' && byNumber(Number(digits)) === undefined) digits = digits.slice(0, -1);
      if (digits !== '') {
        result += groupText(byNumber(Number(digits)));
        i += digits.length;
        continue;
      }
    } else {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const lastGroup = byNumber(regex.groupIndexByNumber.size - 1);
      const special: Record<string, string> = {
        $: '$',
        '&': match[0],
        '`': input.slice(0, start),
        "'": input.slice(end),
        '+': groupText(lastGroup),
        _: input,
      };
      const expanded = special[next];
      if (expanded !== undefined) {
        result += expanded;
        i++;
        continue;
      }
    }
    result += c;
  }
  return result;
}
