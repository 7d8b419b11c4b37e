import { randomFillSync } from 'node:crypto';

/**
 * Random bytes handed out `size` at a time from a buffer refilled `draws` draws at a time. One call into the
 * CSPRNG per draw (randomBytes of a few bytes) cost ~2 % of the local host's CPU on SCIM creates, which draw
 * twice (the id, the version); Node pools randomUUID's entropy the same way.
 */
export class RandomPool {
  private readonly pool: Buffer;
  private offset: number;

  constructor(
    private readonly size: number,
    draws = 256,
  ) {
    this.pool = Buffer.alloc(size * draws);
    this.offset = this.pool.length;
  }

  /** The next `size` bytes, as the encoding gives them. */
  next(encoding: 'hex' | 'base64url'): string {
    if (this.offset >= this.pool.length) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    return this.pool.toString(encoding, this.offset, (this.offset += this.size));
  }
}
