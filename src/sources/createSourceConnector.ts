import { SCIM_ERROR_CODES } from '../connectors/scim/scimErrorCodes';
import type { ScimTransport } from '../connectors/scim/scimTransport';
import { isBuiltInDirectorySource } from '../domain/isBuiltInDirectorySource';
import type { JobDefinition } from '../domain/jobDefinition';
import type { ScimResourceStore } from '../scim/store/scimResourceStore';
import { DirectorySourceConnector } from './directory/DirectorySourceConnector';
import { readSourceToken } from './readSourceToken';
import { ScimSourceConnector } from './scim/ScimSourceConnector';
import type { SourceConnector } from './sourceConnector';
import { sourceObjectTypesOf } from './sourceObjectType';
import { unavailableSource } from './unavailableSource';

export interface SourceConnectorDeps {
  /** App settings (process.env in a worker): where `source.tokenSetting` is looked up, at each call. */
  env: Record<string, string | undefined>;
  /** The built-in directory (Services.directory). */
  directory: ScimResourceStore;
  /** Send SCIM requests through this transport (tests); the default is node:http(s) with keep-alive. */
  transport?: ScimTransport;
  now?: () => Date;
}

/**
 * The pull source of a job (Services.sourceFor), or undefined for a job whose source only pushes
 * (`inboundApi`: bulk uploads stage records as they arrive; there is nothing to read). Cheap to call per page:
 * the token is read from its app setting on every call, so a rotated token needs no restart, and SCIM sources
 * share one keep-alive pool.
 *
 * A missing token setting yields a source whose every read fails with SCIM_ERROR_CODES.unauthorized: like a
 * token the source refuses, it will not mend by retrying, and quarantine (daily retries, then disabling) is
 * what Entra does about bad credentials (reference/entra-engine.md §8).
 */
export function createSourceConnector(job: JobDefinition, deps: SourceConnectorDeps): SourceConnector | undefined {
  const source = job.source;
  if (source.type === 'inboundApi') return undefined;
  const objectTypes = sourceObjectTypesOf(job);
  const now = deps.now ?? (() => new Date());
  // isBuiltInDirectorySource is the test; the second half says the same to the compiler.
  if (isBuiltInDirectorySource(source) || source.baseUrl === undefined) return new DirectorySourceConnector({ store: deps.directory, pageSize: source.pageSize, objectTypes, now });
  const tokenSetting = source.tokenSetting ?? '';
  const token = readSourceToken(deps.env, tokenSetting);
  const displayName = `SCIM source (${new URL(source.baseUrl).host})`;
  if (token === undefined) {
    return unavailableSource(displayName, `The app setting '${tokenSetting}' named by source.tokenSetting is not set, so the source cannot be read`, SCIM_ERROR_CODES.unauthorized);
  }
  return new ScimSourceConnector({
    baseUrl: source.baseUrl,
    token,
    timeoutInMs: source.timeoutInMs,
    pageSize: source.pageSize,
    objectTypes,
    displayName,
    now,
    ...(deps.transport === undefined ? {} : { transport: deps.transport }),
  });
}
