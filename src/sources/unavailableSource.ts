import { PermanentError } from '../domain/errors';
import type { SourceConnector } from './sourceConnector';

/**
 * Stands in for a source that cannot be configured (its token setting is missing), so that the cycle fails with
 * a reason an operator can act on. `code` decides what the cycle does about it (see createSourceConnector).
 */
export function unavailableSource(displayName: string, reason: string, code: string): SourceConnector {
  const fail = (): never => {
    throw new PermanentError(reason, { code });
  };
  return { displayName, readPage: async () => fail(), readObject: async () => fail() };
}
