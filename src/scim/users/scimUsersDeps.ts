import type { ScimUserStore } from '../scimUserStore';

export interface ScimUsersDeps {
  users: ScimUserStore;
  /** The single bearer token SCIM clients present (Entra's "Secret Token"). */
  token: string;
  now?: () => Date;
}

export type ResolvedScimUsersDeps = Required<ScimUsersDeps>;
