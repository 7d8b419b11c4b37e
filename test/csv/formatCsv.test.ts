import { formatCsv } from '../../src/csv/formatCsv';
import { parseCsv } from '../../src/csv/parseCsv';

describe('formatCsv', () => {
  const cases: { name: string; value: string; written: string }[] = [
    { name: 'plain', value: 'Sales', written: 'Sales' },
    { name: 'comma', value: 'Director, Sales', written: '"Director, Sales"' },
    { name: 'quote', value: 'say "hi"', written: '"say ""hi"""' },
    { name: 'newline', value: 'a\nb', written: '"a\nb"' },
    { name: 'leading space', value: ' x', written: '" x"' },
    { name: 'empty', value: '', written: '' },
    { name: 'apostrophe needs nothing', value: "O'Brien", written: "O'Brien" },
  ];
  it.each(cases)('writes $name', ({ value, written }) => {
    expect(formatCsv(['a'], [{ a: value }])).toBe(`a\r\n${written}\r\n`);
  });

  it('round-trips through parseCsv', () => {
    const rows = cases.map(({ value }, i) => ({ id: String(i), v: value }));
    expect(parseCsv(formatCsv(['id', 'v'], rows)).rows).toEqual(rows);
  });
});
