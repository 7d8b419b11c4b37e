import { parseCsv } from '../../src/csv/parseCsv';
import { ValidationError } from '../../src/domain/errors';

describe('parseCsv', () => {
  const cases: { name: string; text: string; header: string[]; rows: Record<string, string>[]; lines?: number[] }[] = [
    { name: 'LF, no trailing newline', text: 'a,b\n1,2', header: ['a', 'b'], rows: [{ a: '1', b: '2' }] },
    { name: 'CRLF with trailing newline', text: 'a,b\r\n1,2\r\n3,4\r\n', header: ['a', 'b'], rows: [{ a: '1', b: '2' }, { a: '3', b: '4' }], lines: [2, 3] },
    { name: 'BOM', text: '\uFEFFWorkerID,Name\n7,Ann\n', header: ['WorkerID', 'Name'], rows: [{ WorkerID: '7', Name: 'Ann' }] },
    { name: 'empty fields', text: 'a,b,c\n,,\n1,,3\n', header: ['a', 'b', 'c'], rows: [{ a: '', b: '', c: '' }, { a: '1', b: '', c: '3' }] },
    { name: 'quoted comma', text: 'a,b\n"Director, Sales",x\n', header: ['a', 'b'], rows: [{ a: 'Director, Sales', b: 'x' }] },
    { name: 'doubled quotes', text: 'a\n"say ""hi"""\n', header: ['a'], rows: [{ a: 'say "hi"' }] },
    { name: 'quoted empty field', text: 'a,b\n"",x\n', header: ['a', 'b'], rows: [{ a: '', b: 'x' }] },
    {
      name: 'newline inside quotes moves the line count',
      text: 'a,b\n"1 Main St\nSuite 2",x\r\n"l1\r\nl2",y\nz,w\n',
      header: ['a', 'b'],
      rows: [{ a: '1 Main St\nSuite 2', b: 'x' }, { a: 'l1\r\nl2', b: 'y' }, { a: 'z', b: 'w' }],
      lines: [2, 4, 6],
    },
    { name: 'blank lines are skipped', text: 'a\n1\n\n2\n\n\n', header: ['a'], rows: [{ a: '1' }, { a: '2' }], lines: [2, 4] },
    { name: 'header only', text: 'a,b\r\n', header: ['a', 'b'], rows: [] },
    { name: 'header names are trimmed', text: ' a , b\n1,2\n', header: ['a', 'b'], rows: [{ a: '1', b: '2' }] },
    { name: 'cell spaces are kept', text: 'a\n  x  \n', header: ['a'], rows: [{ a: '  x  ' }] },
    { name: 'quoted field at end of file', text: 'a,b\n1,"2"', header: ['a', 'b'], rows: [{ a: '1', b: '2' }] },
    { name: 'a lone CR is data', text: 'a\nx\ry\n', header: ['a'], rows: [{ a: 'x\ry' }] },
    { name: 'unicode', text: 'n\nZoë O\'Brien\n', header: ['n'], rows: [{ n: "Zoë O'Brien" }] },
  ];
  it.each(cases)('$name', ({ text, header, rows, lines }) => {
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual(header);
    expect(parsed.rows).toEqual(rows);
    if (lines) expect(parsed.rowLines).toEqual(lines);
  });

  const errors: { name: string; text: string; message: RegExp }[] = [
    { name: 'empty file', text: '', message: /line 1: the file is empty/ },
    { name: 'only a BOM', text: '\uFEFF', message: /line 1: the file is empty/ },
    { name: 'too few fields', text: 'a,b\n1,2\n3\n', message: /line 3: expected 2 fields as in the header, found 1/ },
    { name: 'too many fields', text: 'a,b\n1,2,3\n', message: /line 2: expected 2 fields/ },
    { name: 'unterminated quote names the line it opened on', text: 'a\nx\n"abc\ndef\n', message: /line 3: a quoted field is not closed/ },
    { name: 'text after closing quote', text: 'a\n"abc"d\n', message: /line 2: unexpected "d" after a closing quote/ },
    { name: 'quote inside unquoted field', text: 'a\nab"c\n', message: /line 2: a quote inside an unquoted field/ },
    { name: 'duplicate header', text: 'a,a\n1,2\n', message: /line 1: header column "a" appears twice/ },
    { name: 'empty header name', text: 'a,,c\n1,2,3\n', message: /line 1: header column 2 has no name/ },
  ];
  it.each(errors)('rejects: $name', ({ text, message }) => {
    expect(() => parseCsv(text)).toThrow(ValidationError);
    expect(() => parseCsv(text)).toThrow(message);
  });
});
