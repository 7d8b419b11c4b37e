import { ValidationError } from '../domain/errors';

/** A parsed CSV file: the header and one object per data row, keyed by header name. */
export interface ParsedCsv {
  header: string[];
  rows: Record<string, string>[];
  /** 1-based line of the file on which each row starts (a quoted field may span lines), for error messages. */
  rowLines: number[];
}

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields optionally quoted with
 * `"` (a doubled `""` inside is one quote; commas and line breaks inside quotes are data). A leading
 * UTF-8 BOM and a trailing line break are ignored, and so are blank lines, which HR exports often end with.
 *
 * Stricter than many parsers on purpose: a row with the wrong number of fields, a stray quote inside an
 * unquoted field, or an unterminated quote is an error naming the line, because guessing would
 * silently provision the wrong value into the wrong attribute.
 */
export function parseCsv(text: string): ParsedCsv {
  const records = readRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const first = records[0];
  if (!first) throw csvError(1, 'the file is empty: expected a header line');
  const header = first.fields.map((name) => name.trim());
  checkHeader(header, first.line);

  const rows: Record<string, string>[] = [];
  const rowLines: number[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.length) {
      throw csvError(record.line, `expected ${header.length} fields as in the header, found ${record.fields.length}`);
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = record.fields[i] ?? '';
    });
    rows.push(row);
    rowLines.push(record.line);
  }
  return { header, rows, rowLines };
}

interface RawRecord {
  line: number;
  fields: string[];
}

function checkHeader(header: string[], line: number): void {
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === '') throw csvError(line, `header column ${i + 1} has no name`);
    if (seen.has(name)) throw csvError(line, `header column "${name}" appears twice`);
    seen.add(name);
  });
}

/** A single pass over the characters; `line` counts physical lines so that errors point at the file. */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let line = 1;
  let pos = 0;
  while (pos < text.length) {
    const start = line;
    const startsQuoted = text[pos] === '"';
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field: string;
      if (text[pos] === '"') {
        const openedOn = line;
        let value = '';
        pos++;
        for (;;) {
          if (pos >= text.length) throw csvError(openedOn, 'a quoted field is not closed before the end of the file');
          const ch = text[pos];
          if (ch === '"') {
            if (text[pos + 1] === '"') {
              value += '"';
              pos += 2;
              continue;
            }
            pos++;
            break;
          }
          if (ch === '\n') line++;
          value += ch;
          pos++;
        }
        const next = text[pos];
        if (pos < text.length && next !== ',' && next !== '\n' && !(next === '\r' && text[pos + 1] === '\n')) {
          throw csvError(line, `unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a quoted field must be doubled)`);
        }
        field = value;
      } else {
        let end = pos;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && !(text[end] === '\r' && text[end + 1] === '\n')) {
          if (text[end] === '"') throw csvError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          end++;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);

      if (text[pos] === ',') {
        pos++;
      } else {
        if (pos < text.length) {
          pos += text[pos] === '\r' ? 2 : 1;
          line++;
        }
        endOfRecord = true;
      }
    }
    const blank = fields.length === 1 && fields[0] === '' && !startsQuoted;
    if (!blank) records.push({ line: start, fields });
  }
  return records;
}

function csvError(line: number, message: string): ValidationError {
  return new ValidationError([{ path: `line ${line}`, message }], { code: 'CsvSyntax', scimType: 'invalidSyntax' });
}
