import { ValidationError } from '../domain/errors';

/**
 * A cursor over a path or filter text that fails with a SCIM error naming what was expected and where
 * (1-based character position), so a caller can fix the mapping or request without guessing.
 */
export class ScimTextReader {
  pos = 0;

  constructor(
    readonly text: string,
    private readonly scimType: 'invalidPath' | 'invalidFilter',
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  skipSpaces(): boolean {
    const start = this.pos;
    while (!this.done && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
    return this.pos > start;
  }

  /** Reads characters until one of `stop` or whitespace (or the end). */
  readUntil(stop: string): string {
    const start = this.pos;
    while (!this.done) {
      const ch = this.text[this.pos] ?? '';
      if (stop.includes(ch) || /\s/.test(ch)) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}" but found ${this.describeHere()}`);
    this.pos++;
  }

  /** `"x"` for the character at the cursor, or `the end`. */
  describeHere(at = this.pos): string {
    const ch = this.text[at];
    if (ch === undefined) return 'the end';
    return ch === '"' ? `'"'` : `"${ch}"`;
  }

  fail(message: string, at = this.pos): never {
    const kind = this.scimType === 'invalidPath' ? 'attribute path' : 'filter';
    // Filters may be 10,000 characters long; an error message echoes only their start.
    const shown = this.text.length > 200 ? `${this.text.slice(0, 200)}…` : this.text;
    throw new ValidationError([{ path: '', message: `Invalid ${kind} "${shown}": ${message} at position ${at + 1}` }], {
      scimType: this.scimType,
    });
  }
}
