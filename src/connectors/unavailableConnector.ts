import { PermanentError } from '../domain/errors';
import type { TargetConnector } from './targetConnector';

/**
 * Stands in for a target that cannot be configured (e.g. its token setting is missing), so that every object
 * ends in a failure log entry that says why, instead of messages silently dead-lettering.
 */
export function unavailableConnector(displayName: string, reason: string, code: string): TargetConnector {
  const fail = (): never => {
    throw new PermanentError(reason, { code });
  };
  return { displayName, getById: async () => fail(), findByAttribute: async () => fail(), create: async () => fail(), update: async () => fail(), delete: async () => fail() };
}
