import type { DirectoryChangeSink } from '../directoryChangeSink';
import type { ScimSchemaRegistry } from '../schema/scimSchemaRegistry';
import type { ScimResourceStore } from '../store/scimResourceStore';

/** What the SCIM service's operations need; the HTTP handlers and Bulk build it once from Services. */
export interface ScimServiceDeps {
  store: ScimResourceStore;
  registry: ScimSchemaRegistry;
  /** Told about every successful write (the gateway, issue 4). */
  changes: DirectoryChangeSink;
  now(): Date;
}
