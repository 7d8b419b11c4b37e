import type { DirectoryChangeSink } from '../directoryChangeSink';
import type { ScimUserStore } from '../scimUserStore';

export interface ScimUsersDeps {
  users: ScimUserStore;
  /** The single bearer token SCIM clients present (Entra's "Secret Token"). */
  token: string;
  now?: () => Date;
  /** Told about every successful write (the gateway); none by default. */
  changes?: DirectoryChangeSink;
}

export type ResolvedScimUsersDeps = Required<ScimUsersDeps>;
