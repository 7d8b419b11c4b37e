import { ConflictError } from '../../domain/errors';

/**
 * Entra may send several PATCHes for one resource close together; a read-modify-write that lost the race on
 * the version is redone from a fresh read, unless the client pinned a version with If-Match (then the 412 is
 * the answer it asked for, RFC 7644 §3.14).
 */
const ATTEMPTS = 3;

export async function retryLostRace<T>(pinned: boolean, attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      const lost = error instanceof ConflictError && error.scimType === 'invalidVers' && !pinned;
      if (!lost || round >= ATTEMPTS) throw error;
    }
  }
}
