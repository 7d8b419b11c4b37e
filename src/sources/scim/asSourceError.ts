import { IdbridgeError } from '../../domain/errors';

/**
 * The SCIM client's classifiers (src/connectors/scim) were written for targets and say so in their messages.
 * A source reuses them for the classes and codes, which quarantine acts on, and gets its own words here so
 * that an operator is not sent to check a target's token. Codes, classes and causes are kept.
 */
export function asSourceError(thrown: unknown): unknown {
  if (!(thrown instanceof IdbridgeError)) return thrown;
  thrown.message = thrown.message
    .replace('SCIM target', 'SCIM source')
    .replace("check the target's secret token", "check the source's token (the app setting named by source.tokenSetting)")
    .replace('(check baseUrl)', '(check source.baseUrl)');
  return thrown;
}
